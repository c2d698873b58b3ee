"""An exclusive run lock that a crashed run cannot leave behind."""

from __future__ import annotations

import fcntl
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO


class LockHeld(RuntimeError):
    """Another live process holds the lock."""


@dataclass
class RunLock:
    """flock-based lock file holding the owner's pid; the kernel frees it when the owner dies."""

    path: Path
    handle: IO[str] | None = None
    stale_cleared: dict | None = None

    def acquire(self) -> RunLock:
        """Take the lock or raise LockHeld naming the holder."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the run's lifetime
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = read_holder(self.path)
            handle.close()
            raise LockHeld(
                f"another nightly run holds {self.path} (pid {holder.get('pid', '?')}, "
                f"started {holder.get('started_at', '?')})"
            ) from None
        previous = read_holder(self.path)
        if previous.get("pid") and previous["pid"] != os.getpid():
            # The file survived a run that died without releasing (SIGKILL, reboot).
            self.stale_cleared = previous
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "started_at": datetime.now(UTC).isoformat()}))
        handle.flush()
        self.handle = handle
        return self

    def release(self) -> None:
        """Empty the lock file and free the lock."""
        if self.handle is None:
            return
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.flush()
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()
        self.handle = None

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def read_holder(path: Path) -> dict:
    """The pid and start time written by the lock's last holder, if any."""
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
