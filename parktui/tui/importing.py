"""Import from inside the app: ask for a path, import in a thread worker with a progress
bar, name every rejected file in a notification, then reload the list."""
from __future__ import annotations

from pathlib import Path


def count_inputs(path: Path) -> int | None:
    """How many files the importer will read (for the progress bar's total)."""
    from parktui.ingest.sources import PAGE_SUFFIXES

    if path.is_dir():
        return sum(1 for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
                   and p.name.lower().endswith(PAGE_SUFFIXES)) or None
    return 1


def ask_and_import(app) -> None:
    from parktui.tui.dialogs import PathScreen

    def chosen(path: str | None) -> None:
        if path:
            start_import(app, path)

    app.push_screen(PathScreen("Import a page, a folder of pages, or a JSON Lines file", str(Path.cwd()),
                               "Enter to import · Esc cancels"), chosen)


def start_import(app, path: str) -> None:
    from parktui.tui.dialogs import ProgressScreen

    target = Path(path)
    if not target.exists():
        app.notify(f"{target}: no such file or folder", title="import", severity="error", timeout=8)
        return
    progress = ProgressScreen(f"Importing {target.name or target}…", count_inputs(target))
    app.push_screen(progress)
    app.run_worker(lambda: _run(app, progress, str(target)), thread=True, exclusive=True, group="import",
                   name="import")


def _run(app, progress, path: str) -> None:
    from parktui.importer import import_paths
    from parktui.store import StoreError

    def step(name: str, n_articles: int) -> None:
        app.call_from_thread(progress.advance, f"{name}: {n_articles} articles")

    try:
        report = import_paths(app.store, [path], progress=step)
    except StoreError as exc:
        app.call_from_thread(_finish, app, progress, None, str(exc))
        return
    except Exception as exc:  # an importer bug must not kill the app
        app.call_from_thread(_finish, app, progress, None, f"{path}: {exc}")
        return
    app.library.reload()
    app.library.figures()
    app.call_from_thread(_finish, app, progress, report, None)


def _finish(app, progress, report, error: str | None) -> None:
    if progress.is_current:
        app.pop_screen()
    if error:
        app.notify(error, title="import failed", severity="error", timeout=10)
        return
    for exc in report.errors:
        app.notify(str(exc), title="import: file rejected", severity="error", timeout=10)
    app.notify(report.summary(), title="import", severity="warning" if report.errors else "information",
               timeout=6)
    app.main.summaries_loaded()
