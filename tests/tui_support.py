"""Fixtures for the TUI tests: the sample page as a store, parsed and extracted by the
same code `parktui import` runs."""
from __future__ import annotations

from pathlib import Path

from parktui.importer import with_figures
from parktui.ingest.page import parse_page
from parktui.locations import sample_page
from parktui.store import Store


def sample_articles() -> list[dict]:
    articles = parse_page(sample_page().read_text(encoding="utf-8"), "sample")
    return [with_figures(a) for a in articles]


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
    """Wait for workers and timers (debounces) and the repaint after them."""
    await pilot.pause(delay)
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def sync(fn):
    """Run an async test with asyncio.run (no async pytest plugin is installed)."""
    import asyncio
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    return wrapper
