"""HTML -> Article: trafilatura for the main text, then rule-based clean-up and metadata."""

from __future__ import annotations

import codecs
import json
import re
import tomllib
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import replace
from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import lxml.html
import trafilatura
from htmldate import find_date
from lxml import etree

from records import Article, Source

VOCAB = Path(__file__).with_name("vocab")

__all__ = ["clean_text", "continuation_urls", "decode_html", "merge_pages", "page_kind", "parse_article"]


# ---------------------------------------------------------------- vocabulary


@cache
def _toml(name: str) -> dict[str, Any]:
    """One vocabulary file, parsed once."""
    with (VOCAB / name).open("rb") as fh:
        return tomllib.load(fh)


@cache
def _junk_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(compiled pattern, action) for every junk-line rule."""
    return tuple((re.compile(r["pattern"], re.I), r["action"]) for r in _toml("junk.toml")["junk"])


@cache
def _page_rules() -> dict[str, Any]:
    """Compiled URL rules and word lists from page.toml."""
    data = _toml("page.toml")
    return {
        "listing": [re.compile(p, re.I) for p in data["listing_url"]],
        "other": [re.compile(p, re.I) for p in data["other_url"]],
        **{k: v for k, v in data.items() if k not in {"listing_url", "other_url"}},
    }


# ---------------------------------------------------------------- decoding

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _codec(name: str | None) -> str | None:
    """Normalised codec name, with latin-1/ascii widened to cp1252 as browsers do; None if unknown."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    if "charset=" in name:
        name = name.split("charset=", 1)[1].split(";")[0].strip("\"' ")
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return "cp1252" if codec in {"latin-1", "iso8859-1", "ascii"} else codec


def decode_html(body: bytes, declared: str | None = None) -> str:
    """Decode page bytes: BOM, then valid UTF-8, then the declared/meta charset, then cp1252."""
    if isinstance(body, str):
        return body
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(codec, errors="replace")
    candidates = [_codec(declared)]
    meta = _META_CHARSET.search(body[:4096])
    if meta:
        candidates.append(_codec(meta.group(1).decode("ascii", "ignore")))
    # Real UTF-8 with non-ASCII bytes is almost never valid cp1252 text by accident, so a strict
    # UTF-8 decode wins over a (often wrong) latin-1/cp1252 declaration.
    wide = [c for c in candidates if c and c not in {"utf-8", "cp1252"}]
    for codec in [*wide, "utf-8"]:
        try:
            return body.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    if _UTF8_SEQUENCE.search(body):
        # Mostly UTF-8 with stray cp1252 bytes (pasted text): keep the UTF-8, mend the strays.
        return body.decode("utf-8", errors="cp1252-bytes")
    return body.decode("cp1252", errors="replace")


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    """Decode-error handler: read the offending bytes as cp1252."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start:error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("cp1252-bytes", _cp1252_bytes)


# ---------------------------------------------------------------- tree helpers


MAX_HTML_CHARS = 1_000_000  # beyond this a page is a gallery or a dump, not one article's worth of markup
_SCRIPTS = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)


def _tree(html: str) -> etree._Element | None:
    """A parsed lxml tree, or None for empty / unparsable input; oversized pages are cut to MAX_HTML_CHARS."""
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)
    if len(html) > MAX_HTML_CHARS:
        html = _SCRIPTS.sub("", html)[:MAX_HTML_CHARS]
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _text(el: etree._Element) -> str:
    """Visible text of an element, whitespace collapsed."""
    return _squash(el.text_content())


def _squash(text: str | None) -> str:
    """Collapse whitespace (including NBSP) to single spaces."""
    return " ".join((text or "").split())  # str.split() and re's \s agree on whitespace, NBSP included


def _marker(el: etree._Element) -> str:
    """An element's class and id, lower-cased: where templates say what a block is."""
    return f"{el.get('class', '')} {el.get('id', '')}".lower()


@lru_cache(maxsize=8192)
def _hinted(marker: str, hints: str) -> bool:
    """Whether a class/id marker contains one of the page.toml word list `hints` (markers repeat on every page)."""
    return any(h in marker for h in _page_rules()[hints])


def _meta(tree: etree._Element, *keys: str) -> list[str]:
    """Contents of <meta> tags whose property/name/itemprop is one of keys (case-insensitive), in order."""
    wanted = [k.lower() for k in keys]
    found: list[tuple[int, str]] = []
    for m in tree.iter("meta"):
        for attr in ("property", "name", "itemprop"):
            key = (m.get(attr) or "").strip().lower()
            if key in wanted and m.get("content"):
                found.append((wanted.index(key), _squash(m.get("content"))))
                break
    return [c for _, c in sorted(found, key=lambda x: x[0]) if c]


_LAST_JSONLD: list[tuple[etree._Element, list[dict[str, Any]]]] = []


def _jsonld(tree: etree._Element) -> list[dict[str, Any]]:
    """All JSON-LD objects of the page, @graph flattened (read once per parsed page)."""
    if _LAST_JSONLD and _LAST_JSONLD[0][0] is tree:
        return _LAST_JSONLD[0][1]  # the title, date, author, site-name and page-kind readings all ask
    _LAST_JSONLD[:] = [(tree, _read_jsonld(tree))]
    return _LAST_JSONLD[0][1]


def _read_jsonld(tree: etree._Element) -> list[dict[str, Any]]:
    """All JSON-LD objects of the page, @graph flattened."""
    out: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                out.append(item)
                stack.extend(g for g in item.get("@graph", []) if isinstance(g, dict))
            elif isinstance(item, list):
                stack.extend(item)
    return out


def _ld_types(item: dict[str, Any]) -> set[str]:
    """Lower-cased @type values of a JSON-LD object."""
    t = item.get("@type", [])
    return {str(x).lower() for x in (t if isinstance(t, list) else [t])}


def _ld_articles(tree: etree._Element) -> list[dict[str, Any]]:
    """JSON-LD objects that describe an article."""
    kinds = set(_page_rules()["article_types"])
    return [item for item in _jsonld(tree) if _ld_types(item) & kinds]


# ---------------------------------------------------------------- title

_SEPARATORS = re.compile(
    r"\s+[|\-–—•»·:]+\s+|\s*::\s*|\s*\|\s*"
    r"|(?:(?<=\.com)|(?<=\.net)|(?<=\.org)|(?<=\.id))\s*:\s+",  # 'KapanLagi.com: Judul'
    re.I,
)
_DOMAINISH = re.compile(r"\b[\w-]+\.(com|net|org|co|id|go\.id|co\.id|or\.id|info|news|tv)\b", re.I)


