"""Whole-article field cases found by the blind evaluation: per-unit totals, organiser cues, degrees, names."""

from __future__ import annotations

import pytest

from extract import extract_article
from extract.numbers import counts
from records import Article


def _event(title: str, text: str) -> dict:
    """The main event of a small article published on 3 May 2024."""
    result = extract_article(Article(url="https://contoh.example/a", title=title, text=text,
                                     published="2024-05-03", id="a"))
    assert result.events, "no event found"
    return result.events[0].to_record()


@pytest.mark.parametrize(
    "sentence",
    ["Anggaran Rp 5 juta untuk masing-masing desa dari 15 desa.",
     "Masing-masing desa menerima bantuan 2 unit komputer dari 15 desa sasaran."],
)
def test_per_unit_never_multiplies_money_or_things(sentence: str) -> None:
    assert not counts(sentence)


_LEAD = "Pelatihan itu berlangsung di Aula Kantor Bupati, Kamis (2/5/2024)."


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("132 Pengelola BUMDes Ikuti Bimtek", f"KALIANDA – Bimtek pengelolaan BUMDes digelar. {_LEAD}", 132),
        ("Pengelola BUMDes Ikuti Bimtek", f"KALIANDA – Bimtek pengelolaan BUMDes digelar. {_LEAD}", None),
        ("Pemkab Targetkan 200 Kader Dilatih", f"MUARA TEWEH – Pelatihan kader posyandu digelar. {_LEAD}", None),
        ("132 Pengelola BUMDes Ikuti Bimtek",
         f"KALIANDA – Bimtek pengelolaan BUMDes diikuti 90 peserta. {_LEAD}", 90),
    ],
)
def test_participants_from_the_title_only_as_fallback(title: str, text: str, expected: int | None) -> None:
    assert _event(title, text).get("participants") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KUPANG – Pemerintah Kota Kupang menggelar pelatihan pengurus LPM, Kamis (2/5/2024). Penyelenggara "
         "kegiatan ialah Bagian Pemerintahan Umum Setda Kota Kupang.", "Bagian Pemerintahan Umum Setda Kota Kupang"),
        ("KALIANDA – Bimtek pengelolaan BUMDes dibuka bupati, Kamis (2/5/2024). Penyelenggara kegiatan, Dinas PMD "
         "Lampung Selatan, menghadirkan narasumber dari provinsi.", "Dinas PMD Lampung Selatan"),
        ("SAMPIT – Pelatihan kader KPMD digelar di Sampit, Kamis (2/5/2024). Kepala Dinas Pemberdayaan Masyarakat "
         "dan Desa (DPMD) Kotim, Budi Santoso, selaku penyelenggara mengatakan pelatihan penting.", "DPMD Kotim"),
        ("PALU – Sosialisasi bagi ketua RT dan RW berlangsung di Palu, Kamis (2/5/2024). Panitia penyelenggara dari "
         "Bagian Tata Pemerintahan Setda Kota Palu menyiapkan materi.", "Bagian Tata Pemerintahan Setda Kota Palu"),
        ("KUPANG – Sebanyak 40 pengurus LPM mengikuti pelatihan di Hotel Aston, Kamis (2/5/2024).\n\n"
         "Pelatihan dibuka Wali Kota Kupang, Budi Santoso.\n\n\"Kami berharap LPM makin aktif,\" ujar Budi.\n\n"
         "Kegiatan yang digelar oleh Bagian Tata Pemerintahan Setda Kota Kupang itu berlangsung dua hari.",
         "Bagian Tata Pemerintahan Setda Kota Kupang"),
        ("KUALA KAPUAS – Sebanyak 40 kader KPMD mengikuti pelatihan di Aula Bappeda Kapuas, Kamis (2/5/2024). "
         "Pelatihan dibuka Kepala Dinas Sosial, Budi Santoso.", None),
        ("KUALA KAPUAS – DPMD menggelar pelatihan kader KPMD di Aula Bappeda Kapuas, Kamis (2/5/2024). "
         "Kepala DPMD Kabupaten Kapuas, Budi Santoso, membuka kegiatan.", "DPMD Kabupaten Kapuas"),
        ("MADIUN – Bertempat di Aula DPMK Kota Madiun, Kamis (2/5/2024), telah dilaksanakan bimtek bagi pengurus "
         "LPM. Bimtek dibuka oleh Kepala Dinas Pemberdayaan Masyarakat dan Kelurahan Kota Madiun, Budi Santoso.",
         "DPMK Kota Madiun"),
        # words between the body and its verb, and two places set off after it
        ("SOLOK – Dinas Pemberdayaan Masyarakat dan Desa (DPMD) Kota Solok telah menggelar pelatihan pengurus LPM, "
         "Kamis (2/5/2024), di Aula Balai Kota.", "DPMD Kota Solok"),
        ("TIDORE – Bagian Pemerintahan Setda Kota Tidore hari ini menggelar sosialisasi bagi ketua RT dan RW di "
         "Aula Kantor Camat, Kamis (2/5/2024).", "Bagian Pemerintahan Setda Kota Tidore"),
        ("CILEGON – Pemerintah Kelurahan Ciwaduk, Kecamatan Cilegon, Kota Cilegon, menggelar pembinaan ketua RT dan "
         "RW di Balai Kelurahan Ciwaduk, Kamis (2/5/2024).", "Pemerintah Kelurahan Ciwaduk"),
    ],
)
def test_organizer_cues(text: str, expected: str | None) -> None:
    assert _event("Pelatihan Pengurus Lembaga", text).get("organizer") == expected


