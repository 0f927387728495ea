"""The one park vocabulary, story scoping and periods against the article's date."""
import pytest

from parktui.figures import extract_figures
from parktui.ingest.jsonl import parse_jsonl
from parktui.ingest.parks import canonical, detect_park, find_mentions, in_province, park_matches


def names(text: str) -> list[str]:
    return [m.name for m in find_mentions(text)]


@pytest.mark.parametrize("phrase", ["实施自由贸易试验区", "有条件的自由贸易试验区", "国家高新区", "绿色工业园区",
                                    "全国综保区", "东盟自贸区", "现代农业产业园", "江苏正深入推进高新区"])
def test_phrases_and_categories_are_not_parks(phrase):
    assert names(f"今年，{phrase}建设加快。") == []


@pytest.mark.parametrize(("text", "park"), [
    ("赴河北雄安新区调研", "雄安新区"), ("连接雄安新区", "雄安新区"), ("天津滨海新区", "滨海新区"),
    ("上海浦东新区", "浦东新区"), ("重庆两江新区", "两江新区"), ("位于长春市高新区", "长春高新区"),
    ("宁波国家高新区", "宁波高新区"), ("雄安综合保税区", "雄安综保区"), ("中国光谷", "东湖高新区"),
])
def test_spellings_merge(text, park):
    assert names(text) == [park]


def test_defined_alias_and_local_park():
    _, aliases, found = detect_park("园区快讯", "", "新疆石河子经济技术开发区(以下简称石河子经开区)今年…")
    assert found["石河子经开区"] == "石河子经开区" and "新疆石河子经济技术开发区" in aliases
    assert canonical("湖北麻城经济开发区") == "麻城经济开发区"


def test_a_park_named_once_does_not_own_the_article():
    park, _, _ = detect_park("某公司上半年营收增长", "", "上半年营收12亿元。\n\n公司位于苏州工业园区的新厂房年底投产。")
    assert park == ""
    park, _, _ = detect_park("园区动态", "", "苏州工业园区上半年营收12亿元。\n\n苏州工业园区新增企业80家。")
    assert park == "苏州工业园区"


def test_national_figures_have_no_park():
    text = "今年上半年，全国规模以上工业增加值同比增长6%。苏州工业园区实际使用外资12亿美元。"
    figs = extract_figures(text, park="苏州工业园区", date="2024-07-15")
    assert [(f["raw"], f["park"]) for f in figs] == [("6%", ""), ("12亿美元", "苏州工业园区")]


BUNDLE = ('{"title": "国内联播快讯", "date": "2025-08-22", "text": "央视网消息：\\n\\n'
          '苏州工业园区外资增长\\n\\n今年上半年，苏州工业园区实际使用外资12.6亿美元。\\n\\n'
          '中欧班列开行超万列\\n\\n2013年倡议提出以来，班列通达26个国家。前7个月，中欧班列开行11250列。"}')


def test_bundle_stories_scope_park_and_period():
    [article], errors = parse_jsonl(BUNDLE, "x.jsonl", {})
    assert not errors and article["park"] == ""
    assert [s["heading"] for s in article["sections"]] == ["苏州工业园区外资增长", "中欧班列开行超万列"]
    figs = extract_figures(article["text"], park=None, parks=article["park_names"], date=article["date"],
                           stories=[s["start"] for s in article["sections"]])
    got = {f["raw"]: (f["park"], f["period"], f["period_basis"]) for f in figs}
    assert got["12.6亿美元"] == ("苏州工业园区", "2025H1", "relative")
    assert got["11250列"] == ("", "2025-01~07", "relative")       # not 2013: an anchor stays in its clause


@pytest.mark.parametrize(("text", "date", "period", "basis"), [
    ("去年全年营收20亿元。", "2024-03-01", "2023", "relative"),
    ("全年国内生产总值增长5%。", "2026-01-19", "2025", "relative"),     # a January report is last year's
    ("下半年力争新增企业60家。", "2024-07-22", "2024H2", "relative"),
    ("2011半年报显示，上半年营收12亿元。", "2011-08-10", "2011H1", "relative"),
    ("新增企业80家。", "2024-05-01", "2024", "article date"),
    ("2023年，园区营收达到100亿元。", "2024-05-01", "2023", "stated"),
    ("用户于今年3月底突破1亿户。", "2011-06-22", "2011-03", "relative"),        # 于 here is not 高于
    ("7月份下调200元/吨，优惠较6月增加100元/吨。", "2011-06-10", "2011-07", "relative"),  # 较6月: a base
])
def test_periods_against_the_article_date(text, date, period, basis):
    fig = extract_figures(text, date=date)[0]
    assert (fig["period"], fig["period_basis"]) == (period, basis)


def test_queries_match_any_spelling_and_province():
    assert park_matches("河北雄安新区", "雄安新区") and park_matches("亦庄", "北京经开区")
    assert park_matches("青岛", "青岛高新区") and not park_matches("青岛", "雄安新区")
    assert in_province("雄安新区", "河北省") and not in_province("雄安新区", "河南")


def test_figures_by_province_and_reindex(cli, tmp_path):
    page = tmp_path / "bundle.jsonl"
    page.write_text(BUNDLE + "\n", encoding="utf-8")
    assert cli("import", str(page))[0] == 0
    rows = cli.json("figures", "--province", "江苏")
    assert [r["raw"] for r in rows] == ["12.6亿美元"]
    assert [r["raw"] for r in cli.json("figures", "--park", "苏州工业园")] == ["12.6亿美元"]
    assert cli.json("figures", "--province", "河北") == []
    assert cli("reindex")[0] == 0
    assert [r["period"] for r in cli.json("figures", "--format", "json") if r["raw"] == "11250列"] == ["2025-01~07"]
