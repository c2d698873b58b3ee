"""Shared test configuration: paths to the repository and to ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder beside the checkout (seeds, eval, realpages)."""
    if not SHARED.exists():
        pytest.skip("../shared is not beside this checkout")
    return SHARED
