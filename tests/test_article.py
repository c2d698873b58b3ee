"""crawler.article on hand-written pages modelled on Indonesian regional news sites (tests/pages/)."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.article import clean_text, continuation_urls, decode_html, merge_pages, page_kind, parse_article
from records import Article, Source

PAGES = Path(__file__).with_name("pages")
TRIBUN = "https://banyumas.tribunnews.example/2024/06/06/ratusan-pengurus-bkm-ikuti-bimtek-pengelolaan-dana-bergulir"
URLS = {
    "jnews": "https://wartalintas.example/kader-posyandu-sukamaju-pelatihan-gizi/",
    "gocms": "https://disduk.mekarsarikota.go.id/berita/pengurus-rt-rw-sosialisasi.html",
    "tribun_p1": TRIBUN,
    "tribun_p2": TRIBUN + "?page=2",
    "broken": "https://desawates.example/berita/rakor-festival-kampung",
    "cp1252": "https://kelurahanlor.example/2022/08/pemuda-belajar-kelola-cafe",
    "tag": "https://wartalintas.example/tag/pelatihan/",
    "search": "https://wartalintas.example/?s=bimtek",
    "empty": "https://wartalintas.example/kosong/",
    "portal_wp": "https://suarapesisir.example/2023/08/09/ketua-rw-dilatih-menyusun-data-warga-miskin/",
    "jsonld": "https://kabarborneotimur.example/berita/forum-kader-pemberdayaan",
    "portal_modern": "https://news.kabarnusantara.example/berita/d-7361234/ratusan-kader-kpm-ikuti-bimtek",
    "gov_table": "https://sukamakmurkab.go.id/berita/baca/412",
}


@cache
def raw(name: str) -> bytes:
    """The fixture's bytes."""
    return (PAGES / f"{name}.html").read_bytes()


@cache
def article(name: str) -> Article | None:
    """The fixture parsed once."""
    return parse_article(raw(name), URLS[name])


# ------------------------------------------------------------------ fields, one per test

FIELDS = [
    ("jnews", "title", "Kader Posyandu Kelurahan Sukamaju Ikuti Pelatihan Gizi Balita"),
    ("jnews", "published", "2023-09-12T09:41:07+07:00"),
    ("jnews", "author", "Rina Wulandari"),
    ("jnews", "canonical_url", "https://wartalintas.example/kader-posyandu-sukamaju-pelatihan-gizi/"),
    ("gocms", "title", "Pengurus RT dan RW Dibekali Sosialisasi Administrasi Kependudukan"),
    ("gocms", "published", "2025-03-05"),
    ("gocms", "author", None),
    ("tribun_p1", "title", "Ratusan Pengurus BKM Ikuti Bimtek Pengelolaan Dana Bergulir"),
    ("tribun_p1", "published", "2024-06-06T14:05:00+07:00"),
    ("tribun_p1", "author", "Dimas Prasetyo"),
    ("broken", "title", "Karang Taruna Desa Wates Gelar Rakor Persiapan Festival Kampung"),
    ("broken", "published", "2023-10-14T19:30:00+08:00"),
    ("cp1252", "title", "Pemuda Kelurahan Lor Belajar Kelola Café Lewat Pelatihan Wirausaha"),
    ("cp1252", "published", "2022-08-21"),
    ("portal_wp", "title", "Ketua RW se-Kecamatan Selatan Dilatih Menyusun Data Warga Miskin"),
    ("portal_wp", "published", "2023-08-09T08:15:00+07:00"),
    ("portal_wp", "author", None),
    ("jsonld", "title", "Forum Kader Pemberdayaan Masyarakat Dibentuk di Tiga Kecamatan"),
    ("jsonld", "published", "2024-02-01T10:30:00+08:00"),
    ("jsonld", "author", "Yudha Pratama"),
    ("jsonld", "canonical_url", None),
    ("portal_modern", "title", "Ratusan Kader KPM Ikuti Bimtek Digitalisasi Data Desa"),
    ("portal_modern", "published", "2024-06-06T14:05:00+07:00"),
    ("portal_modern", "author", "Gilang Ramadhan"),
    ("gov_table", "title", "Bupati Buka Pelatihan Pengurus BUMDes dan Karang Taruna"),  # not in <title> at all
    ("gov_table", "published", "2024-10-02T09:00:00+07:00"),
    ("gov_table", "author", None),
]


