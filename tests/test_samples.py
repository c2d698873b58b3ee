"""The bundled sample sites: content and gold in sync, every discovery surface valid, faults as documented."""

from __future__ import annotations

import http.client
import json
import re
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from lxml import etree, html

from records import EVENT_TYPES
from samples import export
from samples.content import all_posts, site_configs, vocab
from samples.faults import ARTICLE_KINDS, FAULT_SITE, FAULTS, ROBOTS_DISALLOW
from samples.generate import extra_posts
from samples.server import SampleSites

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
POSTS = all_posts()
GENERATED = extra_posts("warta-pesisir", 40)
ROOT = Path(__file__).resolve().parent.parent


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """GET a URL without following redirects; (status, headers, body)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def get_ok(url: str) -> bytes:
    """GET a URL that must answer 200."""
    status, _, body = fetch(url)
    assert status == 200, url
    return body


def walk(url: str, next_xpath: str, limit: int = 20) -> list[html.HtmlElement]:
    """Follow a 'next' link from page to page; the parsed pages, failing if it does not end."""
    docs: list[html.HtmlElement] = []
    while url:
        docs.append(html.fromstring(get_ok(url)))
        assert len(docs) <= limit, "pagination does not terminate"
        nxt = docs[-1].xpath(next_xpath)
        url = nxt[0] if nxt else None
    return docs


@pytest.fixture(scope="module")
def sites() -> Iterator[SampleSites]:
    """The four sites on free ports, no faults."""
    with SampleSites() as running:
        yield running


@pytest.fixture(scope="module")
def faulty() -> Iterator[SampleSites]:
    """The sites with faults switched on."""
    with SampleSites(faults=True) as running:
        yield running


# ---- content and gold ---------------------------------------------------------------------------
def test_content_size_and_spread() -> None:
    events = [p.gold["event"] for p in POSTS if p.gold and p.gold["is_event"]]
    assert len(POSTS) >= 48
    assert len(events) >= 36
    assert sum(1 for p in POSTS if p.gold["is_event"] is False) >= 10
    assert len({e["province"] for e in events}) >= 8
    kinds = {e["city"].split()[0] for e in events}
    assert kinds == {"Kota", "Kabupaten"}
    assert {e["event_type"] for e in events} >= set(EVENT_TYPES) - {"lainnya"}
    assert {p.site for p in POSTS} == {c.name for c in site_configs()}


def test_generated_articles_vary() -> None:
    many = extra_posts("warta-pesisir", 400)
    assert len({p.slug for p in many}) == 400
    assert 0.15 < sum(1 for p in many if not p.gold["is_event"]) / 400 < 0.35
    openings = {" ".join(p.paragraphs[0].split(" – ", 1)[1].split()[:2]) for p in many}
    assert len(openings) >= 5  # both event leads and every non-event opening
    assert len({p.paragraphs[0] for p in many}) > 250
    assert len({p.gold["event"]["province"] for p in many if p.gold["event"]}) >= 8
    assert [p.slug for p in many[:5]] == [p.slug for p in extra_posts("warta-pesisir", 5)]


def test_ids_and_slugs_unique() -> None:
    assert len({p.id for p in POSTS}) == len(POSTS)
    assert len({(p.site, p.slug) for p in POSTS}) == len(POSTS)


@pytest.mark.parametrize("post", POSTS + GENERATED, ids=lambda p: p.id)
def test_gold_is_well_formed_and_grounded(post) -> None:
    gold = post.gold
    assert gold["id"] == post.id and gold["is_event"] in (True, False, None)  # None: borderline, not scored
    assert (gold["event"] is None) == (not gold["is_event"])
    assert datetime.fromisoformat(post.published).utcoffset() in {timedelta(hours=h) for h in (7, 8, 9)}
    if not gold["is_event"]:
        return
    event, text = gold["event"], post.text
    assert event["event_type"] in EVENT_TYPES
    assert date.fromisoformat(event["start_date"]) <= post.published_at.date()
    assert any(v.lower() in text.lower() for v in event["venue"]), "a venue alternative is written in the text"
    assert event["city"].split(" ", 1)[1] in text
    for official in event["officials"]:
        assert official["name"] in text
        assert official["name"] not in (post.author, post.editor)
    counts = event["participants"] if isinstance(event["participants"], list) else [event["participants"]]
    assert all(n is None or isinstance(n, int) for n in counts)


WEEKDAY_DATE = re.compile(
    r"\b(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)\b,? \(?(\d{1,2})[/ ](\d{1,2}|[A-Z][a-z]+)(?:[/ ](\d{4}))?\)?"
)


@pytest.mark.parametrize("post", POSTS + GENERATED, ids=lambda p: p.id)
def test_weekday_names_match_their_dates(post) -> None:
    months = vocab()["months"]
    for match in WEEKDAY_DATE.finditer(post.text + "\n" + post.caption):
        day_name, day, month, year = match.groups()
        month_number = int(month) if month.isdigit() else months.index(month) + 1
        when = date(int(year or post.published_at.year), month_number, int(day))
        if not year and when > post.published_at.date():  # "Kamis (31/12)" published on 1 January
            when = when.replace(year=when.year - 1)
        assert vocab()["weekdays"][when.weekday()] == day_name, match.group(0)


def relative_date(phrase: str, published: date) -> date:
    """The day a relative phrase names, seen from the publication date."""
    if phrase == "kemarin":
        return published - timedelta(days=1)
    day_name = phrase.split()[0]
    back = (published.weekday() - vocab()["weekdays"].index(day_name)) % 7
    return published - timedelta(days=back or (7 if phrase.endswith("lalu") else 0))


RELATIVE = re.compile(r"kemarin|(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu) (?:lalu|pagi tadi)")


@pytest.mark.parametrize("post", [p for p in POSTS if RELATIVE.search(p.text)], ids=lambda p: p.id)
def test_relative_dates_resolve_against_publication(post) -> None:
    phrase = RELATIVE.search(post.text).group(0)
    assert post.gold["event"]["start_date"] == relative_date(phrase, post.published_at.date()).isoformat()


def test_press_releases_shared_by_two_sites() -> None:
    by_event: dict[tuple[str, str, str], set[str]] = {}
    for p in POSTS:
        if p.gold["is_event"]:
            e = p.gold["event"]
            by_event.setdefault((e["start_date"], e["city"], e["event_type"]), set()).add(p.site)
    assert sum(1 for s in by_event.values() if len(s) >= 2) >= 2


def test_exported_files_are_in_sync() -> None:
    assert export.GOLD_PATH.read_text(encoding="utf-8") == export.jsonl(export.gold_rows())
    assert export.ARTICLES_PATH.read_text(encoding="utf-8") == export.jsonl(export.article_rows())
    rows = [json.loads(line) for line in export.ARTICLES_PATH.read_text(encoding="utf-8").splitlines()]
    assert {r["id"] for r in rows} == {p.id for p in POSTS}
    assert all(r["url"].startswith("http://127.0.0.1:81") and r["text"] for r in rows)


# ---- server basics -------------------------------------------------------------------------------
def test_sites_run_on_distinct_free_ports(sites: SampleSites) -> None:
    ports = {urlsplit(u).port for u in sites.base_urls.values()}
    assert len(ports) == len(site_configs()) >= 4
    for url in sites.base_urls.values():
        assert b"<html" in get_ok(url)


def test_write_sources(sites: SampleSites, tmp_path: Path) -> None:
    data = tomllib.loads(sites.write_sources(tmp_path / "sources.toml").read_text(encoding="utf-8"))
    rows = {s["name"]: s for s in data["source"]}
    assert set(rows) == set(sites.base_urls)
    for name, row in rows.items():
        assert set(row) == {"name", "url", "region"}
        assert row["url"] == sites.base_urls[name]
        assert re.fullmatch(r"(Kota|Kabupaten) \w.*", row["region"])


def test_requests_are_recorded(sites: SampleSites) -> None:
    sites.reset_requests()
    get_ok(sites.base_urls["pemkot-sample"] + "robots.txt")
    assert sites.requests == [("pemkot-sample", "/robots.txt")]
    sites.reset_requests()
    assert sites.requests == []


def test_robots_txt(sites: SampleSites) -> None:
    wp = get_ok(sites.base_urls["warta-pesisir"] + "robots.txt").decode()
    assert f"Sitemap: {sites.base_urls['warta-pesisir']}wp-sitemap.xml" in wp
    daily = get_ok(sites.base_urls["harian-sample"] + "robots.txt").decode()
    assert daily.count("Sitemap:") == 2 and "sitemap_news.xml" in daily
    assert "Sitemap" not in get_ok(sites.base_urls["pemkot-sample"] + "robots.txt").decode()


def test_unknown_paths_are_404(sites: SampleSites) -> None:
    for name, base in sites.base_urls.items():
        assert fetch(base + "tidak/ada/halaman-ini.php")[0] == 404, name
    for path in ("feed/", "wp-sitemap.xml", "sitemap.xml"):
        assert fetch(sites.base_urls["pemkot-sample"] + path)[0] == 404


# ---- WordPress ---------------------------------------------------------------------------------
def wp_posts(sites: SampleSites) -> list:
    return sites.sites["warta-pesisir"].posts


def test_wordpress_sitemaps(sites: SampleSites) -> None:
    base = sites.base_urls["warta-pesisir"]
    index = etree.fromstring(get_ok(base + "wp-sitemap.xml"))
    locs = [e.text for e in index.iter(f"{SM}loc")]
    post_maps = [u for u in locs if "posts-post" in u]
    urls = []
    for loc in post_maps:
        urlset = etree.fromstring(get_ok(loc))
        for url in urlset.iter(f"{SM}url"):
            urls.append(url.findtext(f"{SM}loc"))
            assert datetime.fromisoformat(url.findtext(f"{SM}lastmod")).tzinfo is not None
    assert len(urls) == len(set(urls)) == len(wp_posts(sites))
    assert all(re.fullmatch(re.escape(base) + r"[a-z0-9-]+/", u) for u in urls)


def test_wordpress_feed(sites: SampleSites) -> None:
    rss = etree.fromstring(get_ok(sites.base_urls["warta-pesisir"] + "feed/"))
    items = rss.findall("channel/item")
    assert len(items) == 10
    newest = wp_posts(sites)[0]
    assert items[0].findtext("title") == newest.title
    assert items[0].findtext("link").endswith(f"/{newest.slug}/")


def api(sites: SampleSites, query: str) -> tuple[int, dict[str, str], object]:
    status, headers, body = fetch(sites.base_urls["warta-pesisir"] + "wp-json/wp/v2/posts?" + query)
    return status, headers, json.loads(body)


def test_wp_json_pagination_terminates(sites: SampleSites) -> None:
    seen, page = [], 1
    while True:
        status, headers, data = api(sites, f"page={page}&per_page=7")
        assert status == 200
        seen += [item["link"] for item in data]
        if page >= int(headers["x-wp-totalpages"]):
            break
        page += 1
    assert int(headers["x-wp-total"]) == len(seen) == len(set(seen)) == len(wp_posts(sites))
    status, _, error = api(sites, f"page={page + 1}&per_page=7")
    assert status == 400 and error["code"] == "rest_post_invalid_page_number"
    assert api(sites, "per_page=500")[0] == 400


def test_wp_json_fields_and_filters(sites: SampleSites) -> None:
    _, _, full = api(sites, "per_page=1")
    assert {"link", "date", "date_gmt", "modified", "modified_gmt", "title", "content"} <= set(full[0])
    assert "<p>" in full[0]["content"]["rendered"]
    _, _, some = api(sites, "per_page=3&_fields=link,title.rendered")
    assert all(set(item) == {"link", "title"} and set(item["title"]) == {"rendered"} for item in some)
    cut = "2024-06-01T00:00:00"
    _, headers, after = api(sites, f"after={cut}&per_page=100&_fields=date")
    expected = [p for p in wp_posts(sites) if p.published_at > datetime.fromisoformat(cut + "+07:00")]
    assert int(headers["x-wp-total"]) == len(after) == len(expected) > 0
    _, headers, _ = api(sites, "modified_after=2099-01-01T00:00:00")
    assert headers["x-wp-total"] == "0"
    assert api(sites, "after=kemarin")[0] == 400


def test_wordpress_article_page(sites: SampleSites) -> None:
    post = next(p for p in wp_posts(sites) if p.gold["is_event"])
    page = html.fromstring(get_ok(sites.base_urls["warta-pesisir"] + post.slug + "/"))
    assert page.xpath("string(//meta[@property='og:type']/@content)") == "article"
    assert page.xpath("string(//link[@rel='canonical']/@href)").endswith(f"/{post.slug}/")
    ld = json.loads(page.xpath("string(//script[@type='application/ld+json'])"))
    assert ld["@type"] == "NewsArticle" and ld["datePublished"] == post.published
    assert page.xpath("string(//time/@datetime)") == post.published
    assert page.findtext(".//title") == f"{post.title} – Warta Pesisir"
    text = page.text_content()
    for junk in ("Pembaca", "Close Ads X", "Tinggalkan Komentar", "Telegram", "cookie"):
        assert junk in text
    assert all(p in text for p in post.paragraphs)


@pytest.mark.parametrize("archive", ["", "category/pemerintahan/", "tag/lpm/", "author/dimas-prakoso/"])
def test_wordpress_archives_paginate_to_the_end(sites: SampleSites, archive: str) -> None:
    docs = walk(sites.base_urls["warta-pesisir"] + archive, "//a[contains(@class,'next')]/@href")
    links, pages = {a for doc in docs for a in doc.xpath("//article//h3/a/@href")}, len(docs)
    assert links and all(urlsplit(u).path.count("/") == 2 for u in links)
    if archive == "":
        assert len(links) == len(wp_posts(sites)) and pages > 1


def test_wordpress_search(sites: SampleSites) -> None:
    doc = html.fromstring(get_ok(sites.base_urls["warta-pesisir"] + "?s=Posyandu"))
    hits = doc.xpath("//article//h3/a/text()")
    assert hits and len(hits) < len(wp_posts(sites))


# ---- government CMS ----------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["pemkot-sample", "dinas-sample"])
def test_government_listing_walks_all_articles(sites: SampleSites, name: str) -> None:
    base = sites.base_urls[name]
    docs = walk(base + "berita", "//a[contains(text(),'Selanjutnya')]/@href")
    seen = {re.sub(r"(?<!:)//+", "/", h) for doc in docs for h in doc.xpath("//div[@class='media']//h4/a/@href")}
    pages = len(docs)
    assert pages > 1 and len(seen) == len(sites.sites[name].posts)
    assert all(re.fullmatch(re.escape(base) + r"berita/[a-z0-9-]+\.html", u) for u in seen)
    style = "hal=" if name == "dinas-sample" else "page="
    assert style in get_ok(base + "berita").decode()


def test_government_article_page(sites: SampleSites) -> None:
    site = sites.sites["pemkot-sample"]
    post = site.posts[0]
    raw = get_ok(site.base_url.rstrip("/") + "//berita/" + post.slug + ".html").decode()
    doc = html.fromstring(raw)
    body = doc.xpath("//div[@class='isi']/p/text()") + doc.xpath("//div[@class='isi']/p/strong/text()")
    assert post.title in body and site.config.extra["byline"] in body
    assert re.search(r"(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} [A-Z][a-z]+ \d{4}", raw)
    assert "datetime" not in raw and "og:type" not in raw and "ld+json" not in raw
    home = get_ok(site.base_url).decode()
    assert re.search(r'href="http://127\.0\.0\.1:\d+//berita/', home), "some links carry a double slash"


def test_government_cms_duplicates_some_paragraphs(sites: SampleSites) -> None:
    doubled = 0
    for name in ("pemkot-sample", "dinas-sample"):
        site = sites.sites[name]
        for post in site.posts:
            doc = html.fromstring(get_ok(site.url(site.path_of(post))))
            paragraphs = doc.xpath("//div[@class='isi']/p/text()")
            doubled += len(paragraphs) != len(set(paragraphs))
    assert doubled >= 2


# ---- regional daily ----------------------------------------------------------------------------
def test_daily_sitemaps(sites: SampleSites) -> None:
    base = sites.base_urls["harian-sample"]
    news = etree.fromstring(get_ok(base + "sitemap_news.xml"))
    dates = [e.text for e in news.iter(f"{NEWS}publication_date")]
    assert len(dates) == len(sites.sites["harian-sample"].posts)
    assert all(datetime.fromisoformat(d).tzinfo for d in dates)
    index = etree.fromstring(get_ok(base + "sitemap.xml"))
    maps = [e.text for e in index.iter(f"{SM}loc")]
    locs = {e.text for m in maps if "article" in m for e in etree.fromstring(get_ok(m)).iter(f"{SM}loc")}
    assert {e.text for e in news.iter(f"{SM}loc")} == locs
    assert all(re.fullmatch(re.escape(base) + r"\d{4}/\d{2}/\d{2}/[a-z0-9-]+", u) for u in locs)


def test_daily_multi_page_article(sites: SampleSites) -> None:
    site = sites.sites["harian-sample"]
    post = next(p for p in site.posts if p.pages == 3)
    docs = walk(site.url(site.path_of(post)), "//a[contains(text(),'Halaman selanjutnya')]/@href")
    for doc in docs:
        assert doc.findtext(".//h1").strip() == post.title  # the header is repeated on every page
        assert "Penulis:" in doc.text_content() and "Editor:" in doc.text_content()
    xpath = "//div[contains(@class,'txt-article')]/p/text()"
    seen = [p for doc in docs for p in doc.xpath(xpath) if p in post.paragraphs]
    assert len(docs) == 3 and seen == list(post.paragraphs)
    assert fetch(site.url(site.path_of(post)) + "?page=4")[0] == 404
    whole = get_ok(site.url(site.path_of(post)) + "?page=all").decode()
    assert all(p.replace('"', "&quot;") in whole for p in post.paragraphs)


def test_daily_article_markup(sites: SampleSites) -> None:
    site = sites.sites["harian-sample"]
    post = site.posts[0]
    main = site.url(site.path_of(post))
    doc = html.fromstring(get_ok(main))
    assert doc.xpath("string(//meta[@property='og:type']/@content)") == "article"
    assert doc.xpath("string(//meta[@property='article:published_time']/@content)") == post.published
    text = doc.text_content()
    assert "Baca juga:" in text and "Sumber: Harian Nusantara" in text and "Network" in text
    assert text.count(post.caption) == 2
    assert any("utm_source=" in h for h in doc.xpath("//a/@href"))
    amp = html.fromstring(get_ok(site.url("/amp" + site.path_of(post))))
    assert amp.xpath("string(//link[@rel='canonical']/@href)") == main
    tracked = next(h for h in doc.xpath("//a/@href") if "utm_source=" in h)
    assert fetch(tracked)[0] == 200


# ---- regency portal ----------------------------------------------------------------------------
def test_regency_listing_and_atom_feed(sites: SampleSites) -> None:
    site = sites.sites["pemkab-sample"]
    docs = walk(site.url("/articles?category=berita&page=1"), "//a[@rel='next']/@href")
    seen = {h for doc in docs for h in doc.xpath("//div[@class='card']/a/@href")}
    assert len(docs) > 1 and seen == {site.url(site.path_of(p)) for p in site.posts}
    home = html.fromstring(get_ok(site.base_url))
    feed_url = home.xpath("string(//link[@type='application/atom+xml']/@href)")
    atom = etree.fromstring(get_ok(feed_url))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    links = atom.xpath("//a:entry/a:link/@href", namespaces=ns)
    assert links[0] == site.url(site.path_of(site.posts[0])) and len(links) == min(10, len(site.posts))
    assert all(datetime.fromisoformat(t).tzinfo for t in atom.xpath("//a:entry/a:published/text()", namespaces=ns))
    assert "Sitemap" not in get_ok(site.url("/robots.txt")).decode()


def test_regency_article_shows_a_numeric_posting_date(sites: SampleSites) -> None:
    site = sites.sites["pemkab-sample"]
    post = site.posts[0]
    raw = get_ok(site.url(site.path_of(post))).decode()
    assert f"Diposting: {post.published_at:%d/%m/%Y %H:%M} WIB" in raw
    assert "og:type" not in raw and "datetime=" not in raw
    assert fetch(site.url("/articles?category=pengumuman&page=2"))[0] == 404


def test_city_and_regency_of_the_same_name_are_both_served() -> None:
    regions = {c.region for c in site_configs()}
    assert {"Kota Madiun", "Kabupaten Madiun"} <= regions


# ---- publishing new articles -------------------------------------------------------------------
def test_add_articles_appear_on_every_surface() -> None:
    with SampleSites() as running:
        wp = running.base_urls["warta-pesisir"]
        before = int(fetch(wp + "wp-json/wp/v2/posts?per_page=1")[1]["x-wp-total"])
        new = running.add_articles("warta-pesisir", 3)
        assert len(set(new)) == 3 and all(u.startswith(wp) for u in new)
        feed = get_ok(wp + "feed/").decode()
        sitemap = get_ok(wp + "wp-sitemap-posts-post-1.xml").decode()
        _status, headers, body = fetch(wp + "wp-json/wp/v2/posts?per_page=3&_fields=link")
        assert int(headers["x-wp-total"]) == before + 3
        assert {item["link"] for item in json.loads(body)} == set(new)
        assert all(u in feed and u in sitemap for u in new)
        assert all(b"<h1" in get_ok(u) for u in new)
        gov = running.add_articles("dinas-sample", 1)[0]
        assert urlsplit(gov).path in get_ok(running.base_urls["dinas-sample"] + "berita").decode()
        daily = running.add_articles("harian-sample", 1)[0]
        assert daily in get_ok(running.base_urls["harian-sample"] + "sitemap_news.xml").decode()
        again = running.add_articles("warta-pesisir", 1)
        assert again[0] not in new
        with pytest.raises(KeyError):
            running.add_articles("tidak-ada", 1)


def test_urls_do_not_depend_on_port() -> None:
    with SampleSites() as one, SampleSites() as two:
        for name in one.base_urls:
            paths = [urlsplit(u).path for u in one.add_articles(name, 2)]
            assert paths == [urlsplit(u).path for u in two.add_articles(name, 2)]


def test_extra_articles_for_benchmarks() -> None:
    with SampleSites(extra_articles=2500) as big:
        base = big.base_urls["warta-pesisir"]
        index = etree.fromstring(get_ok(base + "wp-sitemap.xml"))
        post_maps = [e.text for e in index.iter(f"{SM}loc") if "posts-post" in e.text]
        assert len(post_maps) == 2
        count = sum(len(etree.fromstring(get_ok(m)).findall(f"{SM}url")) for m in post_maps)
        assert count == 2500 + sum(1 for p in POSTS if p.site == "warta-pesisir")
        assert int(fetch(base + "wp-json/wp/v2/posts")[1]["x-wp-total"]) == count


# ---- faults ------------------------------------------------------------------------------------
def test_faults_are_linked_and_documented(faulty: SampleSites) -> None:
    base = faulty.base_urls[FAULT_SITE]
    home = html.fromstring(get_ok(base))
    linked = {urlsplit(h).path for h in home.xpath("//a/@href")}
    assert set(FAULTS) <= linked
    robots = get_ok(base + "robots.txt").decode()
    assert f"Disallow: {ROBOTS_DISALLOW}" in robots
    assert any(p.startswith(ROBOTS_DISALLOW) and k == "robots-disallowed" for p, k in FAULTS.items())
    api_total = int(fetch(base + "wp-json/wp/v2/posts")[1]["x-wp-total"])
    written = sum(1 for p in POSTS if p.site == FAULT_SITE)
    assert api_total == written + sum(1 for k in FAULTS.values() if k in ARTICLE_KINDS)


def fault_path(kind: str) -> str:
    return next(p for p, k in FAULTS.items() if k == kind)


@pytest.mark.parametrize(("kind", "status", "retry_after"),
                         [("error-500-once", 500, None), ("error-503-once", 503, "1"), ("error-429-once", 429, "1")])
def test_fail_once_then_succeed(faulty: SampleSites, kind: str, status: int, retry_after: str | None) -> None:
    url = faulty.base_urls[FAULT_SITE].rstrip("/") + fault_path(kind)
    first = fetch(url)
    assert first[0] == status and first[1].get("retry-after") == retry_after
    second = fetch(url)
    assert second[0] == 200 and b"og:type" in second[2]


@pytest.mark.parametrize(("kind", "status"), [("not-found", 404), ("gone", 410)])
def test_dead_links(faulty: SampleSites, kind: str, status: int) -> None:
    assert fetch(faulty.base_urls[FAULT_SITE].rstrip("/") + fault_path(kind))[0] == status


def test_redirect_loop(faulty: SampleSites) -> None:
    base = faulty.base_urls[FAULT_SITE].rstrip("/")
    status, headers, _ = fetch(base + fault_path("redirect-loop"))
    assert status == 301
    status2, headers2, _ = fetch(urljoin(base, headers["location"]))
    assert status2 == 301 and urljoin(base, headers2["location"]) == base + fault_path("redirect-loop")
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(base + fault_path("redirect-loop"), timeout=10)


def test_truncated_response(faulty: SampleSites) -> None:
    parts = urlsplit(faulty.base_urls[FAULT_SITE])
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    conn.request("GET", fault_path("truncated"))
    response = conn.getresponse()
    with pytest.raises(http.client.IncompleteRead):
        response.read()
    conn.close()


def test_binary_huge_and_empty(faulty: SampleSites) -> None:
    base = faulty.base_urls[FAULT_SITE].rstrip("/")
    status, headers, body = fetch(base + fault_path("binary-pdf"))
    assert headers["content-type"] == "application/pdf" and body.startswith(b"%PDF")
    assert fetch(base + fault_path("binary-image"))[1]["content-type"] == "image/jpeg"
    status, _, body = fetch(base + fault_path("huge"))
    assert status == 200 and len(body) > 5_000_000
    status, _, body = fetch(base + fault_path("empty"))
    assert status == 200 and body == b""


@pytest.mark.parametrize("kind", ["cp1252-declared-utf8", "cp1252-undeclared"])
def test_windows_1252_pages(faulty: SampleSites, kind: str) -> None:
    _, headers, body = fetch(faulty.base_urls[FAULT_SITE].rstrip("/") + fault_path(kind))
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    text = body.decode("cp1252")
    assert all(c in text for c in "\u201c\u201d\u2013é")
    declared = "charset=utf-8" in headers["content-type"].lower()
    assert declared == (kind == "cp1252-declared-utf8")


def test_broken_html_still_carries_the_article(faulty: SampleSites) -> None:
    _, _, body = fetch(faulty.base_urls[FAULT_SITE].rstrip("/") + fault_path("broken-html"))
    text = body.decode("utf-8")
    assert "</p>" not in text and "</html>" not in text
    assert html.fromstring(body).xpath("//h1")


def test_slow_page(faulty: SampleSites) -> None:
    started = time.monotonic()
    status, _, body = fetch(faulty.base_urls[FAULT_SITE].rstrip("/") + fault_path("slow"))
    assert status == 200 and b"<h1" in body and time.monotonic() - started >= 2.9


def test_faults_off_by_default(sites: SampleSites) -> None:
    base = sites.base_urls[FAULT_SITE].rstrip("/")
    assert fetch(base + fault_path("error-500-once"))[0] == 404
    assert "Disallow: /internal/" not in get_ok(base + "/robots.txt").decode()


def test_conditional_get(sites: SampleSites) -> None:
    url = sites.base_urls["warta-pesisir"] + "feed/"
    _, headers, _ = fetch(url)
    status, _, body = fetch(url, {"If-None-Match": headers["etag"]})
    assert status == 304 and body == b""


def test_article_pages_carry_last_modified(sites: SampleSites) -> None:
    site = sites.sites["warta-pesisir"]
    edited = next(p for p in site.posts if p.modified)
    _, headers, _ = fetch(site.url(site.path_of(edited)))
    modified = parsedate_to_datetime(headers["last-modified"])
    assert modified == datetime.fromisoformat(edited.modified)
    assert fetch(site.url(site.path_of(edited)), {"If-Modified-Since": headers["last-modified"]})[0] == 304
    earlier = format_datetime(modified - timedelta(days=1), usegmt=True)
    assert fetch(site.url(site.path_of(edited)), {"If-Modified-Since": earlier})[0] == 200


def test_byline_time_zone_follows_the_offset(sites: SampleSites) -> None:
    site = sites.sites["warta-pesisir"]
    for offset, zone in (("+07:00", "WIB"), ("+08:00", "WITA"), ("+09:00", "WIT")):
        post = next(p for p in site.posts if p.published.endswith(offset))
        doc = html.fromstring(get_ok(site.url(site.path_of(post))))
        assert doc.xpath("string(//time)").endswith(f"{post.published_at:%H:%M} {zone}")


def test_command_line_serves_and_prints_urls() -> None:
    process = subprocess.Popen([sys.executable, "-m", "samples.server", "--base-port", "0"], cwd=ROOT,
                               stdout=subprocess.PIPE, text=True)
    try:
        lines = [process.stdout.readline() for _ in range(len(site_configs()) + 1)]
        urls = [m.group(0) for line in lines for m in [re.search(r"http://127\.0\.0\.1:\d+/", line)] if m]
        assert len(urls) == len(site_configs()) and "Ctrl-C" in lines[-1]
        assert all(b"<html" in get_ok(u) for u in urls)
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_command_line_reports_a_busy_port(sites: SampleSites) -> None:
    port = urlsplit(sites.base_urls["warta-pesisir"]).port
    done = subprocess.run([sys.executable, "-m", "samples.server", "--base-port", str(port)], cwd=ROOT,
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 1 and "cannot serve" in done.stderr and "Traceback" not in done.stderr


def test_wordpress_redirects_shortlinks_and_missing_slashes(sites: SampleSites) -> None:
    site = sites.sites["warta-pesisir"]
    post = site.posts[0]
    status, headers, _ = fetch(site.url(f"/?p={site.post_id(post)}"))
    assert status == 301 and headers["location"] == site.url(site.path_of(post))
    status, headers, _ = fetch(site.url(f"/{post.slug}"))
    assert status == 301 and headers["location"] == site.url(site.path_of(post))
    assert fetch(site.url("/?p=1"))[0] == 404
    assert fetch(site.url("/bukan-artikel-sama-sekali"))[0] == 404


def test_page_export_matches_the_articles(tmp_path: Path) -> None:
    assert export.main(["--check", "--pages", str(tmp_path / "pages.jsonl")]) == 0
    pages = [json.loads(line) for line in (tmp_path / "pages.jsonl").read_text(encoding="utf-8").splitlines()]
    articles = {row["id"]: row for row in export.article_rows()}
    assert [p["id"] for p in pages] == sorted(articles)
    for page in pages:
        assert page["url"] == articles[page["id"]]["url"]
        assert html.fromstring(page["html"]).xpath("//h1|//h2")
