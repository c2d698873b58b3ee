"""Pantau LKK event extraction: Article -> ExtractionResult (CONTRACT.md §3)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any

from records import Article, Event

from .events import build_events, collect, may_report_event
from .pipeline import get_nlp
from .places import locate

VERSION = "2026.11.26-14"
MAX_CHARS = 500_000

__all__ = ["VERSION", "ExtractionResult", "extract_article", "extract_many", "locate"]


@dataclass(frozen=True)
class ExtractionResult:
    """The events found in one article."""

    id: str | None
    url: str | None
    is_event: bool
    events: tuple[Event, ...]

    def to_record(self) -> dict[str, Any]:
        """The CONTRACT.md §3 output line."""
        return {"id": self.id, "url": self.url, "is_event": self.is_event,
                "events": [e.to_record() for e in self.events]}


def _clean_article(article: Article) -> Article:
    """Coerce odd field types so that extraction never fails on them."""
    text = article.text if isinstance(article.text, str) else ""
    title = article.title if isinstance(article.title, str) else ""
    # spaCy refuses texts past nlp.max_length; no article is that long, so a prefix keeps offsets valid
    text, title = text[:MAX_CHARS], title[:2000]
    published = article.published if isinstance(article.published, str) else None
    return replace(article, text=text.replace("\x00", " "), title=title.replace("\x00", " "), published=published)


def extract_article(article: Article, default_region: str | None = None) -> ExtractionResult:
    """Extract the events of one article."""
    return next(extract_many([article], {article.source: default_region} if default_region and article.source else None,
                             default_region=default_region))


def extract_many(articles: Iterable[Article], default_regions: Mapping[str, str] | None = None,
                 batch_size: int = 32, default_region: str | None = None) -> Iterator[ExtractionResult]:
    """Extract many articles, parsing them in batches with nlp.pipe."""
    nlp = get_nlp()
    regions = dict(default_regions or {})
    iterator = iter(articles)
    while True:
        batch = [_clean_article(a) for a in islice(iterator, batch_size)]
        if not batch:
            return
        # Pages that name no event or no institution at all skip the parse: most crawled news is unrelated.
        keep = [a for a in batch if may_report_event(a.title, a.text)]
        docs = list(nlp.pipe([a.text for a in keep] + [a.title for a in keep], batch_size=batch_size))
        parsed = {id(a): (docs[k], docs[len(keep) + k]) for k, a in enumerate(keep)}
        for article in batch:
            events: list[Event] = []
            if id(article) in parsed:
                region = regions.get(article.source) if article.source else None
                doc, title_doc = parsed[id(article)]
                events = build_events(collect(article, doc, title_doc, region or default_region))
            yield ExtractionResult(article.id, article.url, bool(events), tuple(events))