_COPYRIGHT = re.compile(r"(?:©|copyright|hak\s+cipta)[\s©]*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*([^.,|©]{3,60})", re.I)


def _site_names(tree: etree._Element, url: str | None) -> list[str]:
    """Names the site goes by: og:site_name, application-name, JSON-LD publisher, domain labels."""
    names = _meta(tree, "og:site_name", "application-name", "apple-mobile-web-app-title", "twitter:site")
    for item in _jsonld(tree):
        pub = item.get("publisher")
        if isinstance(pub, dict) and isinstance(pub.get("name"), str):
            names.append(pub["name"])
    home = _home(url) if url else None
    for a in tree.iter("a"):
        href = (a.get("href") or "").strip()
        if _links_home(href, url, home):
            names.append(_text(a) or " ".join(i.get("alt", "") for i in a.iter("img")))
    for line in tree.xpath("//body//text()[contains(., '©') or contains(., 'opyright') or contains(., 'Hak Cipta')]"):
        # The copyright holder is the site: '© 2025 Pemerintah Kota X. Dikelola oleh …'
        if (m := _COPYRIGHT.search(line)) and len(m.group(1).split()) <= 8:
            names.append(m.group(1))
    host = urlsplit(url or "").hostname or ""
    names.extend(p for p in host.split(".") if p not in _page_rules()["generic_host_labels"])
    return [_norm(n.lstrip("@")) for n in names if _norm(n.lstrip("@"))]


_DOTS_AND_SLASHES = re.compile(r"[./]*")


def _links_home(href: str, url: str | None, home: str | None) -> bool:
    """True when a link points at the site's home page; resolves only the few hrefs that can."""
    if href in {"/", "./"}:
        return True
    if not url or not home:
        return False
    if href.startswith(("http:", "https:")):
        # an absolute link elsewhere cannot resolve to the home page: skip urljoin for most links
        if not href.startswith(home):
            return False
        rest = href[len(home):]
        if not rest.strip("/"):
            return True
        if "." not in rest:
            return False
    elif not (href.startswith("//") or _DOTS_AND_SLASHES.fullmatch(href)):
        return False
    return urljoin(url, href).rstrip("/") == home


def _home(url: str) -> str:
    """The site's home page URL without a trailing slash."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def _norm(text: str) -> str:
    """Lower-case alphanumerics only, for loose comparisons."""
    return _NON_ALNUM.sub("", text.lower())


def _is_site_segment(segment: str, sites: list[str]) -> bool:
    """True when a title segment names the site rather than the story."""
    n = _norm(segment)
    if not n:
        return True
    if _DOMAINISH.search(segment):
        return True
    return any(s and (s in n or (n in s and len(n) >= 4)) for s in sites)


def _strip_site(title: str, sites: list[str]) -> str:
    """Remove site-name prefixes and suffixes ("Judul - Kompas.com", "KapanLagi.com: Judul")."""
    title = _squash(title)
    parts = _SEPARATORS.split(title)
    seps = _SEPARATORS.findall(title)
    if len(parts) < 2:
        return title
    start, end = 0, len(parts)
    while end - start > 1 and _is_site_segment(parts[end - 1], sites):
        end -= 1
    while end - start > 1 and _is_site_segment(parts[start], sites):
        start += 1
    out = parts[start]
    for i in range(start + 1, end):
        out += seps[i - 1] + parts[i]
    return out.strip()


def _common_words(a: str, b: str) -> str:
    """Longest run of consecutive words shared by a and b (compared loosely), as written in a."""
    wa, wb = a.split(), b.split()
    na, nb = [_norm(w) for w in wa], [_norm(w) for w in wb]
    best, best_end = 0, 0
    prev = [0] * (len(nb) + 1)
    for i in range(1, len(na) + 1):
        cur = [0] * (len(nb) + 1)
        for j in range(1, len(nb) + 1):
            if na[i - 1] and na[i - 1] == nb[j - 1]:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best, best_end = cur[j], i
        prev = cur
    return " ".join(wa[best_end - best:best_end])


def _h1s(tree: etree._Element) -> list[str]:
    """Texts of the page's <h1> headings (skipping empty and logo-only ones)."""
    return [t for t in (_text(h) for h in tree.iter("h1")) if len(t.split()) >= 2]


def _title(tree: etree._Element, sites: list[str], source: Source | None) -> str:
    """The story's headline: og/JSON-LD/h1 reconciled with <title>, site names removed."""
    precise: list[str] = []
    if source and source.title_selector:
        precise += [_text(e) for e in _select(tree, source.title_selector)]
    precise += [h.get("headline") for h in _ld_articles(tree) if isinstance(h.get("headline"), str)]
    precise += _meta(tree, "og:title", "twitter:title")
    h1s = _h1s(tree)
    head = tree.find(".//title")
    page_title = _text(head) if head is not None else ""
    pool = [page_title, *precise, *h1s]
    cleaned = [_strip_site(c, sites) for c in [*precise, *h1s] if c]
    # A precise candidate repeated inside another candidate is the consensus headline.
    confirmed = [c for c in cleaned if len(c.split()) >= 2 and
                 sum(_norm(c) in _norm(p) for p in pool if p) >= 2]
    if confirmed:
        return _visible_form(tree, max(confirmed, key=lambda c: (len(_norm(c)), c in h1s)))
    # No exact agreement: the longest shared word run between the precise candidates and <title>.
    runs = [_common_words(c, page_title) for c in cleaned if page_title]
    runs = [r.strip(" -|:–—") for r in runs if len(r.split()) >= 3]
    if runs:
        return _visible_form(tree, max(runs, key=len))
    stripped = _strip_site(page_title, sites)
    if stripped == page_title or len(stripped.split()) < 3:
        stripped = ""  # nothing was recognised as the site's name, or what is left is a section label
    for c in [*cleaned, stripped, _shown_segment(tree, page_title, sites), _marked_headline(tree), page_title]:
        if c:
            return c
    return ""


def _marked_headline(tree: etree._Element) -> str:
    """The first element marked as a headline (class 'judul', 'title', …; no links) that reads like one."""
    for el in tree.xpath("//body//*[self::h1 or self::h2 or self::h3 or self::div or self::td or self::span]"):
        marker = _marker(el)
        if _hinted(marker, "headline_classes") and el.find(".//a") is None and 4 <= len(_text(el).split()) <= 30:
            return _text(el)
    return ""


