"""Nightly over the sample sites: a first run, a run with nothing new, and a run with 10% new articles.

    .venv/bin/python benchmarks/bench_nightly.py

Prints wall time, requests served by the sample sites (article pages among them) and peak memory of each run.
"""

from __future__ import annotations

import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from samples.server import SampleSites  # noqa: E402


def run_nightly(sources: Path, db: Path, logs: Path) -> tuple[float, int, float]:
    """One nightly in a child process: seconds, exit status, peak RSS of children (MB)."""
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, str(ROOT / "pipeline.py"), "--log-dir", str(logs), "nightly",
                           "--sources", str(sources), "--db", str(db)], capture_output=True, text=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return time.perf_counter() - started, proc.returncode, peak


def main() -> None:
    """Run the three nightly scenarios and print a table."""
    with tempfile.TemporaryDirectory() as tmp, SampleSites(base_port=0) as sites:
        tmp_path = Path(tmp)
        sources = sites.write_sources(tmp_path / "sources.toml")
        db = tmp_path / "w.db"
        known = set()
        rows = []
        for label in ("first run", "nothing new", "10% new"):
            if label == "10% new":
                per_site = max(1, round(0.1 * len(known) / len(sites.base_urls)))
                for site in sites.base_urls:
                    sites.add_articles(site, per_site)
            sites.reset_requests()
            seconds, code, peak = run_nightly(sources, db, tmp_path / "logs")
            paths = [path for _, path in sites.requests]
            article_hits = [p for p in paths if p in known]
            rows.append((label, seconds, len(paths), len(article_hits), code, peak))
            con = sqlite3.connect(db)
            known = {urlsplit(u).path for (u,) in con.execute("select url from articles")}
            con.close()
        print(f"{'scenario':<14}{'seconds':>9}{'requests':>10}{'known articles re-fetched':>27}{'exit':>6}"
              f"{'peak MB':>9}")
        for label, seconds, requests, refetched, code, peak in rows:
            print(f"{label:<14}{seconds:>9.1f}{requests:>10}{refetched:>27}{code:>6}{peak:>9.0f}")


if __name__ == "__main__":
    main()
