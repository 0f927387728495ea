"""Fixtures for the TUI tests: a frozen store of the sample page's five articles.

`fixtures/tui_articles.json` holds the articles with their figures as they were parsed and
extracted once (plus a web address on the second), so the TUI tests and snapshots do not
change when the page parser or the figure extractor does.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from parktui.store import Store

FROZEN = Path(__file__).parent / "fixtures" / "tui_articles.json"
WIDE, NARROW = (120, 40), (80, 24)  # terminal sizes the tests run the app at


def sample_articles() -> list[dict[str, Any]]:
    articles: list[dict[str, Any]] = json.loads(FROZEN.read_text(encoding="utf-8"))
    return articles


def make_store(path: Path, articles: list[dict] | None = None) -> Store:
    articles = sample_articles() if articles is None else articles
    store = Store(path)
    store.add_articles(articles)
    return store


def make_test_app(tmp_path: Path, articles: list[dict] | None = None, config_text: str | None = None):
    """The app users get (make_app), on a temp store and a temp config folder."""
    from parktui.tui.app import make_app

    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    if config_text is not None:
        config.write_text(config_text, encoding="utf-8")
    return make_app(make_store(tmp_path / "store.json", articles), config=config)


async def settle(app, pilot, delay: float = 0.05) -> None:
    """Wait for the first load, workers and timers (debounces) and the repaint after them."""
    await first_load_begun(app, pilot)
    await pilot.pause(delay)
    await workers_done(app)
    await pilot.pause()
    await workers_done(app)
    await pilot.pause()


async def first_load_begun(app, pilot, timeout: float = 10.0) -> None:
    """Wait until the browser's load has put its first rows in the list. Its worker starts
    when the main screen mounts, which on a busy machine can come after a short pause: a
    key pressed before then found an empty list and was lost (seen in CI); once rows are in,
    `workers_done` waits for the rest of the load."""
    import time

    deadline = time.monotonic() + timeout
    while not app.main.data_loaded and time.monotonic() < deadline:
        await pilot.pause(0.02)


async def workers_done(app) -> None:
    """Wait for every worker; one cancelled by a newer one (search as you type) is fine."""
    from textual.worker import WorkerCancelled

    for worker in list(app.workers):
        try:
            await worker.wait()
        except WorkerCancelled:
            pass


def sync(fn):
    """Run an async test with asyncio.run (no async pytest plugin is installed)."""
    import asyncio
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    return wrapper


async def wait_until(pilot, condition, what: str, tries: int = 200) -> None:
    """Let the app run until `condition()` holds (no fixed sleeps: a slow machine waits longer)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out waiting until {what}")
