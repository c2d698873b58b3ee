"""Dates of the event: shapes, year inference, and the dates that must be ignored."""

from __future__ import annotations

import pytest

from extract import extract_article
from extract.dates import find_dates, find_relative, parse_published, resolve
from records import Article


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        ("dibuka Selasa (15/2/2022).", "2022-02-17", "2022-02-15", None),
        ("di Ruang Sekar, Rabu (22/1).", "2020-01-23", "2020-01-22", None),
        ("pada tanggal 2 Mei 2024, yang bertempat", None, "2024-05-02", None),
        ("berlangsung Senin, 15/9/2025 di aula", None, "2025-09-15", None),
        ("di Aula Kecamatan, (28/7) Pagi.", "2022-08-01", "2022-07-28", None),
        ("digelar 20/6/22 di hotel", None, "2022-06-20", None),
        ("berlangsung 5 – 9 April 2021 di Batu", None, "2021-04-05", "2021-04-09"),
        ("mulai 14/9 s/d 18/9 di balai desa", "2023-09-20", "2023-09-14", "2023-09-18"),
        ("pada 12 s.d. 14 Juni 2023", None, "2023-06-12", "2023-06-14"),
        ("Selasa-Rabu (22-23/2/2022)", None, "2022-02-22", "2022-02-23"),
        ("tanggal 30 Desember 2022 sampai 2 Januari 2023", None, "2022-12-30", "2023-01-02"),
        ("Rabu (27/12) lalu", "2024-01-03", "2023-12-27", None),  # the nearest date not after publication
    ],
)
def test_date_shapes(text: str, published: str | None, start: str, end: str | None) -> None:
    mention = find_dates(text)[0]
    assert resolve(mention, parse_published(published), None) == (start, end)


@pytest.mark.parametrize(
    "text",
    ["Perwal Nomor 63 Tahun 2021 tentang LKK", "di RT 02/05 Kelurahan Sapuro", "Tahun 2022 ini", "rasio 3/4 peserta",
     "pukul 09.00 WIB", "nomor 12/3 tahun ini"],
)
def test_not_dates(text: str) -> None:
    assert not find_dates(text)


@pytest.mark.parametrize(
    ("text", "published", "start"),
    [
        ("kegiatan digelar kemarin", "2023-02-22", "2023-02-21"),
        ("digelar hari ini di aula", "2024-11-20T09:15:00+07:00", "2024-11-20"),
        ("dibuka Senin lalu", "2024-09-05", "2024-09-02"),  # a Thursday: the Monday before
        ("dibuka Kamis lalu", "2024-09-05", "2024-08-29"),  # same weekday + 'lalu': a week back
        ("pada Rabu di balai desa", "2022-02-17", "2022-02-16"),
    ],
)
def test_relative_dates(text: str, published: str, start: str) -> None:
    mention = find_relative(text)[0]
    assert resolve(mention, parse_published(published), None)[0] == start


def test_weekday_gives_the_year_without_publication() -> None:
    mention = find_dates("Rabu (22/1)")[0]
    start, _ = resolve(mention, None, 2021)
    assert start == "2020-01-22"  # the latest year up to 2021 in which 22 January is a Wednesday


def test_no_year_no_weekday_no_publication_is_unknown() -> None:
    mention = find_dates("di aula, (28/7) Pagi.")[0]
    assert resolve(mention, None, 2024) == (None, None)


def _article(text: str, published: str | None = "2023-05-10", title: str = "Pelatihan Kader Posyandu") -> Article:
    return Article(url="https://contoh.example/a", title=title, text=text, published=published)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the byline date and a 'Baca juga' date are not the event's
        ("Harian Contoh - 10 Mei 2023 - 10:15 WIB\nPURWOREJO – Dinas Kesehatan menggelar pelatihan kader posyandu"
         " di Aula Puskesmas, Senin (8/5/2023). Pelatihan diikuti 40 kader.\nBaca juga: Lomba Balita Sehat, Sabtu"
         " (6/5/2023)", "2023-05-08"),
        # a regulation's date is not the event's
        ("Dinas Sosial menggelar sosialisasi Perda Nomor 4 Tahun 2022 yang ditetapkan pada 3 Januari 2022 kepada"
         " pengurus Karang Taruna di Aula Dinsos, Selasa (9/5/2023).", "2023-05-09"),
        # an announced later event is not the reported one
        ("Bagian Pemerintahan menggelar rakor LPM di Ruang Rapat, Senin (8/5/2023). Rakor lanjutan akan digelar"
         " pada 20 Mei 2023.", "2023-05-08"),
    ],
)
def test_event_date_in_context(text: str, expected: str) -> None:
    result = extract_article(_article(text))
    assert result.is_event
    assert result.events[0].start_date == expected


def test_date_after_publication_is_not_the_held_event() -> None:
    text = ("DPMD menggelar pelatihan KPM di Aula Kecamatan, Senin (8/5). Kader lain menyusul pada Senin (15/5).")
    result = extract_article(_article(text, published="2023-05-10"))
    assert result.events[0].start_date == "2023-05-08"


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("DPMD menggelar bimtek BUMDes di Pendopo, Senin (17/6/2024). Kegiatan berlangsung hingga Rabu (19/6/2024).",
         "2024-06-19"),
        ("DPMD menggelar bimtek BUMDes di Pendopo, Senin (17/6/2024). Evaluasi dilakukan Rabu (19/6/2024).", None),
        ("DPMD menggelar bimtek BUMDes di Pendopo, 17 - 19 Juni 2024.", "2024-06-19"),
    ],
)
def test_end_date(text: str, end: str | None) -> None:
    event = extract_article(_article(text, published="2024-06-20", title="Bimtek BUMDes")).events[0]
    assert (event.start_date, event.end_date) == ("2024-06-17", end)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("pada Rabu, 06-03-2024, bertempat di Pendapa", (6, 3, 2024)), ("digelar 1.2.2024 di aula", (1, 2, 2024)),
     ("Ketua RT 03-05 hadir", None), ("pukul 10.30 sampai 12.00", None), ("RT 01-02-03", None)],
)
def test_dashed_and_dotted_dates_need_a_four_digit_year(text: str, expected: tuple[int, int, int] | None) -> None:
    found = find_dates(text)
    assert ((found[0].day, found[0].month, found[0].year) if found else None) == expected