@pytest.mark.parametrize(
    ("text", "name", "titles"),
    [
        ("Kepala Dinas Sosial, Budi Santoso, S.Sos., M.Si. membuka pelatihan kader posyandu, Kamis (2/5/2024).",
         "Budi Santoso", ["S.Sos", "M.Si"]),
        ("Kepala Dinas Sosial, Ir. Budi Santoso, S.T., M.T., M.M., membuka pelatihan kader posyandu, Kamis "
         "(2/5/2024).", "Budi Santoso", ["Ir.", "S.T", "M.T", "M.M"]),
    ],
)
def test_degrees_with_their_own_full_stops(text: str, name: str, titles: list[str]) -> None:
    official = _event("Pelatihan Kader Posyandu", text)["officials"][0]
    assert (official["name"], official["titles"]) == (name, titles)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the kelurahan LPM keeps its written name: the blind sets' writers list "LPMK" (b2-06, b4-12, b12-09)
        ("Pelatihan pengurus LPMK se-Kota Surakarta digelar Kamis (2/5/2024).", ["LPMK"]),
        ("Pelatihan pengurus LPMD dan ketua RT digelar Kamis (2/5/2024).", ["LPM", "RT"]),
        ("Pelatihan Lembaga Pemberdayaan Masyarakat Kelurahan digelar Kamis (2/5/2024).", ["LPM"]),
        ("Pelatihan Kader Pemberdayaan Masyarakat Desa (KPMD) digelar Kamis (2/5/2024).", ["KPMD"]),
    ],
)
def test_institution_level_variants(text: str, expected: list[str]) -> None:
    assert _event("Pelatihan Pengurus Lembaga", text)["institutions"] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [("Dari 90 undangan yang disebar kepada ketua RT dan RW, 75 orang hadir dan mengikuti kegiatan.", [75]),
     ("Dari 100 undangan bagi direktur BUMDes, 85 hadir dalam rakor tersebut.", [85]),
     ("Dari total 60 kader yang diundang, sebanyak 48 orang datang.", [48])],
)
def test_those_who_came_out_of_those_invited(sentence: str, expected: list[int]) -> None:
    assert [c.value for c in counts(sentence)] == expected


def test_a_count_of_an_earlier_edition_is_not_the_participants() -> None:
    text = ("PONTIANAK – Pelatihan pengurus Karang Taruna digelar di Aula Kantor Camat, Kamis (2/5/2024). "
            "Masing-masing kelurahan mengirim dua orang pengurus dari 17 kelurahan yang ada. "
            "Pelatihan serupa pernah digelar pada 2023 dan saat itu diikuti 25 orang.")
    assert _event("Pelatihan Pengurus Karang Taruna", text)["participants"] == 34


def test_a_share_bar_is_no_advert_contact() -> None:
    text = ("TANJUNGPANDAN – DPMD menggelar workshop pengembangan usaha BUMDes pada 2 Mei 2024 di Gedung Nasional. "
            "Peserta merancang paket wisata desa dan menghitung harga jual.\n\nBagikan: FB | WA | X | Telegram")
    assert _event("Workshop BUMDes", text)["event_type"] == "workshop"


