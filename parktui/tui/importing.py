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

    app.push_screen(PathScreen("Import a page, a folder, JSON Lines, or a URL (web page or feed)", str(Path.cwd()),
                               "Enter to import · Esc cancels"), chosen)


def start_import(app, path: str) -> None:
    from parktui.ingest.fetch import is_url

    if is_url(path):  # a page or a feed on the web
        _start(app, f"Fetching {path}…", 1, path, lambda step: import_paths_of(app, [path], step))
        return
    target = Path(path)
    if not target.exists():
        app.notify(f"{target}: no such file or folder", title="import", severity="error", timeout=8)
        return
    _start(app, f"Importing {target.name or target}…", count_inputs(target), str(target),
           lambda step: import_paths_of(app, [str(target)], step))


def import_paths_of(app, paths: list[str], step):
    from parktui.importer import import_paths

    return import_paths(app.store, paths, progress=step)


def start_feeds_update(app) -> None:
    """`feeds update` with a progress bar: one step per subscribed feed."""
    from parktui.feeds import subscriptions, update_feeds
    from parktui.ingest.web import WebReader

    subs = subscriptions(app.store)
    if not subs:
        app.notify("No feeds yet. Subscribe: parktui feeds add URL", title="feeds", timeout=6)
        return

    def update(step):
        with WebReader() as web:
            return update_feeds(app.store, web, lambda result, n, total: step(result.line(), 0)).imported

    _start(app, f"Updating {len(subs)} feeds…", len(subs), "feeds update", update)


def _start(app, title: str, total: int | None, label: str, work) -> None:
    """Run `work(step)` (returns an ImportReport) in a worker behind a progress bar."""
    from parktui.tui.dialogs import ProgressScreen

    progress = ProgressScreen(title, total)
    app.push_screen(progress)
    app.run_worker(lambda: _work(app, progress, label, work), thread=True, exclusive=True, group="import",
                   name="import")


def _work(app, progress, label: str, work) -> None:
    from parktui.store import StoreError

    def step(name: str, n_articles: int) -> None:
        app.call_from_thread(progress.advance, name if not n_articles else f"{name}: {n_articles} articles")

    try:
        report = work(step)
    except StoreError as exc:
        app.call_from_thread(_finish, app, progress, None, str(exc))
        return
    except Exception as exc:  # an importer bug must not kill the app
        app.call_from_thread(_finish, app, progress, None, f"{label}: {exc}")
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
