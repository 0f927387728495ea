"""Progress bars for the long commands (`import`, `reindex`) on standard error.

Shown only when standard error is a terminal and `--quiet` was not given: a script that
pipes or captures the output gets exactly what it got before. Two bars: the files read
(for an import) and the articles whose figures are extracted, with the rate and the
time left; then one line for the steps that have no count (storing, indexing for search).
They disappear when the work ends; the one-line summary stays.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from parktui.cli_bars import Bars


def wanted(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty()


def count_inputs(paths: list[str]) -> int:
    """How many inputs an import of `paths` reads (folders walked as the importer walks them)."""
    from parktui.ingest.sources import walk_folder

    total = 0
    for raw in paths:
        path = Path(raw)
        total += len(walk_folder(path)[0]) if raw != "-" and path.is_dir() else 1
    return total


@contextmanager
def progress_bars(enabled: bool, files: int | None = None) -> Iterator[Bars | None]:
    """Bars on standard error when `enabled`, else None (the caller passes no callbacks)."""
    if not enabled:
        yield None
        return
    from parktui.cli_bars import Bars, make_progress

    with make_progress() as progress:
        yield Bars(progress, files)
