"""Benchmark the published Datasette at scale: build time, file size, and HTTP latency of search, facets, queries.

    .venv/bin/python benchmarks/bench_datasette.py [--articles 100000] [--events 20000] [--requests 30]

Generates a synthetic corpus (store.sample), builds and publishes it the way `build` does, starts a real
`python -m datasette` on a free local port with the project's argv, and times each page over HTTP.
Targets: full-text search p95 <= 100 ms, faceted events page p95 <= 200 ms. `cpu ms` is the server's CPU time
per request, which stays meaningful when other work shares the machine (latency then grows with the load).
With --reuse DIR, an earlier --dir build is served again without rebuilding.
"""

from __future__ import annotations

import argparse
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from records import Source
from store.db import article_hash, now_iso, open_db, upsert_sources
from store.events import merge_events, refresh_search, save_results
from store.publish import publish
from store.sample import sample_corpus
from store.serve import ROOT, datasette_argv, load_metadata

TARGETS_MS = {"search": 100, "facets": 200}
QUERY_PARAMS = {
    "search_events": {"q": "dilatih posyandu"},
    "search_articles": {"q": "pelatihan"},
    "official_activity": {"name": "wali kota"},
    "trainings_per_city_year": {"institution": "LPM", "event_type": "pelatihan"},
}


def timed(label: str, timings: dict[str, float], step: Callable[[], Any]) -> Any:
    """Run a step, remember its duration."""
    start = time.perf_counter()
    result = step()
    timings[label] = time.perf_counter() - start
    print(f"  {label:<28} {timings[label]:8.1f} s", flush=True)
    return result


def build(folder: Path, n_articles: int, n_events: int) -> tuple[Path, dict[str, float]]:
    """Generate, store, extract-save, merge, index and publish a corpus; return the public file and timings."""
    timings: dict[str, float] = {}
    pairs = timed("generate corpus", timings, lambda: list(sample_corpus(n_articles, n_events, seed=42)))
    db = open_db(folder / "events.db")
    upsert_sources(db, [Source(name, f"https://{name}.example.id/") for name in sorted({a.source for a, _ in pairs})])

    def load_articles() -> None:
        rows = ({"url": a.url, "source": a.source, "title": a.title, "published": a.published, "text": a.text,
                 "fetched_at": now_iso(), "content_hash": article_hash(a)} for a, _ in pairs)
        with db.atomic():
            db["articles"].insert_all(rows, batch_size=2000)

    timed("store articles", timings, load_articles)
    timed("save_results", timings, lambda: save_results(db, pairs, "bench"))
    timed("merge_events", timings, lambda: merge_events(db))
    timed("refresh_search (first)", timings, lambda: refresh_search(db))
    timed("refresh_search (again)", timings, lambda: refresh_search(db))
    db.close()
    public = timed("publish", timings, lambda: publish(folder / "events.db"))
    return public, timings


def free_port() -> int:
    """A local TCP port that is free now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, float]:
    """Status and milliseconds of one GET."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    return status, (time.perf_counter() - start) * 1000


def pages(first_event: str) -> list[tuple[str, str, str]]:
    """(kind, label, path) of every page measured."""
    found = [
        ("search", "articles ?_search=dilatih", "/events/articles?_search=dilatih"),
        ("search", "articles ?_search=pelatihan lpm", "/events/articles?_search=pelatihan+lpm"),
        ("search", "events_view ?_search=sosialisasi", "/events/events_view?_search=sosialisasi"),
        ("facets", "events (default facets)", "/events/events"),
        ("facets", "events_view (default facets)", "/events/events_view"),
        ("facets", "events city=Kota Tegal + facets", "/events/events?city=Kota+Tegal"),
        ("facets", "events _institution=LPM + facets", "/events/events?_institution=LPM"),
        ("facets", "events_view LPM + pelatihan + facets", "/events/events_view?_institution=LPM&event_type=pelatihan"),
        ("facets", "events arraycontains=LPM (builtin)", "/events/events?institutions__arraycontains=LPM"),
        ("page", "event page", f"/-/event/{first_event}"),
        ("page", "officials table", "/events/officials"),
        ("feed", "events_feed.atom", "/events/events_feed.atom"),
        ("feed", "events_calendar.ics", "/events/events_calendar.ics"),
    ]
    for name in load_metadata()["databases"]["events"]["queries"]:
        params = urllib.parse.urlencode(QUERY_PARAMS.get(name, {}))
        kind = "search" if name.startswith("search") else "query"
        found.append((kind, f"query {name}", f"/events/{name}?{params}"))
    return found


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far, from /proc (0 where there is no /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(base: str, first_event: str, requests: int, pid: int) -> list[dict[str, Any]]:
    """Latency percentiles of each page, and the server's CPU time per request (steady even on a busy machine)."""
    results = []
    for kind, label, path in pages(first_event):
        for _ in range(2):
            get(base + path)  # warm the page cache and Datasette's schema caches
        samples, statuses = [], set()
        cpu_before = cpu_seconds(pid)
        for _ in range(requests):
            status, ms = get(base + path)
            samples.append(ms)
            statuses.add(status)
        cpu = (cpu_seconds(pid) - cpu_before) * 1000 / requests
        samples.sort()
        results.append({"kind": kind, "label": label, "status": ",".join(map(str, sorted(statuses))), "cpu": cpu,
                        "p50": statistics.median(samples), "p95": samples[max(0, int(len(samples) * 0.95) - 1)]})
    return results


def report(public: Path, timings: dict[str, float], results: list[dict[str, Any]]) -> bool:
    """Print the tables; return whether the targets were met."""
    print(f"\npublic file: {public.stat().st_size / 1e6:.1f} MB   build total: {sum(timings.values()):.1f} s")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    print(f"\n{'kind':<7} {'page':<40} {'status':<7} {'p50 ms':>8} {'p95 ms':>8} {'cpu ms':>7}  target")
    ok = True
    for r in results:
        target = TARGETS_MS.get(r["kind"])
        verdict = "" if target is None else ("ok" if r["p95"] <= target else f"MISSED (<= {target})")
        ok &= not verdict.startswith("MISSED") and r["status"] == "200"
        print(f"{r['kind']:<7} {r['label']:<40} {r['status']:<7} {r['p50']:8.1f} {r['p95']:8.1f} {r['cpu']:7.1f}  "
              f"{verdict}")
    return ok


def main() -> int:
    """Build, serve, measure, report."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--dir", type=Path, help="keep the databases here instead of a temporary folder")
    parser.add_argument("--reuse", type=Path, help="serve the public file of an earlier --dir build, no rebuild")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.reuse:
            public, timings = args.reuse / "public" / "events.db", {}
            if not public.exists():
                parser.error(f"{public} does not exist: build it first with --dir {args.reuse}")
        else:
            folder = args.dir or Path(tmp)
            folder.mkdir(parents=True, exist_ok=True)
            print(f"building {args.articles} articles / {args.events} events in {folder}")
            public, timings = build(folder, args.articles, args.events)
        results = serve_and_measure(public, args.requests)
        return 0 if report(public, timings, results) else 1


def serve_and_measure(public: Path, requests: int) -> list[dict[str, Any]]:
    """Start `python -m datasette` as `serve` does, wait for it, measure every page, stop it."""
    port = free_port()
    server = subprocess.Popen(datasette_argv(public, port=port), cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if get(base + "/-/versions.json")[0] == 200:
                    break
            except OSError:
                time.sleep(0.3)
        with sqlite3.connect(public) as conn:
            first_event = conn.execute("select id from events where sources_count > 1 limit 1").fetchone()[0]
        return measure(base, first_event, requests, server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
