"""Synthetic but realistic Indonesian articles with their extracted events, for tests, benchmarks and demos."""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from records import Article, Event, Evidence, Official, Source

VOCAB_FILE = Path(__file__).with_name("vocab") / "sample.json"


@dataclass(frozen=True)
class SampleResult:
    """The shape of extract.ExtractionResult, filled with the facts the generator wrote into the text."""

    id: str
    url: str
    is_event: bool
    events: tuple[Event, ...]


@cache
def vocab() -> dict[str, Any]:
    """The generator's word lists."""
    return json.loads(VOCAB_FILE.read_text(encoding="utf-8"))


@dataclass
class _Text:
    """Article text built sentence by sentence, remembering where each sentence starts."""

    parts: list[str]

    def add(self, sentence: str) -> tuple[int, int]:
        """Append a sentence; return its (start, end) offsets in the final text."""
        start = sum(len(p) + 1 for p in self.parts)
        self.parts.append(sentence)
        return start, start + len(sentence)

    def text(self) -> str:
        """The whole text, sentences separated by spaces."""
        return " ".join(self.parts)


def _facts(rng: random.Random, day: date) -> dict[str, Any]:
    """The facts of one invented event."""
    v = vocab()
    city, province, lat, lon = rng.choice(v["places"])
    event_type = rng.choice(list(v["event_types"]))
    agency = rng.choice(v["agencies"])
    first, last = rng.choice(v["first_names"]), rng.choice(v["last_names"])
    return {
        "city": city, "province": province, "lat": lat, "lon": lon, "event_type": event_type,
        "kind": rng.choice(v["event_types"][event_type]), "institutions": tuple(rng.sample(v["institutions"], 2)),
        "agency": agency, "venue": rng.choice(v["venues"]).format(district=rng.choice(v["districts"])),
        "day": day, "participants": rng.choice([None, 30, 45, 60, 75, 90, 120, 150, 200]),
        "official": Official(f"{first} {last}", (rng.choice(v["titles"]),),
                             f"{rng.choice(v['roles'])} {city.split(' ', 1)[1]}"),
        "opened": rng.random() < 0.7, "days": rng.choice([1, 1, 1, 2, 3]),
    }


def _event_article(rng: random.Random, url: str, source: str, f: dict[str, Any]) -> tuple[Article, SampleResult]:
    """An article reporting the event `f`, and the event as an extractor should read it."""
    v = vocab()
    day: date = f["day"]
    inst = f["institutions"]
    date_text = f"{v['weekdays'][day.weekday()]} ({day.day}/{day.month}/{day.year})"
    org = f"{f['agency']} {f['city']}"
    body = _Text([])
    lead = body.add(
        f"Pemerintah {f['city']} melalui {v['agency_long'][f['agency']]} ({f['agency']}) menggelar {f['kind']} bagi "
        f"pengurus {v['institution_long'][inst[0]]} ({inst[0]}) dan {inst[1]} se-{f['city']} di {f['venue']}, "
        f"{date_text}.")
    official = f["official"]
    verb = "dibuka secara resmi oleh" if f["opened"] else "dihadiri oleh"
    who = body.add(f"Kegiatan tersebut {verb} {official.role}, {official.name}, {official.titles[0]}.")
    evidence = [Evidence("start_date", body.parts[0], *lead), Evidence("venue", body.parts[0], *lead),
                Evidence("organizer", body.parts[0], *lead), Evidence("officials", body.parts[1], *who)]
    participants_text = None
    if f["participants"]:
        participants_text = f"Sebanyak {f['participants']} peserta"
        span = body.add(f"{participants_text} mengikuti kegiatan yang berlangsung selama {f['days']} hari itu.")
        evidence.append(Evidence("participants", body.parts[-1], *span))
    for sentence in rng.sample(v["filler"], 4):
        body.add(sentence)
    end = day + timedelta(days=f["days"] - 1)
    event = Event(
        event_type=f["event_type"], title=f"{f['kind'].capitalize()} {inst[0]} dan {inst[1]} {f['city']}",
        start_date=day.isoformat(), end_date=end.isoformat() if end != day else None, date_text=date_text,
        venue=f["venue"], city=f["city"], province=f["province"], latitude=f["lat"], longitude=f["lon"],
        participants=f["participants"], participants_text=participants_text, organizer=org,
        organizer_long=f"{v['agency_long'][f['agency']]} {f['city']}", institutions=inst, officials=(official,),
        evidence=tuple(evidence),
    )
    title = f"Pengurus {inst[0]} {f['city']} {rng.choice(v['passive_verbs']).capitalize()}"
    published = (day + timedelta(days=rng.choice([0, 1, 2]))).isoformat() + "T10:00:00+07:00"
    article = Article(url=url, title=title, text=body.text(), published=published, source=source, id=url)
    return article, SampleResult(url, url, True, (event,))


def _other_article(rng: random.Random, url: str, source: str, day: date) -> tuple[Article, SampleResult]:
    """An article with no event of community institutions."""
    v = vocab()
    sentences = rng.sample(v["other_news"], 3) + rng.sample(v["filler"], 3)
    article = Article(url=url, title=sentences[0].rstrip("."), text=" ".join(sentences),
                      published=day.isoformat() + "T08:00:00+07:00", source=source, id=url)
    return article, SampleResult(url, url, False, ())


def sample_corpus(n_articles: int, n_events: int, *, seed: int = 0, n_sources: int = 8, same_event_share: float = 0.1,
                  start: date = date(2021, 1, 1)) -> Iterator[tuple[Article, SampleResult]]:
    """`n_articles` articles of which `n_events` report an event; a share re-report the previous event elsewhere."""
    rng = random.Random(seed)
    sources = [f"sumber{i}" for i in range(n_sources)]
    every = n_articles / max(1, min(n_events, n_articles))
    next_event, made, previous = 0.0, 0, None
    for i in range(n_articles):
        source = sources[i % n_sources]
        url = f"https://{source}.example.id/berita/{i:06d}-kabar"
        day = start + timedelta(days=(i * 1461) // max(1, n_articles))
        if made < n_events and i >= next_event:
            next_event += every
            made += 1
            # now and then another outlet reports the previous event again
            again = previous is not None and rng.random() < same_event_share
            facts = previous if again else _facts(rng, day)
            previous = facts
            yield _event_article(rng, url, source, facts)
        else:
            yield _other_article(rng, url, source, day)


def build_database(path: Path, pairs: Iterable[tuple[Article, Any]], version: str = "sample") -> Path:
    """A working database holding some articles with their extraction results, merged and searchable."""
    from store.db import open_db, save_article, upsert_sources
    from store.events import merge_events, refresh_search, save_results

    pairs = list(pairs)
    db = open_db(path)
    try:
        names = sorted({a.source for a, _ in pairs if a.source})
        upsert_sources(db, [Source(name, f"https://{name}.example.id/") for name in names])
        for article, _ in pairs:
            save_article(db, article)
        save_results(db, pairs, version)
        merge_events(db)
        refresh_search(db)
    finally:
        db.close()
    return Path(path)
