"""Apply the metadata written for the `events` database to a database of any file name."""

from __future__ import annotations

import copy
from typing import Any

from datasette import hookimpl

TEMPLATE_DATABASE = "events"


@hookimpl
def get_metadata(datasette: Any, key: str | None, database: str | None, table: str | None) -> dict[str, Any]:
    """The `events` database's tables, facets and canned queries for every other served database."""
    local = (getattr(datasette, "_metadata_local", None) or {}).get("databases") or {}
    template = local.get(TEMPLATE_DATABASE)
    if not template:
        return {}
    names = [n for n in datasette.databases if n not in local and not n.startswith("_")]
    return {"databases": {name: copy.deepcopy(template) for name in names}}
