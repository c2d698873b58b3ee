"""crawler.parsepool: page analysis in worker processes, and the cheap split-page pre-test."""

from __future__ import annotations

import asyncio

import pytest

from crawler.parsepool import ParsePool, analyse_page, may_continue, single_page_url

URL = "https://harian.example.com/2024/05/01/rakor-rt-rw-se-kota"


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        (f'<a href="{URL}?page=2">2</a>', True),
        ('<a href="/2024/05/01/rakor-rt-rw-se-kota?page=3">3</a>', True),
        ('<a href="rakor-rt-rw-se-kota?utm=x&amp;page=2">2</a>', True),
        ('<a href="rakor-rt-rw-se-kota?utm=x&page=2">2</a>', True),
        ('<a href="?page=2">Selanjutnya</a>', True),
        ('<a href="/2024/05/01/rakor-rt-rw-se-kota/2/">2</a>', True),
        ('<a href="/2024/05/01/rakor-rt-rw-se-kota-lanjutan">lanjut</a>', False),
        ('<a href="/indeks?page=2">Indeks</a>', False),
        ('<a href="/2024/05/01/rakor-rt-rw-se-kota">Rakor</a>', False),
    ],
)
def test_may_continue(link: str, expected: bool) -> None:
    assert may_continue(f"<html><body><p>Teks.</p>{link}</body></html>", URL) is expected


def test_pool_gives_the_same_analysis_as_in_process() -> None:
    paragraphs = "".join(f"<p>Paragraf {i}: pengurus LPM dan BKM mengikuti pelatihan penyusunan rencana kerja "
                         f"kelurahan bersama pendamping dari dinas pemberdayaan masyarakat kota.</p>" for i in range(8))
    html = (f"<html><head><title>Pengurus LPM Ikuti Pelatihan</title></head><body><article><h1>Pengurus LPM Ikuti "
            f"Pelatihan</h1>{paragraphs}<a href='{URL}?page=2'>2</a></article></body></html>")
    here = analyse_page(html, URL, None)
    pool = ParsePool(1)
    try:
        there = asyncio.run(pool.run(analyse_page, html, URL, None))
    finally:
        pool.close()
    assert there == here
    assert here.article is not None and here.continuations == (f"{URL}?page=2",)
    assert asyncio.run(ParsePool(0).run(len, "abc")) == 3


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        (f'<a href="{URL}?page=all">Tampilkan semua</a>', f"{URL}?page=all"),
        ('<a href="/2024/05/01/rakor-rt-rw-se-kota?utm_source=x&amp;page=semua">Semua</a>', f"{URL}?page=semua"),
        ('<a href="/2024/05/01/rapat-lain?page=all">lain</a>', None),
        (f'<a href="{URL}?page=2">2</a>', None),
    ],
)
def test_single_page_url(link: str, expected: str | None) -> None:
    assert single_page_url(f"<html><body>{link}</body></html>", URL) == expected
