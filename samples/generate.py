"""Deterministic generated articles, for large crawls (extra_articles) and new publications (add_articles)."""

from __future__ import annotations

import random
import re
import tomllib
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from samples.content import CONTENT_DIR, Post, vocab


@cache
def parts() -> dict[str, Any]:
    """The generator's building blocks."""
    return tomllib.loads((CONTENT_DIR / "generator.toml").read_text(encoding="utf-8"))


def generated_post(site: str, index: int, published: datetime, prefix: str = "berita") -> Post:
    """The index-th generated article of a site, published at the given time."""
    data, rng = parts(), random.Random(f"{site}:{prefix}:{index}")
    event, inst, place = rng.choice(data["event"]), rng.choice(data["institution"]), rng.choice(data["place"])
    first, last = rng.choice(data["people"]["first_names"]), rng.choice(data["people"]["last_names"])
    official = f"{first} {last}"
    official_full = f"{rng.choice(data['people']['titles_before'])}{official}{rng.choice(data['people']['titles_after'])}"
    held = published - timedelta(days=rng.randint(0, 2))
    participants = rng.randrange(30, 151, 5)
    city_short = place["city"].split(" ", 1)[1]
    values = {
        "dateline": city_short.upper(), "city": place["city"], "city_short": city_short, "noun": event["noun"],
        "Noun": event["noun"].split(" (")[0].capitalize(), "inst": inst["short"], "inst_long": inst["long"],
        "venue": place["venue"], "weekday": vocab()["weekdays"][held.weekday()], "day": held.day,
        "month": held.month, "year": held.year, "participants": participants, "official_full": official_full,
        "official_short": last,
    }
    text = data["text"]
    paragraphs = tuple(text[k].format(**values) for k in ("lead", "people", "quote", "close"))
    title = text["title"].format(**values)
    slug = f"{re.sub(r'[^a-z0-9]+', '-', title.lower()).strip('-')}-{prefix}-{index}"
    gold = {"is_event": True, "event": {
        "event_type": event["type"], "start_date": held.date().isoformat(), "venue": place["venue"],
        "city": place["city"], "province": place["province"], "participants": participants,
        "organizer": f"Dinas Pemberdayaan Masyarakat {place['city']}", "institutions": [inst["short"]],
        "officials": [{"name": official, "role": f"Kepala Dinas Pemberdayaan Masyarakat {place['city']}"}]}}
    return Post(id=f"{site}-{prefix}-{index}", site=site, slug=slug, title=title, published=published.isoformat(),
                author=rng.choice(data["people"]["authors"]), paragraphs=paragraphs, category="Daerah",
                tags=(inst["short"], place["city"]), editor="Redaksi", gold=gold)


def extra_posts(site: str, count: int) -> list[Post]:
    """`count` generated back-catalogue articles, every 11 hours from 1 January 2021."""
    start = datetime.fromisoformat("2021-01-01T08:00:00+07:00")
    return [generated_post(site, i, start + timedelta(hours=11 * i), "arsip") for i in range(count)]