@pytest.mark.parametrize(("name", "field", "expected"), FIELDS)
def test_field(name: str, field: str, expected: str | None) -> None:
    a = article(name)
    assert a is not None
    assert getattr(a, field) == expected


# ------------------------------------------------------------------ body text: what must go, what must stay

GONE = [
    ("jnews", "447 Pembaca"),
    ("jnews", "Baca juga: Lurah"),
    ("jnews", "Lurah Sukamaju Resmikan Gedung Posyandu Baru"),
    ("jnews", "ADVERTISEMENT"),
    ("jnews", "t.me/"),
    ("jnews", "Dapatkan update"),
    ("jnews", "Discussion about this post"),
    ("jnews", "Tinggalkan Komentar"),
    ("jnews", "Related Posts"),
    ("jnews", "All Right Reserved"),
    ("jnews", "Facebook"),
    ("gocms", "Berita Lainnya"),
    ("gocms", "Copyright"),
    ("gocms", "Tim Liputan Bagian Komunikasi Pimpinan"),  # the newsroom's sign-off
    ("tribun_p1", "Penulis:"),
    ("tribun_p1", "Editor"),
    ("tribun_p1", "Baca juga"),
    ("tribun_p1", "Sumber: Tribun"),
    ("tribun_p1", "TRIBUNnews.com Network"),
    ("tribun_p1", "Tribunbanyumas.com/Dimas"),
    ("tribun_p1", "Tampilkan Semua"),
    ("broken", "Bagikan"),
    ("broken", "19:30 WITA"),
    ("portal_wp", "(Suara Pesisir)"),
    ("portal_wp", "Editor"),
    ("portal_wp", "Close Ads"),
    ("portal_wp", "Pembaca"),
    ("portal_wp", "Tinggalkan Komentar"),
    ("portal_wp", "Alamat email"),
    ("portal_wp", "08:15 WIB"),
    ("portal_wp", "Rights Reserved"),
    ("portal_modern", "Baca juga"),
    ("portal_modern", "BUMDes Juara Nasional"),
    ("portal_modern", "ADVERTISEMENT"),
    ("portal_modern", "SCROLL TO CONTINUE"),
    ("portal_modern", "Gambas"),
    ("portal_modern", "Berita Terkait"),
    ("portal_modern", "Belum ada komentar"),
    ("portal_modern", "Kader KPM mengikuti bimtek digitalisasi"),  # the caption
    ("gov_table", "Profil Daerah"),
    ("gov_table", "Diposting"),
    ("gov_table", "Dibaca"),
    ("gov_table", "Hak Cipta"),
]


@pytest.mark.parametrize(("name", "junk"), GONE)
def test_junk_removed(name: str, junk: str) -> None:
    a = article(name)
    assert a is not None
    assert junk not in a.text


KEPT = [
    ("jnews", "WARTALINTAS – Kota Sukamaju – Sebanyak empat puluh kader Posyandu"),
    ("jnews", "apalagi setelah baca juga buku panduan baru dari puskesmas"),  # mentions 'baca juga', is prose
    ("jnews", "pendampingan langsung di setiap Posyandu selama tiga bulan"),
    ("gocms", "Sebanyak 120 pengurus RT dan RW hadir"),
    ("tribun_p1", "TRIBUNBANYUMAS.COM, BANYUMAS - Sebanyak 150 pengurus"),
    ("tribun_p1", "fasilitator kecamatan"),
    ("cp1252", "wirausaha – mulai dari menyusun menu"),
    ("portal_wp", "SUARAPESISIR – Kecamatan Selatan – Sebanyak 64 ketua RW"),
    ("jsonld", "bulan depan. (yp/kbt)"),  # the reporters' sign-off is part of the text
    ("portal_modern", "Sleman - Sebanyak 300 kader"),  # dateline in bare text before the first <p>
    ("portal_modern", "(gil/rdp)"),
    ("gov_table", "SUKAMAKMUR - Bupati Sukamakmur membuka pelatihan"),
    ("gov_table", "penyerahan sertifikat kepada peserta"),
    ("cp1252", "“Kami ingin pemuda punya usaha sendiri, misalnya membuka café kecil di rumah,”"),
]


