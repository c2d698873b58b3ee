"""One URL per article: normalisation, scheme and host checks."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

_SLASHES = re.compile(r"/{2,}")
_DEFAULT_PORTS = {"http": 80, "https": 443}
VOCAB_FILE = Path(__file__).with_name("crawl_vocab.toml")


@cache
def crawl_vocab() -> dict[str, Any]:
    """The crawler's word lists (tracking params, pagination words, path cues), from crawl_vocab.toml."""
    with VOCAB_FILE.open("rb") as fh:
        return tomllib.load(fh)


def is_http_url(url: str) -> bool:
    """True for an absolute http(s) URL with a host."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in _DEFAULT_PORTS and bool(parts.hostname)


def _is_tracking(key: str) -> bool:
    """True for query keys that only track a visit or pick a page variant."""
    vocab = crawl_vocab()
    key = key.lower()
    return key in vocab["tracking_params"] or any(key.startswith(p) for p in vocab["tracking_prefixes"])


def _fold_variants(segments: list[str]) -> list[str]:
    """Drop AMP and print segments at the start or end of a path."""
    variants = set(crawl_vocab()["variant_segments"])
    while segments and segments[0].lower() in variants:
        segments = segments[1:]
    while segments and segments[-1].lower() in variants:
        segments = segments[:-1]
    return segments


def _normal_path(path: str) -> str:
    """Collapse repeated slashes and fold AMP/print variants, keeping a trailing slash."""
    path = _SLASHES.sub("/", path or "/")
    trailing = path.endswith("/")
    segments = _fold_variants([s for s in path.split("/") if s])
    if not segments:
        return "/"
    return "/" + "/".join(segments) + ("/" if trailing else "")


def _normal_netloc(scheme: str, host: str, port: int | None) -> str:
    """Lowercase host, without the scheme's default port; an IPv6 address keeps its brackets."""
    if ":" in host:
        host = f"[{host}]"
    if port and port != _DEFAULT_PORTS.get(scheme):
        return f"{host}:{port}"
    return host


def normalize_url(url: str) -> str:
    """The canonical form of a URL: lowercase host, no fragment, no tracking or AMP/print variants, sorted query."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    netloc = _normal_netloc(scheme, host, parts.port)
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k))
    return urlunsplit((scheme, netloc, _normal_path(parts.path), urlencode(query), ""))


def absolute_url(href: str, base: str) -> str | None:
    """An href resolved against its page and normalised, or None when not http(s)."""
    href = (href or "").strip()
    if not href or href.startswith("#"):
        return None
    try:
        url = urljoin(base, href)
    except ValueError:
        return None
    return normalize_url(url) if is_http_url(url) else None


def bare_host(host: str) -> str:
    """A host without a leading 'www.'."""
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def site_of(url: str) -> str:
    """The URL's host without 'www.', lowercased, with a non-default port ('' when unparsable)."""
    try:
        parts = urlsplit(url.strip())
        return _normal_netloc(parts.scheme.lower(), bare_host(parts.hostname or ""), parts.port)
    except ValueError:
        return ""
