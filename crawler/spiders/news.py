"""The one generic spider: discovers and fetches the articles of every configured source."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Request, Response, TextResponse
from twisted.python.failure import Failure

from crawler import article as pages
from crawler import discovery as disc
from crawler.errors import error_kind
from crawler.parsepool import ParsePool, analyse_page, analyse_part, default_workers
from crawler.pipelines import Ledger
from crawler.safety import refusal
from crawler.urls import crawl_vocab, normalize_url, site_of
from records import Article, Source
from store.db import now_iso

DEFAULT_MAX_LISTING_PAGES = 300
MAX_CONTINUATION_PAGES = 20
MAX_WP_PAGES = 200
HTML_TYPES = (b"text/html", b"application/xhtml", b"text/plain")
# Failures that asking again next run would only repeat (unless a sitemap/API announces a newer version).
PERMANENT_ERRORS = ("not_found", "robots", "too_large", "redirect_loop", "not_html")
# A guessed sitemap/feed/API address that was missing is asked again only after this long.
PROBE_AGAIN_AFTER = timedelta(days=7)
# Sitemaps may hold 50,000 URLs (the protocol's limit is 50 MB uncompressed), beyond DOWNLOAD_MAXSIZE.
SITEMAP_MAXSIZE = 50 * 1024 * 1024
# Second-run probes of a site whose robots.txt names no sitemap find nothing new; they are not errors.
PROBE_STATUSES_IGNORED = (401, 403, 404, 405, 410)


@dataclass
class SourceState:
    """What the spider knows about one source during a run."""

    source: Source
    sites: set[str]
    known: dict[str, dict[str, Any]]
    seen: set[str] = field(default_factory=set)
    passed_over: set[str] = field(default_factory=set)  # known URLs one method found unchanged; another may not
    pending: int = 0  # discovery requests (robots, home, sitemaps, feeds, wp-json) in flight
    complete_index: bool = False  # a sitemap or the REST API listed the source's articles
    discovery_done: bool = False
    home_links: list[tuple[str, str, str]] = field(default_factory=list)
    found_by: dict[str, set[str]] = field(default_factory=dict)  # article URL -> methods that listed it
    # article URL -> the newest date any method announced for it in this run (a feed's pubDate is older
    # than the sitemap's lastmod of a post edited after publication: storing the older one would make
    # the next run fetch the post again)
    announced: dict[str, str] = field(default_factory=dict)
    listing_pages: int = 0
    resume: bool = False  # the previous walk of listings / REST API pages was killed: walk on through known pages
    walking: bool = False

    @property
    def name(self) -> str:
        """The source's name."""
        return self.source.name

    @property
    def max_listing_pages(self) -> int:
        """How many listing pages one run may walk."""
        return self.source.max_pages or DEFAULT_MAX_LISTING_PAGES


