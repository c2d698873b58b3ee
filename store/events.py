"""The event side of the store: schema, saving extraction results, cross-outlet merge and search tables."""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

import sqlite_utils

from records import Article, Event, Official
from store.db import article_hash, now_iso
from store.schema import INDEXES, TABLES, VIEWS
from store.search import sentences, stem_word, word_stems, words

VOCAB = Path(__file__).with_name("vocab")
# Facts whose change on re-extraction is written to event_history.
TRACKED_FIELDS = (
    "event_type", "title", "start_date", "end_date", "venue", "city", "province", "participants",
    "organizer", "institutions", "officials",
)
# Facts counted to pick the most complete report as the canonical event of a merged group.
FACT_FIELDS = ("start_date", "end_date", "venue", "city", "province", "participants", "organizer", "title")


class ExtractionResultLike(Protocol):
    """What save_results needs from extract.ExtractionResult."""

    is_event: bool
    events: Sequence[Event]


# ---------------------------------------------------------------- schema


def ensure_event_schema(db: sqlite_utils.Database) -> None:
    """Create the event tables, their indexes and the views when missing (views are always refreshed)."""
    existing = set(db.table_names())
    with db.atomic():
        for name, sql in TABLES.items():
            if name not in existing:
                db.execute(sql)
            elif not sql.lstrip().upper().startswith("CREATE VIRTUAL"):
                _add_missing_columns(db, name, sql)
        for sql in INDEXES:
            db.execute(sql)
        current = {r["name"]: r["sql"] for r in db.query("select name, sql from sqlite_master where type = 'view'")}
        for name, sql in VIEWS.items():
            if " ".join((current.get(name) or "").split()) != " ".join(sql.split()):
                db.execute(f"DROP VIEW IF EXISTS [{name}]")
                db.execute(sql)


def _add_missing_columns(db: sqlite_utils.Database, table: str, create_sql: str) -> None:
    """Bring a table made by an older version up to its CREATE statement by adding the new columns."""
    scratch = sqlite_utils.Database(memory=True)
    scratch.execute(create_sql)
    wanted = scratch[table].columns_dict
    have = db[table].columns_dict
    for column, kind in wanted.items():
        if column not in have:
            db[table].add_column(column, kind)


# ---------------------------------------------------------------- reading


_PENDING = "where extractor_version is null or extractor_version != ?"


def pending_count(db: sqlite_utils.Database, version: str) -> int:
    """How many stored articles wait for extraction by this version."""
    return db.execute(f"select count(*) from articles {_PENDING}", [version]).fetchone()[0]


def pending_articles(db: sqlite_utils.Database, version: str, *, limit: int | None = None) -> Iterator[Article]:
    """Stored articles never extracted, extracted by another version, or whose text changed since."""
    sql = (f"select url, title, text, published, author, source, fetched_at, canonical_url from articles {_PENDING} "
           "order by rowid")
    params: list[Any] = [version]
    if limit is not None:
        sql += " limit ?"
        params.append(int(limit))
    for row in db.query(sql, params):
        yield Article(
            url=row["url"], title=row["title"] or "", text=row["text"] or "", published=row["published"],
            author=row["author"], source=row["source"], id=row["url"], fetched_at=row["fetched_at"],
            canonical_url=row["canonical_url"],
        )


# ---------------------------------------------------------------- names