def _shown_segment(tree: etree._Element, page_title: str, sites: list[str]) -> str:
    """The <title> segment that the page also shows as a heading ('Judul | Nama Dinas' -> 'Judul')."""
    segments = {_norm(p): p.strip() for p in _SEPARATORS.split(page_title)
                if len(p.split()) >= 3 and not _is_site_segment(p, sites)}
    if len(segments) < 2:
        return ""
    for el in tree.xpath("//body//*[self::h1 or self::h2 or self::h3 or self::h4 or self::div or self::span]"):
        marker = f"{el.tag} {_marker(el)}"
        if (el.tag.startswith("h") or _hinted(marker, "headline_classes")) and (n := _norm(_text(el))) in segments:
            return segments[n]
    return ""


def _visible_form(tree: etree._Element, title: str) -> str:
    """The on-page headline when it is the meta title with a short label added ('FOTO: …', 'In Picture: …')."""
    nt = _norm(title)
    for el in tree.xpath("//body//*[self::h1 or self::h2 or self::div or self::span or self::p]"):
        if el.tag != "h1" and not _hinted(f"{el.tag} {_marker(el)}", "headline_classes"):
            continue
        text = _text(el)
        extra = len(text.split()) - len(title.split())
        if 1 <= extra <= 3 and _norm(text).endswith(nt) and el.find(".//a") is None:
            return text
    return title


def _select(tree: etree._Element, css: str) -> list[etree._Element]:
    """Elements matching a CSS selector; empty on a bad selector."""
    try:
        return tree.cssselect(css)
    except Exception:  # cssselect raises several unrelated types on bad syntax
        return []


# ---------------------------------------------------------------- publication date

_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)


@cache
def _date_regexes() -> tuple[re.Pattern[str], ...]:
    """Written date forms: '17 Februari 2022 17:25 WIB', 'February 17, 2022', '17/02/2022', '2022-02-17 17:25'."""
    data = _toml("dates.toml")
    mon = "(?P<mo>" + "|".join(sorted(data["months"], key=len, reverse=True)) + r")\.?"
    zones = "|".join(sorted(data["timezones"], key=len, reverse=True))
    clock = r"(?P<hh>\d{1,2})[:.](?P<mi>\d{2})(?:[:.]\d{2})?"
    time = rf"(?:\s*(?:[,|\-–]|pukul|jam)?\s*{clock}\s*(?P<tz>{zones})?\b)?"
    day, year = r"(?P<d>\d{1,2})", r"(?P<y>\d{4})"
    forms = (
        rf"\b{day}\s+{mon},?\s+{year}",
        rf"\b{mon}\s+{day},\s*{year}",
        rf"\b{day}[/.-](?P<mo>\d{{1,2}})[/.-]{year}",
        rf"\b{year}[/-](?P<mo>\d{{1,2}})[/-]{day}\b",
    )
    return tuple(re.compile(form + time, re.I) for form in forms)


def _iso(y: int, m: int, d: int, hh: str | None = None, mm: str | None = None, ss: str | None = None,
         tz: str | None = None) -> str | None:
    """ISO 8601 date, or date-time with offset when both time and zone are known; None if invalid."""
    try:
        day = date(y, m, d)
    except ValueError:
        return None
    if not (1990 <= y <= 2100):
        return None
    if hh is None or tz is None:
        return day.isoformat()
    try:
        stamp = datetime(y, m, d, int(hh), int(mm or 0), int(ss or 0))
    except ValueError:
        return day.isoformat()
    return stamp.isoformat() + tz


def _offset(tz: str | None) -> str | None:
    """'+0700' / 'Z' / 'WIB' -> '+07:00'."""
    if not tz:
        return None
    zones = _toml("dates.toml")["timezones"]
    if tz.lower() in zones:
        return zones[tz.lower()]
    if tz.upper() == "Z":
        return "+00:00"
    digits = tz.replace(":", "")
    return f"{digits[:3]}:{digits[3:5]}"


def _parse_machine_date(value: str) -> str | None:
    """ISO-like machine dates from meta tags and <time datetime>."""
    m = _ISO.search(value)
    if not m:
        return _parse_text_date(value)
    y, mo, d, hh, mi, ss, tz = m.groups()
    return _iso(int(y), int(mo), int(d), hh, mi, ss, _offset(tz) or ("" if hh else None))


def _parse_text_date(text: str) -> str | None:
    """The first Indonesian/English written date ('Kamis, 17 Februari 2022 17:25 WIB', '17/02/2022')."""
    found = _text_dates(text)
    return found[0] if found else None


def _text_dates(text: str) -> list[str]:
    """Every written date in the text, in order, as ISO strings (with a time when one is written)."""
    months = _toml("dates.toml")["months"]
    found = sorted((m.start(), m) for rx in _date_regexes() for m in rx.finditer(text))
    out = []
    for _, m in found:
        mo = m.group("mo")
        month = int(mo) if mo.isdigit() else months[mo.lower()]
        hh, tz = m.group("hh"), _offset(m.group("tz"))
        if result := _iso(int(m.group("y")), month, int(m.group("d")), hh, m.group("mi"), None,
                          tz or ("" if hh else None)):
            out.append(result)
    return out


_MACHINE_DATE_KEYS = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate", "publish-date",
    "publish_date", "published_time", "dc.date.issued", "dc.date", "dcterms.date", "dcterms.created", "date",
    "sailthru.date", "parsely-pub-date", "content_publisheddate", "article_date_original", "originalpublicationdate",
    "dc.date.created", "citation_publication_date",
)


def _machine_dates(tree: etree._Element) -> list[str]:
    """Publication dates machine-readable in the page, most trusted first."""
    values = _meta(tree, *_MACHINE_DATE_KEYS)
    values += [str(i["datePublished"]) for i in _ld_articles(tree) if i.get("datePublished")]
    for el in tree.xpath("//*[@itemprop='datePublished'][not(self::meta)]"):
        values.append(el.get("datetime") or el.get("content") or _text(el))
    values += [t.get("datetime") for t in tree.iter("time") if t.get("datetime")]
    return values


def _date_elements(tree: etree._Element) -> list[str]:
    """Short texts of elements whose class/id suggests a date or byline, in page order."""
    out = []
    solid = _sizes(tree).solid
    for el in tree.iter("span", "div", "p", "time", "small", "li", "em", "strong", "a", "header"):
        if solid.get(el, 0) > 200:
            continue
        if _hinted(f"{el.tag} {_marker(el)}", "date_hints"):
            text = _text(el)
            if 6 <= len(text) <= 200:
                out.append(text)
    return out


