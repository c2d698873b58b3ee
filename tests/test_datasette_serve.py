"""A served public file that publish replaces is picked up by serve_until_stopped."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.request
from pathlib import Path

from store.publish import publish
from store.sample import build_database, sample_corpus
from store.serve import serve_until_stopped


def _free_port() -> int:
    """A local TCP port that is free now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _event_count(url: str, deadline: float) -> int | None:
    """Events the server reports, polling until it answers or the deadline passes."""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return json.loads(response.read())[0]["n"]
        except OSError:
            time.sleep(0.2)
    return None


def test_republished_file_is_served_after_restart(tmp_path: Path) -> None:
    work = build_database(tmp_path / "events.db", sample_corpus(30, 10, seed=1))
    public = publish(work)
    port = _free_port()
    stop = threading.Event()
    codes: list[int] = []
    thread = threading.Thread(target=lambda: codes.append(serve_until_stopped(public, port=port, poll_seconds=0.3,
                                                                               stop=stop)))
    thread.start()
    url = f"http://127.0.0.1:{port}/events.json?sql=select+count(*)+as+n+from+events&_shape=array"
    try:
        assert _event_count(url, time.monotonic() + 30) == 10
        build_database(work, sample_corpus(90, 40, seed=2))  # more articles arrive in the working db
        publish(work)
        deadline = time.monotonic() + 40
        count = None
        while time.monotonic() < deadline:
            count = _event_count(url, deadline)
            if count and count > 10:
                break
            time.sleep(0.3)
        assert count is not None and count > 10
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive() and codes == [0]
