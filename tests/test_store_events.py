"""Event side of the store: saving, re-extraction history, merging, search tables, foreign keys."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
import sqlite_utils

from records import Article, Event, Evidence, Official
from store.db import open_db, save_article
from store.events import (
    ensure_event_schema,
    merge_events,
    name_key,
    official_action,
    pending_articles,
    refresh_search,
    save_results,
)
from store.sample import SampleResult, sample_corpus
from store.search import expand_query, stem_word

TEXT_A = (
    "Dinas Pemberdayaan Masyarakat Kota Tegal menggelar pelatihan peningkatan kapasitas bagi pengurus LPM dan BKM "
    "se-Kota Tegal di Aula Kecamatan Margadana, Kamis (3/3/2022). Kegiatan dibuka oleh Wali Kota Tegal, "
    "H. Budi Santoso, S.Sos. Sebanyak 100 peserta mengikuti pelatihan itu."
)
TEXT_B = (
    "Ratusan pengurus lembaga kemasyarakatan di Kota Tegal dilatih agar paham aturan baru, Kamis (3/3). "
    "Hadir pula Camat Margadana, Rina Wulandari, dalam pelatihan bagi LPM tersebut."
)


def _evidence(text: str, fragment: str, field: str) -> Evidence:
    """Evidence for the sentence holding a fragment of the text."""
    start = text.index(fragment)
    return Evidence(field, fragment, start, start + len(fragment))


def _event(participants: int = 100, **changes: object) -> Event:
    """The event of TEXT_A as an extractor would read it."""
    event = Event(
        event_type="pelatihan", title="Pelatihan LPM dan BKM Kota Tegal", start_date="2022-03-03",
        date_text="Kamis (3/3/2022)", venue="Aula Kecamatan Margadana", city="Kota Tegal", province="Jawa Tengah",
        participants=participants, participants_text=f"Sebanyak {participants} peserta", organizer="DPMPPA Kota Tegal",
        institutions=("LPM", "BKM"),
        officials=(Official("H. Budi Santoso", ("S.Sos",), "Wali Kota Tegal"),),
        evidence=(_evidence(TEXT_A, "Sebanyak 100 peserta mengikuti pelatihan itu.", "participants"),
                  _evidence(TEXT_A, "Kegiatan dibuka oleh Wali Kota Tegal", "officials")),
    )
    return dataclasses.replace(event, **changes)


ARTICLE_A = Article(url="https://warta-a.example.id/berita/lpm-tegal", title="Pengurus LPM Kota Tegal Dilatih",
                    text=TEXT_A, published="2022-03-04T09:00:00+07:00", source="warta-a")
ARTICLE_B = Article(url="https://kabar-b.example.id/2022/03/03/lpm", title="Ratusan Pengurus LPM Ikut Pelatihan",
                    text=TEXT_B, published="2022-03-03T15:00:00+07:00", source="kabar-b")
EVENT_B = Event(event_type="pelatihan", title="Pelatihan LPM Kota Tegal", start_date="2022-03-03",
                city="Kota Tegal", province="Jawa Tengah", institutions=("LPM",),
                officials=(Official("Rina Wulandari", (), "Camat Margadana"),
                           Official("Budi Santoso", (), "Wali Kota")))


def _result(article: Article, *events: Event) -> SampleResult:
    """An extraction result for an article."""
    return SampleResult(article.url, article.url, bool(events), tuple(events))


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    """A working database with the two articles stored by the crawler."""
    database = open_db(tmp_path / "events.db")
    for article in (ARTICLE_A, ARTICLE_B):
        save_article(database, article)
    ensure_event_schema(database)
    return database


def _count(db: sqlite_utils.Database, sql: str, params: list | None = None) -> int:
    """The single number a query returns."""
    return db.execute(sql, params or []).fetchone()[0]


def _fk_problems(db: sqlite_utils.Database) -> list[tuple]:
    """Foreign-key violations in the event tables (articles -> sources is the crawler's business)."""
    return [r for r in db.execute("PRAGMA foreign_key_check").fetchall() if r[0] != "articles"]


def test_pending_articles_by_version_and_changed_text(db: sqlite_utils.Database) -> None:
    assert {a.url for a in pending_articles(db, "v1")} == {ARTICLE_A.url, ARTICLE_B.url}
    save_results(db, [(ARTICLE_A, _result(ARTICLE_A, _event()))], "v1")
    assert [a.url for a in pending_articles(db, "v1")] == [ARTICLE_B.url]
    assert len(list(pending_articles(db, "v2"))) == 2
    assert len(list(pending_articles(db, "v2", limit=1))) == 1
    save_article(db, dataclasses.replace(ARTICLE_A, text=TEXT_A + " Tambahan kalimat baru."))
    assert ARTICLE_A.url in {a.url for a in pending_articles(db, "v1")}


def test_save_results_writes_every_table_and_is_idempotent(db: sqlite_utils.Database) -> None:
    pairs = [(ARTICLE_A, _result(ARTICLE_A, _event()))]
    counts = save_results(db, pairs, "v1")
    assert counts == {"articles": 1, "events": 1, "officials": 1, "changed": 0}
    snapshot = {t: _count(db, f"select count(*) from {t}") for t in
                ("events", "officials", "event_officials", "event_institutions", "evidence", "event_articles")}
    assert snapshot == {"events": 1, "officials": 1, "event_officials": 1, "event_institutions": 2, "evidence": 2,
                        "event_articles": 1}
    first_seen = _count(db, "select first_seen from events")
    again = save_results(db, pairs, "v1")
    assert again["changed"] == 0
    assert {t: _count(db, f"select count(*) from {t}") for t in snapshot} == snapshot
    assert _count(db, "select count(*) from event_history") == 0
    assert _count(db, "select first_seen from events") == first_seen
    row = next(db.query("select * from events"))
    assert (row["year"], row["month"], json.loads(row["institutions"])) == (2022, "2022-03", ["LPM", "BKM"])
    assert _count(db, "select is_event from articles where url = ?", [ARTICLE_A.url]) == 1
    assert _fk_problems(db) == []


def test_reextraction_with_changed_participants_writes_history(db: sqlite_utils.Database) -> None:
    save_results(db, [(ARTICLE_A, _result(ARTICLE_A, _event(100)))], "v1")
    counts = save_results(db, [(ARTICLE_A, _result(ARTICLE_A, _event(120)))], "v2")
    assert counts["changed"] == 1
    rows = list(db.query("select field, old_value, new_value, old_version, new_version from event_history"))
    assert rows == [{"field": "participants", "old_value": "100", "new_value": "120", "old_version": "v1",
                     "new_version": "v2"}]
    assert _count(db, "select participants from events") == 120
    assert _count(db, "select count(*) from evidence") == 2  # replaced, not added to


def test_reextraction_over_rows_of_an_older_schema_without_official_names(db: sqlite_utils.Database) -> None:
    save_results(db, [(ARTICLE_A, _result(ARTICLE_A, _event(100)))], "v1")
    db.execute("update event_officials set name = null")  # rows written before the column existed
    counts = save_results(db, [(ARTICLE_A, _result(ARTICLE_A, _event(120)))], "v2")
    assert counts["changed"] == 1
    fields = [r["field"] for r in db.query("select field from event_history")]
    assert fields == ["participants"]  # names come from officials, so they do not read as changed


def test_event_disappearing_is_recorded_and_leaves_no_orphans(db: sqlite_utils.Database) -> None:
    save_results(db, [(ARTICLE_A, _result(ARTICLE_A, _event()))], "v1")
    save_results(db, [(ARTICLE_A, _result(ARTICLE_A))], "v2")
    assert _count(db, "select count(*) from events") == 0
    for table in ("evidence", "event_officials", "event_institutions", "event_articles", "officials"):
        assert _count(db, f"select count(*) from {table}") == 0, table
    assert list(db.query("select field, old_value, new_value from event_history")) == [
        {"field": "event", "old_value": "present", "new_value": None}]
    assert _count(db, "select is_event from articles where url = ?", [ARTICLE_A.url]) == 0


def test_merge_two_outlets_into_one_event_with_two_sources(db: sqlite_utils.Database) -> None:
    save_results(db, [(ARTICLE_A, _result(ARTICLE_A, _event())), (ARTICLE_B, _result(ARTICLE_B, EVENT_B))], "v1")
    assert merge_events(db) == 1
    distinct = list(db.query("select id, article_url, sources_count from events where merged_into is null"))
    assert len(distinct) == 1
    assert distinct[0]["article_url"] == ARTICLE_A.url  # the more complete report leads
    rows = list(db.query("select article_url, reason from event_articles where event_id = ? order by article_url",
                         [distinct[0]["id"]]))
    assert [r["article_url"] for r in rows] == sorted([ARTICLE_A.url, ARTICLE_B.url])
    reason = next(r["reason"] for r in rows if r["article_url"] == ARTICLE_B.url)
    assert "2022-03-03" in reason and "LPM" in reason
    assert distinct[0]["sources_count"] == 2
    # "Budi Santoso" named with and without titles in two articles is one official with one event
    budi = next(db.query("select events_count, opened_count from officials where name_key = 'budi santoso'"))
    assert (budi["events_count"], budi["opened_count"]) == (1, 1)
    view = next(db.query("select institutions, source_urls, first_official from events_view"))
    assert json.loads(view["institutions"]) == ["LPM", "BKM"]
    assert set(view["source_urls"].split()) == {ARTICLE_A.url, ARTICLE_B.url}
    assert view["first_official"] == "H. Budi Santoso (Wali Kota Tegal)"
    assert merge_events(db) == 1  # idempotent
    assert _count(db, "select count(*) from event_articles") == 2
    assert _fk_problems(db) == []


@pytest.mark.parametrize(
    ("change", "merged"),
    [
        ({}, True),
        ({"start_date": "2022-03-04"}, False),
        ({"city": "Kabupaten Tegal"}, False),
        ({"institutions": ("PKK",)}, False),
        ({"institutions": (), "organizer": "DPMPPA Kota Tegal"}, True),
        ({"institutions": (), "organizer": None}, False),
    ],
)
def test_merge_rules(db: sqlite_utils.Database, change: dict, merged: bool) -> None:
    other = dataclasses.replace(EVENT_B, **change)
    save_results(db, [(ARTICLE_A, _result(ARTICLE_A, _event())), (ARTICLE_B, _result(ARTICLE_B, other))], "v1")
    assert merge_events(db) == int(merged)
    assert _count(db, "select count(*) from events where merged_into is null") == (1 if merged else 2)


def test_reextracting_the_canonical_report_keeps_other_sources(db: sqlite_utils.Database) -> None:
    save_results(db, [(ARTICLE_A, _result(ARTICLE_A, _event())), (ARTICLE_B, _result(ARTICLE_B, EVENT_B))], "v1")
    merge_events(db)
    save_results(db, [(ARTICLE_A, _result(ARTICLE_A, _event(120)))], "v2")
    assert _fk_problems(db) == []
    assert _count(db, "select count(*) from event_articles") == 2
    assert merge_events(db) == 1


@pytest.mark.parametrize(
    ("name", "titles", "key"),
    [
        ("H. Budi Santoso, S.Sos", (), "budi santoso"),
        ("Budi Santoso", ("S.Sos",), "budi santoso"),
        ("Hj. Siti Rahayu, S.E., M.M.", (), "siti rahayu"),
        ("Dr. Ir. Agus Hidayat", (), "agus hidayat"),
        ("Slamet", (), "slamet"),
    ],
)
def test_name_key(name: str, titles: tuple[str, ...], key: str) -> None:
    assert name_key(name, titles) == key


MAYOR = Official("Afzan Arslan Djunaid", ("SE",), "Walikota Pekalongan", aliases=("Aaf",))


@pytest.mark.parametrize(
    ("mentions", "people"),
    [
        ([MAYOR, Official("Achmad Afzan Arslan Djunaid", (), "Wali Kota Pekalongan")], 1),  # more given names
        ([Official("Achmad Afzan Arslan Djunaid"), MAYOR], 1),  # ... in either order
        ([MAYOR, Official("Aaf", (), "Wali Kota Pekalongan")], 1),  # nickname, same role
        ([Official("Aaf", (), "Walikota Pekalongan"), MAYOR], 1),  # nickname seen first
        ([MAYOR, Official("Aaf", (), "Camat Pekalongan Barat")], 2),  # same nickname, another role
        ([MAYOR, Official("Aaf")], 2),  # nickname without a role: not enough
        ([Official("Sri Wahyuni", (), "Kepala Dinas"), Official("Dwi Sri Wahyuni", (), "Kepala Dinas")], 2),
        ([Official("Muhammad Ali Akbar Siregar"), Official("Ahmad Ali Akbar Siregar")], 2),
    ],
)
def test_one_official_row_per_person(tmp_path: Path, mentions: list[Official], people: int) -> None:
    database = open_db(tmp_path / "o.db")
    pairs = []
    for i, official in enumerate(mentions):
        article = dataclasses.replace(ARTICLE_A, url=f"https://o.example.id/{i}")
        event = dataclasses.replace(_event(), start_date=f"2022-0{i + 1}-01", officials=(official,))
        pairs.append((article, _result(article, event)))
    save_results(database, pairs, "v1")
    assert _count(database, "select count(*) from officials") == people
    if people == 1:
        row = next(database.query("select name, aliases from officials"))
        assert row["name"] in {"Achmad Afzan Arslan Djunaid", "Afzan Arslan Djunaid"}
        assert _count(database, "select count(distinct official_id) from event_officials") == 1
    # re-extracting with the same facts records no change even though the person's row was enriched
    assert save_results(database, pairs, "v2")["changed"] == 0


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("Acara itu dibuka oleh Bupati Batang, Agus Hidayat. Peserta antusias.", "opened"),
        ("Bupati Agus Hidayat meresmikan kegiatan tersebut di pendopo.", "opened"),
        ("Hadir dalam kegiatan itu Agus Hidayat selaku camat. Kegiatan dibuka kepala dinas.", "attended"),
        ("Tidak ada nama pejabat di sini.", "attended"),
        ("Kegiatan dibuka oleh Wali Kota Tegal, Budi Santoso, didampingi Kepala Dinas, Agus Hidayat.", "attended"),
        ("Pelatihan dibuka Bupati Batang dan dihadiri sejumlah camat, antara lain Camat Warungasem, Rina Lestari, "
         "Camat Bandar, Agus Hidayat, serta para lurah se-kecamatan.", "attended"),
        ("Pembukaan pelatihan dilakukan langsung oleh Agus Hidayat pada Senin pagi.", "opened"),
    ],
)
def test_official_action(text: str, action: str) -> None:
    assert official_action(Official("Agus Hidayat"), text)[0] == action


