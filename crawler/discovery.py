"""Finding article URLs: robots.txt, sitemaps, feeds, the WordPress REST API and listing pages.

Pure functions of a fetched body and its URL; the spider does the fetching.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, urlencode, urlsplit

from lxml import etree
from lxml import html as lxml_html

from crawler.urls import absolute_url, crawl_vocab, normalize_url, site_of
from records import Source

SITEMAP = "sitemap"
FEED = "feed"
WP_JSON = "wp-json"
LISTING = "listing"
START_URL = "start_url"

_XML_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
_DATE_IN_PATH = re.compile(r"/(19|20)\d{2}/[01]?\d(/[0-3]?\d)?/")
_ID_SLUG = re.compile(r"(^|[/-])\d{3,}([/-]|$)")
_WORD_SPLIT = re.compile(r"[-_+.]")
_NUMBER = re.compile(r"^\d{1,4}$")
_ARROWS = " »›→>≫"


@dataclass(frozen=True)
class Entry:
    """A URL found by a discovery method, with the dates it announced (ISO text or None)."""

    url: str
    lastmod: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Sitemap:
    """A parsed sitemap: child sitemaps (for an index) and page entries (for a urlset)."""

    sitemaps: tuple[Entry, ...] = ()
    pages: tuple[Entry, ...] = ()

    @property
    def is_news(self) -> bool:
        """A news sitemap (publication dates): it lists only the last days' articles."""
        return any(e.published for e in self.pages)


# ---------------------------------------------------------------- dates


