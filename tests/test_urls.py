"""crawler.urls: one URL per article."""

from __future__ import annotations

import pytest

from crawler.urls import absolute_url, is_http_url, normalize_url, site_of

CASES = [
    # lowercase host, default port dropped, fragment dropped
    ("HTTPS://Berita.Example.GO.ID:443/berita/rapat-lpm.html#komentar", "https://berita.example.go.id/berita/rapat-lpm.html"),
    ("http://example.com:80/a-b-c/", "http://example.com/a-b-c/"),
    ("http://127.0.0.1:8123/a/", "http://127.0.0.1:8123/a/"),
    # tracking parameters stripped, the rest sorted
    ("https://ex.id/x/?utm_source=fb&utm_medium=social&id=7&fbclid=abc", "https://ex.id/x/?id=7"),
    ("https://ex.id/x?b=2&gclid=z&a=1", "https://ex.id/x?a=1&b=2"),
    ("https://ex.id/x?page=2", "https://ex.id/x?page=2"),
    # repeated slashes collapsed (the city CMS links "//berita/…")
    ("https://dinas.kota.go.id//berita//pelatihan-bkm.html", "https://dinas.kota.go.id/berita/pelatihan-bkm.html"),
    # AMP and print variants folded
    ("https://ex.id/amp/2024/05/01/rakor-rt-rw", "https://ex.id/2024/05/01/rakor-rt-rw"),
    ("https://ex.id/2024/05/01/rakor-rt-rw/amp", "https://ex.id/2024/05/01/rakor-rt-rw"),
    ("https://ex.id/2024/05/01/rakor-rt-rw/amp/", "https://ex.id/2024/05/01/rakor-rt-rw/"),
    ("https://ex.id/rakor-rt-rw/?amp", "https://ex.id/rakor-rt-rw/"),
    ("https://ex.id/rakor-rt-rw/?amp=1&utm_campaign=x", "https://ex.id/rakor-rt-rw/"),
    ("https://ex.id/rakor-rt-rw/?print=1", "https://ex.id/rakor-rt-rw/"),
    ("https://ex.id/print/rakor-rt-rw/", "https://ex.id/rakor-rt-rw/"),
    ("https://ex.id/rakor-rt-rw/cetak", "https://ex.id/rakor-rt-rw"),
    # a word merely containing "amp" is kept
    ("https://ex.id/kampung-amplas/", "https://ex.id/kampung-amplas/"),
    ("https://ex.id", "https://ex.id/"),
]


@pytest.mark.parametrize(("url", "expected"), CASES)
def test_normalize_url(url: str, expected: str) -> None:
    assert normalize_url(url) == expected


@pytest.mark.parametrize(("url", "_"), CASES)
def test_normalize_url_is_idempotent(url: str, _: str) -> None:
    once = normalize_url(url)
    assert normalize_url(once) == once


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/berita/a.html", "https://kota.go.id/berita/a.html"),
        ("b-c-d/", "https://kota.go.id/berita/b-c-d/"),
        ("#top", None),
        ("mailto:humas@kota.go.id", None),
        ("javascript:void(0)", None),
        ("ftp://kota.go.id/file", None),
        ("", None),
        ("//cdn.kota.go.id/x", "https://cdn.kota.go.id/x"),
    ],
)
def test_absolute_url(href: str, expected: str | None) -> None:
    assert absolute_url(href, "https://kota.go.id/berita/") == expected


@pytest.mark.parametrize(
    ("url", "ok"),
    [("http://a.id/", True), ("https://a.id", True), ("ftp://a.id/", False), ("file:///etc/passwd", False),
     ("a.id/x", False), ("https://", False), ("javascript:alert(1)", False)],
)
def test_is_http_url(url: str, ok: bool) -> None:
    assert is_http_url(url) is ok


def test_site_of_folds_www_and_keeps_ports() -> None:
    assert site_of("https://www.Pelopor.net/x") == site_of("https://pelopor.net/") == "pelopor.net"
    assert site_of("http://127.0.0.1:8001/") != site_of("http://127.0.0.1:8002/")
    assert site_of("https://dpmppa.kota.go.id/") != site_of("https://kota.go.id/")
