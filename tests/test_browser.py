"""A real headless chromium against a real `python -m datasette` serving a published database."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from records import Article, Event, Evidence, Official
from store.publish import publish
from store.sample import SampleResult, build_database, sample_corpus
from store.serve import ROOT, datasette_argv
from tests.e2e_helpers import free_port, wait_for

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
TEXT = (
    "Dinas Pemberdayaan Masyarakat Kota Salatiga menggelar pelatihan tata kelola bagi pengurus RT dan RW di "
    "Balai Kelurahan Sidomulyo, Rabu (12/10/2022). Kegiatan dibuka oleh Wali Kota Salatiga, Teguh Handayani. "
    "Sebanyak 64 pengurus mengikuti pelatihan tersebut hingga sore."
)


@pytest.fixture(scope="module")
def news_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A tiny local news site holding the source article."""
    root = tmp_path_factory.mktemp("site")
    (root / "berita").mkdir()
    (root / "berita" / "rt-rw-salatiga.html").write_text(
        "<html><head><title>Pengurus RT RW Salatiga Ikuti Pelatihan</title></head>"
        f"<body><h1>Pengurus RT RW Salatiga Ikuti Pelatihan</h1><p>{TEXT}</p></body></html>", encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SimpleHTTPRequestHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def datasette_url(tmp_path_factory: pytest.TempPathFactory, news_site: str) -> Iterator[str]:
    """A datasette server process on a free port, serving a freshly published database."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api")
    folder = tmp_path_factory.mktemp("browser")
    url = f"{news_site}/berita/rt-rw-salatiga.html"
    start = TEXT.index("Sebanyak")
    event = Event(
        event_type="pelatihan", title="Pelatihan tata kelola RT dan RW Salatiga", start_date="2022-10-12",
        date_text="Rabu (12/10/2022)", venue="Balai Kelurahan Sidomulyo", city="Kota Salatiga",
        province="Jawa Tengah", latitude=-7.33, longitude=110.5, participants=64,
        participants_text="Sebanyak 64 pengurus", institutions=("RT", "RW"),
        officials=(Official("Teguh Handayani", (), "Wali Kota Salatiga"),),
        evidence=(Evidence("participants", TEXT[start:], start, len(TEXT)),),
    )
    article = Article(url=url, title="Pengurus RT RW Salatiga Ikuti Pelatihan", text=TEXT,
                      published="2022-10-12T14:00:00+07:00", source="lokal")
    pairs = [*sample_corpus(80, 30, seed=9), (article, SampleResult(url, url, True, (event,)))]
    public = publish(build_database(folder / "events.db", pairs))
    port = free_port()
    process = subprocess.Popen(datasette_argv(public, port=port), cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    try:
        wait_for(f"http://127.0.0.1:{port}/-/versions.json", process, timeout=30)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_browse_search_facet_open_event_follow_source(datasette_url: str) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        try:
            page.goto(f"{datasette_url}/events/events_view")
            assert page.locator("table.rows-and-columns tbody tr").count() > 0
            page.screenshot(path=str(ARTIFACTS / "01-events.png"))

            page.fill("input[name=_search]", "pelatihan")
            page.locator("input[name=_search]").press("Enter")
            page.wait_for_load_state()
            assert "_search=pelatihan" in page.url
            page.screenshot(path=str(ARTIFACTS / "02-search.png"))

            page.locator(".facet-info[data-column=city] a", has_text="Kota Salatiga").first.click()
            page.wait_for_load_state()
            assert "city=Kota+Salatiga" in page.url or "city=Kota%20Salatiga" in page.url
            page.screenshot(path=str(ARTIFACTS / "03-facet-city.png"))

            page.locator("td.col-id a", has_text="").first.click()
            page.wait_for_load_state()
            assert "/-/event/" in page.url
            mark = page.locator("dd[data-field=participants] .evidence mark").first
            assert mark.inner_text() == "Sebanyak 64 pengurus"
            officials = page.locator("table.officials tr")
            assert officials.count() == 2 and "Teguh Handayani" in officials.nth(1).inner_text()
            page.screenshot(path=str(ARTIFACTS / "04-event.png"), full_page=True)

            page.locator("a.source-link").first.click()
            page.wait_for_load_state()
            assert page.title() == "Pengurus RT RW Salatiga Ikuti Pelatihan"
            page.screenshot(path=str(ARTIFACTS / "05-source.png"))
        finally:
            browser.close()
