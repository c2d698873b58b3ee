"""The typed list of sites to crawl, loaded and checked from a TOML sources file (CONTRACT.md §2)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from crawler.urls import is_http_url
from records import Source

_HEADER = re.compile(r"^\s*\[\[\s*source\s*\]\]")
_LIST_KEYS = ("start_urls", "allow", "deny")
_TEXT_KEYS = ("region", "article_selector", "title_selector", "date_selector", "notes")
_KNOWN_KEYS = {"name", "url", "max_pages", *_LIST_KEYS, *_TEXT_KEYS}


class SourcesError(ValueError):
    """A sources file that cannot be used; the message is one line naming the file and line."""


class _Locator:
    """Finds the line of a [[source]] table, or of a key inside it, for error messages."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.headers = [i for i, line in enumerate(self.lines) if _HEADER.match(line)]

    def where(self, index: int, key: str | None = None) -> str:
        """'file:line' of table `index` (0-based), or of its `key =` line when present."""
        if index >= len(self.headers):
            return f"{self.path}"
        start = self.headers[index]
        end = self.headers[index + 1] if index + 1 < len(self.headers) else len(self.lines)
        if key:
            pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
            for i in range(start, end):
                if pattern.match(self.lines[i]):
                    return f"{self.path}:{i + 1}"
        return f"{self.path}:{start + 1}"


def _text(value: Any, key: str, where: str) -> str:
    """A non-empty string, or a SourcesError."""
    if not isinstance(value, str) or not value.strip():
        raise SourcesError(f"{where}: '{key}' must be a non-empty string")
    return value.strip()


def _text_list(value: Any, key: str, where: str) -> tuple[str, ...]:
    """A list of non-empty strings (a single string is accepted as a list of one)."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise SourcesError(f"{where}: '{key}' must be a list of strings")
    return tuple(_text(v, key, where) for v in items)


def _patterns(values: tuple[str, ...], key: str, where: str) -> tuple[str, ...]:
    """Check that every allow/deny entry is a valid regular expression."""
    for value in values:
        try:
            re.compile(value)
        except re.error as exc:
            raise SourcesError(f"{where}: '{key}' pattern {value!r} is not a valid regular expression: {exc}") from None
    return values


def _url(value: Any, key: str, where: str) -> str:
    """An absolute http(s) URL."""
    url = _text(value, key, where)
    if not is_http_url(url):
        raise SourcesError(f"{where}: '{key}' must be an http(s) URL with a host, got {url!r}")
    return url


def _source(table: Any, index: int, loc: _Locator) -> Source:
    """Build and check one Source from its [[source]] table."""
    where = loc.where(index)
    if not isinstance(table, dict):
        raise SourcesError(f"{where}: each [[source]] must be a table")
    unknown = sorted(set(table) - _KNOWN_KEYS)
    if unknown:
        raise SourcesError(f"{loc.where(index, unknown[0])}: unknown key '{unknown[0]}' "
                           f"(known: {', '.join(sorted(_KNOWN_KEYS))})")
    for key in ("name", "url"):
        if key not in table:
            raise SourcesError(f"{where}: '{key}' missing in [[source]] number {index + 1}")
    fields: dict[str, Any] = {
        "name": _text(table["name"], "name", loc.where(index, "name")),
        "url": _url(table["url"], "url", loc.where(index, "url")),
    }
    for key in _TEXT_KEYS:
        if key in table:
            fields[key] = _text(table[key], key, loc.where(index, key))
    for key in _LIST_KEYS:
        if key in table:
            values = _text_list(table[key], key, loc.where(index, key))
            fields[key] = tuple(_url(v, key, loc.where(index, key)) for v in values) if key == "start_urls" \
                else _patterns(values, key, loc.where(index, key))
    if "max_pages" in table:
        value = table["max_pages"]
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise SourcesError(f"{loc.where(index, 'max_pages')}: 'max_pages' must be a positive integer")
        fields["max_pages"] = value
    return Source(**fields)


def parse_sources(text: str, path: Path = Path("sources.toml")) -> list[Source]:
    """Sources from TOML text; raises SourcesError with 'file:line: reason'."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{path}: not valid TOML: {exc}") from None
    tables = data.get("source")
    if not isinstance(tables, list) or not tables:
        raise SourcesError(f"{path}: no [[source]] tables found")
    loc = _Locator(path, text)
    sources: list[Source] = []
    seen: dict[str, int] = {}
    for index, table in enumerate(tables):
        source = _source(table, index, loc)
        if source.name in seen:
            raise SourcesError(f"{loc.where(index, 'name')}: duplicate source name '{source.name}' "
                               f"(first at {loc.where(seen[source.name], 'name')})")
        seen[source.name] = index
        sources.append(source)
    return sources


def load_sources(path: Path) -> list[Source]:
    """Read and check a sources file (CONTRACT.md §2); raises SourcesError with one clear line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourcesError(f"{path}: sources file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError(f"{path}: cannot read sources file: {exc}") from None
    return parse_sources(text, path)
