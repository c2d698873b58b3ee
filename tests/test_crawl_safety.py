"""The crawler stays on a source's own hosts: unsafe links, sitemaps and redirects are refused and counted."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crawler.run import crawl
from records import Source

pytestmark = pytest.mark.slow
FAST = {"DOWNLOAD_TIMEOUT": 15, "RETRY_BACKOFF_MAX": 0.5}
PARAGRAPH = ("Lembaga Pemberdayaan Masyarakat kelurahan mengikuti pelatihan penyusunan rencana kerja di aula "
             "kantor camat selama dua hari, dipandu fasilitator dari dinas yang membidangi pemberdayaan warga. ")


class Recorder(ThreadingHTTPServer):
    """A tiny site whose pages are given as {path: (status, headers, body)}; it logs every path asked."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.pages: dict[str, tuple[int, dict[str, str], str]] = {}
        self.asked: list[str] = []

    @property
    def base(self) -> str:
        """The site's root URL."""
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    """Serve the recorder's pages."""

    def do_GET(self) -> None:
        """One page, or 404."""
        server: Recorder = self.server  # type: ignore[assignment]
        server.asked.append(self.path)
        status, headers, body = server.pages.get(self.path, (404, {}, "<html><body>tidak ada</body></html>"))
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", headers.pop("Content-Type", "text/html; charset=utf-8"))
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        """Quiet."""


def article(title: str) -> str:
    """An article page."""
    return (f"<html><head><title>{title}</title><meta property='og:type' content='article'></head><body>"
            f"<article><h1>{title}</h1>" + "".join(f"<p>{PARAGRAPH}{i}</p>" for i in range(4))
            + "</article></body></html>")


@pytest.fixture()
def servers() -> Iterator[tuple[Recorder, Recorder]]:
    """The crawled site, and a 'secret' service on another port of this machine that nobody may reach."""
    site, secret = Recorder(), Recorder()
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in (site, secret)]
    for t in threads:
        t.start()
    yield site, secret
    for s in (site, secret):
        s.shutdown()
        s.server_close()


def test_unsafe_links_sitemaps_and_redirects_are_refused_and_counted(servers: tuple[Recorder, Recorder],
                                                                       tmp_path: Path) -> None:
    site, secret = servers
    own, other = site.base, secret.base
    unsafe_links = [f"{other}/berita-rahasia-dari-layanan-lain/", "http://169.254.169.254/latest/meta-data/kunci-akses-awan/",
                    "http://[::1]/berita-di-alamat-loopback-enam/", "http://localhost/berita-lewat-nama-localhost/",
                    "http://10.0.0.7/berita-di-jaringan-dalam-kantor/"]
    links = [f"{own}/pelatihan-lpm-kelurahan-maju-bersama/", f"{own}/berita-pindah-ke-alamat-metadata/",
             f"{own}/berita-pindah-ke-nama-localhost/", f"{own}/berita-pindah-ke-port-lain/",
             f"{own}/berita-pindah-ke-situs-lain/", *unsafe_links]
    site.pages = {
        "/robots.txt": (200, {"Content-Type": "text/plain"}, f"User-agent: *\nSitemap: {other}/sitemap.xml\n"),
        "/": (200, {}, "<html><body><h1>Warta</h1>" + "".join(f"<p><a href='{u}'>Berita {i}</a></p>"
                                                                 for i, u in enumerate(links)) + "</body></html>"),
        "/pelatihan-lpm-kelurahan-maju-bersama/": (200, {}, article("Pelatihan LPM kelurahan maju bersama")),
        "/berita-pindah-ke-alamat-metadata/": (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, ""),
        "/berita-pindah-ke-nama-localhost/": (
            301, {"Location": f"http://localhost:{site.server_address[1]}/rahasia/"}, ""),
        "/berita-pindah-ke-port-lain/": (302, {"Location": f"{other}/rahasia-lain/"}, ""),
        # a public host elsewhere: refused before any name lookup (no network in tests)
        "/berita-pindah-ke-situs-lain/": (302, {"Location": "http://kabar.example.com/berita-lain/"}, ""),
    }
    secret.pages = {"/sitemap.xml": (200, {"Content-Type": "application/xml"}, "<urlset/>")}
    report = crawl([Source(name="warta", url=own + "/")], tmp_path / "c.db", polite=False, settings=FAST)

    assert secret.asked == []  # the other service on this machine was never asked anything
    assert "/rahasia/" not in site.asked  # nor this site under another name ('localhost')
    assert report.new_articles == 1
    by_kind = report.sources["warta"].errors_by_kind
    # 5 page links + the robots.txt sitemap + the redirects to 169.254.169.254, 'localhost' and another port
    assert by_kind.get("unsafe_address") == len(unsafe_links) + 1 + 3
    assert by_kind.get("offsite_redirect") == 1
    conn = sqlite3.connect(tmp_path / "c.db")
    refused = {r[0] for r in conn.execute("select url from crawl_errors where kind = 'unsafe_address'")}
    conn.close()
    assert f"{other}/sitemap.xml" in refused and f"{own}/berita-pindah-ke-alamat-metadata/" in refused
