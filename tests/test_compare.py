"""`parktui compare` on pages written for it: three parks, two years, a repeated report,
a conflict, a growth rate and an amount for the same metric (tests/pages/compare_parks.jsonl)."""
from __future__ import annotations

import pytest
from conftest import PAGES

from parktui.compare import CompareError, CompareQuery, compare

PAGE = PAGES / "compare_parks.jsonl"

TABLE = """\
固定资产投资 · amount · 亿元
park         ┃ 2024 ┃ 2023
━━━━━━━━━━━━━╇━━━━━━╇━━━━━
苏州工业园区 │ 655* │  610
北京经开区   │  460 │  420
青岛高新区   │  200 │  180

* reports disagree (the latest report is shown):
  苏州工业园区 2024: 655亿元 (#5 2025-03-05) · 650亿元 (#4 2025-02-10)
"""

CSV = "\ufeffpark (亿元),2024,2023\r\n苏州工业园区,655,610\r\n北京经开区,460,420\r\n青岛高新区,200,180\r\n"


@pytest.fixture
def imported(cli):
    code, _, err = cli("import", str(PAGE))
    assert code == 0, err
    return cli


def test_table(imported):
    code, out, _ = imported("compare", "固定资产投资")
    assert code == 0
    assert out == TABLE


def test_csv(imported):
    code, out, _ = imported("compare", "固定资产投资", "--format", "csv")
    assert code == 0
    assert out == CSV


def test_json_every_cell_with_sources_and_conflict(imported):
    data = imported.json("compare", "固定资产投资")
    assert (data["family"], data["kind"], data["unit"], data["scale"], data["by"]) == \
        ("固定资产投资", "amount", "元", "亿元", "park")
    assert data["columns"] == ["2024", "2023"]
    assert [(r["name"], r["province"], r["type"]) for r in data["rows"]] == [
        ("苏州工业园区", "江苏", "经开区"), ("北京经开区", "北京", "经开区"), ("青岛高新区", "山东", "高新区")]
    values = {(r["name"], p): c["value"] for r in data["rows"] for p, c in r["cells"].items()}
    assert values == {("苏州工业园区", "2024"): 65500000000, ("苏州工业园区", "2023"): 61000000000,
                      ("北京经开区", "2024"): 46000000000, ("北京经开区", "2023"): 42000000000,
                      ("青岛高新区", "2024"): 20000000000, ("青岛高新区", "2023"): 18000000000}
    cells = {(r["name"], p): c for r in data["rows"] for p, c in r["cells"].items()}
    suzhou = cells[("苏州工业园区", "2024")]
    assert [s["article_id"] for s in suzhou["sources"]] == [5]
    assert suzhou["sources"][0]["sentence"] == "2024年，苏州工业园区完成固定资产投资655亿元。"
    assert [(c["value"], [s["article_id"] for s in c["sources"]]) for c in suzhou["conflict"]] == \
        [(65000000000, [4])]
    # The same value reported twice is one value with two sources, not a conflict.
    qingdao = cells[("青岛高新区", "2023")]
    assert [s["article_id"] for s in qingdao["sources"]] == [7, 6] and qingdao["conflict"] == []
    # Every spelling of a park is one row: 北京经济技术开发区 (article 1) and 北京经开区 (article 2).
    assert cells[("北京经开区", "2023")]["sources"][0]["article_id"] == 1
    assert all("conflict" in c for c in cells.values())


def test_growth_never_mixes_with_amounts(imported):
    data = imported.json("compare", "固定资产投资", "--kind", "growth")
    assert (data["unit"], data["scale"]) == ("%", "%")
    values = {(r["name"], p): c["value"] for r in data["rows"] for p, c in r["cells"].items()}
    assert values == {("青岛高新区", "2024"): 11.1, ("北京经开区", "2024"): 9.5, ("北京经开区", "2023"): 12.5,
                      ("苏州工业园区", "2023"): 6.1}