@pytest.mark.parametrize(("name", "prose"), KEPT)
def test_prose_kept(name: str, prose: str) -> None:
    a = article(name)
    assert a is not None
    assert prose in a.text


@pytest.mark.parametrize(
    ("name", "sentence", "count"),
    [
        ("gocms", "Kepala Dinas menjelaskan bahwa ketua RT dan RW merupakan ujung tombak", 1),
        # the title repeated as the first body line
        ("gocms", "Pengurus RT dan RW Dibekali Sosialisasi Administrasi Kependudukan", 0),
        ("tribun_p1", "Peserta bimbingan teknis mencatat materi pembukuan", 0),  # photo caption repeated in body
        ("portal_wp", "Ketua RW se-Kecamatan Selatan Dilatih", 0),  # title repeated as the first body line
    ],
)
def test_repeats(name: str, sentence: str, count: int) -> None:
    a = article(name)
    assert a is not None
    assert a.text.count(sentence) == count


def test_paragraphs_separated_by_blank_lines() -> None:
    a = article("jnews")
    assert a is not None
    assert len(a.text.split("\n\n")) == 5


# ------------------------------------------------------------------ page kinds

KINDS = [
    ("jnews", URLS["jnews"], "article"),
    ("gocms", URLS["gocms"], "article"),
    ("tribun_p2", URLS["tribun_p2"], "article"),
    ("broken", URLS["broken"], "article"),
    ("tag", URLS["tag"], "listing"),
    ("tag", None, "listing"),  # without the URL, the teaser list alone gives it away
    ("search", URLS["search"], "listing"),
    ("empty", URLS["empty"], "other"),
    ("jnews", "https://wartalintas.example/", "listing"),
    ("jnews", "https://wartalintas.example/category/daerah/", "listing"),
    ("jnews", "https://wartalintas.example/author/rina/", "other"),
    ("jnews", "https://wartalintas.example/wp-login.php", "other"),
]


@pytest.mark.parametrize(("name", "url", "kind"), KINDS)
def test_page_kind(name: str, url: str | None, kind: str) -> None:
    assert page_kind(decode_html(raw(name)), url) == kind


@pytest.mark.parametrize("name", ["tag", "search", "empty"])
def test_not_articles_give_none(name: str) -> None:
    assert parse_article(raw(name), URLS[name]) is None


@pytest.mark.parametrize("html", ["", "   ", "<html></html>", "<<<>>>", b"\x00\xff\xfe garbage", "<rss><channel>"])
def test_junk_input_gives_none(html: str | bytes) -> None:
    assert parse_article(html, "https://x.example/a") is None


def test_feed_is_listing() -> None:
    feed = '<?xml version="1.0"?><rss version="2.0"><channel><title>Berita</title></channel></rss>'
    assert page_kind(feed) == "listing"


# ------------------------------------------------------------------ decoding

