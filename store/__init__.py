"""The storage layer: the only code that writes SQLite."""

from store.db import open_db

__all__ = ["open_db"]
