"""The TUI's data layer and text helpers (no Textual)."""
from __future__ import annotations

import pytest
from rich.cells import cell_len

from parktui.cjk import NO_START, fit, wrap, wrap_offsets
from parktui.store import SHARD_SPAN, Store
from parktui.tui.data import Library

PARA = ("石河子经开区全年预计完成固定资产投资140亿元，同比增长33.3%；招商引资实物量105亿元，同比增长8.5%。"
        "这些数据是石河子经开区综合实力不断提升、产业结构不断调整、营商环境持续优化的结果，也是石河子经开区勇攀高峰的底气所在。")


@pytest.mark.parametrize("width", [10, 17, 20, 31, 40, 63, 64])
def test_wrap_fills_lines_and_keeps_every_character(width):
    lines = wrap(PARA, width)
    assert "".join(lines) == PARA
    assert all(cell_len(line) <= width for line in lines)
    # no ragged gaps: every line but the last is nearly full (kinsoku moves ≤ 2 chars)
    assert all(cell_len(line) >= width - 6 for line in lines[:-1])
    assert not any(line[0] in NO_START for line in lines[1:])


def test_wrap_keeps_numbers_whole():
    lines = wrap(PARA, 19)
    for number in ("140", "33.3%", "105", "8.5%"):
        assert any(number in line for line in lines), (number, lines)


@pytest.mark.parametrize("width", range(56, 64))
def test_wrap_keeps_a_number_whole_when_closing_punctuation_follows(width):
    text = "从来源地看，沙特阿拉伯、法国、韩国实际对华投资分别增长343.7%、36.1%、15.8%。"
    lines = wrap(text, width)
    assert "".join(lines) == text
    assert not any(line.endswith(("343.", "343")) for line in lines)


def test_wrap_offsets_map_back_to_text_and_newlines_break():
    text = "第一段。\n第二段很长很长很长很长很长很长。"
    ranges = wrap_offsets(text, 8)
    assert [text[a:b] for a, b in ranges][0] == "第一段。"
    assert all("\n" not in text[a:b] for a, b in ranges)


def test_fit_never_halves_a_wide_character():
    for width in range(1, 16):
        out = fit("强健产业筋骨 优化发展环境", width)
        assert cell_len(out) == width
    assert fit("强健产业筋骨", 7) == "强健产…"
    assert fit("ab", 5, "right") == "   ab"


def _store(tmp_path, articles):
    store = Store(tmp_path / "s.json")
    store.add_articles(articles)
    return store


def test_library_lists_summaries_and_reads_one_shard_per_opened_article(tmp_path, monkeypatch):
    store = _store(tmp_path, [{"title": f"t{i}", "text": f"body {i}"} for i in range(SHARD_SPAN + 5)])
    lib = Library(store)
    rows = lib.load_summaries()
    assert len(rows) == SHARD_SPAN + 5 and "text" not in rows[0]
    read: list[list[int]] = []
    real = store.articles
    monkeypatch.setattr(store, "articles", lambda ids=None: read.append(sorted(ids or [])) or real(ids))
    assert lib.article(SHARD_SPAN + 2)["text"] == f"body {SHARD_SPAN + 1}"
    assert lib.article(SHARD_SPAN + 3)["text"] == f"body {SHARD_SPAN + 2}"  # same shard: no read
    assert len(read) == 1 and read[0][0] == SHARD_SPAN + 1


def test_library_flags_and_delete_follow_at_once(tmp_path):
    store = _store(tmp_path, [{"title": "a", "text": "甲"}, {"title": "b", "text": "乙"}])
    lib = Library(store)
    lib.load_summaries()
    lib.set_flags(2, read=True, starred=True)
    assert lib.by_id[2]["read"] and lib.by_id[2]["starred"]
    assert [r["starred"] for r in Store(store.path).summaries()] == [False, True]
    assert lib.delete(1) and [r["id"] for r in lib.summaries] == [2]
    assert not lib.changed_on_disk()