DECODE = [
    ("“Pelatihan” – café".encode("cp1252"), "windows-1252", "“Pelatihan” – café"),
    # a latin-1 label means cp1252, as in browsers
    ("“Pelatihan” – café".encode("cp1252"), "iso-8859-1", "“Pelatihan” – café"),
    ("“Pelatihan” – café".encode("cp1252"), "utf-8", "“Pelatihan” – café"),  # wrongly declared
    ("“Pelatihan” – café".encode("cp1252"), None, "“Pelatihan” – café"),
    ("“Pelatihan” – café".encode(), "iso-8859-1", "“Pelatihan” – café"),  # UTF-8 declared as latin-1
    ("“Pelatihan” – café".encode("cp1252"), "text/html; charset=ISO-8859-1", "“Pelatihan” – café"),  # a header
    ("Rapat – café".encode() + " “RT”".encode("cp1252"), "utf-8", "Rapat – café “RT”"),  # mixed: stray cp1252
    ("\ufeffRapat koordinasi".encode(), None, "Rapat koordinasi"),  # UTF-8 BOM
    ("Rapat koordinasi".encode("utf-16"), None, "Rapat koordinasi"),  # UTF-16 with BOM
    (b'<meta charset="windows-1252"><p>Sosialisasi \x93RT\x94</p>', None,
     '<meta charset="windows-1252"><p>Sosialisasi “RT”</p>'),
]


@pytest.mark.parametrize(("body", "declared", "expected"), DECODE)
def test_decode_html(body: bytes, declared: str | None, expected: str) -> None:
    assert decode_html(body, declared) == expected


def test_parse_article_accepts_bytes_with_encoding() -> None:
    a = parse_article(raw("cp1252"), URLS["cp1252"], encoding="windows-1252")
    assert a is not None
    assert "café" in a.text


# ------------------------------------------------------------------ split articles

CONTINUATIONS = [
    (
        '<a href="?page=2">2</a><a href="?page=3">3</a><a href="?page=2">Selanjutnya</a><a href="?page=all">Semua</a>',
        "https://tribun.example/2024/06/06/judul-berita",
        [
            "https://tribun.example/2024/06/06/judul-berita?page=2",
            "https://tribun.example/2024/06/06/judul-berita?page=3",
        ],
    ),
    (
        '<a href="https://wp.example/judul-berita/3/">3</a><a href="https://wp.example/judul-berita/2/">Halaman 2</a>',
        "https://wp.example/judul-berita/",
        ["https://wp.example/judul-berita/2/", "https://wp.example/judul-berita/3/"],
    ),
    (
        '<a href="/judul?page=1">1</a><a href="/judul?page=3">3</a>',
        "https://tribun.example/judul?page=2",
        ["https://tribun.example/judul?page=3"],
    ),
    ('<a href="/lain?page=2">2</a><a href="/tag/lpm/page/2/">2</a>', "https://x.example/judul", []),
    ('<a href="https://other.example/judul?page=2">2</a>', "https://x.example/judul", []),
]


@pytest.mark.parametrize(("html", "url", "expected"), CONTINUATIONS)
def test_continuation_urls(html: str, url: str, expected: list[str]) -> None:
    assert continuation_urls(f"<html><body>{html}</body></html>", url) == expected


def test_continuation_urls_on_tribun_fixture() -> None:
    assert continuation_urls(decode_html(raw("tribun_p1")), TRIBUN) == [TRIBUN + "?page=2"]


def test_merge_pages_keeps_first_metadata_and_drops_repeats() -> None:
    first, second = article("tribun_p1"), article("tribun_p2")
    assert first is not None and second is not None
    merged = merge_pages([first, second])
    assert merged.url == TRIBUN
    assert merged.text.count("Menurut dia, pendampingan akan dilanjutkan") == 1
    assert merged.text.endswith("belum pernah mengelola dana bergulir.")
    assert merged.text.startswith("TRIBUNBANYUMAS.COM, BANYUMAS")


def test_merge_pages_rejects_empty_list() -> None:
    with pytest.raises(ValueError):
        merge_pages([])


# ------------------------------------------------------------------ clean_text on plain text

