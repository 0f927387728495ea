"""Searching a small store: every query form, ranking, snippets, figure search."""
from __future__ import annotations

import threading

import pytest
from search_helpers import article, figure, put

from parktui.search import search, update_index
from parktui.store import Store

INVEST = "园区今年完成固定资产投资120亿元，同比增长25%。"
SMALL = "开发区完成固定资产投资8亿元，增长3%。"


@pytest.fixture
def store(tmp_path) -> Store:
    store = Store(tmp_path / "store.json")
    put(store, [
        article("青岛高新区氢能产业园开园", "园区聚焦氢能装备。\n\n首批10家企业入驻。",
                date="2023-05-01", park="青岛高新区", aliases=("青岛高新技术产业开发区",), column="园镜头"),
        article("苏州工业园区发布新政", "支持光伏与储能企业。园区将建设新能源基地。",
                date="2024-03-02", park="苏州工业园区", source="新华日报"),
        article("新能源汽车产销两旺", "多个园区的氢能重卡项目落地，氢能产业链加速成形。氢能",
                date="2024-06-01"),
        article("ＡＩ赋能制造业", "人工智能（AI）和5G技术在工厂落地。Ａｉ应用广泛。",
                date="2022-01-09", subtitle="智能工厂 见闻"),
        article("投资数据发布", INVEST, date="2024-02-02",
                figures=(figure("120亿元", 1.2e10, "固定资产投资", INVEST, unit="元"),
                         figure("25%", 25.0, "增长", INVEST, unit="%", kind="growth"))),
        article("开发区投资平稳", SMALL, date="2024-02-03",
                figures=(figure("8亿元", 8e8, "固定资产投资", SMALL, unit="元"),
                         figure("3%", 3.0, "增长", SMALL, unit="%", kind="growth"))),
    ])
    return store


def ids(hits) -> list[int]:
    return [h.article_id for h in hits]


def titles(hits) -> set[str]:
    return {h.title for h in hits}


def test_two_character_term_finds_every_article(store):
    assert titles(search(store, "氢能")) == {"青岛高新区氢能产业园开园", "新能源汽车产销两旺"}


def test_single_character_query(store):
    hits = search(store, "园")
    assert titles(hits) == {"青岛高新区氢能产业园开园", "苏州工业园区发布新政", "新能源汽车产销两旺", "投资数据发布"}


def test_single_character_at_the_very_end_of_a_field(store):
    # "布" ends a title; "能" ends a body: the last character of a field is indexed too.
    assert "苏州工业园区发布新政" not in titles(search(store, "政府"))
    assert "投资数据发布" in titles(search(store, "布"))
    assert "新能源汽车产销两旺" in titles(search(store, "能"))


def test_and_or_not_phrase(store):
    assert titles(search(store, "氢能 园区")) == {"青岛高新区氢能产业园开园", "新能源汽车产销两旺"}
    assert titles(search(store, "光伏 OR 重卡")) == {"苏州工业园区发布新政", "新能源汽车产销两旺"}
    assert titles(search(store, "园区 -氢能")) == {"苏州工业园区发布新政", "投资数据发布"}
    assert titles(search(store, '"氢能装备"')) == {"青岛高新区氢能产业园开园"}
    assert search(store, '"氢能 装备"') == []  # a phrase is exact, spaces and all
    assert titles(search(store, "-园")) == {"ＡＩ赋能制造业", "开发区投资平稳"}


def test_filters(store):
    assert titles(search(store, "park:青岛")) == {"青岛高新区氢能产业园开园"}
    assert titles(search(store, "park:高新技术产业")) == {"青岛高新区氢能产业园开园"}  # aliases count
    assert titles(search(store, "园区 year:2024")) == {"苏州工业园区发布新政", "新能源汽车产销两旺", "投资数据发布"}
    assert titles(search(store, "园区 source:新华")) == {"苏州工业园区发布新政"}
    assert titles(search(store, "column:园镜头")) == {"青岛高新区氢能产业园开园"}
    assert search(store, "氢能 year:2020") == []