def test_library_parks_merge_aliases(tmp_path):
    store = _store(tmp_path, [
        {"title": "a", "park": "石河子经开区", "park_aliases": ["新疆石河子经济技术开发区"], "text": "x", "figures": []},  # noqa: E501
        {"title": "b", "park": "石河子经开区", "park_aliases": ["石河子经开区"], "text": "y",
         "figures": [{"raw": "3个", "value": 3, "start": 0, "end": 2}]},
        {"title": "c", "park": "", "text": "z"},
    ])
    lib = Library(store)
    lib.load_summaries()
    parks = lib.parks()
    assert [p.name for p in parks] == ["石河子经开区"]
    assert parks[0].aliases == {"新疆石河子经济技术开发区"}
    assert parks[0].article_ids == [1, 2]
    assert [r["sort"] for r in lib.figures()] == [(0, 3.0)]     # (unit rank, value)


def _dated(n: int, date_of) -> list[dict]:
    return [{"title": f"第{i}篇", "text": "园区。", "date": date_of(i), "key": f"k{i}", "hash": f"h{i}"}
            for i in range(n)]


def _newest_first(rows: list[dict]) -> list[int]:
    from parktui.tui.article_list import sort_articles

    return [r["id"] for r in sort_articles(rows, "date", True)]


@pytest.mark.parametrize("seed", range(6))
def test_the_first_screen_reads_few_shards_and_equals_the_full_sort(tmp_path, seed):
    import random

    rng = random.Random(seed)
    dates = ["", "2024-01", "2024-01-02", "2024-03-05", "2025-11-30", "2026-08-22"]
    # in import order (as news is), with rare stragglers (undated, partly dated, ties with the newest)
    articles = _dated(SHARD_SPAN * 6, lambda i: rng.choice(dates) if rng.random() < 0.004 else
                      f"20{10 + i * 16 // (SHARD_SPAN * 6)}-0{1 + i % 9}-1{i % 10}")
    store = _store(tmp_path, articles)
    every = store.summaries()
    sizes = []
    for n in (1, 40, 200):
        first = store.latest_summaries(n)
        assert first is not None and {r["id"] for r in first} <= {r["id"] for r in every}
        assert _newest_first(first)[:n] == _newest_first(every)[:n]
        sizes.append(len(first))
    assert min(sizes) < len(every)


def test_the_first_screen_reads_only_the_shards_that_hold_it(tmp_path, monkeypatch):
    import parktui.store_derived as derived

    store = _store(tmp_path, _dated(SHARD_SPAN * 8, lambda i: f"2024-{1 + i // SHARD_SPAN:02d}-01"))
    read: list[int] = []
    real = derived._shard_rows
    monkeypatch.setattr(derived, "_shard_rows", lambda snap, k, keys: read.append(k) or real(snap, k, keys))
    first = store.latest_summaries(100)
    assert read == [8] and first is not None and len(first) == SHARD_SPAN  # the newest month only


def test_without_recorded_dates_the_first_screen_is_still_exact_and_the_full_load_records_them(tmp_path):
    from parktui.store_derived import DATES

    store = _store(tmp_path, _dated(SHARD_SPAN * 3, lambda i: f"2024-0{1 + i // SHARD_SPAN}-01"))
    (store.catalog_dir / DATES).unlink()  # a store written before dates were recorded
    first = store.latest_summaries(10)
    assert first is not None and len(first) == SHARD_SPAN * 3  # every shard unknown: all read
    every = store.summaries()  # records them
    assert (store.catalog_dir / DATES).exists()
    first = store.latest_summaries(10)
    assert first is not None and len(first) == SHARD_SPAN
    assert _newest_first(first)[:10] == _newest_first(every)[:10]


def test_dates_spread_over_every_shard_load_everything_at_once(tmp_path):
    store = _store(tmp_path, _dated(SHARD_SPAN * 40, lambda i: f"2024-01-{1 + i % 28:02d}"))
    assert store.latest_summaries(200) is None  # more than FIRST_SHARDS shards hold the newest day
