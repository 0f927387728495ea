"""Property tests: the search query parser and a search never raise on any query.

A malformed query may only raise `QueryError` with a one-line message; everything else —
in particular FTS5 syntax errors from the index — is a bug. Budget: PARKTUI_FUZZ_EXAMPLES.
"""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_helpers import ROOT

pytest.importorskip("parktui.search")

from parktui.importer import import_paths  # noqa: E402
from parktui.search import QueryError, parse, search  # noqa: E402
from parktui.store import Store  # noqa: E402

EXAMPLES = int(os.environ.get("PARKTUI_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 150,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

PIECES = ['"', "＂", "-", "OR", "or", "AND", "NOT", "NEAR", "NEAR(", "*", "^", "(", ")", ":", "：",
          "park:", "year:", "year:2023", "source:", "column:", ">", ">=", "<", "<=", "=", "≥", "＞",
          "100亿", "2万", "20%", "1e308", "-0", "nan", "inf", "青岛", "高新区", "投资", "园", " ", "\u3000",
          "\t", "\n", "\x00", "'", "\\", "%", "_", "[", "]", "{", "}", "ＯＲ", "Ａ", "ß", "İ", "𠀀"]
queries = st.one_of(st.text(max_size=60),
                    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=14)
                    .map(" ".join),
                    st.lists(st.sampled_from(PIECES), max_size=14).map("".join))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("q") / "store.json")
    import_paths(store, [str(ROOT / "data" / "kjrb_yuanqu_sample.md")])
    return store


@FUZZ
@given(queries)
def test_parse_never_raises_anything_but_query_error(text):
    try:
        first = parse(text)
    except QueryError as exc:
        assert str(exc) and "\n" not in str(exc).strip("\n")
        return
    assert parse(text) == first


@FUZZ
@given(queries)
def test_search_never_raises_anything_but_query_error(store, text):
    try:
        hits = search(store, text, limit=5)
    except QueryError:
        return
    assert len(hits) <= 5
    assert search(store, text, limit=5) == hits