@cache
def _vocab(name: str) -> frozenset[str]:
    """The words of a vocabulary list, store/vocab/<name>.txt."""
    lines = (VOCAB / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def name_key(name: str, titles: Iterable[str] = ()) -> str:
    """A person's name without titles, dots or case: "H. Ahmad Sulaiman, S.Sos" -> "ahmad sulaiman"."""
    own = {re.sub(r"[^\w]", "", t.lower()) for t in titles}
    parts = [re.sub(r"[^\w]", "", p.lower()) for p in re.split(r"[\s,]+", name)]
    parts = [p for p in parts if p and p not in own]
    while len(parts) > 1 and parts[0] in _vocab("name_prefixes"):
        parts.pop(0)
    while len(parts) > 1 and parts[-1] in _vocab("name_suffixes"):
        parts.pop()
    return " ".join(parts)


def _sha(*parts: object) -> str:
    """A short stable id from some parts."""
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def event_id(article_url: str, index: int) -> str:
    """The stable id of the index-th event of an article."""
    return _sha(article_url, index)


def official_id(key: str) -> str:
    """The stable id of a person, from their normalised name."""
    return _sha("official", key)


# ---------------------------------------------------------------- saving


def _year_month(event: Event, published: str | None) -> tuple[int | None, str | None]:
    """Year and YYYY-MM of the event date, or of the publication when the event date is unknown."""
    date = event.start_date or published or ""
    if re.match(r"\d{4}-\d{2}", date):
        return int(date[:4]), date[:7]
    return None, None


def _event_row(article: Article, source: str | None, index: int, event: Event, version: str, at: str) -> dict:
    """The events row of one extracted event."""
    year, month = _year_month(event, article.published)
    return {
        "id": event_id(article.url, index), "article_url": article.url, "source": source, "position": index,
        "event_type": event.event_type, "title": event.title, "start_date": event.start_date,
        "end_date": event.end_date, "date_text": event.date_text, "venue": event.venue, "city": event.city,
        "province": event.province, "latitude": event.latitude, "longitude": event.longitude,
        "participants": event.participants, "participants_text": event.participants_text,
        "organizer": event.organizer, "organizer_long": event.organizer_long,
        "institutions": json.dumps(list(dict.fromkeys(event.institutions)), ensure_ascii=False),
        "year": year, "month": month, "published": article.published, "extractor_version": version,
        "extracted_at": at, "first_seen": at, "is_main": int(bool(event.is_main)), "merged_into": None,
        "sources_count": 1, "officials_count": len({o.name for o in event.officials}),
        # until merge_events sees the other reports, the event's own values
        "all_institutions": json.dumps(list(dict.fromkeys(event.institutions)), ensure_ascii=False),
        "institutions_text": ", ".join(dict.fromkeys(event.institutions)) or None,
        "first_official": next((f"{o.name} ({o.role})" if o.role else o.name for o in event.officials), None),
        "source_urls": article.url,
    }


def _facts(row: dict, officials: Iterable[str]) -> dict[str, str | None]:
    """The tracked facts of an event as comparable text."""
    facts = {f: (None if row.get(f) is None else str(row[f])) for f in TRACKED_FIELDS if f != "officials"}
    if facts.get("institutions") == "[]":
        facts["institutions"] = None
    names = sorted(set(officials))
    facts["officials"] = ", ".join(names) if names else None
    return facts


def _old_state(db: sqlite_utils.Database, url: str) -> dict[str, dict]:
    """The stored events of an article with their tracked facts, by id."""
    state: dict[str, dict] = {}
    for row in db.query("select * from events where article_url = ?", [url]):
        names = [r["name"] for r in db.query(
            "select coalesce(eo.name, o.name) as name from event_officials eo "
            "left join officials o on o.id = eo.official_id where eo.event_id = ?", [row["id"]]) if r["name"]]
        state[row["id"]] = {"row": row, "facts": _facts(row, names)}
    return state


def _delete_events(db: sqlite_utils.Database, ids: list[str]) -> None:
    """Remove events and everything hanging off them (children first, so no orphans remain)."""
    if not ids:
        return
    marks = ",".join("?" * len(ids))
    db.execute(f"update events set merged_into = null where merged_into in ({marks})", ids)
    for table in ("evidence", "event_officials", "event_institutions"):
        db.execute(f"delete from {table} where event_id in ({marks})", ids)
    # Other outlets' reports merged into a deleted event stand alone again until the next merge.
    db.execute(f"update event_articles set event_id = member_event_id, reason = 'reported' "
               f"where event_id in ({marks}) and member_event_id not in ({marks})", ids + ids)
    db.execute(f"delete from event_articles where member_event_id in ({marks})", ids)
    db.execute(f"delete from events where id in ({marks})", ids)


def _insert(db: sqlite_utils.Database, table: str, rows: Iterable[dict], replace: bool = False) -> None:
    """Insert rows (dicts sharing their keys) with one prepared statement (sqlite-utils' insert is 10x slower here)."""
    rows = list(rows)
    if not rows:
        return
    columns = list(rows[0])
    verb = "insert or replace" if replace else "insert"
    sql = (f"{verb} into [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
           f"values ({', '.join('?' * len(columns))})")
    db.conn.executemany(sql, [[row[c] for c in columns] for row in rows])


def name_tail(key: str) -> str | None:
    """The last three words of a name key ("achmad afzan arslan djunaid" -> "afzan arslan djunaid"), if it has them."""
    parts = key.split()
    return " ".join(parts[-3:]) if len(parts) >= 3 else None


def _role_key(role: str) -> str:
    """A role without case or spaces: "Wali Kota Tegal" and "Walikota Tegal" compare equal."""
    return re.sub(r"\W+", "", role.lower())


def _shares_role(row: dict, official: Official) -> bool:
    """Whether a stored official had the role this mention gives."""
    return bool(official.role) and _role_key(official.role) in {_role_key(r) for r in json.loads(row["roles"] or "[]")}


def _find_official(db: sqlite_utils.Database, key: str, official: Official) -> dict | None:
    """The stored person a mention refers to: same name; the same name with more given names in front (3+ words
    shared); or a nickname known as an alias, with the same role."""
    columns = "select id, name, name_key, titles, aliases, roles from officials"
    row = next(db.query(f"{columns} where name_key = ?", [key]), None)
    if row:
        return row
    tail = name_tail(key)
    if tail:
        for candidate in db.query(f"{columns} where name_tail = ?", [tail]):
            short, long = sorted((key.split(), candidate["name_key"].split()), key=len)
            if long[-len(short):] == short:
                return candidate
    if not official.role:
        return None
    if " " not in key:  # "Aaf": someone stored with that nickname among their aliases
        for candidate in db.query(f"{columns} where instr(lower(aliases), ?) > 0", [f'"{key}"']):
            if _shares_role(candidate, official):
                return candidate
    for alias in official.aliases:  # the nickname was stored on its own before the full name came
        candidate = next(db.query(f"{columns} where name_key = ?", [name_key(alias)]), None)
        if candidate and _shares_role(candidate, official):
            return candidate
    return None


def _merged_list(old: str | None, new: list[str]) -> list[str]:
    """A stored JSON list with new items appended once."""
    return list(dict.fromkeys(json.loads(old or "[]") + new))


def _upsert_official(db: sqlite_utils.Database, official: Official) -> str | None:
    """Insert or enrich the officials row of a person; return its id (None for an empty name)."""
    key = name_key(official.name, official.titles)
    if not key:
        return None
    name = official.name.strip()
    roles = [official.role] if official.role else []
    old = _find_official(db, key, official)
    if old is None:
        _insert(db, "officials", [{
            "id": official_id(key), "name": name, "name_key": key, "name_tail": name_tail(key),
            "titles": json.dumps(list(official.titles), ensure_ascii=False),
            "aliases": json.dumps(list(official.aliases), ensure_ascii=False),
            "roles": json.dumps(roles, ensure_ascii=False)}])
        return official_id(key)
    aliases = _merged_list(old["aliases"], list(official.aliases))
    longest = max((old["name"], name), key=lambda n: (len(name_key(n).split()), len(n)))
    for spelling in (old["name"], name):
        if spelling != longest and spelling not in aliases:
            aliases.append(spelling)
    # the key follows the longest name, so later mentions of the full name find this row directly
    best_key = name_key(longest) if longest == name else old["name_key"]
    taken = best_key != old["name_key"] and next(
        db.query("select 1 from officials where name_key = ?", [best_key]), None)
    if taken:
        best_key = old["name_key"]
    db.execute("update officials set name = ?, name_key = ?, name_tail = ?, titles = ?, aliases = ?, roles = ? "
               "where id = ?",
               [longest, best_key, name_tail(best_key), json.dumps(_merged_list(old["titles"], list(official.titles)),
                                                                   ensure_ascii=False),
                json.dumps(aliases, ensure_ascii=False),
                json.dumps(_merged_list(old["roles"], roles), ensure_ascii=False), old["id"]])
    return old["id"]


OPENING_WINDOW = 10  # words between "dibuka oleh" and the opener's name ("... oleh Wali Kota Tegal, H. Budi ...")


def _positions(tokens: list[str], name: list[str]) -> list[int]:
    """Where a name's words start in a sentence's words."""
    return [i for i in range(len(tokens) - len(name) + 1) if name and tokens[i:i + len(name)] == name]


def _opened_by(sentence: str, names: list[list[str]]) -> bool:
    """Whether the sentence has an opening verb within a few words of one of the names, with nobody in between
    merely accompanying ("dibuka oleh X didampingi Y": X opened, Y did not)."""
    tokens = words(sentence)
    stems = [stem_word(t) for t in tokens]
    verbs = [i for i, stem in enumerate(stems) if stem in _vocab("opening_stems")]
    for name in names:
        for at in _positions(tokens, name):
            for verb in verbs:
                low, high = sorted((verb, at))
                between = set(stems[low + 1:high])
                if high - low <= OPENING_WINDOW and not between & _vocab("accompany_stems"):
                    return True
    return False


def official_action(official: Official, text: str) -> tuple[str, str | None]:
    """('opened', sentence) when a sentence names the official beside an opening verb ("dibuka oleh ..."),
    else ('attended', the first sentence naming them, if any)."""
    names = [words(n) for n in (official.name, *official.aliases) if n and len(n) > 2]
    first = None
    for sentence in sentences(text):
        tokens = words(sentence)
        if not any(_positions(tokens, name) for name in names):
            continue
        if _opened_by(sentence, names):
            return "opened", sentence
        first = first or sentence
    return "attended", first


def _insert_event(db: sqlite_utils.Database, row: dict, event: Event, text: str) -> list[str]:
    """Insert one event with its officials, institutions, evidence and source row; return official names."""
    _insert(db, "events", [row])
    names: list[str] = []
    links: dict[str, dict] = {}
    for official in event.officials:
        oid = _upsert_official(db, official)
        if oid and oid not in links:
            action, sentence = official_action(official, text)
            links[oid] = {"event_id": row["id"], "official_id": oid, "name": official.name.strip(),
                          "role": official.role, "agency": official.agency, "action": action, "sentence": sentence,
                          "position": len(links)}
            names.append(official.name.strip())
    _insert(db, "event_officials", links.values())
    _insert(db, "event_institutions", (
        {"event_id": row["id"], "institution": inst} for inst in dict.fromkeys(event.institutions) if inst))
    _insert(db, "evidence", (
        {"event_id": row["id"], "field": ev.field, "sentence": ev.sentence, "start": ev.start, "end": ev.end}
        for ev in event.evidence))
    _insert(db, "event_articles", [{"event_id": row["id"], "article_url": row["article_url"],
                                    "member_event_id": row["id"], "source": row["source"], "reason": "reported"}])
    return names


def _history(event_id_: str, url: str, old: dict | None, new: dict[str, str | None] | None, old_version: str | None,
             new_version: str, at: str) -> list[dict]:
    """event_history rows for what differs between two fact sets (None: the event (dis)appeared)."""
    base = {"event_id": event_id_, "article_url": url, "old_version": old_version, "new_version": new_version,
            "changed_at": at}
    if old is None or new is None:
        return [{**base, "field": "event", "old_value": None if old is None else "present",
                 "new_value": None if new is None else "present"}]
    return [{**base, "field": f, "old_value": old[f], "new_value": new[f]} for f in TRACKED_FIELDS if old[f] != new[f]]


def _ensure_article(db: sqlite_utils.Database, article: Article) -> str | None:
    """Make sure the article row exists (extraction may run on articles saved elsewhere); return its source."""
    row = next(db.query("select source from articles where url = ?", [article.url]), None)
    if row is not None:
        return row["source"] or article.source
    _insert(db, "articles", [{
        "url": article.url, "source": article.source, "title": article.title, "published": article.published,
        "author": article.author, "text": article.text, "fetched_at": article.fetched_at or now_iso(),
        "content_hash": article_hash(article),
    }])
    return article.source


def _save_one(db: sqlite_utils.Database, article: Article, result: ExtractionResultLike, version: str,
              at: str) -> dict[str, int]:
    """Replace one article's events by a new extraction, writing history for changed facts."""
    source = _ensure_article(db, article)
    old = _old_state(db, article.url)
    _delete_events(db, list(old))
    events = list(result.events) if result.is_event else []
    history: list[dict] = []
    new_ids: set[str] = set()
    officials = 0
    for index, event in enumerate(events):
        row = _event_row(article, source, index, event, version, at)
        before = old.get(row["id"])
        if before:
            row["first_seen"] = before["row"]["first_seen"] or at
        names = _insert_event(db, row, event, article.text)
        officials += len(names)
        new_ids.add(row["id"])
        if old:
            facts = _facts(row, names)
            prior = before["facts"] if before else None
            if prior != facts:
                history += _history(row["id"], article.url, prior, facts,
                                    before["row"]["extractor_version"] if before else None, version, at)
    for gone in set(old) - new_ids:
        history += _history(gone, article.url, old[gone]["facts"], None, old[gone]["row"]["extractor_version"],
                            version, at)
    _insert(db, "event_history", history)
    db.execute("update articles set is_event = ?, extractor_version = ? where url = ?",
               [int(bool(events)), version, article.url])
    return {"articles": 1, "events": len(events), "officials": officials,
            "changed": len({h["event_id"] for h in history})}


def save_results(db: sqlite_utils.Database, pairs: Iterable[tuple[Article, ExtractionResultLike]], version: str,
                 batch_size: int = 200) -> dict[str, int]:
    """Store extraction results, replacing each article's earlier events; one transaction per batch."""
    ensure_event_schema(db)
    totals = {"articles": 0, "events": 0, "officials": 0, "changed": 0}
    iterator = iter(pairs)
    while batch := list(islice(iterator, max(1, batch_size))):
        at = now_iso()
        with db.atomic():
            for article, result in batch:
                for key, value in _save_one(db, article, result, version, at).items():
                    totals[key] += value
            db.execute("delete from officials where id not in (select official_id from event_officials)")
    return totals


# ---------------------------------------------------------------- merging


def _norm(text: str | None) -> str:
    """Lower-case text with single spaces, for comparing organisers and cities."""
    return " ".join((text or "").lower().split())


def same_event(a: dict, b: dict) -> str | None:
    """Why two reports (same date and city) are one event, or None when they are not."""
    inst_a = {i.lower(): i for i in json.loads(a["institutions"] or "[]")}
    inst_b = {i.lower() for i in json.loads(b["institutions"] or "[]")}
    shared = sorted(inst_a[k] for k in inst_a.keys() & inst_b)
    same_org = bool(a["organizer"]) and _norm(a["organizer"]) == _norm(b["organizer"])
    same_type = a["event_type"] == b["event_type"]
    reasons = [f"same date {a['start_date']} and city {a['city']}"]
    if shared and (same_org or same_type):
        reasons.append("shared institutions " + ", ".join(shared))
    elif (not inst_a or not inst_b) and same_org and same_type:
        reasons.append("institutions not named in one report")
    else:
        return None
    if same_org:
        reasons.append(f"same organiser {a['organizer']}")
    if same_type:
        reasons.append(f"same event type {a['event_type']}")
    return "; ".join(reasons)


def _groups(rows: list[dict]) -> list[tuple[list[dict], dict[str, str]]]:
    """Union the reports of one event (different articles, same date and city); reasons by member id."""
    buckets: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        buckets[(row["start_date"], _norm(row["city"]))].append(row)
    groups = []
    for bucket in buckets.values():
        if len({r["article_url"] for r in bucket}) < 2:
            continue
        parent = {r["id"]: r["id"] for r in bucket}

        def find(x: str, parent: dict[str, str] = parent) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        reasons: dict[str, str] = {}
        for i, a in enumerate(bucket):
            for b in bucket[i + 1:]:
                if a["article_url"] == b["article_url"] or find(a["id"]) == find(b["id"]):
                    continue
                why = same_event(a, b)
                if why:
                    parent[find(b["id"])] = find(a["id"])
                    reasons.setdefault(b["id"], why)
                    reasons.setdefault(a["id"], why)
        members: dict[str, list[dict]] = defaultdict(list)
        for r in bucket:
            members[find(r["id"])].append(r)
        groups += [(m, reasons) for m in members.values() if len({r["article_url"] for r in m}) > 1]
    return groups


def _completeness(row: dict) -> tuple:
    """Sort key: most facts first, then the earliest publication, then the id."""
    filled = sum(row[f] not in (None, "", "[]") for f in FACT_FIELDS) + (row["officials_count"] or 0)
    return (-filled, row["published"] or "9999", row["id"])


def merge_events(db: sqlite_utils.Database) -> int:
    """Merge reports of one event by several articles into its most complete report; return the group count."""
    ensure_event_schema(db)
    rows = list(db.query(
        "select e.id, e.article_url, e.source, e.start_date, e.city, e.event_type, e.organizer, e.institutions, "
        "e.published, e.officials_count, " + ", ".join(f"e.{f}" for f in FACT_FIELDS if f not in {"start_date", "city"})
        + " from events e where e.start_date is not null and e.city is not null"
    ))
    groups = _groups(rows)
    with db.atomic():
        db.execute("update events set merged_into = null, sources_count = 1 where merged_into is not null "
                   "or sources_count != 1")
        db.execute("delete from event_articles")
        db.execute("insert into event_articles (event_id, article_url, member_event_id, source, reason) "
                   "select id, article_url, id, source, 'reported' from events")
        for members, reasons in groups:
            members.sort(key=_completeness)
            head = members[0]
            for m in members[1:]:
                db.execute("update events set merged_into = ? where id = ?", [head["id"], m["id"]])
                db.execute("update event_articles set event_id = ?, reason = ? where member_event_id = ?",
                           [head["id"], reasons.get(m["id"], "merged"), m["id"]])
            db.execute("update events set sources_count = ? where id = ?",
                       [len({m["article_url"] for m in members}), head["id"]])
        _refresh_official_counts(db)
        refresh_derived(db)
    return len(groups)


def refresh_derived(db: sqlite_utils.Database) -> None:
    """Columns read from several tables, stored on each distinct event so that events_view stays a plain filter."""
    institutions: dict[str, list[str]] = defaultdict(list)
    for row in db.query("select coalesce(m.merged_into, m.id) as head, m.institutions from events m "
                        "order by m.merged_into is not null, m.position, m.id"):
        institutions[row["head"]] += json.loads(row["institutions"] or "[]")
    first = {r["event_id"]: r["who"] for r in db.query(
        "select eo.event_id, o.name || coalesce(' (' || eo.role || ')', '') as who from event_officials eo "
        "join officials o on o.id = eo.official_id where eo.position = 0")}
    urls: dict[str, list[str]] = defaultdict(list)
    for row in db.query("select event_id, article_url from event_articles order by event_id, article_url"):
        urls[row["event_id"]].append(row["article_url"])
    rows = []
    for head, names in institutions.items():
        unique = list(dict.fromkeys(names))
        rows.append((json.dumps(unique, ensure_ascii=False), ", ".join(unique) or None, first.get(head),
                     " ".join(urls.get(head, [])) or None, head))
    db.execute("update events set all_institutions = null, institutions_text = null, first_official = null, "
               "source_urls = null where merged_into is not null")
    db.conn.executemany("update events set all_institutions = ?, institutions_text = ?, first_official = ?, "
                        "source_urls = ? where id = ?", rows)


def _refresh_official_counts(db: sqlite_utils.Database) -> None:
    """Each official's number of distinct events (and of those they opened) and first/last event date."""
    db.execute(
        "update officials set (events_count, opened_count, first_date, last_date) = ("
        " select count(distinct coalesce(e.merged_into, e.id)),"
        " count(distinct case when eo.action = 'opened' then coalesce(e.merged_into, e.id) end),"
        " min(e.start_date), max(e.start_date)"
        " from event_officials eo join events e on e.id = eo.event_id where eo.official_id = officials.id)"
    )


# ---------------------------------------------------------------- search


def _ensure_articles_fts(db: sqlite_utils.Database) -> None:
    """FTS5 over articles(title, text), kept current by triggers (plain SQL: the crawler needs no extra function)."""
    if "articles_fts" not in db.table_names():
        db["articles"].enable_fts(["title", "text"], fts_version="FTS5", create_triggers=True,
                                  tokenize="unicode61 remove_diacritics 2")


def _update_vocabulary(db: sqlite_utils.Database) -> int:
    """Add the words of new or changed articles to search_words (word -> stem); return articles read."""
    todo = db.execute(
        "select a.url, a.content_hash, a.title, a.text from articles a left join search_indexed s on s.url = a.url "
        "where s.url is null or s.content_hash is not a.content_hash"
    )
    read = 0
    while chunk := todo.fetchmany(2000):
        stems = word_stems(t for row in chunk for t in (row[2], row[3]))
        with db.atomic():
            db.conn.executemany("insert or ignore into search_words (word, stem) values (?, ?)", stems.items())
            db.conn.executemany("insert or replace into search_indexed (url, content_hash) values (?, ?)",
                                [(row[0], row[1]) for row in chunk])
        read += len(chunk)
    return read


EVENTS_FTS_SOURCE = """
select e.rowid, e.title, e.venue, trim(coalesce(e.city, '') || ' ' || coalesce(e.province, '')),
  trim(coalesce(e.organizer, '') || ' ' || coalesce(e.organizer_long, '')),
  (select group_concat(institution, ' ') from event_institutions where event_id = e.id),
  (select group_concat(o.name, ' ') from event_officials eo join officials o on o.id = eo.official_id
     where eo.event_id = e.id),
  (select group_concat(sentence, ' ') from evidence where event_id = e.id)
from events e
"""


def refresh_search(db: sqlite_utils.Database) -> None:
    """Bring the FTS5 tables and the stem vocabulary up to date; safe to run any number of times."""
    ensure_event_schema(db)
    _ensure_articles_fts(db)
    _update_vocabulary(db)
    with db.atomic():
        db.execute("delete from events_fts")
        db.execute("insert into events_fts (rowid, title, venue, place, organizer, institutions, officials, "
                   "evidence) " + EVENTS_FTS_SOURCE)
        extra = word_stems(" ".join(str(v) for v in row[1:] if v) for row in db.execute(EVENTS_FTS_SOURCE))
        db.conn.executemany("insert or ignore into search_words (word, stem) values (?, ?)", extra.items())
    db.execute("insert into events_fts (events_fts) values ('optimize')")