def _after_headline(tree: etree._Element, title: str) -> str:
    """The short texts (up to ~600 characters) between the headline and the first running text."""
    tn = _norm(title)
    if not tn:
        return ""
    sizes = _sizes(tree).raw
    for el in tree.iter("h1", "h2", "h3", "h4", "div", "span", "p", "strong", "td", "header"):
        # Only elements about as long as the headline can hold just the headline (keeps this linear).
        if len(tn) <= sizes.get(el, 0) <= 2 * len(title) + 40 and _norm(_text(el)) == tn:
            chunks: list[str] = []
            for t in el.xpath("following::text()[not(ancestor::script) and not(ancestor::style)]"):
                n = len(t.split())
                if n >= 15 or (n >= 8 and t.strip().endswith((".", "!", "?", '"', "”"))):
                    break  # running text (a caption or the body) has begun; its dates are the story's
                if t.strip():
                    chunks.append(_squash(t))
                if sum(map(len, chunks)) > 600:
                    break
            return " | ".join(chunks)
    return ""


def _published(tree: etree._Element, url: str | None, source: Source | None, title: str, body: str) -> str | None:
    """Publication date-time: meta/JSON-LD/<time>, then the dateline under the headline, then dated elements."""
    if source and source.date_selector:
        for text in (_text(e) for e in _select(tree, source.date_selector)):
            if found := _parse_text_date(text) or _parse_machine_date(text):
                return _final_offset(found)
    machine = [p for p in (_parse_machine_date(v) for v in _machine_dates(tree)) if p]
    if machine and _settled(machine[0]):
        return _final_offset(machine[0])  # nothing on the page could change it: skip reading the datelines
    near = _text_dates(_after_headline(tree, title))
    marked = [d for t in _date_elements(tree) for d in _text_dates(t)]
    visible = [d for d in near if len(d) > 10] + [d for d in marked if len(d) > 10] + near + marked
    if machine:
        return _final_offset(_reconcile(machine[0], visible))
    found = visible[0] if visible else _url_date(url) or _parse_text_date(body[:400]) or _htmldate(tree)
    return _final_offset(found) if found else None


