"""Title hits' scores added up in Python (search.bm25) are FTS5's own bm25, bit for bit."""
from __future__ import annotations

import pytest
from search_helpers import article, put

from parktui.search import index_for, parse
from parktui.search.engine import WEIGHTS, _filter_sql, _ranked, fts_expressions
from parktui.store import Store

TITLES = ["园区开发建设", "开发区园区", "氢能园区开园", "开发开发再开发", "新闻联播", "科技园区发展", "园区",
          "发展经济"]
SENTENCES = ["园区开发区的项目。", "氢能项目落地园区。", "开发园区，科技发展。", "经济发展园区园区。", "新闻。"]


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("bm25") / "store.json")
    docs = [article(TITLES[i % len(TITLES)] + str(i), body(i), date=f"2024-01-{1 + i % 28:02d}",
                    source="科技日报" if i % 3 else "新华社")
            for i in range(40)]
    put(store, docs)
    return index_for(store).fresh()


def body(i: int) -> str:
    """Sentences picked and repeated by `i`, so term counts and lengths vary."""
    return "\n\n".join(SENTENCES[(i * k) % len(SENTENCES)] * (1 + k % 3) for k in range(1, 2 + i % 4))


def fts_score(conn, match: str, i: int) -> float:
    bm25 = f"bm25(fts, {WEIGHTS[0]}, {WEIGHTS[1]}, {WEIGHTS[2]})"
    scores = dict(conn.execute(f"SELECT rowid, {bm25} FROM fts WHERE fts MATCH ?", (match,)).fetchall())
    return scores[i]


@pytest.mark.parametrize("text", ["园区", "开发", "园", "开发 园区", "园区 OR 氢能", "园区 -氢能", "园区 source:新华社",
                                  "开发 OR 发展 园区", "园区 园区"])
@pytest.mark.parametrize("limit", [0, 3, 20, 40])  # 40: fewer title hits than the page
def test_title_hit_scores_equal_fts5(conn, text, limit):
    query = parse(text)
    pos, neg, title = fts_expressions(query)
    expr = f"({pos}) NOT ({neg})" if neg else pos
    where, params = _filter_sql(query)
    rows = _ranked(conn, expr, query, limit, where, params)
    assert rows
    titled = [r for r in rows if r[5]]
    assert titled, "the fixture has title hits for every query"
    for i, _, _, _, score, _ in titled:
        assert score == fts_score(conn, f"({expr}) AND {title}", i)  # exactly, not approximately
    for i, _, _, _, score, _ in rows[len(titled):]:
        assert score == fts_score(conn, expr, i)
    assert [r[5] for r in rows] == sorted((r[5] for r in rows), reverse=True)
