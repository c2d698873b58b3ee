"""crawler.discovery: robots.txt, sitemaps, feeds, the WordPress REST API and listing links."""

from __future__ import annotations

import gzip
import json
from datetime import date

import pytest

from crawler import discovery as disc
from records import Source

BASE = "https://warta.example.id/"
SITE = Source(name="warta", url=BASE)
SITES = disc.source_sites(SITE)


def test_robots_sitemaps() -> None:
    robots = "User-agent: *\nDisallow: /admin/\nSitemap: https://warta.example.id/sitemap_index.xml\n" \
             "sitemap: /news-sitemap.xml\n# Sitemap: https://x.id/commented.xml\n"
    assert disc.robots_sitemaps(robots, BASE + "robots.txt") == [
        "https://warta.example.id/sitemap_index.xml", "https://warta.example.id/news-sitemap.xml"]


INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://warta.example.id/post-sitemap.xml</loc><lastmod>2024-05-02T10:00:00+07:00</lastmod></sitemap>
  <sitemap><loc>https://warta.example.id/post-sitemap2.xml</loc></sitemap>
</sitemapindex>"""

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://warta.example.id/rakor-lpm-se-kota/?utm_source=sm</loc><lastmod>2024-05-01</lastmod></url>
  <url><loc> https://warta.example.id/pelatihan-kader-posyandu/ </loc>
    <news:news><news:publication_date>2024-04-30T08:00:00+07:00</news:publication_date></news:news></url>
</urlset>"""


def test_sitemap_index() -> None:
    sitemap = disc.parse_sitemap(INDEX, BASE)
    assert sitemap.pages == () and not sitemap.is_news
    assert [e.url for e in sitemap.sitemaps] == ["https://warta.example.id/post-sitemap.xml",
                                                 "https://warta.example.id/post-sitemap2.xml"]
    assert sitemap.sitemaps[0].lastmod == "2024-05-02T10:00:00+07:00"


@pytest.mark.parametrize("body", [URLSET, gzip.compress(URLSET)])
def test_sitemap_urlset_with_news_dates_plain_or_gzipped(body: bytes) -> None:
    pages = disc.parse_sitemap(body, BASE).pages
    assert [e.url for e in pages] == ["https://warta.example.id/rakor-lpm-se-kota/",
                                      "https://warta.example.id/pelatihan-kader-posyandu/"]
    assert pages[0].lastmod == "2024-05-01T00:00:00"
    assert pages[1].published == "2024-04-30T08:00:00+07:00"
    assert disc.parse_sitemap(body, BASE).is_news  # lists only recent days: not a complete index


@pytest.mark.parametrize("body", [b"", b"<html><body>Not found</body></html>", b"\x1f\x8bbroken", b"{}"])
def test_sitemap_garbage_gives_nothing(body: bytes) -> None:
    assert disc.parse_sitemap(body, BASE) == disc.Sitemap()


RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Warta</title>
<item><title>Rakor RT RW</title><link>https://warta.example.id/rakor-rt-rw-kecamatan/</link>
<pubDate>Wed, 01 May 2024 09:00:00 +0700</pubDate></item>
<item><title>No link</title><guid isPermaLink="false">warta-123</guid></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>W</title>
<entry><title>Bimtek</title><link rel="alternate" href="https://warta.example.id/bimtek-bumdes-angkatan-dua/"/>
<link rel="replies" href="https://warta.example.id/bimtek-bumdes-angkatan-dua/#comments"/>
<published>2024-05-03T10:00:00Z</published><updated>2024-05-04T10:00:00Z</updated></entry></feed>"""


def test_rss_feed() -> None:
    entries = disc.parse_feed(RSS, BASE)
    assert [e.url for e in entries] == ["https://warta.example.id/rakor-rt-rw-kecamatan/"]
    assert entries[0].published == "2024-05-01T09:00:00+07:00"


def test_atom_feed() -> None:
    (entry,) = disc.parse_feed(ATOM, BASE)
    assert entry.url == "https://warta.example.id/bimtek-bumdes-angkatan-dua/"
    assert entry.published == "2024-05-03T10:00:00+00:00"
    assert entry.lastmod == "2024-05-04T10:00:00+00:00"


def test_html_is_not_a_feed() -> None:
    assert disc.parse_feed(b"<html><body><a href='/x'>x</a></body></html>", BASE) == []


HEAD = """<html><head>
<link rel="alternate" type="application/rss+xml" title="Warta &raquo; Feed" href="https://warta.example.id/feed/">
<link rel="alternate" type="application/rss+xml" title="Komentar" href="https://warta.example.id/comments/feed/">
<link rel="alternate" type="application/atom+xml" href="/atom.xml">
<link rel="https://api.w.org/" href="https://warta.example.id/wp-json/">
<link rel="next" href="/page/2/">
</head><body><a href="/rakor-lpm-se-kota/">Rakor LPM</a></body></html>"""


def test_feed_links_skip_comment_feeds() -> None:
    assert disc.feed_links(HEAD, BASE) == ["https://warta.example.id/feed/", "https://warta.example.id/atom.xml"]


def test_wp_api_root_from_link_tag_or_header() -> None:
    assert disc.wp_api_root(HEAD, BASE) == "https://warta.example.id/wp-json/"
    header = '<https://warta.example.id/wp-json/>; rel="https://api.w.org/"'
    assert disc.wp_api_root("<html></html>", BASE, header) == "https://warta.example.id/wp-json/"
    assert disc.wp_api_root("<html><head></head></html>", BASE) is None


def test_wp_posts_url_and_parsing() -> None:
    url = disc.wp_posts_url("https://warta.example.id/wp-json/", 2)
    assert url.startswith("https://warta.example.id/wp-json/wp/v2/posts?per_page=100&page=2")
    plain = disc.wp_posts_url("https://warta.example.id/?rest_route=/", 1)
    assert plain.startswith("https://warta.example.id/?rest_route=/wp/v2/posts&")
    body = json.dumps([{"link": "https://warta.example.id/rakor-lpm-se-kota/", "date_gmt": "2024-05-01T02:00:00",
                        "modified_gmt": "2024-05-02T03:00:00"}, {"id": 5}, "junk"]).encode()
    (entry,) = disc.parse_wp_posts(body, BASE)
    assert entry.url == "https://warta.example.id/rakor-lpm-se-kota/"
    assert entry.lastmod == "2024-05-02T03:00:00+00:00"
    assert entry.published == "2024-05-01T02:00:00+00:00"
    assert disc.parse_wp_posts(b'{"code": "rest_no_route"}', BASE) == []
    assert disc.parse_wp_posts(b"<html>", BASE) == []


@pytest.mark.parametrize(
    ("page", "links", "expected"),
    [
        ("https://kota.go.id/berita", '<a href="/berita?page=2">Selanjutnya</a><a href="/berita?page=3">3</a>',
         ["https://kota.go.id/berita?page=2", "https://kota.go.id/berita?page=3"]),
        ("https://kota.go.id/berita/index?hal=2", '<a href="/berita/index?hal=1">1</a><a href="/berita/index?hal=3">'
         'Berikutnya &raquo;</a>', ["https://kota.go.id/berita/index?hal=3"]),
        ("https://kota.go.id/category/daerah/", '<a href="/category/daerah/page/2/">»</a>'
         '<a href="/category/olahraga/page/2/">2</a>', ["https://kota.go.id/category/daerah/page/2/"]),
        ("https://kota.go.id/", '<a rel="next" href="/page/2/">Older posts</a>', ["https://kota.go.id/page/2/"]),
        ("https://kota.go.id/indeks?page=4", '<a href="/indeks?page=3">3</a><a href="/indeks?page=4">4</a>', []),
        ("https://kota.go.id/berita", '<a href="/berita/rakor-rt-rw-se-kota.html">Rakor RT RW se-kota</a>', []),
    ],
)
def test_next_pages(page: str, links: str, expected: list[str]) -> None:
    assert disc.next_pages(f"<html><body>{links}</body></html>", page) == expected


@pytest.mark.parametrize(
    ("url", "page"),
    [("https://a.id/berita?page=3", 3), ("https://a.id/berita/index?hal=2", 2), ("https://a.id/page/7/", 7),
     ("https://a.id/category/x/page/2/", 2), ("https://a.id/berita", None), ("https://a.id/2024/05/01/x", None)],
)
def test_page_number(url: str, page: int | None) -> None:
    assert disc.page_number(url) == page


TRIBUN = Source(name="harian", url="https://harian.example.com/", allow=(r"/\d{4}/\d{2}/\d{2}/[^/]+$",))


@pytest.mark.parametrize(
    ("url", "source", "kind"),
    [
        ("https://warta.example.id/dinas-latih-pengurus-lpm-susun-rencana/", SITE, "article"),
        ("https://www.warta.example.id/2024/05/01/rakor-lpm/", SITE, "article"),
        ("https://warta.example.id/berita/12345/pelatihan-kader", SITE, "article"),
        ("https://warta.example.id/read/2016/02/23/145448826/Kader.PKK.Dilatih.Membatik", SITE, "article"),
        ("https://warta.example.id/berita/rapat-lpm-kelurahan-selatan.html", SITE, "article"),
        ("https://warta.example.id/category/daerah/", SITE, "listing"),
        ("https://warta.example.id/berita", SITE, "listing"),
        ("https://warta.example.id/page/3/", SITE, "listing"),
        ("https://warta.example.id/tag/lpm/", SITE, "skip"),
        ("https://warta.example.id/author/admin/", SITE, "skip"),
        ("https://warta.example.id/wp-content/uploads/2024/05/undangan-rapat-lpm.pdf", SITE, "skip"),
        ("https://warta.example.id/foto-kegiatan.jpg", SITE, "skip"),
        ("https://warta.example.id/?s=lpm", SITE, "skip"),
        ("https://warta.example.id/tentang-kami/", SITE, "skip"),
        ("https://other.example.id/dinas-latih-pengurus-lpm-susun-rencana/", SITE, "skip"),
        ("https://harian.example.com/2024/05/01/rakor-rt-rw-kota", TRIBUN, "article"),
        ("https://harian.example.com/2024/05/01/rakor-rt-rw-kota?page=2", TRIBUN, "skip"),
        ("https://harian.example.com/indeks?page=2", TRIBUN, "listing"),
    ],
)
def test_classify_link(url: str, source: Source, kind: str) -> None:
    assert disc.classify_link(url, source, disc.source_sites(source)) == kind


def test_source_deny_patterns_win() -> None:
    source = Source(name="w", url=BASE, deny=("/advertorial/",))
    assert disc.classify_link("https://warta.example.id/advertorial/promo-besar-akhir-tahun-ini/", source,
                              SITES) == "skip"


def test_dates() -> None:
    assert disc.is_newer("2024-05-02", "2024-05-01T23:00:00+00:00")
    assert not disc.is_newer("2024-05-01", "2024-05-01")
    assert not disc.is_newer(None, "2024-05-01")
    assert disc.is_newer("2024-05-01", None)
    assert disc.older_than("2024-04-30T23:00:00+07:00", date(2024, 5, 1))
    assert not disc.older_than("2024-05-01", date(2024, 5, 1))
    assert not disc.older_than(None, date(2024, 5, 1))
    assert not disc.older_than("2020-01-01", None)
    assert disc.iso_date("Wed, 01 May 2024 09:00:00 +0700") == "2024-05-01T09:00:00+07:00"
    assert disc.iso_date("kemarin") is None


@pytest.mark.parametrize(
    ("url", "source", "ok"),
    [
        ("https://warta.example.id/pelatihan-lpm/", SITE, True),  # a short slug is fine in an index
        ("https://warta.example.id/category/daerah/", SITE, False),
        ("https://warta.example.id/tag/lpm/", SITE, False),
        ("https://elsewhere.example.id/pelatihan-lpm/", SITE, False),
        ("https://harian.example.com/profil", TRIBUN, False),  # allow patterns decide when given
        ("https://harian.example.com/2024/05/01/rakor", TRIBUN, True),
    ],
)
def test_indexed_article(url: str, source: Source, ok: bool) -> None:
    assert disc.indexed_article(url, source, disc.source_sites(source)) is ok