def _url_date(url: str | None) -> str | None:
    """The date in a permalink such as /2022/02/17/slug or /read/2022/02/17/…."""
    m = re.search(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/", urlsplit(url or "").path + "/")
    return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def _final_offset(stamp: str) -> str:
    """A date-time without a known zone keeps only its date."""
    return stamp[:10] if len(stamp) > 10 and stamp[-6] not in "+-" else stamp


def _settled(machine: str) -> bool:
    """A machine stamp with a time and a zone other than UTC, which _reconcile keeps as it is."""
    return len(machine) > 10 and machine[-6] in "+-" and not machine.endswith("+00:00")


def _reconcile(machine: str, visible: list[str]) -> str:
    """The machine stamp, completed or corrected by the dateline the page shows for the same day.

    A stamp without zone (or without time) takes the zone and time of a visible dateline of that day;
    a stamp marked 'Z' that shows the same wall-clock time as a WIB dateline was local time mislabelled.
    """
    zoned = [v for v in visible if len(v) > 16 and v[-6] in "+-"]
    if len(machine) == 10 or machine[-6] not in "+-":
        same = [v for v in zoned if v[:10] == machine[:10] and (len(machine) == 10 or v[:16] == machine[:16])]
        return same[0] if same else machine
    if machine.endswith("+00:00"):
        return next((v for v in zoned if v[:16] == machine[:16]), machine)
    return machine


def _htmldate(tree: etree._Element) -> str | None:
    """Last resort: htmldate's original-date heuristics (no network)."""
    try:
        found = find_date(tree, original_date=True, extensive_search=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate raises on odd trees; a missing date is not an error
        return None
    return found or None


# ---------------------------------------------------------------- author

_NAME = r"([A-Z][\w'.]*(?:[ \t]+(?:[A-Z][\w'.]*|dan|bin|binti|al|el|van|de)){0,5})"


@cache
def _byline_regex() -> re.Pattern[str]:
    """'Penulis: Nama', 'Reporter : Nama', 'Oleh Nama' at the start of a line or after a '|'."""
    labels = "|".join(re.escape(w) for w in sorted(_page_rules()["byline_labels"], key=len, reverse=True))
    return re.compile(rf"(?:^|\|)\s*(?i:{labels})\s*[:\-–]?\s*{_NAME}", re.M)


@cache
def _labelled_regex() -> re.Pattern[str]:
    """'Penulis : anything up to a pipe' — for short byline boxes, where the value may hold a role and a comma."""
    labels = "|".join(re.escape(w) for w in sorted(_page_rules()["byline_labels"], key=len, reverse=True))
    return re.compile(rf"\s*(?i:{labels})\s*[:\-–]\s*([^|\n]{{2,80}})")


def _clean_author(name: str | None, sites: list[str]) -> str | None:
    """A person's name, or None for URLs, site names, photo credits and organisations."""
    rules = _page_rules()
    name = _squash(name)
    # 'Nama Penulis Editor : …' — a credit label ends the name.
    credit = "|".join(map(re.escape, rules["credit_labels"]))
    name = re.split(rf"\s*\b(?:{credit})\b", name, maxsplit=1, flags=re.I)[0].strip(" ,|:-–")
    # 'Kontributor Lhokseumawe, Masriadi': a role and a place before the comma, the name after it.
    first, _, rest = name.partition(",")
    if rest.strip() and first.split()[:1] and first.split()[0].lower() in rules["byline_roles"]:
        name = rest.strip()
    if not name or len(name) > 60 or re.search(r"[/@\d]|://", name) or not re.search(r"[A-Z]", name):
        return None
    words = {w.lower().strip(".") for w in name.split()}
    if words & set(rules["non_author_words"]) or _is_site_segment(name, sites) or _DOMAINISH.search(name):
        return None
    return name


@cache
def _byline_regexes() -> tuple[re.Pattern[str], ...]:
    """Every byline shape, most specific first."""
    return (_labelled_regex(), _byline_regex(), *(re.compile(p, re.I) for p in _page_rules()["byline_patterns"]))


@lru_cache(maxsize=16384)
def _byline_name(text: str) -> str | None:
    """The name a short byline text gives ('Penulis: Nama'), else None (remembered: bylines repeat)."""
    for rx in _byline_regexes():
        if m := rx.match(text):
            return m.group(1)
    return None


def _author(tree: etree._Element, sites: list[str], body: str) -> str | None:
    """Author from a labelled byline, JSON-LD, itemprop/rel, meta tags; None when only the site is named."""
    return next((name for cand in _author_candidates(tree, body) if (name := _clean_author(cand, sites))), None)


def _author_candidates(tree: etree._Element, body: str) -> Iterator[str]:
    """Possible author names, most trusted first (read lazily: the first good one ends the search)."""
    for item in _ld_articles(tree):
        authors = item.get("author")
        for a in authors if isinstance(authors, list) else [authors]:
            yield a.get("name") if isinstance(a, dict) else a if isinstance(a, str) else ""
    yield from (_text(el) for el in tree.xpath("//*[@rel='author' or @itemprop='author']"))
    solid = _sizes(tree).solid
    for el in tree.iter("div", "span", "p", "li", "small", "strong", "em", "b", "tr", "td"):
        if solid.get(el, 0) > 150:
            continue
        text = _text(el)
        if len(text) <= 150 and (name := _byline_name(text)) is not None:
            yield name
    yield from (m.group(1) for m in _byline_regex().finditer(body))
    yield from _meta(tree, "author", "article:author", "dc.creator", "byl", "parsely-author")


# ---------------------------------------------------------------- main text and clean-up


_MARKER_SPLIT = re.compile(r"[\s_-]+")


@lru_cache(maxsize=1)
def _junk_fragments() -> tuple[frozenset[str], tuple[str, ...]]:
    """The widget class/id words: all of them matched whole, the long ones (5+ letters) also as prefixes."""
    fragments = _page_rules()["junk_classes"]
    return frozenset(fragments), tuple(f for f in fragments if len(f) >= 5)


def _junk_word(word: str) -> bool:
    """True when a class/id word names a widget: equal to an entry, or starting with a long one."""
    exact, prefixes = _junk_fragments()
    return word in exact or word.startswith(prefixes)


def _prune(tree: etree._Element) -> etree._Element:
    """A copy of the tree without share/related/comment/ad/caption widgets (by class or id)."""
    elements = list(tree.iter())
    doomed = {id(el) for el in _widgets(tree)}
    pruned = deepcopy(tree)
    # The copy has the same shape: its k-th element is the k-th of the original.
    for el, copy in zip(elements, list(pruned.iter()), strict=True):
        if id(el) in doomed and copy.getparent() is not None:
            copy.drop_tree()
    return pruned


@lru_cache(maxsize=8192)
def _junk_marker(marker: str) -> bool:
    """Whether an element's class/id names a widget (markers repeat on every page of a site)."""
    return any(_junk_word(w) for w in _MARKER_SPLIT.split(marker) if w)


def _widgets(tree: etree._Element) -> list[etree._Element]:
    """Share/related/comment/ad/caption widgets of a page, and junk lines set inline in its paragraphs."""
    protected = set()
    for h in tree.iter("h1"):
        protected.update(h.iterancestors())
    solid = _sizes(tree).solid
    body_len = max(len(_text(tree)), 1)
    doomed = []
    for el in tree.iter("div", "section", "aside", "ul", "ol", "li", "span", "p", "figcaption", "nav", "footer", "form",
                        "header", "table", "td"):
        if el in protected or not _junk_marker(_marker(el)):
            continue
        # A wrapper holding most of the page, or any long paragraph, is a layout container, not a widget.
        if len(_text(el)) > 0.5 * body_len or _has_prose(el):
            continue
        doomed.append(el)
    # Junk set inline inside a paragraph ('… kata dia. <strong>Baca juga: <a>…</a></strong> Ia …').
    for el in tree.iter("strong", "b", "em", "span", "div", "p", "li"):
        if solid.get(el, 0) > 200 or el.getparent() is None:
            continue
        text = _text(el)
        if len(text) <= 200 and _junk_action(text) == "line":
            doomed.append(el)
    return doomed


_INLINE = {"a", "abbr", "b", "em", "font", "i", "small", "span", "strong", "sub", "sup", "u", "q", "cite", "mark"}
_BARE_TEXT_HOSTS = ("div", "td", "section", "article", "main", "span")


def _bare_text_blocks(tree: etree._Element) -> list[etree._Element]:
    """Content blocks holding 60+ characters of bare text beside <br>, <p> or <div> children."""
    blocks = []
    for el in tree.iter(*_BARE_TEXT_HOSTS):
        # Only text containers (bare text broken by <br> or beside <p>), never captions or layout boxes.
        if not any(c.tag in {"br", "p", "div"} for c in el):
            continue
        bare = len((el.text or "").strip()) + sum(len((c.tail or "").strip()) for c in el)
        if bare >= 60:
            blocks.append(el)
    return blocks


def _paragraphize(tree: etree._Element) -> int:
    """Wrap bare text runs of content blocks into <p>, splitting at <br>; returns how many blocks changed."""
    blocks = _bare_text_blocks(tree)
    for el in blocks:
        _wrap_runs(el)
    return len(blocks)


def _wrap_runs(el: etree._Element) -> None:
    """Rebuild el's children so that every run of text and inline tags sits in its own <p>."""
    items: list[Any] = [el.text]
    for child in list(el):
        items += [child, child.tail]
        child.tail = None
        el.remove(child)
    el.text = None
    para: etree._Element | None = None
    for item in items:
        if item is None or (isinstance(item, str) and not item.strip()):
            continue
        is_inline = isinstance(item, str) or (isinstance(item.tag, str) and item.tag in _INLINE)
        if not is_inline:
            para = None
            if isinstance(item.tag, str) and item.tag != "br":
                text_only = all(d.tag in _INLINE or d.tag == "br" for d in item.iterdescendants())
                if item.tag == "div" and text_only and _text(item):
                    item.tag = "p"  # a text-only <div> among wrapped runs is a paragraph too
                el.append(item)
            continue
        if para is None:
            para = etree.SubElement(el, "p")
        if isinstance(item, str):
            if len(para):
                para[-1].tail = (para[-1].tail or "") + item
            else:
                para.text = (para.text or "") + item
        else:
            para.append(item)


def _has_prose(el: etree._Element) -> bool:
    """True when the element holds a paragraph of running text (25 words or more)."""
    return any(len(_text(p).split()) >= 25 for p in el.iter("p"))


def _captions(tree: etree._Element) -> list[str]:
    """Photo captions and credits of the page."""
    els = tree.xpath("//figcaption | //*[contains(@class,'caption')] | //*[contains(@class,'credit')]")
    # A photo box: an image and a short line of text sharing a non-paragraph container.
    for img in tree.iter("img"):
        box = img.getparent()
        if box is not None and box.tag in {"div", "span", "figure", "td", "a"} and 20 <= len(_text(box)) <= 300:
            els.append(box)
    return [t for t in (_text(e) for e in els) if len(t.split()) >= 3]


def _extract_text(tree: etree._Element, source: Source | None) -> str:
    """Main text via trafilatura (precision mode), paragraphs one per line."""
    target = tree
    if source and source.article_selector:
        chosen = _select(tree, source.article_selector)
        if chosen:
            wrapper = lxml.html.fromstring("<html><body></body></html>")
            wrapper.find("body").append(deepcopy(chosen[0]))
            target = wrapper
    text = _trafilatura(target, precise=True)
    if not text and target is not tree:
        return _extract_text(tree, None)
    return text


def _main_text(tree: etree._Element, source: Source | None) -> str:
    """The longer of trafilatura's readings of the pruned page, as is and with bare text wrapped in <p>."""
    pruned = _prune(tree)
    text = _extract_text(pruned, source)
    if _bare_text_blocks(pruned):
        wrapped = deepcopy(pruned)
        _paragraphize(wrapped)
        # trafilatura drops text outside <p> on some CMSes and mixed layouts on others: keep whichever kept more.
        text = max(text, _extract_text(wrapped, source), key=lambda t: len(t.split()))
    if len(text.split()) >= 40:
        return text
    # Short pages (photo stories, split pages) are where precision mode drops real text.
    story = _photo_story(tree)
    if len(story.split()) >= 12 and len(story.split()) > len(text.split()):
        return story
    return max(text, _trafilatura(pruned, precise=False), key=lambda t: len(t.split()))


def _photo_story(tree: etree._Element) -> str:
    """Text of a photo page: the gallery's captions, or the first prose block after the headline."""
    heading = next((h for h in tree.iter("h1") if len(_text(h).split()) >= 2), None)
    if heading is None:
        return ""
    for scope in heading.iterancestors():
        captions = [_text(c) for c in scope.iter("figcaption")]
        captions = [c for c in captions if len(c.split()) >= 8]
        if captions:
            # A gallery's captions read as one running text, in order.
            return " ".join(captions)
        if scope.tag == "body":
            break
    for el in heading.itersiblings():
        if not isinstance(el.tag, str) or el.tag in {"script", "style"}:
            continue
        text = _text(el)
        links = sum(len(_text(a)) for a in el.iter("a"))
        if len(text.split()) >= 12 and links < 0.2 * len(text):
            return text
    return ""


_TRAFILATURA_OPTIONS: dict[str, Any] = {"include_comments": False, "include_tables": False, "include_images": False,
                                        "deduplicate": False, "output_format": "txt"}
# trafilatura's own reading is kept without its fallbacks when it already holds this much running text:
# above the 250 characters under which trafilatura itself calls for a rescue (../shared/realpages: no change).
CONFIDENT_WORDS = 50
CONFIDENT_PARAGRAPHS = 3


def _trafilatura(tree: etree._Element, precise: bool) -> str:
    """trafilatura's plain-text extraction, paragraphs one per line ('' when nothing is found)."""
    if precise:
        # The fallbacks (readability, then jusText) rescue short or unclean readings and cost about
        # twice the main extractor; a long multi-paragraph reading needs no rescue.
        quick = trafilatura.extract(tree, fast=True, favor_precision=True, **_TRAFILATURA_OPTIONS) or ""
        if _confident(quick):
            return quick
    return trafilatura.extract(tree, favor_precision=precise, **_TRAFILATURA_OPTIONS) or ""


def _confident(text: str) -> bool:
    """A reading of CONFIDENT_WORDS words or more in CONFIDENT_PARAGRAPHS paragraphs of running text."""
    running = [line for line in text.splitlines() if len(line.split()) >= 8]
    return len(text.split()) >= CONFIDENT_WORDS and len(running) >= CONFIDENT_PARAGRAPHS


def _paragraphs(text: str) -> list[str]:
    """Non-empty lines, whitespace collapsed, list bullets removed."""
    return [p for p in (_squash(line).lstrip("•·▪►»*– ").strip() for line in text.splitlines()) if p]


def _is_date_line(line: str) -> bool:
    """True for a line that is only a date/time stamp ('Sabtu, 14 Oktober 2023 | 19:30 WITA')."""
    if len(line) > 80 or not _parse_text_date(line):
        return False
    rest = line
    for rx in _date_regexes():
        rest = rx.sub(" ", rest)
    rest = rest.lower()
    allowed = {*_toml("dates.toml")["weekdays"], *_toml("dates.toml")["dateline_words"]}
    leftover = [w for w in re.findall(r"[a-z']+", rest) if w not in allowed]
    return len(leftover) <= 2


@cache
def _junk_matcher() -> tuple[re.Pattern[str], dict[str, str]]:
    """All junk rules as one alternation (tried in file order, like the rules), and each branch's action."""
    rules = _junk_rules()
    branches = "|".join(f"(?P<r{i}>{pattern.pattern})" for i, (pattern, _) in enumerate(rules))
    return re.compile(branches, re.I), {f"r{i}": action for i, (_, action) in enumerate(rules)}


@lru_cache(maxsize=16384)
def _junk_action(line: str) -> str | None:
    """'line' / 'tail' when a junk rule matches the whole line's purpose, else None.

    Remembered: a site's menus, widgets and labels come back on every page it serves.
    """
    matcher, actions = _junk_matcher()
    found = matcher.match(line)
    return actions[found.lastgroup] if found else None


NEAR_WINDOW = 200  # near-duplicates are looked for among this many earlier paragraphs (exact ones among all)


def _near_same_norm(na: str, nb: str) -> bool:
    """True when two normalised paragraphs are the same text up to punctuation, spacing or a short credit."""
    if not na or not nb:
        return False
    if na == nb:
        return True
    short, long_ = sorted((na, nb), key=len)
    return len(short) >= 40 and short in long_ and len(short) >= 0.8 * len(long_)


def _is_caption(line: str, captions: list[str]) -> bool:
    """True when a body line repeats a (normalised) photo caption, possibly with a credit added."""
    nl = _norm(line)
    return any(nc in nl and len(nl) - len(nc) <= 60 for nc in captions)


def _drop_repeats(paras: list[str], seen: list[str] | None = None) -> list[str]:
    """Paragraphs without exact or near-exact repeats of earlier ones (or of `seen`)."""
    kept: list[str] = []
    before = [_norm(q) for q in seen or []]
    exact = set(before)
    for p in paras:
        n = _norm(p)
        if len(n) >= 12 and (n in exact or any(_near_same_norm(n, q) for q in before[-NEAR_WINDOW:])):
            continue
        kept.append(p)
        before.append(n)
        exact.add(n)
    return kept


def _clean(text: str, title: str = "", captions: tuple[str, ...] = (), sites: tuple[str, ...] = ()) -> str:
    """Drop junk lines, a repeated title, captions and repeated paragraphs; paragraphs joined by blank lines."""
    kept: list[str] = []
    lines = _paragraphs(text)
    caption_norms = list({n for c in captions if len(n := _norm(c)) >= 20})
    tn = _norm(title)
    at = next((i for i, p in enumerate(lines[:4]) if tn and _norm(p) == tn), None)
    if at is not None and all(len(p.split()) < 5 for p in lines[:at]):
        # The headline repeated at the top, possibly under a short kicker or category label.
        lines = lines[at + 1:]
    for p in lines:
        action = _junk_action(p)
        if action == "tail" and kept:
            break
        if action or _is_date_line(p):
            continue
        if sites and len(p.split()) <= 4 and _is_site_segment(p.strip("()[] "), list(sites)):
            continue  # the site's name alone, as a photo credit or sign-off
        if caption_norms and _is_caption(p, caption_norms):
            continue
        kept.append(p)
    return "\n\n".join(_drop_repeats(kept))


def clean_text(text: str) -> str:
    """Remove junk lines (share/ads/related/footer/bylines) and repeated paragraphs from plain text."""
    return _clean(text)


# ---------------------------------------------------------------- page kind


def _url_kind(url: str | None) -> str | None:
    """'listing' / 'other' from URL shape alone, else None."""
    if not url:
        return None
    parts = urlsplit(url)
    path_q = parts.path + (f"?{parts.query}" if parts.query else "")
    if parts.path in {"", "/"} and not parts.query:
        return "listing"
    rules = _page_rules()
    for kind in ("other", "listing"):
        if any(p.search(path_q) or p.search(parts.path) for p in rules[kind]):
            return kind
    return None


def _headline_links(tree: etree._Element) -> int:
    """Distinct links whose anchor text reads like a headline (five words or more)."""
    hrefs = set()
    for a in tree.iter("a"):
        href = a.get("href") or ""
        if href.startswith(("#", "javascript:", "mailto:")):
            continue
        if len(_text(a).split()) >= 5:
            hrefs.add(href)
    return len(hrefs)


_FEED = re.compile(r"^\s*(?:<\?xml[^>]*>\s*|<!--(?:(?!-->).){0,500}-->\s*)*<(?:rss|feed|rdf:rdf|urlset|sitemapindex)\b",
                   re.I | re.S)


def _is_feed(html: str) -> bool:
    """True for RSS/Atom feeds and sitemaps (lists of articles, not pages)."""
    return bool(_FEED.match(html[:3000]))


class _Sizes(NamedTuple):
    """Per element of one tree: length of its text content, and its count of non-space characters."""

    raw: dict[etree._Element, int]
    solid: dict[etree._Element, int]


_LAST_SIZES: list[tuple[etree._Element, _Sizes]] = []


def _solid(text: str | None) -> int:
    """Characters of a text that are not whitespace."""
    return sum(map(len, text.split())) if text else 0


def _sizes(tree: etree._Element) -> _Sizes:
    """Text sizes of every element, computed bottom-up in one pass (once per parsed page).

    The solid count is a lower bound of the length of _text(el), so loops that want only short
    elements can skip long ones without building their text.
    """
    if _LAST_SIZES and _LAST_SIZES[0][0] is tree:
        return _LAST_SIZES[0][1]  # the date, author and page-kind readings all measure the same unchanged tree
    raw: dict[etree._Element, int] = {}
    solid: dict[etree._Element, int] = {}
    raw_below: dict[etree._Element, int] = {}  # children's sizes, handed up in reverse document order
    solid_below: dict[etree._Element, int] = {}
    for el in reversed(list(tree.iter())):
        text = el.text
        r, s = raw_below.pop(el, 0) + len(text or ""), solid_below.pop(el, 0)
        if isinstance(el.tag, str):  # a comment's text is not page text
            s += _solid(text)
        raw[el], solid[el] = r, s
        parent = el.getparent()
        if parent is not None:
            tail = el.tail
            raw_below[parent] = raw_below.get(parent, 0) + r + len(tail or "")
            solid_below[parent] = solid_below.get(parent, 0) + s + _solid(tail)
    _LAST_SIZES[:] = [(tree, _Sizes(raw, solid))]
    return _LAST_SIZES[0][1]


def _teaser_blocks(tree: etree._Element) -> list[str]:
    """Loose texts of small blocks built around a headline link (list items of a listing page)."""
    sizes = _sizes(tree).raw
    blocks = set()
    for a in tree.iter("a"):
        if len(_text(a).split()) < 5:
            continue
        block = a
        for parent in a.iterancestors():
            if parent.tag in {"body", "html"} or sizes.get(parent, 0) > 600:
                break
            block = parent
        # A teaser's headline link stands alone on its line; a link inside a paragraph of prose does not.
        line = next((p for p in a.iterancestors() if p.tag not in _INLINE), None)
        if line is not None and sizes.get(line, 0) <= sizes.get(a, 0) + 20:
            blocks.add(block)
    return [_norm(_text(b)) for b in blocks]


def _teaser_share(tree: etree._Element, paragraphs: list[str]) -> float:
    """Share of the extracted words that sit inside teaser blocks."""
    blocks = _teaser_blocks(tree)
    total = sum(len(p.split()) for p in paragraphs) or 1
    inside = sum(len(p.split()) for p in paragraphs if (n := _norm(p)) and any(n in b for b in blocks))
    return inside / total


def _kind_of_tree(tree: etree._Element, url: str | None, body: str) -> str:
    """page_kind on an already parsed tree and extracted text."""
    by_url = _url_kind(url)
    if by_url:
        return by_url
    lines = _paragraphs(body)
    words = len(body.split())
    prose = [p for p in lines if len(p.split()) >= 12]
    typed = bool(_ld_articles(tree)) or any(v.lower() in _page_rules()["article_types"]
                                            for v in _meta(tree, "og:type"))
    if lines and _teaser_share(tree, lines) < 0.5 and (
        (words >= 40 and len(prose) >= 2) or (words >= 80 and prose) or (typed and words >= 15)
    ):
        return "article"
    return "listing" if _headline_links(tree) >= 5 else "other"


def page_kind(html: str, url: str | None = None) -> str:
    """'article', 'listing' (tags, categories, search, home, index) or 'other' (login, profile, empty)."""
    if isinstance(html, bytes):
        html = decode_html(html)
    if _is_feed(html or ""):
        return "listing"
    reading = _reading(html or "", url, None, None)
    return reading.kind if reading else "other"


@lru_cache(maxsize=4)
def _parsed(html: str) -> etree._Element | None:
    """The page's tree (None for feeds and empty input); the crawler asks several questions of one page."""
    return None if _is_feed(html) else _tree(html)


@lru_cache(maxsize=4)
def _reading(html: str, url: str | None, article_selector: str | None,
             title_selector: str | None) -> _Reading | None:
    """_read on a page's HTML, remembered for the next question about the same page."""
    tree = _parsed(html)
    if tree is None:
        return None
    hints = Source(name="", url="", article_selector=article_selector, title_selector=title_selector)
    return _read(tree, url, hints if article_selector or title_selector else None)


class _Reading(NamedTuple):
    """What one pass over a parsed page found."""

    kind: str
    title: str
    text: str
    raw: str
    sites: list[str]


def _read(tree: etree._Element, url: str | None, source: Source | None) -> _Reading:
    """Kind, title, clean text and raw extracted text of a parsed page."""
    raw = _main_text(tree, source)
    sites = _site_names(tree, url)
    title = _title(tree, sites, source)
    # A one-block reading may be a photo story whose text *is* the captions: keep them then.
    captions = tuple(_captions(tree)) if "\n" in raw.strip() else ()
    text = _clean(raw, title, captions, tuple(sites))
    if len(text.split()) < 40 and (story := _photo_story(tree)) and _norm(story) in _norm(text):
        # A short reading that is one prose block wrapped in page chrome: the block is the article.
        text = _clean(story, title, (), tuple(sites))
    kind = _kind_of_tree(tree, url, text)
    if kind != "article" and source and source.article_selector and text:
        kind = "article"
    return _Reading(kind, title, text, raw, sites)


# ---------------------------------------------------------------- split articles

_PAGE_PARAMS = ("page", "halaman", "hal", "p", "pg", "paged")
_PAGE_HREF = re.compile(rf"[?&;](?:{'|'.join(_PAGE_PARAMS)})=\d|(?:^|/)\d{{1,3}}/?(?:#.*)?$", re.I)


def _page_number(candidate: str, base: str) -> int | None:
    """The page number when `candidate` is page N of the article at `base`, else None."""
    c, b = urlsplit(candidate), urlsplit(base)
    if c.netloc.lower() != b.netloc.lower():
        return None
    b_path = b.path.rstrip("/")
    c_path = c.path.rstrip("/")
    c_query = dict(parse_qsl(c.query))
    b_query = {k: v for k, v in parse_qsl(b.query) if k not in _PAGE_PARAMS}
    for key in _PAGE_PARAMS:
        if key in c_query and c_path == b_path and c_query[key].isdigit():
            rest = {k: v for k, v in c_query.items() if k != key}
            if rest == b_query:
                return int(c_query[key])
    m = re.fullmatch(re.escape(b_path) + r"/(\d{1,3})", c_path)
    if m and not c.query:
        return int(m.group(1))
    return None


def continuation_urls(html: str, url: str) -> list[str]:
    """Absolute URLs of pages 2..N of a split article, in page order, without duplicates."""
    if isinstance(html, bytes):
        html = decode_html(html)
    tree = _parsed(html or "")
    if tree is None or not url:
        return []
    base = _strip_page(url)
    found: dict[int, str] = {}
    for a in tree.iter("a"):
        href = (a.get("href") or "").strip()
        if not _PAGE_HREF.search(href):
            continue  # only a page parameter or a trailing number can make a link page N of this article
        absolute = urljoin(url, href).split("#")[0]
        n = _page_number(absolute, base)
        if n and n >= 2 and n not in found:
            found[n] = absolute
    current = _page_number(url, base) or 1
    return [found[n] for n in sorted(found) if n != current]


def _strip_page(url: str) -> str:
    """The article's first-page URL: page parameters and a trailing /N/ removed."""
    parts = urlsplit(url)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k not in _PAGE_PARAMS])
    path = parts.path
    # '/judul-berita/2/' is page 2 of '/judul-berita/'; '/2024/06/' (all digits before it) is not.
    if not query and re.search(r"/[^/]*\D[^/]*/\d{1,3}/?$", path):
        path = re.sub(r"/\d{1,3}/?$", "", path)
    return urlunsplit((parts.scheme, parts.netloc, path, query, ""))


