"""What the snapshot tests share: the two terminal sizes and the folder the SVGs live in."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest_textual_snapshot

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
SNAPSHOTS = Path(__file__).parent / "snapshots"


class SnapshotsHere(pytest_textual_snapshot.SVGImageExtension):
    """Snapshots in tests/snapshots/<test file>/, whichever folder pytest runs from."""

    @classmethod
    def dirname(cls, *, test_location: Any) -> str:
        return str(SNAPSHOTS / test_location.basename)
