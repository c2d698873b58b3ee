"""The published database in an in-process Datasette: metadata, facets, canned queries, feeds, search, event page."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from records import Article, Event, Evidence, Official
from store.publish import publish
from store.sample import SampleResult, build_database, sample_corpus
from store.serve import load_metadata, make_datasette

# An article that says "pelatihan" but never "dilatih" or "latihan": stemmed search must still find it.
TEXT = (
    "Pemerintah Kabupaten Batang menyelenggarakan pelatihan kepemimpinan untuk kader Posyandu dan pengurus PKK "
    "di Gedung Serbaguna Kecamatan Warungasem, Selasa (8/11/2022). Acara itu dibuka oleh Bupati Batang, "
    "Slamet Purnomo. Sebanyak 85 kader hadir sejak pagi."
)
pytestmark = pytest.mark.filterwarnings("ignore::FutureWarning")  # the ics library warns about its own str()

URL = "http://127.0.0.1:9/berita/kader-posyandu-batang"
ARTICLE = Article(url=URL, title="Kader Posyandu Batang Ikuti Pembekalan", text=TEXT,
                  published="2022-11-09T08:00:00+07:00", source="lokal")


def _span(fragment: str, field: str) -> Evidence:
    """Evidence for a fragment of TEXT."""
    start = TEXT.index(fragment)
    return Evidence(field, fragment, start, start + len(fragment))


EVENT = Event(
    event_type="pelatihan", title="Pelatihan kepemimpinan kader Posyandu Batang", start_date="2022-11-08",
    date_text="Selasa (8/11/2022)", venue="Gedung Serbaguna Kecamatan Warungasem", city="Kabupaten Batang",
    province="Jawa Tengah", latitude=-6.9, longitude=109.73, participants=85, participants_text="Sebanyak 85 kader",
    organizer="Pemerintah Kabupaten Batang", institutions=("Posyandu", "PKK"),
    officials=(Official("Slamet Purnomo", (), "Bupati Batang"),),
    evidence=(_span("Sebanyak 85 kader hadir sejak pagi.", "participants"),
              _span(TEXT.split(". Acara")[0] + ".", "venue")),
)


@pytest.fixture(scope="module")
def public_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A published database whose file name is not the one the metadata names (lkk_test, not events)."""
    folder = tmp_path_factory.mktemp("ds")
    pairs: list[tuple[Article, Any]] = list(sample_corpus(120, 40, seed=5, same_event_share=0.3))
    pairs.append((ARTICLE, SampleResult(URL, URL, True, (EVENT,))))
    return publish(build_database(folder / "lkk_test.db", pairs))


def fetch(db: Path, *paths: str) -> list[Any]:
    """GET some paths from an in-process Datasette configured as `serve` configures it."""
    async def run() -> list[Any]:
        ds = make_datasette(db)
        return [await ds.client.get(p) for p in paths]
    return asyncio.run(run())


def _event_id(db: Path) -> str:
    """The id of EVENT in the published database."""
    (response,) = fetch(db, f"/lkk_test/events.json?_shape=array&article_url={URL}")
    return response.json()[0]["id"]


def test_metadata_and_every_created_column_described(public_db: Path) -> None:
    meta = load_metadata()
    for key in ("title", "description", "license", "source", "source_url", "about"):
        assert meta.get(key), key
    tables = meta["databases"]["events"]["tables"]
    import sqlite3
    conn = sqlite3.connect(public_db)
    for name in ("events", "officials", "event_officials", "event_institutions", "evidence", "event_articles",
                 "event_history", "events_view", "official_events", "event_sources"):
        columns = [r[1] for r in conn.execute(f"pragma table_info([{name}])")]
        assert tables[name].get("description"), name
        missing = set(columns) - set(tables[name]["columns"])
        assert not missing, (name, missing)
    (response,) = fetch(public_db, "/-/metadata.json")
    assert response.json()["title"] == "Pantau LKK"


def test_events_table_default_facets(public_db: Path) -> None:
    (response,) = fetch(public_db, "/lkk_test/events.json?_extra=facet_results")
    facets = response.json()["facet_results"]
    facets = facets.get("results", facets)
    assert {"province", "city", "event_type", "institutions", "year"} <= set(facets)
    cities = {v["value"]: v["count"] for v in facets["city"]["results"]}
    assert cities.get("Kabupaten Batang", 0) >= 1


def test_list_facet_counts_match_datasettes_array_facet(public_db: Path) -> None:
    (response,) = fetch(public_db, "/lkk_test/events.json?_facet_array=institutions&_extra=facet_results"
                                   "&event_type=pelatihan")
    facets = response.json()["facet_results"]
    facets = facets.get("results", facets)
    ours, builtin = (facets[k] for k in sorted(k for k in facets if k.startswith("institutions")))
    assert {ours["type"], builtin["type"]} == {"list", "array"}
    assert {v["value"]: v["count"] for v in ours["results"]} == {v["value"]: v["count"] for v in builtin["results"]}
    assert ours["results"] and all("_institution=" in v["toggle_url"] for v in ours["results"])


@pytest.mark.parametrize("table", ["events", "events_view"])
def test_institution_filter_matches_arraycontains(public_db: Path, table: str) -> None:
    fast, slow = fetch(public_db, f"/lkk_test/{table}.json?_institution=Posyandu&_shape=objects&_size=max",
                       f"/lkk_test/{table}.json?institutions__arraycontains=Posyandu&_shape=objects&_size=max")
    ids = {r["id"] for r in fast.json()["rows"]}
    assert ids and ids == {r["id"] for r in slow.json()["rows"]}