def iso_date(text: str | None) -> str | None:
    """ISO 8601 text of a W3C / RFC 822 date, or None when unreadable."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            value = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return value.isoformat()


def as_datetime(text: str | None) -> datetime | None:
    """A timezone-aware datetime (UTC when the text has no zone), or None."""
    iso = iso_date(text)
    if iso is None:
        return None
    value = datetime.fromisoformat(iso)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def is_newer(candidate: str | None, stored: str | None) -> bool:
    """True when a candidate date is known and later than the stored one (or nothing is stored)."""
    new = as_datetime(candidate)
    if new is None:
        return False
    old = as_datetime(stored)
    return old is None or new > old


def older_than(value: str | None, since: date | None) -> bool:
    """True when a date is known and before `since`."""
    when = as_datetime(value)
    return since is not None and when is not None and when.date() < since


# ---------------------------------------------------------------- robots, sitemaps, feeds


def robots_sitemaps(text: str, base: str) -> list[str]:
    """Absolute URLs of the `Sitemap:` lines of a robots.txt."""
    found = []
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "sitemap":
            url = absolute_url(value.strip(), base)
            if url and url not in found:
                found.append(url)
    return found


def _xml_root(body: bytes) -> etree._Element | None:
    """The root element of an XML body (gunzipped when needed), or None."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = gzip.decompress(body)
        except (OSError, EOFError):
            return None
    try:
        return etree.fromstring(body.strip(), _XML_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _local(tag: object) -> str:
    """An element's tag without namespace."""
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _child_text(element: etree._Element, *names: str) -> str | None:
    """Text of the first descendant with one of these local names."""
    for node in element.iter():
        if _local(node.tag) in names and node.text and node.text.strip():
            return node.text.strip()
    return None


def parse_sitemap(body: bytes, base: str) -> Sitemap:
    """Child sitemaps and page entries (with lastmod and news publication date) of a sitemap."""
    root = _xml_root(body)
    if root is None:
        return Sitemap()
    kind = _local(root.tag)
    entries = []
    for node in root:
        if _local(node.tag) not in {"sitemap", "url"}:
            continue
        url = absolute_url(_child_text(node, "loc") or "", base)
        if url:
            entries.append(Entry(url, iso_date(_child_text(node, "lastmod")),
                                 iso_date(_child_text(node, "publication_date"))))
    return Sitemap(sitemaps=tuple(entries)) if kind == "sitemapindex" else Sitemap(pages=tuple(entries))


def _feed_link(item: etree._Element, base: str) -> str | None:
    """The article link of an RSS item or Atom entry."""
    for node in item:
        if _local(node.tag) != "link":
            continue
        href = node.get("href")
        if href is not None and node.get("rel", "alternate") == "alternate":
            return absolute_url(href, base)
        if href is None and node.text:
            return absolute_url(node.text, base)
    guid = _child_text(item, "guid")
    return absolute_url(guid, base) if guid and guid.startswith("http") else None


def parse_feed(body: bytes, base: str) -> list[Entry]:
    """Article entries of an RSS 2.0 / RSS 1.0 / Atom feed."""
    root = _xml_root(body)
    if root is None or _local(root.tag) not in {"rss", "feed", "rdf"}:
        return []
    entries = []
    for item in root.iter():
        if _local(item.tag) not in {"item", "entry"}:
            continue
        url = _feed_link(item, base)
        if url:
            published = iso_date(_child_text(item, "pubdate", "published", "date"))
            entries.append(Entry(url, iso_date(_child_text(item, "updated")) or published, published))
    return entries


# ---------------------------------------------------------------- HTML heads


def _html_tree(text: str) -> lxml_html.HtmlElement | None:
    """An lxml tree of an HTML page, or None for empty / unparsable text."""
    if not text or not text.strip():
        return None
    try:
        return lxml_html.fromstring(text)
    except (etree.ParserError, ValueError):
        return None


def feed_links(text: str, base: str) -> list[str]:
    """Feeds announced by <link rel="alternate" type="application/rss+xml|atom+xml"> (comment feeds skipped)."""
    tree = _html_tree(text)
    if tree is None:
        return []
    found = []
    for link in tree.iter("link"):
        kind = (link.get("type") or "").lower()
        if "alternate" in (link.get("rel") or "").lower().split() and ("rss" in kind or "atom" in kind):
            url = absolute_url(link.get("href") or "", base)
            if url and "comments" not in url and url not in found:
                found.append(url)
    return found


def wp_api_root(text: str, base: str, link_header: str = "") -> str | None:
    """The WordPress REST API root from <link rel="https://api.w.org/"> or the HTTP Link header."""
    match = re.search(r'<([^>]+)>\s*;\s*rel="https://api\.w\.org/"', link_header or "")
    if match:
        return absolute_url(match.group(1), base)
    tree = _html_tree(text)
    if tree is None:
        return None
    for link in tree.iter("link"):
        if (link.get("rel") or "").strip() == "https://api.w.org/":
            return absolute_url(link.get("href") or "", base)
    return None


def wp_posts_url(api_root: str, page: int, after: str | None = None, per_page: int = 100) -> str:
    """The /wp/v2/posts URL of one page of posts, lightest fields only, modified after a date if given."""
    root = api_root if api_root.endswith("/") else api_root + "/"
    query = f"per_page={per_page}&page={page}&_fields=link,date_gmt,modified_gmt&orderby=modified&order=desc"
    if after:
        query += f"&modified_after={after}"
    if "?" in root:  # plain permalinks: /?rest_route=/
        return root.rstrip("/") + "/wp/v2/posts&" + query
    return root + "wp/v2/posts?" + query


def parse_wp_posts(body: bytes, base: str) -> list[Entry]:
    """Entries (link, modified, date) of a /wp/v2/posts JSON page."""
    try:
        posts = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return []
    if not isinstance(posts, list):
        return []
    entries = []
    for post in posts:
        if not isinstance(post, dict) or not isinstance(post.get("link"), str):
            continue
        url = absolute_url(post["link"], base)
        if url:
            modified = post.get("modified_gmt") or post.get("modified")
            published = post.get("date_gmt") or post.get("date")
            entries.append(Entry(url, _gmt(modified), _gmt(published)))
    return entries


def _gmt(value: object) -> str | None:
    """A WordPress *_gmt value (no zone in the text) as ISO with +00:00."""
    if not isinstance(value, str):
        return None
    iso = iso_date(value)
    if iso and as_datetime(iso) and "+" not in iso[10:] and "Z" not in value:
        return iso + "+00:00"
    return iso


# ---------------------------------------------------------------- links of listing pages


def page_links(text: str, base: str) -> list[tuple[str, str, str]]:
    """(normalised url, anchor text, rel) of every http(s) link of a page, in order, without repeats."""
    tree = _html_tree(text)
    if tree is None:
        return []
    seen = set()
    links = []
    for anchor in tree.iter("a"):
        url = absolute_url(anchor.get("href") or "", base)
        if url and url not in seen:
            seen.add(url)
            label = " ".join(anchor.text_content().split()).lower()
            label = label or (anchor.get("aria-label") or anchor.get("title") or "").strip().lower()
            links.append((url, label, (anchor.get("rel") or "").lower()))
    for link in tree.iter("link"):
        if "next" in (link.get("rel") or "").lower().split():
            url = absolute_url(link.get("href") or "", base)
            if url and url not in seen:
                seen.add(url)
                links.append((url, "", "next"))
    return links


def _path_query(url: str) -> tuple[str, dict[str, str]]:
    """A URL's path and its query as a dict."""
    parts = urlsplit(url)
    return parts.path or "/", dict(parse_qsl(parts.query, keep_blank_values=True))


def page_number(url: str) -> int | None:
    """The listing page number a URL asks for ("?page=3", "?hal=3", "/page/3/"), or None."""
    vocab = crawl_vocab()
    path, query = _path_query(url)
    for key in vocab["page_params"]:
        if key in query and query[key].isdigit():
            return int(query[key])
    segments = [s for s in path.split("/") if s]
    for i, segment in enumerate(segments[:-1]):
        if segment.lower() in vocab["page_segments"] and segments[i + 1].isdigit():
            return int(segments[i + 1])
    return None


def _without_page(url: str) -> str:
    """A URL with its page number removed, to tell pages of the same listing apart from others."""
    vocab = crawl_vocab()
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in vocab["page_params"]]
    segments = [s for s in parts.path.split("/") if s]
    kept = []
    skip = False
    for i, segment in enumerate(segments):
        if skip:
            skip = False
            continue
        if segment.lower() in vocab["page_segments"] and i + 1 < len(segments) and segments[i + 1].isdigit():
            skip = True
            continue
        kept.append(segment)
    return normalize_url(parts._replace(path="/" + "/".join(kept), query=urlencode(query)).geturl())


