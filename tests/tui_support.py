"""Fixtures for the TUI tests: the sample page as a store, with figures made here.

The figures come from a small deterministic pattern in this file, not from the
extractor (another branch), so the tests and snapshots do not move when it changes.
"""
from __future__ import annotations

import re
from pathlib import Path

from parktui.ingest.page import parse_page
from parktui.locations import sample_page
from parktui.store import Store, write_store_file

_FIG = re.compile(r"(近|约)?(\d+(?:\.\d+)?)(亿元|万元|%|个|家|批次|余天|天)")
_SCALE = {"亿元": 1e8, "万元": 1e4}


def _figures(article: dict) -> list[dict]:
    text = article["text"]
    out = []
    for m in _FIG.finditer(text):
        number, unit_raw = float(m.group(2)), m.group(3)
        value = number * _SCALE.get(unit_raw, 1)
        unit = {"亿元": "元", "万元": "元", "余天": "天"}.get(unit_raw, unit_raw)
        before = text[max(0, m.start() - 12):m.start()]
        clause = re.split(r"[，。；、,;：:“”\n]", before)[-1]
        growth = "增长" in clause
        kind = ("growth" if growth else "share") if unit == "%" else (
            "amount" if unit == "元" else "duration" if unit == "天" else "count")
        metric = re.sub(r"^(全年预计完成|预计完成|同比增长|同比|完成|实现|累计|已推进|拜访|开展)", "", clause)
        s = max(text.rfind("。", 0, m.start()) + 1, text.rfind("\n", 0, m.start()) + 1)
        e = text.find("。", m.end())
        out.append({
            "raw": m.group(0), "value": value, "unit": unit,
            "qualifier": "approx" if m.group(1) else ("over" if unit_raw == "余天" else ""),
            "low": None, "high": None, "kind": kind, "metric": metric if not growth else "",
            "park": article.get("park") or "", "period": "2023" if "2023" in text[s:m.start()] else "",
            "sentence": text[s:e + 1 if e >= 0 else len(text)], "start": m.start(), "end": m.end(),
        })
    return out


def sample_articles() -> list[dict]:
    articles = parse_page(sample_page().read_text(encoding="utf-8"), "sample")
    for a in articles:
        a["figures"] = _figures(a)
    return articles


def make_store(path: Path, articles: list[dict] | None = None) -> Store:
    articles = sample_articles() if articles is None else articles
    tables = {"_meta": {"1": {"schema": 1}},
              "articles": {str(i + 1): a for i, a in enumerate(articles)}}
    write_store_file(path, tables, keep_backup=False)
    return Store(path)


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
