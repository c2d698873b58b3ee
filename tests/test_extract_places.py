"""Venue, city/province from the gazetteer, organiser and institutions."""

from __future__ import annotations

import pytest

from extract import extract_article, locate
from extract.organizer import find_organizer
from extract.places import parse_city, provinces, regions
from extract.venue import find_venues
from records import Article


def test_gazetteer_covers_every_regency_and_city() -> None:
    rows = regions()
    assert len(rows) == 514
    assert {r.kind for r in rows} == {"Kota", "Kabupaten"}
    assert len({r.province for r in rows}) == 38
    assert {r.province for r in rows} <= set(provinces().values())  # every province as the aliases name it


@pytest.mark.parametrize(
    ("city", "kind", "province"),
    [("Kota Pekalongan", "Kota", "Jawa Tengah"), ("Kabupaten Pekalongan", "Kabupaten", "Jawa Tengah"),
     ("Kab. Bandung", "Kabupaten", "Jawa Barat"), ("Kota Bontang", "Kota", "Kalimantan Timur"),
     ("Kabupaten Sorong", "Kabupaten", "Papua Barat Daya"),
     # Jakarta as the news and BPS write it, not the gazetteer's "Daerah Khusus Ibukota Jakarta"
     ("Kota Jakarta Selatan", "Kota", "DKI Jakarta"), ("Kabupaten Kepulauan Seribu", "Kabupaten", "DKI Jakarta")],
)
def test_parse_city(city: str, kind: str, province: str) -> None:
    region = parse_city(city)
    assert region is not None and region.kind == kind and region.province == province


def test_locate() -> None:
    lat, lon = locate("Kota Semarang")
    assert -7.2 < lat < -6.8 and 110.2 < lon < 110.6
    assert locate("Pekalongan") is None  # a bare name shared by a city and a regency
    assert locate("Atlantis") is None
    assert locate("") is None


@pytest.mark.parametrize(
    ("sentence", "venue"),
    [
        ("berlangsung di Ruang Sekar Jagad Setda Kota Salatiga, Selasa (15/3/2022).",
         "Ruang Sekar Jagad Setda Kota Salatiga"),
        ("LPM, BKM, RT dan RW diruang Kresna , Rabu (22/1).", "Ruang Kresna"),
        ("pelatihan di Aula Kecamatan Tenggarong, (28/7) Pagi.", "Aula Kecamatan Tenggarong"),
        ("rapat di aula kantor camat pada Senin", "Aula kantor camat"),
        ("bertempat di Hotel Aston Inn Mataram selama tiga hari", "Hotel Aston Inn Mataram"),
        ("di Pendopo Kabupaten Kudus dan dihadiri bupati", "Pendopo Kabupaten Kudus"),
        ("di Ruang Rapat Bupati, Kamis (11/1/2024).", "Ruang Rapat Bupati"),
    ],
)
def test_venue(sentence: str, venue: str) -> None:
    assert find_venues(sentence)[0][2] == venue


@pytest.mark.parametrize(
    ("sentence", "name", "long"),
    [
        ("Pemerintah Kota Tegal melalui Dinas Pemberdayaan Masyarakat, Perempuan dan Perlindungan Anak (DPPPA)"
         " setempat menggelar pelatihan", "DPPPA Kota Tegal",
         "Dinas Pemberdayaan Masyarakat, Perempuan dan Perlindungan Anak Kota Tegal"),
        ("DPMD Kabupaten Blora gelar rakor kader", "DPMD Kabupaten Blora", None),
        ("Dinsos Kota Bontang memfasilitasi Dinas Pemberdayaan Masyarakat dan Desa (Dinas PMD) Provinsi Kaltim"
         " menggelar pelatihan", "Dinas PMD Provinsi Kaltim", None),
        ("pelatihan yang digelar Bagian Pemerintahan Setda Kota Malang di hotel",
         "Bagian Pemerintahan Setda Kota Malang",
         None),
        ("Tim Penggerak PKK Kabupaten Demak bersama Dinas Kesehatan menggelar pelatihan",
         "Tim Penggerak PKK Kabupaten Demak",
         None),
        ("Pemerintah Kota Bekasi menggelar rapat koordinasi dengan ketua RW", "Pemerintah Kota Bekasi", None),
        ("LPM mendapat bimbingan teknis dari Dinas Pemberdayaan Masyarakat Desa (Dispermades).", "Dispermades", None),
        ("Penyelenggara kegiatan ialah Bagian Pemerintahan Setda Kota Blitar.", "Bagian Pemerintahan Setda Kota Blitar",
         None),
        ("Penyelenggara kegiatan, Dinas Sosial Kabupaten Kudus, menghadirkan narasumber.",
         "Dinas Sosial Kabupaten Kudus", None),
        ("Lokakarya yang dihelat Dinas PMD Kabupaten Kudus itu diikuti kader.", "Dinas PMD Kabupaten Kudus", None),
        ("BEKASI – Pemerintah Kecamatan Bekasi Timur, Pemerintah Kota (Pemkot) Bekasi, menggelar sosialisasi",
         "Pemerintah Kecamatan Bekasi Timur", None),
        ("YOGYAKARTA – Kemantren Kotagede menggelar workshop bagi pengurus RT", "Kemantren Kotagede", None),
        ("Kapanewon Depok menggelar pelatihan kader", "Kapanewon Depok", None),
    ],
)
def test_organizer(sentence: str, name: str, long: str | None) -> None:
    org = find_organizer(sentence)
    assert org is not None and org.name == name
    if long:
        assert org.long == long


