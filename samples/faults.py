"""The faults the WordPress sample site shows when started with faults=True (linked so a crawler meets them)."""

from __future__ import annotations

import dataclasses
import zlib
from datetime import datetime, timedelta
from functools import cache

from samples.content import Post, vocab
from samples.generate import generated_post, parts
from samples.render.common import Response, esc

FAULT_SITE = "warta-pesisir"

# path -> kind; every path is linked from the site's "Pilihan Redaksi" widget and its posts sitemap.
FAULTS: dict[str, str] = {
    "/pelatihan-kader-posyandu-pesisir-utara/": "error-500-once",
    "/rakor-pengurus-rt-rw-kecamatan-timur/": "error-503-once",
    "/bimtek-pengelola-bumdes-angkatan-kedua/": "error-429-once",
    "/berita-yang-sudah-dihapus/": "not-found",
    "/arsip-rilis-yang-ditarik/": "gone",
    "/sosialisasi-karang-taruna-di-balai-desa/": "slow",
    "/lokakarya-pkk-tentang-kafe-sehat/": "cp1252-declared-utf8",
    "/pembinaan-lpm-kelurahan-pantai-timur/": "cp1252-undeclared",
    "/pindah-alamat-a/": "redirect-loop",
    "/pindah-alamat-b/": "redirect-loop",
    "/laporan-kegiatan-terpotong/": "truncated",
    "/wp-content/uploads/2023/05/undangan-bimtek.pdf": "binary-pdf",
    "/wp-content/uploads/2023/05/foto-kegiatan.jpg": "binary-image",
    "/galeri-foto-kegiatan-lengkap/": "huge",
    "/halaman-kosong/": "empty",
    "/internal/draf-rilis-pelatihan/": "robots-disallowed",
    "/workshop-lkk-dengan-html-rusak/": "broken-html",
}

# Kinds whose page, once fetched (after a retry or a wait), is a valid article; these are published
# as extra posts (in listings, feed, sitemap and wp-json), so with faults on the site has this many more articles.
ARTICLE_KINDS = frozenset(
    {"error-500-once", "error-503-once", "error-429-once", "slow", "cp1252-declared-utf8", "cp1252-undeclared",
     "broken-html"}
)
ONCE_STATUS = {"error-500-once": 500, "error-503-once": 503, "error-429-once": 429}
SLOW_SECONDS = 3.0
HUGE_BYTES = 6 * 1024 * 1024
ROBOTS_DISALLOW = "/internal/"


def article_fault_paths() -> list[str]:
    """Fault paths that end as valid articles."""
    return [path for path, kind in FAULTS.items() if kind in ARTICLE_KINDS]


def fault_posts() -> list[Post]:
    """The extra posts behind the article-kind faults, with deterministic dates."""
    start = datetime.fromisoformat("2023-05-08T09:30:00+07:00")
    posts = []
    for i, path in enumerate(article_fault_paths()):
        post = generated_post(FAULT_SITE, i, start + timedelta(days=3 * i), "gangguan", events_only=True)
        extra = parts()["text"]["fault_extra"]  # curly quotes, a dash and an accent for the encoding faults
        posts.append(dataclasses.replace(post, slug=path.strip("/"), paragraphs=(*post.paragraphs, extra)))
    return posts


@cache
def huge_body() -> bytes:
    """A ~6 MB gallery page."""
    caption = vocab()["faults"]["gallery_item"]
    item = '<div class="foto"><img src="/wp-content/uploads/galeri/{n}.jpg" alt=""><p>' + caption + "</p></div>\n"
    rows, size, n = [], 0, 0
    while size < HUGE_BYTES:
        row = item.format(n=n)
        rows.append(row)
        size += len(row)
        n += 1
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Galeri Foto Kegiatan</title></head><body>"
            + "".join(rows) + "</body></html>").encode("utf-8")


def binary_body(kind: str) -> Response:
    """A small PDF or JPEG file."""
    if kind == "binary-pdf":
        body = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                b"2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
        return Response(200, body, {"Content-Type": "application/pdf"})
    seed = zlib.crc32(kind.encode()).to_bytes(4, "big")
    body = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + seed * 256 + b"\xff\xd9"
    return Response(200, body, {"Content-Type": "image/jpeg"})


def fault_response(kind: str, path: str, first_time: bool, page_html: str | None) -> Response | None:
    """The response of a fault path, or None to serve the page normally."""
    words = vocab()["faults"]
    if kind in ONCE_STATUS:
        if not first_time:
            return None
        headers = {"Retry-After": "1"} if kind != "error-500-once" else {}
        response = Response.html(f"<html><body><h1>{words['busy']}</h1></body></html>", ONCE_STATUS[kind])
        response.headers.update(headers)
        return response
    if kind == "not-found":
        return Response.html("<html><body><h1>404 Not Found</h1></body></html>", 404)
    if kind == "gone":
        return Response.html("<html><body><h1>410 Gone</h1></body></html>", 410)
    if kind == "slow":
        return None
    if kind == "redirect-loop":
        target = "/pindah-alamat-b/" if path.endswith("-a/") else "/pindah-alamat-a/"
        return Response(301, b"", {"Location": target, "Content-Type": "text/html; charset=UTF-8"})
    if kind.startswith("binary"):
        return binary_body(kind)
    if kind == "huge":
        return Response(200, huge_body(), {"Content-Type": "text/html; charset=UTF-8"})
    if kind == "empty":
        return Response(200, b"", {"Content-Type": "text/html; charset=UTF-8"})
    if kind == "robots-disallowed":
        return Response.html(f"<html><head><title>{words['draft_title']}</title></head>"
                             f"<body><p>{words['draft_text']}</p></body></html>")
    return _page_fault(kind, page_html or "")


def _page_fault(kind: str, html: str) -> Response:
    """Faults that damage an otherwise valid page."""
    if kind == "truncated":
        filler = f"<p>{vocab()['faults']['filler']}</p>" * 400
        body = html.encode("utf-8") or f"<html><body>{filler}</body></html>".encode()
        return Response(200, body, {"Content-Type": "text/html; charset=UTF-8"}, truncate=True)
    if kind == "cp1252-declared-utf8":
        return Response(200, html.encode("cp1252", "replace"), {"Content-Type": "text/html; charset=utf-8"})
    if kind == "cp1252-undeclared":
        html = html.replace('<meta charset="UTF-8">', "")
        return Response(200, html.encode("cp1252", "replace"), {"Content-Type": "text/html"})
    if kind == "broken-html":
        broken = html.replace("</p>", "").replace("</div>", "", 5).replace("</body>", "").replace("</html>", "")
        return Response(200, broken.encode("utf-8"), {"Content-Type": "text/html; charset=UTF-8"})
    return Response.html(f"<html><body><p>{esc(kind)}</p></body></html>")