def test_a_grant_group_is_a_community_institution() -> None:
    text = ("UNGARAN – Dispermasdes menggelar workshop penyusunan laporan bagi kelompok masyarakat (Pokmas) penerima "
            "bantuan, Kamis (2/5/2024), di Hotel Griya. Workshop diikuti 75 orang perwakilan Pokmas.")
    assert _event("Workshop Penyusunan Proposal bagi Pokmas", text)["institutions"] == ["Pokmas"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [("Peserta bimtek berasal dari 18 desa lokus stunting, masing-masing tiga orang KPM.", 54),
     ("Peserta terdiri dari direktur dan bendahara BUMDes, masing-masing dua orang dari 126 pekon.", 252),
     ("Rakor diikuti 138 peserta dari 46 kelurahan, masing-masing satu perwakilan LPM, satu ketua RT dan satu"
      " ketua RW.", 138),
     ("Bimtek diikuti 7 Ketua LPM, 14 bendahara LPM, dan 7 Kepala Seksi Pembangunan kelurahan.", 28),
     ("Sosialisasi diikuti 23 Ketua RT, 6 Ketua RW, dan 5 pengurus LPM Kelurahan Bandar Lor.", 34),
     ("Pelatihan menyasar pengurus dari 51 kelurahan yang diundang masing-masing dua orang.", None)],
)
def test_per_unit_products_and_lists_of_groups(sentence: str, expected: int | None) -> None:
    found = counts(sentence)
    assert (found[0].value if found else None) == expected


@pytest.mark.parametrize(
    ("title", "is_event"),
    [("83 Ketua LPM Pekanbaru Ikuti Bimtek Dua Hari, Giliran RT dan RW Juli Mendatang", True),
     ("Bimtek Ketua LPM Pekanbaru Digelar Juli Mendatang", False),
     ("Banggar DPRD Pangkas Anggaran Pelatihan LPM dan RT/RW 2025", False)],
)
def test_a_future_cue_in_another_clause_of_the_title(title: str, is_event: bool) -> None:
    text = ("PEKANBARU – Sebanyak 83 Ketua LPM mengikuti bimtek peningkatan kapasitas di Hotel Sri Indrapura, "
            "Rabu (1/5/2024). Bimtek dibuka Sekretaris Daerah Kota Pekanbaru.")
    article = Article(url="u", title=title, text=text, published="2024-05-03")
    assert extract_article(article).is_event is is_event


def test_a_statement_with_a_day_and_a_place_still_reports_the_event() -> None:
    text = ("UNGARAN – Dinkes menyosialisasikan transformasi layanan kepada kader Posyandu di Aula Dinas Kesehatan, "
            "Kamis (2/5/2024), langkah yang menurut panitia mendesak dilakukan sebelum semester kedua.")
    assert _event("Dinkes Sosialisasikan Layanan kepada Kader Posyandu", text)["event_type"] == "sosialisasi"


def test_a_gallery_of_numbered_photos_is_not_one_event() -> None:
    text = "\n".join(f"Foto {k}\nRapat koordinasi Ketua RT di Aula Kelurahan, Senin ({k}/7/2024)." for k in range(1, 5))
    article = Article(url="u", title="Galeri Foto Kegiatan Kelurahan", text=text, published="2024-09-02")
    assert not extract_article(article).is_event


def test_the_held_day_and_place_come_before_what_is_still_to_come() -> None:
    text = ("JANTHO – DPMG melatih Kader Pembangunan Manusia (KPM) dan kader Posyandu dalam pelatihan yang berlangsung"
            " di Aula Dinas Kesehatan, Rabu (6/3/2024), menjelang pengukuran serentak yang dijadwalkan Juni mendatang.")
    event = _event("DPMG Latih KPM dan Kader Posyandu", text)
    assert (event["start_date"], event["venue"]) == ("2024-03-06", "Aula Dinas Kesehatan")


@pytest.mark.parametrize(
    ("sentence", "name"),
    [("Kelurahan Bandarjo Kecamatan Ungaran Barat Kabupaten Semarang melaksanakan sosialisasi", "Kelurahan Bandarjo"),
     ("Pemerintah Desa Sukamaju Kecamatan Cibadak menggelar pelatihan kader", "Pemerintah Desa Sukamaju"),
     ("Dinas PMD Kabupaten Kudus menggelar pelatihan", "Dinas PMD Kabupaten Kudus")],
)
def test_a_village_government_is_named_without_its_district(sentence: str, name: str) -> None:
    from extract.organizer import find_organizer

    org = find_organizer(sentence)
    assert org is not None and org.name == name


def test_turnout_of_several_groups_out_of_those_invited() -> None:
    sentence = "Dari 120 undangan yang disebar panitia, 98 kader dan pengurus PKK hadir hingga acara ditutup."
    assert [c.value for c in counts(sentence)] == [98]


def test_prosecutors_office_holds_the_session() -> None:
    text = ("CURUP – Kejaksaan Negeri (Kejari) Lebong memberikan sosialisasi kepada pengurus LPM dan BPD, Selasa "
            "(2/4/2024), di Aula Kantor Camat.")
    assert _event("Kejari Sosialisasi Jaga Desa bagi Pengurus LPM", text)["organizer"] == "Kejari Lebong"