def test_facet_and_search_on_the_distinct_events_view(public_db: Path) -> None:
    base = "/lkk_test/events_view.json?_shape=objects"
    everything, posyandu, search = fetch(
        public_db, base, base + "&_facet_array=institutions&institutions__arraycontains=Posyandu",
        base + "&_search=dilatih")
    total = everything.json()["filtered_table_rows_count"]
    assert 0 < posyandu.json()["filtered_table_rows_count"] < total
    assert any(r["id"] == _event_id(public_db) for r in search.json()["rows"])


def test_stemmed_search_finds_every_form(public_db: Path) -> None:
    dilatih, latihan, exact = fetch(
        public_db, "/lkk_test/articles.json?_shape=array&_search=dilatih",
        "/lkk_test/articles.json?_shape=array&_search=latihan",
        '/lkk_test/articles.json?_shape=array&_search="ikuti pembekalan"')
    assert URL in {r["url"] for r in dilatih.json()}
    assert URL in {r["url"] for r in latihan.json()}
    assert [r["url"] for r in exact.json()] == [URL]


def test_search_events_query_highlights_snippets(public_db: Path) -> None:
    as_json, as_html = fetch(public_db, "/lkk_test/search_events.json?_shape=array&q=dilatih+posyandu",
                             "/lkk_test/search_events?q=dilatih+posyandu")
    rows = as_json.json()
    assert rows and rows[0]["event_id"] == _event_id(public_db)
    assert "«" in rows[0]["snippet"]
    assert "<mark>" in as_html.text


QUERY_PARAMS = {
    "search_events": "q=pelatihan", "search_articles": "q=pelatihan", "official_activity": "name=bupati",
    "trainings_per_city_year": "institution=Posyandu&event_type=pelatihan",
}


@pytest.mark.parametrize("name", sorted(load_metadata()["databases"]["events"]["queries"]))
def test_every_canned_query_answers(public_db: Path, name: str) -> None:
    params = QUERY_PARAMS.get(name, "")
    (response,) = fetch(public_db, f"/lkk_test/{name}.json?_shape=array&{params}")
    assert response.status_code == 200, response.text[:300]
    if name != "new_events_this_week":  # the sample events were first seen just now, but keep it honest:
        assert response.json(), name


def test_new_events_this_week_lists_fresh_events(public_db: Path) -> None:
    (response,) = fetch(public_db, "/lkk_test/new_events_this_week.json?_shape=array")
    assert len(response.json()) >= 1


def test_researcher_question_trainings_per_city_year(public_db: Path) -> None:
    (response,) = fetch(public_db, "/lkk_test/trainings_per_city_year.json?_shape=array&institution=posyandu"
                                   "&event_type=pelatihan")
    batang = [r for r in response.json() if r["city"] == "Kabupaten Batang" and r["year"] == 2022]
    assert batang and batang[0]["participants"] >= 85


def test_journalist_question_what_did_the_regent_open(public_db: Path) -> None:
    (response,) = fetch(public_db, "/lkk_test/official_activity.json?_shape=array&name=Slamet+Purnomo"
                                   "&month=2022-11&action=opened")
    rows = response.json()
    assert rows and rows[0]["source_article"] == URL
    assert "dibuka oleh Bupati Batang" in rows[0]["sentence"]


def test_atom_and_ics_feeds(public_db: Path) -> None:
    atom, ics = fetch(public_db, "/lkk_test/events_feed.atom", "/lkk_test/events_calendar.ics")
    assert atom.status_code == 200 and "<entry>" in atom.text and "tag:pantau-lkk" in atom.text
    assert ics.status_code == 200 and "BEGIN:VEVENT" in ics.text and "SUMMARY:" in ics.text


def test_plugins_map_and_charts_present(public_db: Path) -> None:
    plugins, page = fetch(public_db, "/-/plugins.json", "/lkk_test/events_view")
    names = {p["name"] for p in plugins.json()}
    assert {"datasette-cluster-map", "datasette-vega", "datasette-atom", "datasette-ics"} <= names
    assert {"lkk_search.py", "lkk_event.py", "lkk_metadata.py"} <= names
    assert "datasette-cluster-map" in page.text or "cluster-map" in page.text
    assert "datasette_vega" in page.text


def test_event_page_shows_facts_evidence_officials_sources(public_db: Path) -> None:
    event_id = _event_id(public_db)
    page, missing, table = fetch(public_db, f"/-/event/{event_id}", "/-/event/doesnotexist",
                                 "/lkk_test/events_view")
    assert page.status_code == 200
    html = page.text
    assert "<mark>Sebanyak 85 kader</mark> hadir sejak pagi." in html
    assert "Gedung Serbaguna Kecamatan Warungasem" in html
    assert "Slamet Purnomo" in html and "Bupati Batang" in html and "opened" in html
    assert f'href="{URL}"' in html
    assert "Posyandu" in html and "PKK" in html
    assert missing.status_code == 404
    assert f"/-/event/{event_id}" in table.text  # ids link to the event page


def test_merged_event_page_lists_every_source(public_db: Path) -> None:
    (response,) = fetch(public_db, "/lkk_test/events.json?_shape=array&sources_count__gt=1&_size=1")
    merged = response.json()[0]
    (page,) = fetch(public_db, f"/-/event/{merged['id']}")
    assert page.text.count('class="source-link"') == merged["sources_count"]


def test_read_only(public_db: Path) -> None:
    write, pragma = fetch(public_db, "/lkk_test.json?sql=insert+into+sources+(name)+values+('x')",
                          "/lkk_test.json?sql=delete+from+events")
    assert write.status_code == 400 and pragma.status_code == 400
    (count,) = fetch(public_db, "/lkk_test/sources.json?_shape=array&name=x")
    assert count.json() == []
