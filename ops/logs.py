"""Logging to a rotating file, and to the terminal only when someone is watching."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class OneLineFormatter(logging.Formatter):
    """Console lines without tracebacks: those go to the log file only."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname}: {record.getMessage()}"


def setup_logging(log_dir: Path | None, verbose: bool = False) -> Path | None:
    """Log INFO+ to log_dir/pantau.log (rotated, 5 x 5 MB) and warnings to stderr."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        root.removeHandler(handler)
    log_file = None
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        log_file = log_dir / "pantau.log"
        file_handler = logging.handlers.RotatingFileHandler(log_file, maxBytes=5_000_000, backupCount=5,
                                                            encoding="utf-8")
        file_handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(file_handler)
    console = logging.StreamHandler(sys.stderr)
    # Under cron nobody reads INFO lines; in a terminal they are the progress display.
    console.setLevel(logging.DEBUG if verbose else (logging.INFO if sys.stderr.isatty() else logging.WARNING))
    console.setFormatter(OneLineFormatter())
    root.addHandler(console)
    for noisy in ("scrapy", "twisted", "filelock", "urllib3", "asyncio"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    for chatty in ("trafilatura", "htmldate", "courlan"):  # warn about every odd page; ours report per line
        logging.getLogger(chatty).setLevel(logging.ERROR)
    return log_file


def rotate_if_large(path: Path, max_bytes: int = 5_000_000, backups: int = 5) -> Path:
    """Roll a log written by another process (the crawler child) before it grows past max_bytes."""
    if path.exists() and path.stat().st_size > max_bytes:
        for i in range(backups - 1, 0, -1):
            older = path.with_name(f"{path.name}.{i}")
            if older.exists():
                older.replace(path.with_name(f"{path.name}.{i + 1}"))
        path.replace(path.with_name(f"{path.name}.1"))
    return path
