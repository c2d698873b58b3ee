"""Load the sample sites' configuration and written articles from `samples/content/`."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

CONTENT_DIR = Path(__file__).resolve().parent / "content"
DEMO_BASE_PORT = 8101  # the URLs written to articles.jsonl are the demo's


@dataclass(frozen=True)
class SiteConfig:
    """One sample site: its name, templates kind and furniture texts."""

    name: str
    kind: str
    title: str
    brand: str
    region: str
    colour: str
    tagline: str
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Post:
    """One article as the sample site publishes it (not a pipeline record: it carries the gold)."""

    id: str
    site: str
    slug: str
    title: str
    published: str  # ISO 8601 with offset
    author: str
    paragraphs: tuple[str, ...]
    category: str = "Daerah"
    tags: tuple[str, ...] = ()
    editor: str = ""
    caption: str = ""
    pages: int = 1
    modified: str | None = None
    gold: dict[str, Any] | None = None

    @property
    def published_at(self) -> datetime:
        """Publication time as an aware datetime."""
        return datetime.fromisoformat(self.published)

    @property
    def text(self) -> str:
        """The clean article text: paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)


@cache
def vocab() -> dict[str, Any]:
    """Indonesian furniture words used by the templates."""
    return tomllib.loads((CONTENT_DIR / "vocab.toml").read_text(encoding="utf-8"))


@cache
def site_configs() -> tuple[SiteConfig, ...]:
    """All sample sites, in serving order."""
    data = tomllib.loads((CONTENT_DIR / "sites.toml").read_text(encoding="utf-8"))
    known = {"name", "kind", "title", "brand", "region", "colour", "tagline"}
    return tuple(
        SiteConfig(**{k: v for k, v in s.items() if k in known}, extra={k: v for k, v in s.items() if k not in known})
        for s in data["site"]
    )


def _paragraphs(body: str) -> tuple[str, ...]:
    """Split a TOML body string into paragraphs at blank lines, joining wrapped lines."""
    blocks = [" ".join(line.strip() for line in block.splitlines() if line.strip()) for block in body.split("\n\n")]
    return tuple(b for b in blocks if b)


GOLD_FIELDS = ("event_type", "start_date", "venue", "city", "province", "participants", "organizer",
               "institutions", "officials")


def _gold(article_id: str, raw: dict[str, Any] | None) -> dict[str, Any] | None:
    """The gold answer in eval/dev_gold.jsonl form; TOML has no null, so absent fields become None."""
    if raw is None:
        return None
    event = raw.get("event")
    if event is not None:
        event = {k: event.get(k, [] if k in ("institutions", "officials") else None) for k in GOLD_FIELDS}
    return {"id": article_id, "is_event": raw.get("is_event"), "event": event}


def _post(site: str, raw: dict[str, Any]) -> Post:
    """Build a Post from one `[[article]]` table."""
    gold = _gold(raw["id"], raw.get("gold"))
    return Post(
        id=raw["id"],
        site=site,
        slug=raw["slug"],
        title=raw["title"],
        published=raw["published"],
        author=raw["author"],
        paragraphs=_paragraphs(raw["body"]),
        category=raw.get("category", "Daerah"),
        tags=tuple(raw.get("tags", ())),
        editor=raw.get("editor", ""),
        caption=raw.get("caption", ""),
        pages=int(raw.get("pages", 1)),
        modified=raw.get("modified"),
        gold=gold,
    )


@cache
def site_posts(site: str) -> tuple[Post, ...]:
    """The written articles of one site, newest first."""
    path = CONTENT_DIR / f"{site}.toml"
    if not path.exists():
        return ()
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    posts = [_post(site, raw) for raw in data.get("article", [])]
    return tuple(sorted(posts, key=lambda p: p.published_at, reverse=True))


def all_posts() -> list[Post]:
    """Every written article of every site, sites in serving order, newest first within a site."""
    return [p for cfg in site_configs() for p in site_posts(cfg.name)]