CLEAN = [
    ("Paragraf pertama berita.\nBaca juga: Judul Lain yang Menarik\nParagraf kedua.",
     "Paragraf pertama berita.\n\nParagraf kedua."),
    ("Isi berita tentang pelatihan LPM.\n1.234 kali dibaca\nDibaca: 88 kali", "Isi berita tentang pelatihan LPM."),
    ("Isi berita.\nPenulis: Budi Santoso | Editor: Ani", "Isi berita."),
    ("Isi berita.\nSumber: Humas Kota\n© 2024 Media Network\nMenu lain", "Isi berita."),
    ("Isi berita.\nDiscussion about this post\nKomentar pembaca di sini", "Isi berita."),
    ("Sama persis, paragraf yang diulang oleh CMS.\nLain.\nSama persis, paragraf yang diulang oleh CMS.",
     "Sama persis, paragraf yang diulang oleh CMS.\n\nLain."),
    ("Pengurus LPM diminta membaca juga aturan baru soal pelatihan.",
     "Pengurus LPM diminta membaca juga aturan baru soal pelatihan."),
    ("Scroll to continue with content\nIsi.\nADVERTISEMENT", "Isi."),
    ("Isi berita.\nEditor: H.M. Suryadi, S.Sos", "Isi berita."),
    # a list item '(c)' is not a copyright line
    ("Bantuan diberikan untuk:\n(c) pelatihan kader Posyandu;\n(d) operasional RT.",
     "Bantuan diberikan untuk:\n\n(c) pelatihan kader Posyandu;\n\n(d) operasional RT."),
    ("Isi berita.\n(c) 2024 Kabar Kota\nTentang kami", "Isi berita."),
    ("Isi berita.\nSimak juga Video: Suasana Rakor di Balai Kota\nArtikel ini telah tayang di Kabar.com dengan judul X",
     "Isi berita."),
]


@pytest.mark.parametrize(("text", "expected"), CLEAN)
def test_clean_text(text: str, expected: str) -> None:
    assert clean_text(text) == expected


# ------------------------------------------------------------------ per-site hints


def test_source_selectors_are_used() -> None:
    html = """<html><head><title>Situs Dinas</title></head><body>
    <div class="judul">Sosialisasi Posyandu Remaja di Kelurahan Barat</div>
    <div class="tgl">Diterbitkan 03-04-2024</div>
    <div class="isi"><p>Puskesmas kelurahan menggelar sosialisasi Posyandu remaja bagi pelajar SMP dan SMA di aula
    kelurahan, diikuti puluhan remaja beserta kader yang bertugas.</p>
    <p>Kegiatan itu membahas gizi seimbang, kesehatan reproduksi, dan bahaya rokok bagi remaja serta cara
    mengajak teman sebaya untuk rutin datang ke Posyandu setiap bulan.</p></div>
    <div class="lain"><p>Menu lain yang tidak relevan</p></div></body></html>"""
    src = Source(name="dinas", url="https://dinas.example/", article_selector=".isi", title_selector=".judul",
                 date_selector=".tgl")
    a = parse_article(html, "https://dinas.example/berita/1", source=src)
    assert a is not None
    assert (a.title, a.published, a.source) == ("Sosialisasi Posyandu Remaja di Kelurahan Barat", "2024-04-03", "dinas")
    assert "Menu lain" not in a.text


# ------------------------------------------------------------------ fallbacks when the usual signals are missing


def test_title_segment_shown_as_heading_without_site_hints() -> None:
    html = raw("gocms").decode().replace(
        '<a href="https://disduk.mekarsarikota.go.id/">Dinas Kependudukan Kota Mekarsari</a>', "")
    a = parse_article(html, URLS["gocms"])
    assert a is not None
    assert a.title == "Pengurus RT dan RW Dibekali Sosialisasi Administrasi Kependudukan"


def test_date_from_permalink_when_the_page_shows_none() -> None:
    html = raw("tribun_p1").decode().replace("Kamis, 6 Juni 2024 14:05 WIB", "")
    a = parse_article(html, URLS["tribun_p1"])
    assert a is not None
    assert a.published == "2024-06-06"


