"""Cases from the second blind set: regional halls and spellings, region short names, invited vs attending,
announcements, passing mentions and name lists."""

from __future__ import annotations

import pytest

from extract import extract_article
from extract.numbers import counts
from records import Article


def _result(title: str, text: str, published: str = "2024-05-03") -> list[dict]:
    """The events of a small article."""
    article = Article(url="https://contoh.example/a", title=title, text=text, published=published, id="a")
    return [e.to_record() for e in extract_article(article).events]


def _event(title: str, text: str) -> dict:
    """The main event of a small article published on 3 May 2024."""
    events = _result(title, text)
    assert events, "no event found"
    return events[0]


@pytest.mark.parametrize(
    ("venue_text", "city"),
    [
        # a hotel in the city next door: the venue's region wins over the organiser's and the dateline's
        ("di Hotel Arya Duta Pekanbaru", "Kota Pekanbaru"),
        # the end of a district's name is not the regency of that name
        ("di Aula Kantor Camat Pangkalan Kerinci", "Kabupaten Pelalawan"),
        ("di Aula Bappeda Kota Palangka Raya", "Kota Palangka Raya"),
        ("di Aula Bappeda Palangkaraya", "Kota Palangka Raya"),
    ],
)
def test_region_of_the_venue(venue_text: str, city: str) -> None:
    text = (f"BANGKINANG – Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Pelalawan menggelar pelatihan pengurus "
            f"LPM {venue_text}, Kamis (2/5/2024). Pelatihan diikuti 45 peserta.")
    assert _event("Pengurus LPM Ikuti Pelatihan", text)["city"] == city


@pytest.mark.parametrize(
    ("sentence", "venue"),
    [
        ("Pelatihan digelar di Baruga Karaeng Galesong, Rumah Jabatan Bupati, Kamis (2/5/2024).",
         "Baruga Karaeng Galesong"),
        ("Pelatihan hari pertama dipusatkan di Wantilan Desa Batuan, Kamis (2/5/2024).", "Wantilan Desa Batuan"),
    ],
)
def test_regional_halls_are_venues(sentence: str, venue: str) -> None:
    text = f"GIANYAR – Sebanyak 60 kader PKK mengikuti pelatihan pengolahan pangan. {sentence}"
    assert _event("Kader PKK Ikuti Pelatihan", text)["venue"] == venue


def test_invited_groups_are_not_the_attendance() -> None:
    sentence = ("Camat menyebutkan dari 310 ketua RT dan 72 ketua RW yang diundang, sekitar 290 orang hadir "
                "dalam rakor tersebut.")
    assert counts(sentence)[0].value == 290


def test_kpmd_counts_people() -> None:
    assert counts("Bimtek ini diikuti sekitar 250 KPMD.")[0].value == 250


def test_a_region_short_name_is_not_an_official() -> None:
    text = ("SAMPIT – Dinas Sosial Kabupaten Kotawaringin Timur (Kotim) menggelar pelatihan bagi anggota Karang "
            "Taruna, Rabu (1/5/2024), di Gedung Serbaguna Sampit. Pelatihan dibuka Asisten I Setda Kotim, "
            "Hj. Rahmawati Lestari, SE, yang mewakili Bupati Kotim. Kepala Dinas Sosial Kotim, Yusuf Harahap, SH, "
            "mengatakan pelatihan diikuti 40 pemuda.")
    names = [o["name"] for o in _event("Karang Taruna Dilatih Wirausaha", text)["officials"]]
    assert "Kotim" not in names
    assert {"Rahmawati Lestari", "Yusuf Harahap"} <= set(names)


def test_regional_honorific_is_split_off() -> None:
    text = ("PONTIANAK – Rapat koordinasi ketua RT dan RW se-Kecamatan Pontianak Kota digelar di Aula Kantor Camat, "
            "Senin (29/4/2024). Rakor dibuka Camat Pontianak Kota, Syf. Fatimah Alqadrie, S.STP.")
    officials = _event("Camat Gelar Rakor RT dan RW", text)["officials"]
    assert [(o["name"], o["role"]) for o in officials] == [("Fatimah Alqadrie", "Camat Pontianak Kota")]


def test_a_body_that_carries_out_the_event_organises_it() -> None:
    text = ("BITUNG – Dinas Sosial Kota Bitung melakukan pembinaan terhadap pengurus Karang Taruna kelurahan, "
            "Kamis (2/5/2024), di Ruang Rapat Kantor Camat Maesa. Sebanyak 40 pengurus mengikuti pembinaan ini.")
    assert _event("Dinsos Bina Karang Taruna", text)["organizer"] == "Dinas Sosial Kota Bitung"


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # a training mentioned in passing, done long ago, in a story about something else
        ("Insentif RT/RW Tahap Pertama Cair",
         "BATAM – Pemerintah kota mulai mencairkan insentif ketua RT dan RW. Insentif ketua RT sebesar Rp 500 "
         "ribu per bulan. Ia menambahkan, tahun lalu pemerintah kota sudah memberikan pelatihan administrasi "
         "kepada ketua RT/RW sehingga laporan lebih tertib."),
        # registration for a training still to come
        ("DPMD Buka Pendaftaran Pelatihan Pengurus BUMDes",
         "KALIANDA – Dinas Pemberdayaan Masyarakat dan Desa membuka pendaftaran peserta pelatihan pengurus BUMDes. "
         "Pelatihan berlangsung pada 20-22 Mei 2024 di Aula Kantor Bupati."),
        # a list of names
        ("Daftar Nama Peserta Pelatihan Kader Posyandu Tahun 2024",
         "Berikut daftar nama kader posyandu peserta pelatihan:\n1 | Siti Rahma | Desa Mawar\n"
         "2 | Nur Aini | Desa Melati\nPeserta menunggu informasi jadwal dari puskesmas."),
        # a schedule of sessions to come, and a council's budget sitting
        ("Jadwal Sosialisasi Posyandu per Kecamatan",
         "Dinas Kesehatan akan melaksanakan sosialisasi bagi kader posyandu dengan jadwal berikut:\n"
         "| 1 | Selasa, 21 Mei 2024 | Aula Kecamatan Panji |\n| 2 | Kamis, 23 Mei 2024 | Pendopo Kecamatan Kapongan |"),
        ("DPRD Sahkan APBD 2025, Anggaran Pelatihan Kader Naik",
         "DPRD menyetujui APBD 2025 dalam rapat paripurna, Kamis (2/5/2024). Dinas PMD mendapat alokasi untuk "
         "pelatihan pengurus BUMDes dan kader PKK."),
    ],
)
def test_not_reports_of_a_held_event(title: str, text: str) -> None:
    assert _result(title, text) == []


