"""One figure-condition rule: `parktui search '… >20%'` and the figures filter agree."""
import json

import pytest

from parktui.figure_table import AmountError, Condition, FigureFilter, add_sort_keys, figure_rows, parse_condition
from parktui.importer import import_paths
from parktui.search import search
from parktui.store import Store

TEXTS = {
    "百分点": "今年以来，全区固定资产投资增速提高25个百分点。",
    "百分比": "今年以来，全区固定资产投资同比增长25%。",
    "小幅": "今年以来，全区固定资产投资同比增长5%。",
    "电量": "全社会用电量103682亿千瓦时。",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cond")
    src = tmp / "in.jsonl"
    src.write_text("\n".join(json.dumps({"title": t, "text": x, "date": "2024-05-01"}, ensure_ascii=False)
                             for t, x in TEXTS.items()), encoding="utf-8")
    st = Store(tmp / "store.json")
    import_paths(st, [str(src)])
    return st


@pytest.mark.parametrize("cond", [">20%", ">=25%", "<10%", ">20个百分点", ">1万亿千瓦时", ">1万亿", "=25%"])
def test_search_and_filter_give_the_same_articles(store, cond):
    flt = FigureFilter(condition=parse_condition(cond))
    by_filter = {r["article_title"] for r in figure_rows(store.articles()) if flt.accepts(r)}
    by_search = {h.title for h in search(store, cond, limit=0)}
    assert by_search == by_filter


def test_percent_is_not_percentage_points(store):
    flt = FigureFilter(condition=parse_condition(">20%"))
    assert {r["article_title"] for r in figure_rows(store.articles()) if flt.accepts(r)} == {"百分比"}


def test_conditions():
    assert parse_condition(">100亿") == Condition(">", 1e10, "")
    assert parse_condition("1万千瓦时") == Condition(">=", 1e4, "千瓦时")
    assert parse_condition("<5万元").accepts(40_000, "元")
    assert not parse_condition("<5万元").accepts(40_000, "美元")
    assert not parse_condition(">1").accepts(None, "")
    with pytest.raises(AmountError):
        parse_condition(">abc")


def test_sort_keys_compare_within_one_unit():
    rows = [{"value": 2185 * 10**20, "unit": "次"}, {"value": 10**13, "unit": "千瓦时"},
            {"value": 5 * 10**9, "unit": "元"}, {"value": 3 * 10**8, "unit": "元"}, {"value": None, "unit": "元"}]
    add_sort_keys(rows)
    ordered = sorted(rows, key=lambda r: r["sort"], reverse=True)
    assert [r["unit"] for r in ordered[:3]] == ["元", "元", "元"]       # the commonest unit first
    assert [r["value"] for r in ordered[:3]] == [5 * 10**9, 3 * 10**8, None]
