"""Shared test configuration: paths to the repository and to ../shared."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder beside the checkout (seeds, eval, realpages)."""
    if not SHARED.exists():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def scorer(shared_dir: Path) -> ModuleType:
    """../shared/eval/score.py as a module (evaluate, load, token_f1)."""
    spec = importlib.util.spec_from_file_location("score", shared_dir / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