def test_an_event_dated_after_publication_is_an_announcement() -> None:
    text = ("KUPANG – Dinas Pemberdayaan Masyarakat menggelar pelatihan pengurus LPM pada Senin, 20 Mei 2024 "
            "di Aula Kantor Wali Kota. Pelatihan diikuti 80 pengurus LPM.")
    assert _result("Pelatihan Pengurus LPM", text, published="2024-05-03") == []
    assert _result("Pelatihan Pengurus LPM", text, published="2024-05-21") != []


@pytest.mark.parametrize(
    ("role", "participant"),
    [
        ("Ketua LPM Kelurahan Sukajadi", True),
        ("Ketua RW 04", True),
        ("Ketua RT 03 RW 02 Kelurahan Tanjung", True),
        ("Direktur BUMDes Maju Jaya", True),
        ("Koordinator BKM Kelurahan Rappokalling", True),
        ("Koordinator Wilayah Kecamatan Tallo", False),
        ("Ketua Karang Taruna Desa Sumber", True),
        ("Ketua TP PKK Gampong Lamteh", True),
        ("Ketua TP PKK Kabupaten Gowa", False),
        ("Ketua TP PKK Kecamatan Panji", False),
        ("Ketua Karang Taruna Kota Jayapura", False),
        ("Ketua Forum RT RW Kota Madiun", False),
        ("Sekretaris TP PKK", False),
        ("Kepala Desa Sukamaju", False),
        ("Lurah Cipare", False),
    ],
)
def test_village_heads_of_community_institutions_are_participants(role: str, participant: bool) -> None:
    from extract.officials import village_community_role

    assert village_community_role(role) is participant


def test_community_leaders_quoted_as_participants_are_not_officials() -> None:
    text = ("TARAKAN – Bagian Pemerintahan Setda Kota Tarakan menggelar sosialisasi bagi pengurus LPM, Rabu "
            "(1/5/2024), di Aula Kantor Wali Kota. Sosialisasi dibuka Asisten Pemerintahan Setda Kota Tarakan, "
            "Kapten Inf Yusuf Wairara. Ketua LPM Kelurahan Karang Anyar, Darmawan, mengaku terbantu.")
    officials = [(o["name"], o["role"]) for o in _event("Pengurus LPM Ikuti Sosialisasi", text)["officials"]]
    assert officials == [("Yusuf Wairara", "Asisten Pemerintahan Setda Kota Tarakan")]


def test_a_nickname_with_bunda_is_not_a_role() -> None:
    text = ("LIMBOTO – TP PKK Kabupaten Gorontalo menggelar pelatihan kader PKK, Rabu (1/5/2024), di Aula Kantor "
            "Bupati. Ketua TP PKK Kabupaten Gorontalo, Hj. Fitriani Ismail, membuka pelatihan. \"Data kader sangat "
            "penting,\" ujar Fitriani yang akrab disapa Bunda Fitri itu.")
    names = [o["name"] for o in _event("Kader PKK Dilatih", text)["officials"]]
    assert names == ["Fitriani Ismail"]


@pytest.mark.parametrize(
    ("sentence", "total"),
    [
        ("Workshop diikuti perwakilan dari 20 kelurahan, masing-masing 4 orang, terdiri atas unsur LPM.", 80),
        ("Bimtek diikuti perwakilan 45 BUMDes di Bangka Barat, masing-masing dua orang.", 90),
    ],
)
def test_units_times_the_people_each_sends(sentence: str, total: int) -> None:
    assert counts(sentence)[0].value == total


@pytest.mark.parametrize(
    ("venue_sentence", "city"),
    [
        ("Rakor dilaksanakan di Aula Hotel Madelin, Kota Bengkulu.", "Kota Bengkulu"),
        ("Rakor dilaksanakan di Hotel Bumi Serumpun, Palu.", "Kota Palu"),
    ],
)
def test_region_set_off_after_the_venue(venue_sentence: str, city: str) -> None:
    text = ("ARGA MAKMUR – Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Bengkulu Utara menggelar rapat "
            f"koordinasi pengurus BUMDes, Rabu (1/5/2024). {venue_sentence} Rakor diikuti 90 pengurus BUMDes "
            "Kabupaten Bengkulu Utara.")
    assert _event("Rakor BUMDes", text)["city"] == city


def test_a_degree_is_never_the_organiser() -> None:
    text = ("TANJUNG SELOR – Pelatihan pengurus BUMDes digelar di Aula Kantor Camat, Rabu (1/5/2024), diikuti 40 "
            "peserta. Camat Tanjung Selor, Ardiansyah, S.STP., selaku tuan rumah, menyambut peserta.")
    assert _event("Pengurus BUMDes Dilatih", text)["organizer"] != "STP"
