"""The browser paints the list's first screen before every summary is loaded (a big store
reads only the shards that hold it), and that screen is the one the full list shows."""
from __future__ import annotations

import threading

from tui_support import WIDE, make_test_app, sample_articles, sync, wait_until

from parktui.store import SHARD_SPAN
from parktui.tui.article_list import sort_articles
from parktui.tui.data import Library
from parktui.tui.vtable import VirtualTable


def _articles(n: int) -> list[dict]:
    """n articles made from the sample page's, dated one day apart in import order."""
    base = sample_articles()
    out = []
    for i in range(n):
        doc = dict(base[i % len(base)], key=f"k{i}", hash=f"h{i}")
        doc["title"] = f"{doc['title']} {i}"
        doc["date"] = f"20{10 + i // 365:02d}-{1 + i // 31 % 12:02d}-{1 + i % 28:02d}"
        out.append(doc)
    return out


@sync
async def test_the_first_screen_shows_before_the_rest_is_loaded(tmp_path, monkeypatch):
    gate = threading.Event()
    real_load = Library.load_summaries

    def held_load(self):
        gate.wait(30)
        return real_load(self)

    monkeypatch.setattr(Library, "load_summaries", held_load)
    app = make_test_app(tmp_path, _articles(SHARD_SPAN * 4))
    expected = [r["id"] for r in sort_articles(app.store.summaries(), "date", True)]
    async with app.run_test(size=WIDE) as pilot:
        lst = app.main.query_one("#list", VirtualTable)
        await wait_until(pilot, lambda: "titles_painted" in app.timings, "the first titles are painted")
        assert not app.articles_ready
        assert len(lst.rows) < len(expected)  # not every shard was read
        assert [r["id"] for r in lst.rows[:40]] == expected[:40]
        assert lst.current["id"] == expected[0]
        assert lst.border_title == "Articles 1 · loading…"  # no count until every article is in
        gate.set()
        await wait_until(pilot, lambda: app.articles_ready, "every article is loaded")
        assert [r["id"] for r in lst.rows] == expected
        assert lst.current["id"] == expected[0]
        assert lst.border_title == f"Articles 1/{len(expected):,}"
        assert app.library.article(expected[-1]) is not None  # shards read meanwhile are read again whole