def test_single_long_paragraph_is_an_article() -> None:
    words = " ".join(["Pengurus PKK kelurahan mengikuti sosialisasi pencegahan stunting di aula kantor."] * 9)
    html = (f"<html><head><title>Sosialisasi Stunting</title></head>"
            f"<body><h1>Sosialisasi Stunting</h1><p>{words}</p></body></html>")
    assert page_kind(html, "https://pkk.example/berita/sosialisasi-stunting") == "article"


# ------------------------------------------------------------------ the bundled sample sites (served in memory)


def _sample_pages() -> list[tuple[Any, str, str, Any]]:
    """(post, url, first page's HTML, site) for every article of the sample sites."""
    from samples.content import site_configs
    from samples.server import build_site

    rows = []
    for i, config in enumerate(site_configs()):
        site = build_site(config)
        site.base_url = f"http://127.0.0.1:{8101 + i}/"
        for post in site.posts:
            path = site.path_of(post)
            rows.append((post, site.url(path), site.handle(path).body.decode("utf-8"), site))
    return rows


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _f1(gold: str, ours: str) -> float:
    """Token F1 (bag of words)."""
    g, o = Counter(_tokens(gold)), Counter(_tokens(ours))
    common = sum((g & o).values())
    return 0.0 if not common else 2 * common / (sum(g.values()) + sum(o.values()))


@pytest.fixture(scope="module")
def samples() -> list[tuple[Any, str, str, Any, Article | None]]:
    return [(post, url, html, site, parse_article(html, url)) for post, url, html, site in _sample_pages()]


def test_sample_sites_titles_exact(samples: list[tuple[Any, str, str, Any, Article | None]]) -> None:
    wrong = [(post.id, a.title if a else None) for post, _, _, _, a in samples if not a or a.title != post.title]
    assert wrong == []


def test_sample_sites_dates_right(samples: list[tuple[Any, str, str, Any, Article | None]]) -> None:
    wrong = [(post.id, a.published if a else None) for post, _, _, _, a in samples
             if not a or (a.published or "")[:10] != post.published[:10]]
    assert wrong == []


def test_sample_sites_whole_text(samples: list[tuple[Any, str, str, Any, Article | None]]) -> None:
    """Every article, its parts fetched through continuation_urls and merged, reads as written."""
    low = []
    for post, url, html, site, first in samples:
        assert first is not None, post.id
        parts = [first]
        for more in continuation_urls(html, url):
            path = more.removeprefix(site.base_url.rstrip("/"))
            parts.append(parse_article(site.handle(path).body.decode("utf-8"), more))
        merged = merge_pages([p for p in parts if p])
        if (score := _f1(post.text, merged.text)) < 0.97:
            low.append((post.id, round(score, 3)))
    assert low == []


@pytest.mark.slow
def test_oversized_page_is_cut_not_choked_on() -> None:
    """A page far over MAX_HTML_CHARS (scripts, then endless gallery rows) still yields its article."""
    script = "<script>var data = '" + "x" * 600_000 + "';</script>"
    rows = '<div class="foto"><img src="/g.jpg"><p>Dokumentasi kegiatan warga.</p></div>' * 20_000
    html = raw("jnews").decode().replace("</head>", script + "</head>").replace("</body>", rows + "</body>")
    assert len(html) > 2_000_000
    a = parse_article(html, URLS["jnews"])
    assert a is not None
    assert a.title == "Kader Posyandu Kelurahan Sukamaju Ikuti Pelatihan Gizi Balita"


# ------------------------------------------------------------------ datelines and bylines on a minimal page

PAGE = """<html><head><title>Rapat Koordinasi Pengurus LPM Kelurahan - Kabar Kota</title></head><body>
<h1>Rapat Koordinasi Pengurus LPM Kelurahan</h1><div class="meta">{meta}</div>
<div class="content"><p>{first}</p>
<p>Pengurus LPM dari sebelas kelurahan hadir dalam rapat koordinasi yang membahas rencana kerja tahunan dan
pembagian tugas antarseksi di setiap kelurahan.</p>
<p>Camat berharap rapat serupa digelar rutin setiap triwulan agar program lembaga berjalan selaras dengan
rencana pembangunan kecamatan.</p></div></body></html>"""
FIRST = "Rapat berlangsung di aula kecamatan, Senin (3/6/2024), dan dibuka langsung oleh camat setempat."

