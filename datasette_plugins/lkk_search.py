"""SQL functions for Indonesian search: stem(text), fts_expand(query), and a stemming escape_fts for `_search`."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from datasette import hookimpl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository root, for `store`

from store.search import expand_query, stem_text


def _forms_lookup(conn: sqlite3.Connection) -> Callable[[str], list[str]]:
    """Words of the corpus sharing a stem, read from this connection's search_words table when it has one."""
    state: dict[str, bool] = {}

    def forms_of(stem: str) -> list[str]:
        if "has_words" not in state:
            state["has_words"] = conn.execute(
                "select 1 from sqlite_master where type = 'table' and name = 'search_words'").fetchone() is not None
        if not state["has_words"]:
            return []
        return [r[0] for r in conn.execute("select word from search_words where stem = ? limit 100", [stem])]

    return forms_of


# trylast: runs after Datasette's own prepare_connection, so this escape_fts replaces the built-in one and
# ?_search= on any table stems the user's words too.
@hookimpl(trylast=True)
def prepare_connection(conn: sqlite3.Connection) -> None:
    """Register the search functions on every connection Datasette opens."""
    forms_of = _forms_lookup(conn)
    conn.execute("PRAGMA mmap_size = 1073741824")  # read pages of the (immutable) file without a syscall each

    def fts_expand(query: str | None) -> str:
        return expand_query(query, forms_of)

    conn.create_function("stem", 1, stem_text, deterministic=True)
    conn.create_function("fts_expand", 1, fts_expand)
    conn.create_function("escape_fts", 1, fts_expand)
