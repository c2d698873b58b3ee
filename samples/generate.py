"""Deterministic generated articles, for large crawls (extra_articles) and new publications (add_articles)."""

from __future__ import annotations

import random
import re
import tomllib
from datetime import datetime, timedelta
from functools import cache
from string import capwords
from typing import Any

from samples.content import CONTENT_DIR, Post, vocab


@cache
def parts() -> dict[str, Any]:
    """The generator's building blocks."""
    return tomllib.loads((CONTENT_DIR / "generator.toml").read_text(encoding="utf-8"))


def _values(rng: random.Random, published: datetime) -> dict[str, Any]:
    """The facts of one generated article, drawn deterministically."""
    data = parts()
    event, inst, place = rng.choice(data["event"]), rng.choice(data["institution"]), rng.choice(data["place"])
    people = data["people"]
    first, last = rng.choice(people["first_names"]), rng.choice(people["last_names"])
    held = published - timedelta(days=rng.randint(0, 2))
    city_short = place["city"].split(" ", 1)[1]
    values = {
        "event_type": event["type"], "province": place["province"], "held": held,
        "dateline": city_short.upper(), "city": place["city"], "city_short": city_short, "noun": event["noun"],
        "Noun": capwords(event["noun"].split(" (")[0]), "inst": inst["short"], "inst_phrase": inst["phrase"],
        "venue": place["venue"], "weekday": vocab()["weekdays"][held.weekday()], "day": held.day,
        "month": held.month, "month_name": vocab()["months"][held.month - 1], "year": held.year,
        "participants": rng.randrange(30, 151, 5), "official": f"{first} {last}", "official_short": last,
        "official_full": f"{rng.choice(people['titles_before'])}{first} {last}{rng.choice(people['titles_after'])}",
    }
    values["when"] = rng.choice(data["text"]["when"]).format(**values)
    return values


def _event_article(rng: random.Random, values: dict[str, Any]) -> tuple[str, tuple[str, ...], dict[str, Any]]:
    """Title, paragraphs and gold of a generated event report."""
    text = parts()["text"]
    paragraphs = tuple(rng.choice(text[k]).format(**values) for k in ("lead", "people", "quote", "close"))
    role = f"Kepala Dinas Pemberdayaan Masyarakat {values['city']}"
    gold = {"is_event": True, "event": {
        "event_type": values["event_type"], "start_date": values["held"].date().isoformat(),
        "venue": [values["venue"]], "city": values["city"], "province": values["province"],
        "participants": values["participants"], "organizer": [f"Dinas Pemberdayaan Masyarakat {values['city']}"],
        "institutions": [values["inst"]], "officials": [{"name": values["official"], "role": role}]}}
    return rng.choice(text["title"]).format(**values), paragraphs, gold


def generated_post(site: str, index: int, published: datetime, prefix: str = "berita",
                   events_only: bool = False) -> Post:
    """The index-th generated article of a site, published at the given time; about one in four is not an event."""
    rng = random.Random(f"{site}:{prefix}:{index}")
    values = _values(rng, published)
    if events_only or rng.random() >= 0.25:
        title, paragraphs, gold = _event_article(rng, values)
    else:
        other = rng.choice(parts()["other"])
        title, gold = other["title"].format(**values), {"is_event": False, "event": None}
        paragraphs = tuple(p.format(**values) for p in other["body"])
    slug = f"{re.sub(r'[^a-z0-9]+', '-', title.lower()).strip('-')}-{prefix}-{index}"
    post_id = f"{site}-{prefix}-{index}"
    return Post(id=post_id, site=site, slug=slug, title=title, published=published.isoformat(),
                author=rng.choice(parts()["people"]["authors"]), paragraphs=paragraphs, category="Daerah",
                tags=(values["inst"], values["city"]), editor="Redaksi", gold={"id": post_id, **gold})


def extra_posts(site: str, count: int) -> list[Post]:
    """`count` generated back-catalogue articles, every 11 hours from 1 January 2021."""
    start = datetime.fromisoformat("2021-01-01T08:00:00+07:00")
    return [generated_post(site, i, start + timedelta(hours=11 * i), "arsip") for i in range(count)]
