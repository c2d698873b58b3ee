"""The README's first command, end to end: sample sites -> crawl -> build -> Datasette answering over HTTP."""

from __future__ import annotations

import json
import signal
import urllib.parse
from pathlib import Path

import pytest

from tests.e2e_helpers import ROOT, free_port, get_json, kill_group, load_gold, pipeline, wait_for

pytestmark = pytest.mark.slow


def sql(base: str, db: str, query: str) -> list[dict]:
    return get_json(f"{base}/{db}.json?" + urllib.parse.urlencode({"sql": query, "_shape": "array"}))


def test_demo_serves_every_sample_event(tmp_path: Path) -> None:
    port = free_port()
    proc = pipeline(["demo", "--port", str(port), "--sites-port", "0", "--data-dir", str(tmp_path / "data")],
                    tmp_path / "logs")
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/-/databases.json", proc, timeout=900)
        databases = [d["name"] for d in get_json(f"{base}/-/databases.json") if not d["name"].startswith("_")]
        assert len(databases) == 1
        db = databases[0]
        articles = sql(base, db, "select url, title, is_event from articles")
        event_titles = {r["title"] for r in sql(base, db, """
            select distinct a.title from event_articles ea join articles a on a.url = ea.article_url
            union select a.title from events e join articles a on a.url = e.article_url""")}
        gold = load_gold(ROOT / "samples" / "gold.jsonl")
        titles = {json.loads(line)["id"]: json.loads(line)["title"]
                  for line in (ROOT / "samples" / "articles.jsonl").read_text(encoding="utf-8").splitlines()}
        stored = {r["title"] for r in articles}
        expected_events = {titles[g["id"]] for g in gold if g["is_event"]}
        expected_other = {titles[g["id"]] for g in gold if g["is_event"] is False}
        assert expected_events | expected_other <= stored
        assert expected_events <= event_titles, sorted(expected_events - event_titles)
        assert not (expected_other & event_titles), sorted(expected_other & event_titles)
        # Facts reach the published tables, searchable and faceted.
        events = sql(base, db, "select * from events")
        assert sum(1 for e in events if e["start_date"]) >= 0.8 * len(events)
        assert sum(1 for e in events if e["city"] and e["province"]) >= 0.8 * len(events)
        found = get_json(f"{base}/{db}/articles.json?_search=pelatihan&_shape=array")
        assert found and all("elatih" in (r["title"] + r["text"]).lower() or "latih" in r["text"].lower()
                             for r in found)
        page = get_json(f"{base}/{db}/events.json?_facet=city&_shape=objects")
        assert page["facet_results"]["city"]["results"]
    finally:
        kill_group(proc, signal.SIGTERM)
