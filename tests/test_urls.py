"""crawler.urls: one URL per article."""

from __future__ import annotations

import pytest

from crawler.safety import refusal, resolves_unsafe, unsafe_host
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
    # an IPv6 address keeps its brackets (and stays parseable)
    ("http://[::1]:8080/a//b", "http://[::1]:8080/a/b"),
    ("http://[FE80::1]/", "http://[fe80::1]/"),
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


# ---------------------------------------------------------------- crawler.safety: where the crawler may go

PUBLIC = {"berita.example.id"}  # a public source's sites
LOCAL = {"127.0.0.1:8101"}  # a source configured on this machine (the sample sites)

REFUSALS = [
    # (url, the source's sites, refusal or None)
    ("https://berita.example.id/rakor-lpm/", PUBLIC, None),
    ("https://kabar.example.com/rakor-lpm/", PUBLIC, None),  # off-site but public: dropped elsewhere, not unsafe
    ("http://127.0.0.1/admin", PUBLIC, "unsafe_address"),
    ("http://127.0.0.1:8101/x", PUBLIC, "unsafe_address"),
    ("http://10.1.2.3/", PUBLIC, "unsafe_address"),
    ("http://172.16.0.9/", PUBLIC, "unsafe_address"),
    ("http://192.168.1.1/", PUBLIC, "unsafe_address"),
    ("http://100.64.0.1/", PUBLIC, "unsafe_address"),  # carrier-grade NAT
    ("http://169.254.169.254/latest/meta-data/", PUBLIC, "unsafe_address"),
    ("http://0.0.0.0:8080/", PUBLIC, "unsafe_address"),
    ("http://240.0.0.1/", PUBLIC, "unsafe_address"),  # reserved
    ("http://224.0.0.1/", PUBLIC, "unsafe_address"),  # multicast
    ("http://[::1]/", PUBLIC, "unsafe_address"),
    ("http://[fe80::1]/", PUBLIC, "unsafe_address"),
    ("http://[fd00::5]/", PUBLIC, "unsafe_address"),
    ("http://[::ffff:127.0.0.1]/", PUBLIC, "unsafe_address"),
    ("http://2130706433/", PUBLIC, "unsafe_address"),  # 127.0.0.1 as one number
    ("http://127.1/", PUBLIC, "unsafe_address"),
    ("http://0x7f.0.0.1/", PUBLIC, "unsafe_address"),
    ("http://localhost:8000/", PUBLIC, "unsafe_address"),
    ("http://LOCALHOST./", PUBLIC, "unsafe_address"),
    ("http://api.localhost/", PUBLIC, "unsafe_address"),
    ("http://metadata.google.internal/computeMetadata/v1/", PUBLIC, "unsafe_address"),
    ("http://printer.local/", PUBLIC, "unsafe_address"),
    ("http://8.8.8.8/", PUBLIC, None),
    ("http://[2001:4860:4860::8888]/", PUBLIC, None),
    ("file:///etc/passwd", PUBLIC, "bad_scheme"),
    ("ftp://berita.example.id/arsip.zip", PUBLIC, "bad_scheme"),
    ("javascript:alert(1)", PUBLIC, "bad_scheme"),
    ("gopher://127.0.0.1:25/", PUBLIC, "bad_scheme"),
    # a source on this machine reaches its own host and port, and nothing else private
    ("http://127.0.0.1:8101/rakor-lpm/", LOCAL, None),
    ("http://127.0.0.1:8102/rakor-lpm/", LOCAL, "unsafe_address"),
    ("http://localhost:8101/rakor-lpm/", LOCAL, "unsafe_address"),
    ("http://169.254.169.254/", LOCAL, "unsafe_address"),
    ("https://berita.example.id/rakor-lpm/", LOCAL, None),
]


@pytest.mark.parametrize(("url", "sites", "expected"), REFUSALS)
def test_refusal(url: str, sites: set[str], expected: str | None) -> None:
    assert refusal(url, sites) == expected


@pytest.mark.parametrize(("host", "unsafe"), [
    ("127.0.0.1", True), ("::1", True), ("[::1]", True), ("10.0.0.1", True), ("169.254.169.254", True),
    ("localhost", True), ("x.internal", True), ("berita.example.id", False), ("1.1.1.1", False),
    ("localhost.example.id", False), ("internal.example.id", False), ("123berita.id", False),
])
def test_unsafe_host(host: str, unsafe: bool) -> None:
    assert unsafe_host(host) is unsafe


def test_a_name_resolving_to_loopback_is_unsafe() -> None:
    # 'localhost' resolves through /etc/hosts (no network): the check that guards public host names
    assert resolves_unsafe("localhost") is True
