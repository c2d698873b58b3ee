"""Cases from the fifth blind set: village governments and their officials, weak names used outright,
pages of many items and umbrella names."""

from __future__ import annotations

import pytest

from extract import extract_article
from records import Article


def _events(title: str, text: str, published: str = "2024-10-23") -> list[dict]:
    """The events of a small article."""
    article = Article(url="https://contoh.example/v", title=title, text=text, published=published, id="v")
    return [e.to_record() for e in extract_article(article).events]


def _officials(title: str, text: str) -> list[tuple[str, str, list[str]]]:
    """(name, role, titles) of the main event's officials."""
    events = _events(title, text)
    assert events, "no event found"
    return [(o["name"], o["role"], o["titles"]) for o in events[0]["officials"]]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Hadir Keuchik Garot Teuku Zulfikar dan Camat Darul Imarah Muhammad Riza.",
         [("Teuku Zulfikar", "Keuchik Garot", []), ("Muhammad Riza", "Camat Darul Imarah", [])]),
        ("Turut hadir Bhabinkamtibmas Desa Sukaraja Aipda I Ketut Sudarma.",
         [("I Ketut Sudarma", "Bhabinkamtibmas Desa Sukaraja", ["Aipda"])]),
        ("Turut hadir Bhabinkamtibmas Kalurahan Sukaraja Aipda Wahyu Prasetyo.",
         [("Wahyu Prasetyo", "Bhabinkamtibmas Kalurahan Sukaraja", ["Aipda"])]),
    ],
)
def test_a_village_or_district_the_article_names_ends_the_role(sentence: str, expected: list) -> None:
    text = ("Pemerintah Gampong Garot dan Desa Sukaraja, Kecamatan Darul Imarah, menggelar sosialisasi bagi pengurus"
            f" LPM di Meunasah Gampong Garot, Senin (21/10/2024). {sentence}")
    assert _officials("Sosialisasi LPM", text) == expected


def test_a_team_is_a_body_not_a_role() -> None:
    text = ("Tim Penggerak PKK Desa Talabiu, Kecamatan Woha, menggelar pelatihan kader Posyandu di Aula Kantor Desa"
            " Talabiu, Senin (21/10/2024).")
    assert _officials("Pelatihan Kader Posyandu", text) == []


@pytest.mark.parametrize(
    ("text", "organizer"),
    [
        ("Pemerintah Desa Nyitdah, Kecamatan Kediri, Kabupaten Tabanan menggelar pelatihan kader Posyandu di Balai"
         " Desa Nyitdah, Sabtu (19/10/2024).", "Pemerintah Desa Nyitdah"),
        ("Pemerintah Kalurahan Baleharjo, Kapanewon Wonosari, menggelar pelatihan bagi pengurus RT dan RW di Balai"
         " Kalurahan, Sabtu (19/10/2024).", "Pemerintah Kalurahan Baleharjo"),
        ("Dinas Sosial Kabupaten Toraja Utara menggelar pembinaan pengurus Karang Taruna di Aula Kantor Lembang Pangli,"
         " Kecamatan Sesean, Sabtu (19/10/2024). Kepala Lembang Pangli, Markus Tandi, selaku tuan rumah siap"
         " membantu Karang Taruna se-Kecamatan Sesean.", "Dinas Sosial Kabupaten Toraja Utara"),
        ("Ketua Tim Penggerak PKK Kabupaten Gorontalo, Ny. Hj. Fitri Wahab, melaksanakan pembinaan kepada kader PKK"
         " desa di Aula Kantor Camat Limboto Barat, Jumat (18/10/2024).", "Tim Penggerak PKK Kabupaten Gorontalo"),
    ],
)
def test_organiser(text: str, organizer: str) -> None:
    assert _events("Pelatihan", text)[0]["organizer"] == organizer


def test_weak_name_used_outright_and_rembuk_stunting() -> None:
    orientasi = _events("36 KPMD Baru Ikuti Orientasi", "DPMD menggelar orientasi bagi Kader Pemberdayaan Masyarakat"
                        " Desa (KPMD) di Aula Kantor Kecamatan, Senin (21/10/2024).")
    assert orientasi and orientasi[0]["event_type"] == "pelatihan"
    rembuk = _events("Desa Grenggeng Gelar Rembuk Stunting", "Pemerintah Desa Grenggeng menggelar rembuk stunting"
                     " bersama KPM dan kader Posyandu di Aula Balai Desa, Senin (21/10/2024).")
    assert rembuk and rembuk[0]["event_type"] == "rakor"


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Berita Desa - Halaman 3",
         "Pemdes Gelar Pelatihan Kader Posyandu\n19 Oktober 2024 | Admin\nPemerintah desa menggelar pelatihan kader"
         " Posyandu... Baca selengkapnya »\n\nRakor LPM Bahas Program\n15 Oktober 2024 | Admin\nRapat koordinasi LPM"
         " digelar di balai desa... Baca selengkapnya »"),
        ("FOTO: Sepekan di Desa",
         "1/4 - Warga bergotong royong.\n\n2/4 - Peserta pelatihan Karang Taruna menyimak materi di Balai Desa,"
         " Selasa (15/10/2024).\n\n3/4 - Kader Posyandu menimbang balita.\n\n4/4 - Pedagang menata dagangan."),
    ],
)
def test_pages_of_many_items_are_not_events(title: str, text: str) -> None:
    assert _events(title, text) == []


def test_lkd_is_the_umbrella_name() -> None:
    events = _events("Pelatihan LKD", "DPMD menggelar pelatihan bagi pengurus Lembaga Kemasyarakatan Desa (LKD),"
                     " LPM dan Karang Taruna di Aula Kecamatan, Senin (21/10/2024).")
    assert "LKD" not in events[0]["institutions"] and {"LPM", "Karang Taruna"} <= set(events[0]["institutions"])


def test_street_address_between_venue_and_its_region() -> None:
    events = _events("DPMPD Bimtek Pengurus BUMDes Kubu Raya",
                     "DPMPD Provinsi Kalimantan Barat menggelar bimbingan teknis bagi 50 pengurus BUMDes asal Kabupaten"
                     " Kubu Raya. Bimtek berlangsung di Aula Hotel Kapuas Indah, Jalan Gajah Mada, Kota Pontianak,"
                     " Rabu (20/11/2024). Pengurus BUMDes Kubu Raya diminta aktif.", "2024-11-21")
    assert events[0]["city"] == "Kota Pontianak"


def test_capacity_building_names_no_kind_beside_a_workshop() -> None:
    events = _events("Capacity Building LPM Kelurahan", "DPMD Kota Ambon menggelar workshop capacity building bagi"
                     " pengurus LPM di Aula Kantor Kecamatan Baguala, Rabu, 13 November 2024.", "2024-11-14")
    assert events[0]["event_type"] == "workshop"


@pytest.mark.parametrize(("fetched_at", "expected"), [("2025-03-01T08:00:00+00:00", "2024-07-28"),
                                                      ("2025-09-01T08:00:00+00:00", "2025-07-28")])
def test_day_and_month_alone_take_the_year_of_the_last_such_day_before_the_page_was_read(
        fetched_at: str, expected: str) -> None:
    text = "Pelatihan kader Posyandu digelar di Aula Puskesmas Sukamaju, (28/7) pagi. Kegiatan diikuti 30 kader."
    article = Article(url="https://contoh.example/d", title="Pelatihan Kader Posyandu", text=text, published=None,
                      fetched_at=fetched_at, id="d")
    (event,) = extract_article(article).events
    assert (event.start_date, event.date_text) == (expected, "(28/7)")