def _extract(text: str, title: str = "Kegiatan Pelatihan", default: str | None = None) -> Article:
    article = Article(url="u", title=title, text=text, published="2023-05-10", source="s")
    return extract_article(article, default_region=default).events[0]


@pytest.mark.parametrize(
    ("text", "city"),
    [
        # the kind cue decides between a city and a regency of the same name
        ("Pemkab Pekalongan menggelar pelatihan LPM di Aula Setda, Senin (8/5/2023). Bupati Pekalongan hadir.",
         "Kabupaten Pekalongan"),
        ("Pemkot Pekalongan menggelar pelatihan LPM di Aula Setda, Senin (8/5/2023).", "Kota Pekalongan"),
        # a bare ambiguous dateline resolved by 'Wali Kota'/'kelurahan' cues
        ("MADIUN – Dinas PMK menggelar pelatihan LPM kelurahan, Senin (8/5/2023). Wali Kota hadir.", "Kota Madiun"),
        # the venue's district decides the city
        ("Dinas PMD Provinsi Kaltim menggelar pelatihan LPM di Aula Kecamatan Bontang Utara, Senin (8/5/2023).",
         "Kota Bontang"),
        # a bare place inside a longer proper name is not a region
        ("PANGKALAN KERINCI – Puskesmas menggelar pelatihan kader posyandu, Senin (8/5/2023), di Kabupaten Pelalawan.",
         "Kabupaten Pelalawan"),
    ],
)
def test_city(text: str, city: str) -> None:
    assert _extract(text).city == city


def test_default_region_is_the_last_resort() -> None:
    event = _extract("Pengurus LPM mengikuti pelatihan administrasi di aula kelurahan, Senin (8/5/2023).",
                     default="Kota Pekalongan")
    assert (event.city, event.province) == ("Kota Pekalongan", "Jawa Tengah")


@pytest.mark.parametrize(
    ("text", "institutions"),
    [
        ("Dinsos menggelar pelatihan bagi pengurus Karangtaruna dan kader posyandu, Senin (8/5/2023).",
         {"Karang Taruna", "Posyandu"}),
        ("Pelatihan bagi Lembaga Pemberdayaan Masyarakat (LPM) dan Badan Keswadayaan Masyarakat digelar Senin"
         " (8/5/2023).", {"LPM", "BKM"}),
        ("Pelatihan diikuti kader pemberdayaan masyarakat, Senin (8/5/2023). Sesuai Perwal, RT dan RW wajib"
         " menyusun laporan.", {"KPM"}),
        ("Pelatihan LPM digelar Senin (8/5/2023). Pelatihan serupa akan digelar untuk RT dan RW bulan depan.",
         {"LPM"}),
    ],
)
def test_institutions(text: str, institutions: set[str]) -> None:
    assert set(_extract(text).institutions) - {"LKK"} == institutions


@pytest.mark.parametrize(
    ("text", "city"),
    [
        # an ambiguous bare dateline with no cue either way names the city
        ("SEMARANG – DPMD Provinsi menggelar pelatihan kader posyandu di Hotel Patra, Senin (8/5/2023).",
         "Kota Semarang"),
        # only a district is named: its regency
        ("Puskesmas menggelar pelatihan kader posyandu di balai desa, Kecamatan Kajen, Senin (8/5/2023).",
         "Kabupaten Pekalongan"),
    ],
)
def test_city_fallbacks(text: str, city: str) -> None:
    assert _extract(text).city == city


def test_a_body_that_gathers_people_into_its_event_organises_it() -> None:
    org = find_organizer("Dispermasdes Kabupaten Tegal mengumpulkan direktur BUMDes dalam rapat koordinasi di Slawi.")
    assert org is not None and org.name == "Dispermasdes Kabupaten Tegal"