DATELINES = [
    ("Kamis, 6 Juni 2024 14:05 WIB", "2024-06-06T14:05:00+07:00"),
    ("Kamis, 06/06/2024 14:05 WITA", "2024-06-06T14:05:00+08:00"),
    ("Diposting: 06/06/2024 09:00 WIT", "2024-06-06T09:00:00+09:00"),
    ("Kabar Kota - 6 Jun 2024, 14.05 WIB", "2024-06-06T14:05:00+07:00"),
    ("June 6, 2024", "2024-06-06"),
    ("2024-06-06 14:05", "2024-06-06"),  # a time without a zone is not an instant
    ("Kamis, 6 Juni 2024", "2024-06-06"),
    ("", "2024-06-03"),  # nothing but the story's own date: the first one in the text
]


@pytest.mark.parametrize(("meta", "expected"), DATELINES)
def test_dateline_forms(meta: str, expected: str) -> None:
    a = parse_article(PAGE.format(meta=meta, first=FIRST), "https://kabarkota.example/rakor-lpm")
    assert a is not None
    assert a.published == expected


BYLINES = [
    ("Penulis: Siti Rahmawati | Editor: Budi", "Siti Rahmawati"),
    ("Reporter : Andi Saputra", "Andi Saputra"),
    ("Oleh Yohanes Kurniawan", "Yohanes Kurniawan"),
    ("Penulis: Kontributor Bontang, Rudi Hartono", "Rudi Hartono"),
    ("Editor: Budi", None),
    ("Foto: Humas Pemkot", None),
]


@pytest.mark.parametrize(("meta", "expected"), BYLINES)
def test_byline_forms(meta: str, expected: str | None) -> None:
    a = parse_article(PAGE.format(meta=meta, first=FIRST), "https://kabarkota.example/rakor-lpm")
    assert a is not None
    assert a.author == expected


def test_tribun_style_byline_in_text() -> None:
    first = "Laporan Wartawan Kabarkota.example, Dewi Lestari</p><p>" + FIRST
    a = parse_article(PAGE.format(meta="", first=first), "https://kabarkota.example/rakor-lpm")
    assert a is not None
    assert (a.author, "Laporan Wartawan" in a.text) == ("Dewi Lestari", False)


URL_KINDS = [
    ("https://x.example/", "listing"),
    ("https://x.example/berita?page=2", "listing"),
    ("https://x.example/berita/index?hal=3", "listing"),
    ("https://x.example/articles?category=berita&page=4", "listing"),
    ("https://x.example/kategori/pemerintahan/", "listing"),
    ("https://x.example/tag/lpm/", "listing"),
    ("https://x.example/page/2/", "listing"),
    ("https://x.example/indeks?page=1", "listing"),
    ("https://x.example/search?q=bimtek", "listing"),
    ("https://x.example/feed/", "listing"),
    ("https://x.example/profil", "other"),
    ("https://x.example/author/admin/", "other"),
    ("https://x.example/login?next=/", "other"),
]


@pytest.mark.parametrize(("url", "kind"), URL_KINDS)
def test_url_alone_decides_listing_and_other(url: str, kind: str) -> None:
    assert page_kind(decode_html(raw("jnews")), url) == kind


@pytest.mark.parametrize("url", [
    "https://x.example/berita/pelatihan-kader-posyandu.html",
    "https://x.example/2024/06/06/ratusan-pengurus-bkm-ikuti-bimtek",
    "https://x.example/kader-posyandu-sukamaju-pelatihan-gizi/",
    "https://x.example/articles/pelatihan-kader-posyandu",
    "https://x.example/read/2024/06/06/101010/tag-line-bukan-tag",
])
def test_article_urls_leave_it_to_the_page(url: str) -> None:
    assert page_kind(decode_html(raw("jnews")), url) == "article"