def merge_pages(pages: list[Article]) -> Article:
    """One article from its pages: first page's metadata, texts joined, repeated paragraphs dropped."""
    if not pages:
        raise ValueError("merge_pages needs at least one page")
    paras: list[str] = []
    for page in pages:
        paras.extend(_drop_repeats([p for p in page.text.split("\n\n") if p.strip()], paras))
    return replace(pages[0], text="\n\n".join(paras))


# ---------------------------------------------------------------- the article


def parse_article(html: str | bytes, url: str | None = None, *, source: Source | None = None,
                  encoding: str | None = None) -> Article | None:
    """A clean Article from one page's HTML, or None when the page is not an article."""
    if isinstance(html, bytes):
        html = decode_html(html, encoding)
    html = html or ""
    reading = _reading(html, url, source and source.article_selector, source and source.title_selector)
    if reading is None or reading.kind != "article" or not reading.text:
        return None
    tree = _parsed(html)
    canonical = _canonical(tree, url)
    return Article(
        url=url or canonical or "",
        title=reading.title,
        text=reading.text,
        published=_published(tree, url, source, reading.title, reading.raw),
        author=_author(tree, reading.sites, reading.raw),
        source=source.name if source else None,
        canonical_url=canonical,
    )


def _canonical(tree: etree._Element, url: str | None) -> str | None:
    """<link rel=canonical> or og:url, made absolute."""
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return urljoin(url or "", link.get("href").strip())
    og = _meta(tree, "og:url")
    return urljoin(url or "", og[0]) if og else None