@pytest.mark.parametrize(("word", "stem"), [("pelatihan", "latih"), ("dilatih", "latih"), ("latihan", "latih"),
                                             ("bimbingan", "bimbing"), ("2022", "2022"), ("LPM", "lpm")])
def test_stem_word(word: str, stem: str) -> None:
    assert stem_word(word) == stem


def test_expand_query_uses_corpus_forms_and_keeps_phrases() -> None:
    forms = {"latih": ["pelatihan", "latihan"]}
    query = expand_query('dilatih "Kota Tegal"', lambda s: forms.get(s, []))
    assert query == '("dilatih" OR "latih" OR "pelatihan" OR "latihan") AND "kota tegal"'
    assert expand_query("", lambda s: []) == '""'
    assert expand_query('a"b OR NOT', lambda s: []) == '"a" AND "b" AND "or" AND "not"'


def test_refresh_search_stemmed_matches(db: sqlite_utils.Database) -> None:
    save_results(db, [(ARTICLE_A, _result(ARTICLE_A, _event()))], "v1")
    refresh_search(db)
    refresh_search(db)  # idempotent
    forms = {r["word"] for r in db.query("select word from search_words where stem = 'latih'")}
    assert {"pelatihan", "dilatih"} <= forms
    query = expand_query("latihan", lambda s: [r[0] for r in db.execute(
        "select word from search_words where stem = ?", [s])])
    hits = db.execute("select rowid from articles_fts where articles_fts match ?", [query]).fetchall()
    assert len(hits) == 2  # both articles say "pelatihan" or "dilatih", neither says "latihan"
    assert _count(db, "select count(*) from events_fts where events_fts match ?", [query]) == 1
    # the crawler keeps writing articles with plain SQL triggers: no Python function needed
    save_article(db, Article(url="https://c.example.id/x", title="Kader Posyandu berlatih", text="Teks baru."))
    assert _count(db, "select count(*) from articles_fts where articles_fts match 'posyandu'") == 1


def test_sample_corpus_round_trip(tmp_path: Path) -> None:
    database = open_db(tmp_path / "sample.db")
    pairs = list(sample_corpus(60, 20, seed=3, same_event_share=0.3))
    for article, _ in pairs:
        save_article(database, article)
    counts = save_results(database, pairs, "v1", batch_size=7)
    assert counts["articles"] == 60 and counts["events"] == 20
    assert merge_events(database) >= 1
    for event_row, (article, result) in zip(database.query("select * from events order by rowid"),
                                            [p for p in pairs if p[1].is_event], strict=True):
        event = result.events[0]
        assert event_row["article_url"] == article.url
        for ev in event.evidence:
            assert article.text[ev.start:ev.end] == ev.sentence
    assert _fk_problems(database) == []