def test_by_province_adds_parks_and_by_year_turns_the_table(imported):
    code, out, _ = imported("compare", "固投", "--by", "province", "--format", "csv")
    assert out == "\ufeffprovince (亿元),2024,2023\r\n江苏,655,610\r\n北京,460,420\r\n山东,200,180\r\n"
    code, out, _ = imported("compare", "固定资产投资", "--by", "year", "--format", "csv")
    assert out == "\ufeffperiod (亿元),苏州工业园区,北京经开区,青岛高新区\r\n2023,610,420,180\r\n2024,655,460,200\r\n"


def test_filters(imported):
    code, out, _ = imported("compare", "固定资产投资", "--province", "江苏", "--year", "2024", "--format", "csv")
    assert out == "\ufeffpark (亿元),2024\r\n苏州工业园区,655\r\n"
    code, out, _ = imported("compare", "固定资产投资", "--type", "高新区", "--format", "csv")
    assert out == "\ufeffpark (亿元),2024,2023\r\n青岛高新区,200,180\r\n"


def test_usage_errors(imported):
    code, _, err = imported("compare", "不存在的指标")
    assert code == 2 and "unknown metric family '不存在的指标'" in err
    code, _, err = imported("compare", "固定资产投资", "--kind", "count")
    assert code == 2 and "固定资产投资 has no count figures" in err
    code, _, err = imported("compare", "固定资产投资", "--kind", "growth", "--by", "province")
    assert code == 2 and "cannot be added up" in err


def test_figures_family_filter(imported):
    rows = imported.json("figures", "--family", "固投")
    assert len(rows) == 12 and {r["family"] for r in rows} == {"固定资产投资"}


def _article(article_id: int, date: str, *figures: dict) -> dict:
    return {"id": article_id, "title": f"a{article_id}", "date": date, "text": "", "figures": list(figures)}


def _fig(value: float, unit: str, kind: str = "amount", park: str = "青岛高新区", period: str = "2024") -> dict:
    return {"raw": f"{value}{unit}", "value": value, "unit": unit, "kind": kind, "metric": "实际使用外资",
            "park": park, "period": period, "start": 0, "end": 1}


def test_one_unit_a_table_others_noted():
    articles = [_article(1, "2025-01-01", _fig(2e8, "美元"), _fig(3e8, "美元", park="北京经开区")),
                _article(2, "2025-01-02", _fig(9e8, "元"))]
    table = compare(articles, CompareQuery("实际利用外资"))
    assert table.unit == "美元" and table.rows == ["北京经开区", "青岛高新区"]
    assert table.notes == ["1 figures in 元 are not in the table (see them with --unit 元)"]
    table = compare(articles, CompareQuery("实际使用外资", unit="元"))
    assert [c.value for c in table.cells.values()] == [9e8]


def test_undated_and_parkless_figures_are_left_out_and_said():
    articles = [_article(1, "2025-01-01", _fig(2e8, "元", period="2023年以来"), _fig(3e8, "元", park=""))]
    table = compare(articles, CompareQuery("实际使用外资"))
    assert table.rows == [] and len(table.notes) == 2


def test_kind_the_family_lacks_is_an_error():
    with pytest.raises(CompareError):
        compare([], CompareQuery("高新技术企业", kind="amount"))


def test_targets_are_not_reports():
    articles = [_article(1, "2025-01-01", _fig(2e8, "元", period="2030"), _fig(3e8, "元"))]
    table = compare(articles, CompareQuery("实际使用外资"))
    assert table.columns == ["2024"] and table.notes == [
        "1 实际使用外资 amount figures are targets (a period after the article's year) and are not in the table"]


def test_by_year_table_lists_its_conflicts(imported):
    code, out, _ = imported("compare", "固定资产投资", "--by", "year")
    assert "苏州工业园区 2024: 655亿元 (#5 2025-03-05) · 650亿元 (#4 2025-02-10)" in out