def test_latin_case_and_full_width_fold(store):
    for q in ("ai", "AI", "ａｉ", "Ａi"):
        assert titles(search(store, q)) == {"ＡＩ赋能制造业"}, q
    assert titles(search(store, "５Ｇ")) == {"ＡＩ赋能制造业"}
    hit = search(store, "ai")[0]
    assert [(s.field, s.text[s.start - s.offset:s.end - s.offset]) for s in hit.snippets] == [
        ("title", "ＡＩ"), ("text", "AI")]
    assert len(hit.matches) == 2  # "AI" and "Ａｉ" in the body


def test_subtitle_is_searched(store):
    hits = search(store, "见闻")
    assert titles(hits) == {"ＡＩ赋能制造业"}
    assert hits[0].snippets[0].field == "subtitle"


def test_title_hit_ranks_first(store):
    # The body of 新能源汽车产销两旺 says 氢能 four times; the other has it once in its title.
    hits = search(store, "氢能")
    assert hits[0].title == "青岛高新区氢能产业园开园"
    assert hits[0].title_hit and not hits[1].title_hit
    assert hits[0].score > 0


def test_ties_broken_by_newer_date(tmp_path):
    store = Store(tmp_path / "s.json")
    put(store, [article(f"第{i}篇", "同样的园区文字。", date=f"2024-01-0{i}") for i in (3, 1, 2)])
    assert [h.date for h in search(store, "园区")] == ["2024-01-03", "2024-01-02", "2024-01-01"]


def test_snippet_offsets_point_at_the_query(store):
    for q in ("氢能", "园", "固定资产投资", "ai"):
        for hit in search(store, q, limit=0):
            doc = store.article(hit.article_id)
            for start, end in hit.matches:
                assert doc["text"][start:end].lower() in (q, q.upper(), "ａｉ", "ai")
            for start, end in hit.title_matches:
                assert doc["title"][start:end] in (q, "ＡＩ")
            for s in hit.snippets:
                field = {"title": doc["title"], "subtitle": doc["subtitle"], "text": doc["text"]}[s.field]
                assert field[s.offset:s.offset + len(s.text)] == s.text
                assert s.offset <= s.start < s.end <= s.offset + len(s.text)
                assert len(field[s.start:s.end]) == len(q)


def test_all_matches_listed_for_navigation(store):
    hit = next(h for h in search(store, "氢能") if h.title == "新能源汽车产销两旺")
    text = store.article(hit.article_id)["text"]
    assert [text[a:b] for a, b in hit.matches] == ["氢能"] * 3
    assert hit.matches == sorted(hit.matches)


def test_limit(store):
    assert len(search(store, "园", limit=2)) == 2
    assert len(search(store, "园", limit=0)) == 4


def test_figure_search(store):
    hits = search(store, "固定资产投资 >100亿")
    assert titles(hits) == {"投资数据发布"}
    text = store.article(hits[0].article_id)["text"]
    assert [text[a:b] for a, b in hits[0].matches] == ["120亿元"]
    assert titles(search(store, "固定资产投资 >=5亿")) == {"投资数据发布", "开发区投资平稳"}
    assert titles(search(store, "固定资产投资 <10亿")) == {"开发区投资平稳"}
    assert titles(search(store, ">20%")) == {"投资数据发布"}
    assert search(store, "营业收入 >1亿") == []
    assert titles(search(store, ">1亿 -开发区")) == {"投资数据发布"}


def test_no_hits_and_empty_store(tmp_path, store):
    assert search(store, "火星基地") == []
    assert search(Store(tmp_path / "none.json"), "园区") == []
    assert not (tmp_path / "none.json.search.sqlite").exists()


def test_thread_safe(store):
    results, errors = [], []

    def worker():
        try:
            for _ in range(20):
                results.append(ids(search(store, "园区")))
        except Exception as exc:  # pragma: no cover
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len({tuple(r) for r in results}) == 1
    update_index(store)