def test_a_venue_in_a_quotation_is_not_the_events() -> None:
    text = ("Pada hari Senin tanggal 4 Maret 2024, TP PKK Desa Mekarsari mengadakan pelatihan olahan pangan bagi kader"
            " PKK. Kegiatan bertempat di Pendopo Balai Desa Mekarsari.\n\n\"Ibu-ibu jangan berhenti di pelatihan"
            " saja, harus dipraktikkan di rumah dan dijual,\" pesan Kepala Desa.")
    assert _event("TP PKK Latih Kader", text)["venue"] == "Pendopo Balai Desa Mekarsari"


@pytest.mark.parametrize(
    ("sentence", "opened"),
    [
        ("Kegiatan dibuka Ketua TP PKK Kelurahan Sukajaya, Fitri Handayani, dan dihadiri Lurah Sukajaya, Budi.", True),
        ("Hadir membuka acara Kepala Desa Mekarsari, Suwarno, bersama Ketua TP PKK Desa Mekarsari, Sri Utami.", True),
        ("Ketua LPM Kelurahan Oesapa, Frans Tefa, mengaku senang pelatihan dibuka Wali Kota.", False),
        ("Pelatihan yang dibuka Camat kemarin diikuti Ketua RT 03, Budi Santoso, dan warga.", False),
    ],
)
def test_a_village_head_of_an_institution_who_opens_the_event_is_an_official(sentence: str, opened: bool) -> None:
    text = ("SUKAJAYA – Pemerintah Desa Mekarsari menggelar pelatihan kader PKK, Senin (4/3/2024), di Balai Desa. "
            + sentence)
    names = {o["name"] for o in _event("Pelatihan Kader PKK", text)["officials"]}
    assert ({"Fitri Handayani", "Sri Utami"} & names != set()) == opened


def test_a_programmes_short_name_is_no_person() -> None:
    text = ("SAMARINDA – Pemerintah Kelurahan Sempaja menggelar pelatihan bagi ketua RT, Kamis (2/5/2024), di Aula "
            "Kantor Kelurahan Sempaja. Fokusnya laporan Program Pembangunan dan Pemberdayaan Masyarakat (Probebaya). "
            "Pendamping Probebaya kelurahan juga mempraktikkan cara mengisi laporan.")
    assert [o["name"] for o in _event("Pelatihan Ketua RT", text)["officials"]] == []


def test_a_village_tourism_group_is_a_community_institution() -> None:
    text = ("BALIGE – Dinas Pariwisata melaksanakan pelatihan pemandu wisata bagi anggota Kelompok Sadar Wisata "
            "(Pokdarwis) dan Karang Taruna, Sabtu (27/4/2024), di Balai Desa Meat.")
    assert _event("Dinas Pariwisata Latih Pokdarwis", text)["institutions"] == ["Pokdarwis", "Karang Taruna"]


def test_a_count_of_the_edition_held_at_that_earlier_time_is_not_the_participants() -> None:
    text = ("KEPANJEN – DPMD menggelar pelatihan pengelola BUMDes, Kamis (2/5/2024), di Hotel Kusuma. Sebanyak 96 "
            "direktur dan bendahara BUMDes mengikuti kegiatan tersebut. Pelatihan ini kelanjutan kegiatan serupa pada "
            "Agustus 2022 yang kala itu diikuti 80 peserta dari 40 desa.")
    assert _event("Pelatihan Pengelola BUMDes", text)["participants"] == 96


def test_the_sentence_naming_the_event_dates_it_with_kemarin() -> None:
    text = ("Kantor Kesbangpol Kota Contoh menggelar rapat koordinasi FKDM di Ruang Pola Balai Kota, kemarin.\n"
            "Rakor diikuti 96 anggota FKDM. Agenda membahas kerawanan setelah Pemilu 14 Februari lalu.\n"
            "\"Jangan hanya sibuk saat perayaan 17 Agustus,\" ujarnya.")
    assert _event("Rakor FKDM Bahas Kerawanan", text)["start_date"] == "2024-05-02"


def test_metropolitan_bodies_and_places() -> None:
    text = ("JAKARTA (ANTARA) - Suku Dinas PPAPP Jakarta Selatan melatih 150 pengurus RT dan RW di RPTRA Kenanga, "
            "Selasa (30/4/2024). Dengan jumlah 578 RW dan lebih dari 6.100 RT di Jakarta Selatan, pelatihan serupa "
            "akan dilanjutkan. Kader Juru Pemantau Jentik (Jumantik) juga hadir.")
    event = _event("Sudin PPAPP Latih Pengurus RT/RW", text)
    assert (event["participants"], event["venue"], event["province"]) == (150, "RPTRA Kenanga", "DKI Jakarta")
    assert event["institutions"] == ["RT", "RW", "Jumantik"]