@pytest.mark.parametrize(("meta_value", "dateline", "expected"), [
    ("2024-06-06T14:05:00", "Kamis, 6 Juni 2024 14:05 WIB", "2024-06-06T14:05:00+07:00"),  # zone from the page
    ("2024-06-06", "Kamis, 6 Juni 2024 14:05 WITA", "2024-06-06T14:05:00+08:00"),  # time from the page
    ("2024-06-06T14:05:00Z", "Kamis, 6 Juni 2024 14:05 WIB", "2024-06-06T14:05:00+07:00"),  # 'Z' was local time
    ("2024-06-06T07:05:00Z", "Kamis, 6 Juni 2024 14:05 WIB", "2024-06-06T07:05:00+00:00"),  # a true UTC stamp
    ("2024-06-06T14:05:00", "Kamis, 6 Juni 2024", "2024-06-06"),  # no zone anywhere: the date only
])
def test_machine_stamp_completed_by_the_dateline(meta_value: str, dateline: str, expected: str) -> None:
    html = PAGE.format(meta=dateline, first=FIRST).replace(
        "</head>", f'<meta property="article:published_time" content="{meta_value}"></head>')
    a = parse_article(html, "https://kabarkota.example/rakor-lpm")
    assert a is not None
    assert a.published == expected


# ------------------------------------------------------------------ clean_text properties

LINES = [
    "Pengurus RT dan RW mengikuti sosialisasi administrasi kependudukan di balai kelurahan.",
    "Baca juga: Karang Taruna Gelar Lomba Kebersihan",
    "Kegiatan itu dibuka camat dan diikuti sekitar delapan puluh peserta dari enam kelurahan.",
    "Penulis: Rina | Editor: Budi",
    "ADVERTISEMENT",
    "• Ikuti kami di",
    "“Kami berharap pengurus makin memahami tugasnya,” kata lurah.",
    "Selasa, 4 Juni 2024 10:00 WIB",
    "(abc/def)",
    "© 2024 Kabar Kota",
    "Menu lain",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=12))
def test_clean_text_is_idempotent_and_only_removes(lines: list[str]) -> None:
    text = "\n".join(lines)
    once = clean_text(text)
    assert clean_text(once) == once
    assert {p for p in once.split("\n\n") if p} <= {line.lstrip("• ") for line in lines}  # whole lines, unchanged


def test_paragraphs_with_long_links_stay_an_article() -> None:
    link = '<a href="/berita/{n}">Pengurus LPM Kelurahan {n} Ikuti Pelatihan Perencanaan Pembangunan</a>'
    para = ("<p>Menurut lurah {n}, kegiatan serupa pernah digelar tahun lalu dan hasilnya bisa dibaca dalam berita "
            "{link} yang memuat daftar peserta, materi, serta rencana tindak lanjut dari kelurahan {n}.</p>")
    places = ["Sukajadi", "Mekarsari", "Cibeureum", "Pasirkaliki", "Sukaraja", "Cigadung"]
    body = "".join(para.format(n=n, link=link.format(n=n)) for n in places)
    html = f"<html><head><title>Rakor LPM</title></head><body><h1>Rakor LPM Kecamatan Barat</h1>{body}</body></html>"
    assert page_kind(html, "https://kabarkota.example/rakor-lpm-kecamatan-barat") == "article"


def test_inline_related_link_inside_a_paragraph_is_cut_out() -> None:
    first = ('Rapat berlangsung di aula kecamatan dan dibuka camat. <strong>Baca juga: <a href="/x">Lurah Lantik '
             'Pengurus Karang Taruna Baru</a></strong> Camat meminta pengurus aktif mendata warga setiap bulan.')
    a = parse_article(PAGE.format(meta="", first=first), "https://kabarkota.example/rakor-lpm")
    assert a is not None
    assert a.text.split("\n\n")[0] == ("Rapat berlangsung di aula kecamatan dan dibuka camat. Camat meminta "
                                        "pengurus aktif mendata warga setiap bulan.")