def next_pages(text: str, base: str) -> list[str]:
    """Links to following pages of the same listing: rel=next, "Selanjutnya"/"Next"/"»", higher page numbers."""
    return next_links(page_links(text, base), base)


def next_links(links: list[tuple[str, str, str]], base: str) -> list[str]:
    """next_pages() on links already extracted by page_links()."""
    words = set(crawl_vocab()["next_words"])
    here = page_number(base) or 1
    family = _without_page(base)
    current = normalize_url(base)
    found = []
    for url, label, rel in links:
        number = page_number(url)
        same_listing = _without_page(url) == family
        is_next = "next" in rel.split() or label in words or label.strip(_ARROWS) in words
        numbered = same_listing and number is not None and number > here and bool(_NUMBER.match(label))
        if url != current and (is_next or numbered) and (same_listing or number is not None):
            found.append(url)
    return found


# ---------------------------------------------------------------- which links are worth a visit


def same_site(url: str, sites: set[str]) -> bool:
    """True when a URL is on one of the source's hosts (host with or without 'www.', same port)."""
    return site_of(url) in sites


def source_sites(source: Source) -> set[str]:
    """The hosts a source may be crawled on: its own, and those of its start URLs."""
    return {site_of(source.url), *(site_of(u) for u in source.start_urls)}


def _path_and_query(url: str) -> str:
    """The part of a URL that allow/deny patterns are matched against."""
    parts = urlsplit(url)
    return (parts.path or "/") + ("?" + parts.query if parts.query else "")


def is_skipped(url: str, source: Source) -> bool:
    """True for assets, tags, authors, searches, feeds, accounts and the source's deny patterns."""
    vocab = crawl_vocab()
    path, query = _path_query(url)
    segments = [s.lower() for s in path.split("/") if s]
    last = segments[-1] if segments else ""
    if "." in last and last.rsplit(".", 1)[1] in vocab["skip_extensions"]:
        return True
    if any(s in vocab["skip_segments"] for s in segments) or any(k in query for k in vocab["skip_query_keys"]):
        return True
    target = _path_and_query(url)
    return any(re.search(p, target) for p in source.deny)


def looks_like_article(url: str, source: Source) -> bool:
    """True when a same-site URL has the shape of an article page (or matches the source's allow patterns)."""
    if page_number(url) is not None:
        return False  # "?page=2" of an article is a continuation, of a listing a listing page
    if source.allow:
        target = _path_and_query(url)
        return any(re.search(p, target) for p in source.allow)
    path, query = _path_query(url)
    segments = [s for s in path.split("/") if s]
    if not segments:
        return False
    last = re.sub(r"\.(html?|php|aspx?)$", "", segments[-1].lower())
    words = [w for w in _WORD_SPLIT.split(last) if w]
    if _DATE_IN_PATH.search(path + ("/" if not path.endswith("/") else "")) and len(words) >= 2:
        return True
    if len(words) >= 4:
        return True
    if len(words) >= 2 and _ID_SLUG.search(path):
        return True
    return any(k in query for k in crawl_vocab()["article_query_keys"])


def looks_like_listing(url: str) -> bool:
    """True when a URL has the shape of a listing: a section, a category, an archive or a numbered page."""
    if page_number(url) is not None:
        return True
    path, _ = _path_query(url)
    segments = [s.lower() for s in path.split("/") if s]
    cues = set(crawl_vocab()["listing_segments"])
    return bool(segments) and len(segments) <= 3 and any(s in cues for s in segments)


def classify_link(url: str, source: Source, sites: set[str]) -> str:
    """'article', 'listing' or 'skip' for a link found on one of the source's pages."""
    if not same_site(url, sites) or is_skipped(url, source):
        return "skip"
    if looks_like_article(url, source):
        return "article"
    if page_number(url) is not None and looks_like_article(_without_page(url), source):
        return "skip"  # page 2.. of a split article: read through its first page
    return "listing" if looks_like_listing(url) else "skip"


def indexed_article(url: str, source: Source, sites: set[str]) -> bool:
    """A sitemap/feed/API entry worth fetching as an article: lenient, since indexes list pages, not menus."""
    if not same_site(url, sites) or is_skipped(url, source):
        return False
    if looks_like_article(url, source):
        return True
    return not source.allow and not looks_like_listing(url)
