"""Helpers for end-to-end tests that run pipeline.py in a child process."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pipeline(args: list[str], log_dir: Path, **kwargs: Any) -> subprocess.Popen:
    """Start pipeline.py in its own process group (so a kill reaches the crawler child too)."""
    return subprocess.Popen([sys.executable, str(ROOT / "pipeline.py"), "--log-dir", str(log_dir), *args],
                            cwd=ROOT, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, **kwargs)


def kill_group(proc: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    """Send a signal to a child's whole process group and reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, sig)
    proc.wait(30)


def get_json(url: str, timeout: float = 30) -> Any:
    """GET a URL and decode its JSON."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read().decode("utf-8"))


def wait_for(url: str, proc: subprocess.Popen, timeout: float) -> None:
    """Wait until url answers, failing with the child's output if it dies first."""
    from pipeline import CliError, wait_for_http

    try:
        wait_for_http(url, timeout, server=proc)
    except CliError as err:
        out, errs = proc.communicate() if proc.poll() is not None else ("", "")
        raise AssertionError(f"{err}\n{(out or '')[-3000:]}\n{(errs or '')[-3000:]}") from None


def wait_for_log(log_file: Path, marker: str, proc: subprocess.Popen, timeout: float = 300) -> None:
    """Wait until the rotating log holds a marker line."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log_file.exists() and marker in log_file.read_text(encoding="utf-8", errors="replace"):
            return
        if proc.poll() is not None:
            raise AssertionError(f"exited {proc.returncode} before logging {marker!r}: {proc.stderr.read()[-2000:]}")
        time.sleep(0.05)
    raise AssertionError(f"{marker!r} never logged")


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Gold lines of the sample articles."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
