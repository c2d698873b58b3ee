"""How the published database is served: Datasette's command line and an in-process instance for tests."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
METADATA = ROOT / "datasette_metadata.json"
TEMPLATES = ROOT / "templates"
PLUGINS = ROOT / "datasette_plugins"
STATIC = ROOT / "static"

# Facet suggestions off and tight limits keep every page fast at 100k articles.
SETTINGS: dict[str, Any] = {
    "sql_time_limit_ms": 3000,
    "default_page_size": 50,
    "max_returned_rows": 1000,
    "suggest_facets": False,
    "facet_time_limit_ms": 500,
    "allow_download": True,
    "allow_csv_stream": True,
    "default_cache_ttl": 60,
    "num_sql_threads": 3,
    "cache_size_kb": 65536,
    "truncate_cells_html": 300,  # article texts are long: table pages show the start, the row page all of it
}


def _setting_text(value: Any) -> str:
    """A setting as the command line spells it."""
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


def datasette_argv(db: Path, host: str = "127.0.0.1", port: int = 8001) -> list[str]:
    """The full argv to serve `db` read-only (immutable) with the project's metadata, templates and plugins."""
    argv = [
        sys.executable, "-m", "datasette", "serve", "-i", str(Path(db).resolve()),
        "--host", host, "--port", str(port),
        "--metadata", str(METADATA), "--template-dir", str(TEMPLATES), "--plugins-dir", str(PLUGINS),
    ]
    if STATIC.is_dir():
        argv += ["--static", f"static:{STATIC}"]
    for name, value in SETTINGS.items():
        argv += ["--setting", name, _setting_text(value)]
    return argv


def load_metadata() -> dict[str, Any]:
    """The project's Datasette metadata."""
    return json.loads(METADATA.read_text(encoding="utf-8"))


def make_datasette(db: Path) -> Any:
    """An in-process Datasette configured exactly as `datasette_argv` serves it (tests, benchmarks)."""
    from datasette.app import Datasette

    return Datasette(
        immutables=[str(Path(db).resolve())], metadata=load_metadata(), template_dir=str(TEMPLATES),
        plugins_dir=str(PLUGINS), settings=dict(SETTINGS),
        static_mounts=[("static", str(STATIC))] if STATIC.is_dir() else None,
    )


def _signature(path: Path) -> tuple[int, int, int] | None:
    """Identity of a file (inode, size, mtime); None while it is missing."""
    try:
        st = Path(path).stat()
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def serve_until_stopped(db: Path, host: str = "127.0.0.1", port: int = 8001, poll_seconds: float = 5.0,
                        stop: threading.Event | None = None) -> int:
    """Run Datasette on `db`, restarting it when publish swaps in a new file; return its exit code."""
    # Datasette keeps its connections to the file it opened; publish replaces the file (new inode), so a
    # restart is what makes the new data visible.
    stop = stop or threading.Event()
    seen = _signature(db)
    process = subprocess.Popen(datasette_argv(db, host, port), cwd=ROOT)
    try:
        while not stop.wait(poll_seconds):
            if process.poll() is not None:
                return process.returncode
            now = _signature(db)
            if now is not None and now != seen:
                seen = now
                log.info("%s was republished: restarting Datasette", db)
                process.terminate()
                process.wait(timeout=30)
                process = subprocess.Popen(datasette_argv(db, host, port), cwd=ROOT)
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
