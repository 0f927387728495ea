"""The core never imports textual: the CLI and scripts stay light and the layers stay apart.

Every module of the package is found by walking it (a new module is checked without
anyone adding it to a list) and imported alone in a fresh interpreter, whose
`sys.modules` then shows what the import really pulled in, deferred imports included.
Core is everything outside `parktui.tui`; `parktui.cli` is in it too, because it opens
the browser only when asked to. Inside `parktui.tui`, the modules the app runs in worker
threads or shares with the core are held to the same rule.
"""
from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import parktui

FORBIDDEN = "textual"
BROWSER = "parktui.tui"
MAIN = "parktui.__main__"  # importing it runs the CLI: checked by running a command instead
TEXTUAL_FREE_IN_BROWSER = ("parktui.tui", "parktui.tui.data", "parktui.tui.search_source")


def all_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(parktui.__path__, "parktui."))


def is_browser(name: str) -> bool:
    return name == BROWSER or name.startswith(BROWSER + ".")


CORE = [m for m in all_modules() if not is_browser(m) and m != MAIN]


def textual_modules_after(code: str) -> list[str]:
    """The textual modules loaded once `code` ran in a fresh interpreter."""
    probe = (f"{code}\nimport sys\n"
             f"print(' '.join(m for m in sys.modules if m == {FORBIDDEN!r} or m.startswith({FORBIDDEN + '.'!r})))")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def test_the_walk_finds_every_layer():
    """The check below is only as good as the walk: it must see the whole package."""
    found = set(all_modules())
    for name in ("parktui.cli", "parktui.store", "parktui.importer", "parktui.doctor", "parktui.repair",
                 "parktui.search.index", "parktui.search.engine", "parktui.figures.extract",
                 "parktui.ingest.page", "parktui.tui.app", MAIN):
        assert name in found
    assert len(CORE) >= 30


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module):
    leaked = textual_modules_after(f"import {module}")
    assert not leaked, f"importing {module} loads {leaked[:3]}…"


@pytest.mark.parametrize("module", TEXTUAL_FREE_IN_BROWSER)
def test_browser_data_modules_do_not_import_textual(module):
    leaked = textual_modules_after(f"import {module}")
    assert not leaked, f"importing {module} loads {leaked[:3]}…"


def test_a_cli_command_does_not_import_textual(tmp_path):
    """`parktui import --sample` runs the importer, the figures and the search index."""
    db = tmp_path / "store.json"
    leaked = textual_modules_after(
        "import runpy, sys\n"
        f"sys.argv = ['parktui', '--db', {str(db)!r}, 'import', '--sample']\n"
        "try:\n"
        "    runpy.run_module('parktui', run_name='__main__')\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code")
    assert db.exists()
    assert not leaked, f"parktui import loads {leaked[:3]}…"


def test_the_check_sees_textual_where_it_is_imported():
    assert FORBIDDEN in textual_modules_after("import parktui.tui.app")


def test_a_piped_one_page_import_loads_no_pool_and_no_progress_bars(tmp_path):
    """What a small import does not use, it does not load: the process pool (which brings
    multiprocessing) starts only for many articles, the bars only on a terminal."""
    db = tmp_path / "store.json"
    probe = ("import runpy, sys\n"
             f"sys.argv = ['parktui', '--db', {str(db)!r}, 'import', '--sample']\n"
             "try:\n"
             "    runpy.run_module('parktui', run_name='__main__')\n"
             "except SystemExit as exc:\n"
             "    assert exc.code == 0, exc.code\n"
             "print(' '.join(m for m in ('concurrent.futures.process', 'rich.progress') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert db.exists() and proc.stdout.split() == []
