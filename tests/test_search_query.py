"""The query language: every form, and clear one-line errors for malformed queries."""
from __future__ import annotations

import pytest

from parktui.search import QueryError, parse
from parktui.search.query import Term


def test_terms_are_anded():
    q = parse("氢能 园区")
    assert q.groups == [[Term("氢能")], [Term("园区")]]


def test_phrase_keeps_spaces():
    q = parse('"绿色 发展" 园区')
    assert q.groups == [[Term("绿色 发展", phrase=True)], [Term("园区")]]


def test_negation_of_term_and_phrase():
    q = parse('园区 -光伏 -"新 能源"')
    assert q.groups == [[Term("园区")]]
    assert q.negatives == [Term("光伏"), Term("新 能源", phrase=True)]


def test_or_binds_tighter_than_and():
    q = parse("氢能 OR 光伏 园区")
    assert q.groups == [[Term("氢能"), Term("光伏")], [Term("园区")]]
    assert parse("a OR b OR c").groups == [[Term("a"), Term("b"), Term("c")]]


def test_filters():
    q = parse("park:青岛 year:2023 source:科技日报 column:园镜头 园区")
    assert q.filters == {"park": ["青岛"], "year": ["2023"], "source": ["科技日报"], "column": ["园镜头"]}
    assert q.groups == [[Term("园区")]]


def test_full_width_and_case_are_folded():
    q = parse("ＡＩ Ｈ２ year：２０２３ ＂量子 计算＂")
    assert q.groups == [[Term("ai")], [Term("h2")], [Term("量子 计算", phrase=True)]]
    assert q.filters == {"year": ["2023"]}


def test_figure_conditions():
    q = parse("固定资产投资 >100亿")
    assert q.conditions == [(">", 1e10, "")]
    assert q.groups == [[Term("固定资产投资")]]
    assert parse(">=20%").conditions == [(">=", 20.0, "%")]
    assert parse("产值 ＜5万").conditions == [("<", 5e4, "")]


def test_a_colon_that_is_not_a_filter_is_text():
    assert parse("http:abc").groups == [[Term("http:abc")]]


@pytest.mark.parametrize("text, words", [
    ('"未闭合', "unbalanced quote"),
    ('园区 "', "unbalanced quote"),
    ('""', "empty phrase"),
    ("park:", "empty filter"),
    ("园区 year:", "empty filter"),
    ("year:23", "four digits"),
    ("OR 园区", "OR needs"),
    ("园区 OR", "OR needs"),
    ("a OR OR b", "OR needs"),
    ("a OR -b", "OR needs"),
    ("-park:青岛", "cannot exclude a filter"),
    (">abc", "not a figure condition"),
    ("", "empty query"),
    ("   ", "empty query"),
])
def test_malformed_queries_raise_one_line_errors(text, words):
    with pytest.raises(QueryError) as info:
        parse(text)
    message = str(info.value)
    assert words in message
    assert "\n" not in message
