"""The event page (/-/event/<id>): facts with their highlighted evidence, officials, institutions, sources."""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path
from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository root, for `store`

from store.search import sentences

# Facts shown on the page, in order, with the columns whose text is looked for in the evidence sentence.
FACTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("event_type", "Type", ("event_type",)),
    ("start_date", "Date", ("date_text", "start_date")),
    ("end_date", "Until", ("end_date",)),
    ("venue", "Venue", ("venue",)),
    ("city", "City / regency", ("city",)),
    ("province", "Province", ("province",)),
    ("participants", "Participants", ("participants_text", "participants")),
    ("organizer", "Organiser", ("organizer", "organizer_long")),
)
EVENT_TABLES = ("events", "events_view")
_MARKED = re.compile(r"«(.*?)»", re.S)


async def _events_database(datasette: Any, wanted: str | None) -> Any:
    """The database holding the events table: the one asked for, else the first that has one."""
    names = [wanted] if wanted else [n for n in datasette.databases if not n.startswith("_")]
    for name in names:
        db = datasette.databases.get(name)
        if db is not None and await db.table_exists("events"):
            return db
    return None


def highlight(sentence: str, needles: list[str]) -> Markup:
    """The sentence as HTML with the first needle found in it wrapped in <mark>."""
    lowered = sentence.lower()
    for needle in needles:
        needle = (needle or "").strip()
        at = lowered.find(needle.lower()) if needle else -1
        if at >= 0:
            end = at + len(needle)
            return Markup(f"{html.escape(sentence[:at])}<mark>{html.escape(sentence[at:end])}</mark>"
                          f"{html.escape(sentence[end:])}")
    return Markup(html.escape(sentence))


def _found_in_text(row: dict, columns: tuple[str, ...]) -> list[dict]:
    """With no stored evidence, the first sentence of the article that contains the fact's text."""
    needles = [str(row[c]) for c in columns if row.get(c) not in (None, "") and len(str(row[c])) > 3]
    for sentence in sentences(row.get("article_text")):
        lowered = sentence.lower()
        if any(n.lower() in lowered for n in needles):
            return [{"html": highlight(sentence, needles), "found": True}]
    return []


def _needles(columns: tuple[str, ...], rows: list[dict], ev: dict, text: str | None) -> list[str]:
    """What to highlight in an evidence sentence: the span its offsets point at, else the fact's text."""
    needles = []
    if text and ev["start"] is not None and ev["end"] is not None:
        span = text[ev["start"]:ev["end"]]
        if span and span != ev["sentence"] and len(span) < len(ev["sentence"]):
            needles.append(span)
    for row in rows:
        needles += [str(row[c]) for c in columns if row.get(c) not in (None, "")]
    return needles


async def _rows(db: Any, sql: str, params: list[Any]) -> list[dict]:
    """Query results as dicts."""
    return [dict(r) for r in (await db.execute(sql, params)).rows]


async def event_context(db: Any, event_id: str) -> dict[str, Any] | None:
    """Everything the event page shows, gathered over every report of the event."""
    members = await _rows(db, "select e.*, a.text as article_text, a.title as article_title from events e "
                              "left join articles a on a.url = e.article_url "
                              "where e.id = ? or e.merged_into = ? order by e.merged_into is not null, e.id",
                          [event_id, event_id])
    if not members:
        return None
    ids = [m["id"] for m in members]
    marks = ",".join("?" * len(ids))
    evidence = await _rows(db, f"select * from evidence where event_id in ({marks}) order by id", ids)
    texts = {m["id"]: m["article_text"] for m in members}
    facts = []
    for field, label, columns in FACTS:
        holder = next((m for m in members if m.get(field) not in (None, "")), None)
        proofs = [{"html": highlight(ev["sentence"] or "", _needles(columns, members, ev, texts.get(ev["event_id"]))),
                   "found": False} for ev in evidence if ev["field"] == field]
        if holder and not proofs:
            proofs = _found_in_text(holder, columns)
        facts.append({"field": field, "label": label, "value": holder[field] if holder else None, "evidence": proofs})
    other = [{"field": ev["field"], "html": highlight(ev["sentence"] or "", [])} for ev in evidence
             if ev["field"] not in {f[0] for f in FACTS}]
    officials = await _rows(
        db, f"select o.id, o.name, o.titles, eo.role, eo.agency, eo.action, eo.sentence from event_officials eo "
            f"join officials o on o.id = eo.official_id where eo.event_id in ({marks}) order by eo.position", ids)
    seen: dict[str, dict] = {}
    for o in officials:
        o["titles"] = ", ".join(json.loads(o["titles"] or "[]"))
        o["sentence_html"] = highlight(o["sentence"] or "", [o["name"]]) if o["sentence"] else None
        if o["id"] not in seen or (o["action"] == "opened" and seen[o["id"]]["action"] != "opened"):
            seen[o["id"]] = o
    institutions = [r["institution"] for r in await _rows(
        db, f"select distinct institution from event_institutions where event_id in ({marks})", ids)]
    sources = await _rows(
        db, "select ea.article_url, ea.source, ea.reason, a.title, a.published from event_articles ea "
            "left join articles a on a.url = ea.article_url where ea.event_id = ? order by a.published", [event_id])
    history = await _rows(db, f"select * from event_history where event_id in ({marks}) order by changed_at", ids)
    return {"event": members[0], "facts": facts, "other_evidence": other, "officials": list(seen.values()),
            "institutions": institutions, "sources": sources, "history": history, "reports": len(members)}


async def event_page(datasette: Any, request: Any) -> Response:
    """Render one event, or a 404 page when it is unknown."""
    event_id = request.url_vars["event_id"]
    db = await _events_database(datasette, request.args.get("db"))
    if db is None:
        return Response.html("<h1>No events database is served</h1>", status=404)
    if not await datasette.permission_allowed(request.actor, "view-table", (db.name, "events"), default=True):
        return Response.html("<h1>Forbidden</h1>", status=403)
    row = await _rows(db, "select id, merged_into from events where id = ?", [event_id])
    if row and row[0]["merged_into"]:
        return Response.redirect(datasette.urls.path(f"/-/event/{row[0]['merged_into']}?db={db.name}"))
    context = await event_context(db, event_id) if row else None
    if context is None:
        return Response.html(await datasette.render_template(
            "event.html", {"missing": event_id, "database": db.name}, request=request), status=404)
    context["database"] = db.name
    return Response.html(await datasette.render_template("event.html", context, request=request))


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    """The event page route."""
    return [(r"^/-/event/(?P<event_id>[0-9A-Za-z_-]+)$", event_page)]


@hookimpl
def render_cell(value: Any, column: str, table: str | None, database: str, datasette: Any) -> Markup | None:
    """Link event ids to their page; show «matched» words of search snippets highlighted."""
    if isinstance(value, str) and (column == "event_id" or (column == "id" and table in EVENT_TABLES)):
        url = datasette.urls.path(f"/-/event/{value}?db={database}")
        return Markup(f'<a href="{html.escape(url)}">{html.escape(value)}</a>')
    if isinstance(value, str) and "snippet" in column and "«" in value:
        escaped = html.escape(value)
        return Markup(_MARKED.sub(r"<mark>\1</mark>", escaped))
    if isinstance(value, str) and column in {"source_article", "source_urls"} and value.startswith("http"):
        links = " ".join(f'<a href="{html.escape(u)}">{html.escape(u)}</a>' for u in value.split())
        return Markup(links)
    return None