class NewsSpider(scrapy.Spider):
    """Crawls every source: robots.txt sitemaps, sitemaps, feeds, WordPress REST API, then listings."""

    name = "news"

    def __init__(self, sources: list[Source], db_path: str | Path, run_id: int, since: date | None = None,
                 parse_workers: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pool = ParsePool(default_workers() if parse_workers is None else parse_workers)
        self.ledger = Ledger(Path(db_path), run_id, sources, since)
        self.since = since
        self.states = {s.name: SourceState(s, disc.source_sites(s), self.ledger.known(s.name),
                                           resume=self.ledger.walk_interrupted(s.name)) for s in sources}

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> NewsSpider:
        """Hook the idle signal, which finishes discovery that stalled and closes the ledger."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        crawler.signals.connect(spider.on_closed, signal=signals.spider_closed)
        return spider

    # ------------------------------------------------------------ start

    async def start(self) -> Any:
        """robots.txt, the home page and the start URLs of every source."""
        for state in self.states.values():
            for request in self.start_requests_of(state):
                yield request

    def start_requests_of(self, state: SourceState) -> Iterator[Request]:
        """A source's first requests."""
        home = normalize_url(state.source.url)
        yield self.discovery_request(state, urljoin(home, "/robots.txt"), "robots", self.parse_robots,
                                     probe=True, meta={"dont_obey_robotstxt": True})
        yield self.discovery_request(state, home, "home", self.parse_home)
        for url in state.source.start_urls:
            request = self.listing_request(state, normalize_url(url), depth=0, method=disc.START_URL)
            if request:
                yield request

    def discovery_request(self, state: SourceState, url: str, role: str, callback: Any, probe: bool = False,
                          meta: dict[str, Any] | None = None) -> Request:
        """A request counted as pending discovery for its source."""
        state.pending += 1
        state.seen.add(url)
        return Request(url, callback=callback, errback=self.on_error, dont_filter=True, priority=20,
                       meta={**self.base_meta(state, url), "role": role, "probe": probe, **(meta or {})})

    def base_meta(self, state: SourceState, url: str) -> dict[str, Any]:
        """Meta of every request: its source, and a download slot per site (host and port, 'www.' folded)."""
        return {"source": state.name, "download_slot": site_of(url)}

    # ------------------------------------------------------------ discovery callbacks

    def parse_robots(self, response: Response) -> Iterator[Request]:
        """Sitemaps named by robots.txt, or the usual sitemap places when it names none."""
        state = self.state_of(response)
        self.ledger.fetched(state.name)
        text = response.text if isinstance(response, TextResponse) else response.body.decode("utf-8", "replace")
        sitemaps = [u for u in self.screened(state, disc.robots_sitemaps(text, response.url))
                    if disc.same_site(u, state.sites)]
        yield from self.sitemap_requests(state, sitemaps, probe=not sitemaps, guess=not sitemaps)
        yield from self.discovery_finished(state)

    def sitemap_requests(self, state: SourceState, urls: list[str], probe: bool = False,
                         guess: bool = False) -> Iterator[Request]:
        """Requests for sitemaps not seen yet; `guess` adds the usual sitemap paths."""
        if guess:
            base = normalize_url(state.source.url)
            urls = [*urls, *(normalize_url(urljoin(base, p)) for p in crawl_vocab()["sitemap_probe_paths"])]
        for url in urls:
            if url not in state.seen and not (probe and self.known_missing(state, url)):
                yield self.discovery_request(state, url, "sitemap", self.parse_sitemap, probe=probe,
                                             meta={"download_maxsize": SITEMAP_MAXSIZE})

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        """Child sitemaps (skipping unchanged ones and taxonomies) and article URLs with their dates."""
        state = self.state_of(response)
        self.ledger.fetched(state.name)
        sitemap = disc.parse_sitemap(response.body, response.url)
        self.ledger.page(state.name, normalize_url(response.url), "sitemap", response.status,
                         lastmod=response.meta.get("lastmod"))
        children = [e for e in sitemap.sitemaps if self.safe(state, e.url) and self.wanted_sitemap(state, e)]
        for child in children:
            state.seen.add(child.url)
            yield self.discovery_request(state, child.url, "sitemap", self.parse_sitemap,
                                         probe=response.meta.get("probe", False),
                                         meta={"lastmod": child.lastmod, "download_maxsize": SITEMAP_MAXSIZE})
        if sitemap.pages and not sitemap.is_news:
            state.complete_index = True
        yield from self.consider_all(state, sitemap.pages, disc.SITEMAP)
        yield from self.discovery_finished(state)

    def wanted_sitemap(self, state: SourceState, entry: disc.Entry) -> bool:
        """A child sitemap worth fetching: same site, not a taxonomy/author map, changed since last fetched."""
        if entry.url in state.seen or not disc.same_site(entry.url, state.sites):
            return False
        name = entry.url.rstrip("/").rsplit("/", 1)[-1].lower()
        if any(word in name for word in crawl_vocab()["skip_sitemap_words"]):
            return False
        if disc.older_than(entry.lastmod, self.since):
            return False  # unchanged since before the backfill date: lists nothing newer
        known = state.known.get(entry.url)
        if self.since or known is None or known.get("kind") != "sitemap":
            return True
        return entry.lastmod is None or disc.is_newer(entry.lastmod, known.get("lastmod") or known.get("fetched_at"))

    def parse_home(self, response: Response) -> Iterator[Request]:
        """Feeds and the REST API announced by the home page; its links wait for the listing phase."""
        state = self.state_of(response)
        self.ledger.fetched(state.name)
        html = self.html_of(response)
        if html is None:
            yield from self.discovery_finished(state)
            return
        for url in response.meta.get("redirect_urls", []):
            state.sites.add(site_of(url))
        state.sites.add(site_of(response.url))
        self.ledger.page(state.name, normalize_url(response.url), "listing", response.status)
        state.home_links = disc.page_links(html, response.url)
        feeds = [u for u in self.screened(state, disc.feed_links(html, response.url)) if disc.same_site(u, state.sites)]
        probe = not feeds
        if probe:
            feeds = [normalize_url(urljoin(response.url, p)) for p in crawl_vocab()["feed_probe_paths"]]
        for url in feeds[:3]:
            if url not in state.seen and not (probe and self.known_missing(state, url)):
                yield self.discovery_request(state, url, "feed", self.parse_feed, probe=probe)
        link_header = b", ".join(response.headers.getlist(b"Link")).decode("latin-1")
        api = disc.wp_api_root(html, response.url, link_header)
        if api is None and any(marker in html for marker in crawl_vocab()["wordpress_markers"]):
            api = normalize_url(urljoin(response.url, "/wp-json/"))
        if (api and self.safe(state, api) and disc.same_site(api, state.sites)
                and not self.known_missing(state, disc.wp_posts_url(api, 1))):
            yield self.wp_request(state, api, 1)
        yield from self.discovery_finished(state)

    def parse_feed(self, response: Response) -> Iterator[Request]:
        """Article URLs of an RSS/Atom feed."""
        state = self.state_of(response)
        self.ledger.fetched(state.name)
        self.ledger.page(state.name, normalize_url(response.url), "feed", response.status)
        yield from self.consider_all(state, disc.parse_feed(response.body, response.url), disc.FEED)
        yield from self.discovery_finished(state)

    def wp_request(self, state: SourceState, api: str, page: int) -> Request:
        """One page of the WordPress REST API's posts (recently modified first)."""
        self.start_walk(state)
        url = disc.wp_posts_url(api, page)
        return self.discovery_request(state, url, "wp-json", self.parse_wp, probe=page == 1,
                                      meta={"api": api, "page": page})

    def parse_wp(self, response: Response) -> Iterator[Request]:
        """Article URLs with their modified dates; next page while it brings something new."""
        state = self.state_of(response)
        self.ledger.fetched(state.name)
        entries = disc.parse_wp_posts(response.body, response.url)
        if entries:
            state.complete_index = True
        fetches = list(self.consider_all(state, entries, disc.WP_JSON))
        yield from fetches
        total = int(response.headers.get(b"X-WP-TotalPages", b"0") or 0)
        page = response.meta["page"]
        keep_going = fetches or state.resume or (self.since and entries and not all(
            disc.older_than(e.published, self.since) for e in entries))
        if entries and page < min(total, MAX_WP_PAGES) and keep_going:
            yield self.wp_request(state, response.meta["api"], page + 1)
        yield from self.discovery_finished(state)

    # ------------------------------------------------------------ the listing phase

    def discovery_finished(self, state: SourceState, force: bool = False) -> Iterator[Request]:
        """After the last discovery answer: the home page's article links, then listings if nothing indexed."""
        if not force:
            state.pending -= 1
        if (state.pending > 0 and not force) or state.discovery_done:
            return
        state.discovery_done = True
        home = normalize_url(state.source.url)
        yield from self.follow_links(state, state.home_links, home, depth=0, walk=not state.complete_index)

    def listing_request(self, state: SourceState, url: str, depth: int, method: str = disc.LISTING) -> Request | None:
        """A listing page to read, within the run's budget of listing pages."""
        if url in state.seen or state.listing_pages >= state.max_listing_pages:
            return None
        self.start_walk(state)
        state.seen.add(url)
        state.listing_pages += 1
        return Request(url, callback=self.parse_listing, errback=self.on_error, dont_filter=True, priority=10,
                       meta={**self.base_meta(state, url), "role": "listing", "depth": depth, "method": method})

    def parse_listing(self, response: Response) -> Iterator[Request]:
        """Article links of a listing page; its next page only while the page brought something new."""
        state = self.state_of(response)
        self.ledger.fetched(state.name)
        html = self.html_of(response)
        if html is None:
            return
        self.ledger.page(state.name, normalize_url(response.url), "listing", response.status)
        depth = response.meta.get("depth", 1)
        yield from self.follow_links(state, disc.page_links(html, response.url), response.url, depth,
                                     walk=True, method=response.meta.get("method", disc.LISTING))

    def follow_links(self, state: SourceState, links: list[tuple[str, str, str]], page_url: str, depth: int,
                     walk: bool, method: str = disc.LISTING) -> Iterator[Request]:
        """Consider a listing's article links; with `walk`, follow its sections and (if fruitful) next pages."""
        articles = []
        sections = []
        for url, _label, _rel in links:
            if not self.safe(state, url):
                continue
            kind = disc.classify_link(url, state.source, state.sites)
            if kind == "article":
                articles.append(disc.Entry(url))
            elif kind == "listing" and (disc.page_number(url) or 1) == 1:
                sections.append(url)
        fetches = list(self.consider_all(state, articles, method))
        yield from fetches
        if not walk:
            return
        if fetches or state.resume or self.backfill_continues(state, articles):  # stop after a page with nothing new
            for url in disc.next_links(links, page_url):
                request = self.listing_request(state, url, depth + 1)
                if request:
                    yield request
        if depth == 0:
            for url in sections:
                request = self.listing_request(state, url, depth + 1)
                if request:
                    yield request

    def backfill_continues(self, state: SourceState, articles: list[disc.Entry]) -> bool:
        """With --since: go on through known pages until every article of a page is known to be older."""
        if not self.since or not articles:
            return False
        dates = [state.known.get(e.url, {}).get("published") for e in articles]
        return not all(disc.older_than(d, self.since) for d in dates)

    # ------------------------------------------------------------ articles

    def consider_all(self, state: SourceState, entries: Iterable[disc.Entry], method: str) -> Iterator[Request]:
        """Requests for the entries worth fetching; counts the method when it found any article URL."""
        any_found = False
        for entry in entries:
            if not self.safe(state, entry.url):
                continue
            request, found = self.consider(state, entry, method)
            any_found = any_found or found
            if request:
                yield request
        if any_found:
            self.ledger.found(state.name, method)

    def consider(self, state: SourceState, entry: disc.Entry, method: str) -> tuple[Request | None, bool]:
        """(request or None, whether the entry is an article URL of the source) for one discovered URL."""
        url = entry.url
        if method not in (disc.LISTING, disc.START_URL) and not disc.indexed_article(url, state.source, state.sites):
            return None, False
        state.found_by.setdefault(url, set()).add(method)
        if disc.is_newer(entry.lastmod, state.announced.get(url)):
            state.announced[url] = entry.lastmod
        if url in state.seen:
            return None, True
        if disc.older_than(entry.published or entry.lastmod, self.since):
            state.seen.add(url)
            self.ledger.skipped(state.name, "old")
            return None, True
        known = state.known.get(url)
        if known and not self.worth_refetch(known, entry):
            # Not marked seen: a feed without dates may list it before the sitemap announces a newer lastmod.
            if known.get("kind") in ("article", "alias") and url not in state.passed_over:
                state.passed_over.add(url)
                self.ledger.skipped(state.name, "known")
            return None, True
        state.seen.add(url)
        return self.article_request(state, url, method, entry, known), True

    def worth_refetch(self, known: dict[str, Any], entry: disc.Entry) -> bool:
        """A known URL is fetched again only when its announced date is newer, or it failed transiently."""
        if known.get("kind") == "error" and known.get("error") not in PERMANENT_ERRORS:
            return True
        return disc.is_newer(entry.lastmod, known.get("lastmod") or known.get("fetched_at"))

    def article_request(self, state: SourceState, url: str, method: str, entry: disc.Entry,
                        known: dict[str, Any] | None) -> Request:
        """A (conditional, when stored validators exist) request for an article page."""
        headers = {}
        if known and known.get("etag"):
            headers["If-None-Match"] = known["etag"]
        if known and known.get("last_modified"):
            headers["If-Modified-Since"] = known["last_modified"]
        return Request(url, callback=self.parse_page, errback=self.on_error, headers=headers, dont_filter=True,
                       meta={**self.base_meta(state, url), "role": "article", "method": method,
                             "lastmod": entry.lastmod,
                             "handle_httpstatus_list": [304], "known": bool(known)})

    async def parse_page(self, response: Response) -> AsyncIterator[Any]:
        """An article page (following its continuation pages), or a listing/other page remembered as such."""
        state = self.state_of(response)
        self.ledger.fetched(state.name)
        url = normalize_url(response.url)
        if not self.arrived(state, response, url):
            return
        if response.status == 304:
            self.ledger.unchanged(state.name, url, *self.validators(response))
            return
        html = self.html_of(response)
        if html is None:
            return
        page = await self.pool.run(analyse_page, html, url, state.source)
        if page.article is None:
            self.ledger.page(state.name, url, page.kind, response.status)
            if page.kind == "listing" and response.meta.get("method") in (disc.LISTING, disc.START_URL):
                for request in self.follow_links(state, disc.page_links(html, response.url), response.url, depth=1,
                                                 walk=False):
                    yield request
            return
        article = self.stamp(state, page.article, url, response)
        if page.prints:
            self.ledger.remember_prints(article, page.prints)
        rest = [u for u in dict.fromkeys(normalize_url(u) for u in page.continuations) if u != url]
        if rest:
            yield self.continuation_request(state, rest[:MAX_CONTINUATION_PAGES], [article])
        else:
            yield article

    def arrived(self, state: SourceState, response: Response, url: str) -> bool:
        """False (and counted) when a redirect left the source's site; remembers same-site redirects as aliases."""
        if not disc.same_site(url, state.sites):
            self.ledger.error(state.name, normalize_url(response.request.meta.get("redirect_urls", [url])[0]),
                              "offsite_redirect", response.status, f"redirected to {url}")
            return False
        for old in response.meta.get("redirect_urls", []):
            if normalize_url(old) != url:
                self.ledger.page(state.name, normalize_url(old), "alias", 301)
        state.seen.add(url)
        return True

    def stamp(self, state: SourceState, article: Article, url: str, response: Response) -> Article:
        """The article with its canonical URL, source, discovery method, dates and HTTP validators."""
        canonical = normalize_url(article.canonical_url) if article.canonical_url else None
        if canonical and canonical != url and self.trusted_canonical(state, canonical, url):
            # the fetched address is an alias: remember it so that later runs skip it
            self.ledger.page(state.name, url, "alias", response.status)
            state.seen.add(canonical)
            url = canonical
        etag, last_modified = self.validators(response)
        first = normalize_url(response.meta.get("redirect_urls", [response.url])[0])
        methods = state.found_by.get(first, {response.meta.get("method")})
        cheapest = min(methods, key=lambda m: METHOD_ORDER.index(m) if m in METHOD_ORDER else len(METHOD_ORDER))
        return replace(article, url=url, source=state.name, discovered_by=cheapest,
                       lastmod=state.announced.get(first) or response.meta.get("lastmod") or article.lastmod,
                       fetched_at=now_iso(), etag=etag, last_modified=last_modified, canonical_url=canonical)

    def trusted_canonical(self, state: SourceState, canonical: str, url: str) -> bool:
        """A same-site canonical that names an article page (some sites point every page at the home page)."""
        if not disc.same_site(canonical, state.sites) or disc.is_skipped(canonical, state.source):
            return False
        if urlsplit(canonical).path in ("", "/"):
            return False
        return disc.looks_like_article(canonical, state.source) or not disc.looks_like_article(url, state.source)

    def continuation_request(self, state: SourceState, rest: list[str], done: list[Article]) -> Request:
        """The next page of a split article; the pages read so far ride along."""
        state.seen.add(rest[0])
        return Request(rest[0], callback=self.parse_continuation, errback=self.on_continuation_error,
                       dont_filter=True, priority=30,
                       meta={**self.base_meta(state, rest[0]), "role": "continuation", "rest": rest[1:], "done": done})

    async def parse_continuation(self, response: Response) -> AsyncIterator[Any]:
        """Add one page to a split article; the merged article leaves after the last page."""
        state = self.state_of(response)
        self.ledger.fetched(state.name)
        done: list[Article] = response.meta["done"]
        html = self.html_of(response)
        if html is not None:
            part = await self.pool.run(analyse_part, html, response.url, state.source)
            if part is not None:
                done = [*done, part]
            self.ledger.page(state.name, normalize_url(response.url), "continuation", response.status)
        for item in self.after_continuation(state, response.meta["rest"], done):
            yield item

    def on_continuation_error(self, failure: Failure) -> Iterator[Any]:
        """A missing page of a split article is counted; the other pages are still stored."""
        request = failure.request
        state = self.states[request.meta["source"]]
        self.record_failure(state, request, failure)
        yield from self.after_continuation(state, request.meta["rest"], request.meta["done"])

    def after_continuation(self, state: SourceState, rest: list[str], done: list[Article]) -> Iterator[Any]:
        """The next continuation request, or the merged article."""
        if rest:
            yield self.continuation_request(state, rest, done)
        else:
            yield pages.merge_pages(done)

    # ------------------------------------------------------------ failures and helpers

    def on_error(self, failure: Failure) -> Iterator[Request]:
        """Count a failed request (probes that find nothing are not failures) and let discovery go on."""
        request = failure.request
        state = self.states[request.meta["source"]]
        self.record_failure(state, request, failure)
        if request.meta.get("role") == "robots":
            yield from self.sitemap_requests(state, [], probe=True, guess=True)
        if request.meta.get("role") in DISCOVERY_ROLES:
            yield from self.discovery_finished(state)

    def record_failure(self, state: SourceState, request: Request, failure: Failure) -> None:
        """Record one failure with its kind, unless it is a probe that found nothing."""
        kind, status, message = error_kind(failure)
        if request.meta.get("probe") and (status in PROBE_STATUSES_IGNORED or kind == "robots"):
            self.ledger.fetched(state.name)
            self.ledger.page(state.name, normalize_url(request.url), "missing", status)
            return
        role = request.meta.get("role")
        first = request.meta.get("redirect_urls", [request.url])[0]  # the address the source gave, not the target
        self.ledger.error(state.name, normalize_url(first), kind, status, message,
                          remember=role in ("article", "continuation"))

    def safe(self, state: SourceState, url: str) -> bool:
        """False (counted once per run) for a link to a non-HTTP scheme or to an unsafe address; see crawler.safety."""
        if disc.same_site(url, state.sites):
            return True
        kind = refusal(url, state.sites)
        if kind is None:
            return True
        if url not in state.seen:
            state.seen.add(url)
            self.ledger.error(state.name, url, kind, None, f"link refused: {url}", remember=False)
        return False

    def screened(self, state: SourceState, urls: Iterable[str]) -> list[str]:
        """The URLs that are safe to follow (the others counted)."""
        return [u for u in urls if self.safe(state, u)]

    def known_missing(self, state: SourceState, url: str) -> bool:
        """True when a guessed address (sitemap, feed, REST API) answered 'not here' in the last days."""
        known = state.known.get(url)
        if not known or known.get("kind") != "missing" or self.since:
            return False
        when = disc.as_datetime(known.get("fetched_at"))
        return when is not None and datetime.now(UTC) - when < PROBE_AGAIN_AFTER

    def html_of(self, response: Response) -> str | None:
        """The decoded HTML of a response, or None after recording why it is not usable."""
        state = self.state_of(response)
        content_type = (response.headers.get(b"Content-Type") or b"").lower()
        if content_type and not any(t in content_type for t in HTML_TYPES):
            self.ledger.error(state.name, normalize_url(response.url), "not_html", response.status,
                              content_type.decode("latin-1"))
            return None
        declared = response.encoding if isinstance(response, TextResponse) else None
        html = pages.decode_html(response.body, declared) if response.body.strip() else ""
        if not html.strip():
            self.ledger.error(state.name, normalize_url(response.url), "empty", response.status, "empty page")
            return None
        return html

    def validators(self, response: Response) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) of a response."""
        etag = response.headers.get(b"ETag")
        modified = response.headers.get(b"Last-Modified")
        return (etag.decode("latin-1") if etag else None, modified.decode("latin-1") if modified else None)

    def state_of(self, response: Response) -> SourceState:
        """The state of the source a response belongs to."""
        return self.states[response.meta["source"]]

    def on_idle(self) -> None:
        """Finish discovery that never answered (e.g. a filtered request) so that listings still get walked."""
        scheduled = False
        for state in self.states.values():
            if not state.discovery_done:
                for request in self.discovery_finished(state, force=True):
                    self.crawler.engine.crawl(request)
                    scheduled = True
        if scheduled:
            raise DontCloseSpider

    def start_walk(self, state: SourceState) -> None:
        """Note (once per run) that the source's listings or API pages are being walked."""
        if not state.walking:
            state.walking = True
            self.ledger.walk(state.name, finished=False)

    def on_closed(self, reason: str) -> None:
        """Write the per-source stats of the run and stop the parse workers."""
        self.pool.close()
        if reason == "finished":
            for state in self.states.values():
                if state.walking:
                    self.ledger.walk(state.name, finished=True)
        for state in self.states.values():
            # a sitemap read after the article was fetched (from a feed) may announce a newer date
            self.ledger.raise_lastmods(state.name, state.announced)
        self.ledger.write_stats()


DISCOVERY_ROLES = ("robots", "home", "sitemap", "feed", "wp-json")
# Discovery methods from the cheapest; an article found by several is credited to the first of them.
METHOD_ORDER = (disc.SITEMAP, disc.FEED, disc.WP_JSON, disc.START_URL, disc.LISTING)
