"""Single rules of FIGURES.md, one sentence each."""
import pytest

from parktui.figures import extract_figures, format_value


def one(text, **kw):
    figs = extract_figures(text, **kw)
    assert len(figs) == 1, figs
    return figs[0]


@pytest.mark.parametrize("text,value,unit", [
    ("固定资产投资140亿元。", 14_000_000_000, "元"),
    ("实际使用外资1.2亿美元。", 120_000_000, "美元"),
    ("厂房１２万平方米。", 120_000, "平方米"),
    ("用地1,200亩。", 1200, "亩"),
    ("新增企业一百四十家。", 140, "家"),
    ("总投资三千五百万元。", 35_000_000, "元"),
    ("营收突破千亿元。", 100_000_000_000, "元"),
    ("外墙完成80%。", 80, "%"),
    ("占二分之一。", 50, "%"),
    ("比重提高2个百分点。", 2, "个百分点"),
    ("220千伏变电站", 220, "千伏"),
    ("全社会用电量103682亿千瓦时。", 10_368_200_000_000, "千瓦时"),
    ("负3.9%", -3.9, "%"),
    ("一吨半", 1.5, "吨"),
    ("千分之2.4", 0.24, "%"),
    ("7.２成", 72, "%"),
    ("价格为￥300。", 300, "元"),
    ("身高168公分。", 168, "公分"),
    ("用时一个半小时。", 1.5, "小时"),
    ("5个半小时", 5.5, "小时"),
    ("超过一半的企业", 50, "%"),
    ("一亿亿倍", 10**16, "倍"),
    ("3000多万农村人口", 30_000_000, ""),
    ("打井10口，", 10, "口"),
    ("双向六车道", 6, "车道"),
    ("营收10亿，", 1_000_000_000, "元"),
    ("在这里，30多名专业人才", 30, "名"),
])
def test_values(text, value, unit):
    f = one(text)
    assert (f["value"], f["unit"]) == (value, unit)


@pytest.mark.parametrize("text,qual", [
    ("拥有企业近600家。", "approx"), ("接待320余批次。", "over"), ("产值30亿元以上。", "over"),
    ("首次突破千亿元大关。", "over"), ("人数不足50人。", "under"), ("占比约为22%。", "approx"),
    ("年产5000台—10000台。", "range"),
])
def test_qualifiers(text, qual):
    assert one(text)["qualifier"] == qual


@pytest.mark.parametrize("text,low,high,unit", [
    ("年产5000台—10000台。", 5000, 10000, "台"), ("年产5000—10000台。", 5000, 10000, "台"),
    ("期限3至5年。", 3, 5, "年"), ("增长10%~15%。", 10, 15, "%"), ("投资3到5亿元。", 3e8, 5e8, "元"),
    ("期限三至五年。", 3, 5, "年"), ("租金为市场价的70%–80%。", 70, 80, "%"),
])
def test_ranges(text, low, high, unit):
    f = one(text)
    assert (f["low"], f["high"], f["unit"], f["value"]) == (low, high, unit, low)


def test_growth_and_decline():
    figs = extract_figures("固定资产投资140亿元,同比增长33.3%;出口下降3.2%。")
    assert [(f["kind"], f["value"], f["metric"]) for f in figs] == [
        ("amount", 14_000_000_000, "固定资产投资"), ("growth", 33.3, "固定资产投资"),
        ("growth", -3.2, "出口")]


def test_share_and_level():
    assert one("占全区比重达35%。")["kind"] == "share"
    assert one("占比提高到41.7%。")["kind"] == "share"
    assert one("营收增速28%。")["kind"] == "growth"


@pytest.mark.parametrize("text", [
    "2023年,园区发展良好。", "2023年12月30日封顶。", "今年6月投运。", "第四季度召开。",
    "第六届进博会", "第一批试点", "首批园区", "二期项目3号和5号地块", "11月底完工", "“高光20条”",
    "“科创九条”", "“十二五”期间", "“2+3”产业提升计划", "“四个零”服务", "“1+1+1”帮扶机制",
    "5G基站", "3D打印", "COVID-19疫情", "C919大飞机", "电话0571-87654321", "型号X-200型",
    "一些企业", "一起推进", "一直以来", "一般而言", "统一部署", "唯一一家", "进一步优化", "三农工作",
    "一带一路", "全国两会", "党的十八大以来", "四大产业集群", "两个目标", "三字诀", "三大机制",
    "千亿级园区", "万吨级码头", "数十家企业", "近3年来", "每万元GDP", "《2024行动方案》", "这两天",
    "千家万户", "百年变局", "建党100周年",
])
def test_not_figures(text):
    assert extract_figures(text) == [], extract_figures(text)


def test_park_attribution():
    text = "嘉兴经开区签约项目15个;宁波国家高新区签约12个。总投资30亿元。"
    figs = extract_figures(text, park="杭州高新区", parks={"杭州高新区": "杭州高新区",
                                                        "宁波国家高新区": "宁波高新区"})
    assert [f["park"] for f in figs] == ["嘉兴经开区", "宁波高新区", "杭州高新区"]


def test_alias_resolution():
    text = "新疆石河子经济技术开发区(以下简称石河子经开区)完成投资140亿元。"
    f = one(text, park="石河子经开区", parks={"新疆石河子经济技术开发区": "石河子经开区",
                                              "石河子经开区": "石河子经开区"})
    assert f["park"] == "石河子经开区"


@pytest.mark.parametrize("text,date,period", [
    ("2023年,园区完成投资140亿元。", None, "2023"),
    ("2023年上半年,新注册企业增长83.3%。", None, "2023H1"),
    ("2023年以来,新引进项目270个。", None, "2023年以来"),
    ("今年一季度,产值增长5%。", "2024-04-20", "2024Q1"),
    ("去年,园区营收5800亿元。", "2024-04-20", "2023"),
    ("2023年,园区发展良好。\n\n全年完成投资140亿元。", None, "2023"),
    ("截至2023年6月底,入驻企业120家。", None, "2023-06"),
])
def test_periods(text, date, period):
    assert one(text, date=date)["period"] == period


def test_sentence_and_offsets():
    text = "园区发展良好。新引进项目270个，总投资186亿元！"
    figs = extract_figures(text)
    assert [f["sentence"] for f in figs] == ["新引进项目270个，总投资186亿元！"] * 2
    assert all(text[f["start"]:f["end"]] == f["raw"] for f in figs)


@pytest.mark.parametrize("text,shown", [
    ("投资140亿元。", "140亿元"), ("增长33.3%。", "33.3%"), ("企业近600家。", "近600家"),
    ("年产5000—10000台。", "5000—10000台"), ("补助2万元。", "2万元"), ("外资1.2亿美元。", "1.2亿美元"),
    ("接待320余批次。", "320余批次"), ("产值30亿元以上。", "30亿元以上"), ("下降3.2%。", "-3.2%"),
    ("用电量103682亿千瓦时。", "103682亿千瓦时"), ("建成220千伏变电站。", "220千伏"), ("开行12988列。", "12988列"),
    ("营收首次突破千亿元。", "突破千亿元"), ("超过了8100万台（套）。", "超过了8100万台（套）"),
    ("增速为负3.9%。", "负3.9%"),
])
def test_format_value(text, shown):
    assert format_value(one(text)) == shown


# ---- rules added after the blind pages (docs/figures.md, "Blind pages")
@pytest.mark.parametrize("text,value,unit,qual,kind", [
    ("规模占全市比重超过四成。", 40, "%", "over", "share"),
    ("增长面近七成。", 70, "%", "approx", "share"),
    ("销售额增长近三成。", 30, "%", "approx", "growth"),
    ("播种已过九成半。", 95, "%", "", "share"),
    ("同比增长二成四。", 24, "%", "", "growth"),
    ("合计占全省的三分之一以上。", 33.333333, "%", "over", "share"),
    ("包裹量达8600万单。", 86_000_000, "单", "", "count"),
    ("惠及企业2100余家次。", 2100, "家次", "over", "count"),
    ("节约1.2万吨标准煤。", 12_000, "吨标准煤", "", "amount"),
    ("交易额到2027年翻一番。", 1, "番", "", "growth"),
])
def test_tenths_and_measure_words(text, value, unit, qual, kind):
    f = one(text)
    assert (f["value"], f["unit"], f["qualifier"], f["kind"]) == (value, unit, qual, kind)


@pytest.mark.parametrize("text", ["一成不变", "唯一成功", "统一成立", "商务部等9单位", "二期项目", "万卡、十万卡级别"])
def test_not_figures_new(text):
    assert extract_figures(text) == [], extract_figures(text)


def test_qualifier_word_in_raw():
    assert one("投资不少于20亿元。")["raw"] == "不少于20亿元"


def test_comparison_base_is_not_metric_or_period():
    figs = extract_figures("交易额突破150亿元，较2020年增长近3倍。", date="2024-10-26")
    # no time words of its own: current news takes the article's year, never the base year
    assert [(f["metric"], f["period"], f["period_basis"]) for f in figs] == [
        ("交易额", "2024", "article date"), ("交易额", "2024", "article date")]


def test_fenbie_lists():
    figs = extract_figures("进口额和出口额分别为2480亿元和3332亿元，分别增长1.9%和4.5%。")
    assert [f["metric"] for f in figs] == ["进口额", "出口额", "进口额", "出口额"]
    figs = extract_figures("嘉兴高新区和宁波经开区分别完成100亿元、80亿元。", park="杭州高新区")
    assert [f["park"] for f in figs] == ["嘉兴秀洲高新区", "宁波经开区"]   # the gazetteer's canonical names


def test_paragraph_subject_park():
    text = "在泸州高新区，一座储能基地已完工。该项目总投资65亿元。"
    assert one(text, park="宜宾三江新区")["park"] == "泸州高新区"


def test_verb_after_figure_is_not_metric():
    assert one("省级财政安排专项资金12亿元支持园区建设。")["metric"].endswith("专项资金")


def test_rain_is_not_a_decline():
    assert one("降雨将较常年偏多二到五成。")["value"] == 20


# ---- metrics are noun phrases, never clauses (issue 16)
@pytest.mark.parametrize("text,metric", [
    ("在中山大桥，64辆大货车停在桥梁跨中位置。", "大货车"),
    ("66个国家和3个国际组织亮相。", "国家"),
    ("今天水路客运量预计62万人次，", "水路客运量"),
    ("14日，中石化独涨30元/吨。", "中石化"),
    ("资本开支预计在80亿元至100亿元之间。", "资本开支"),
    ("全年全国固定资产投资（不含农户）503000亿元。", "固定资产投资"),
    ("宁波高新区签约12个。", "签约"),
])
def test_metric_is_the_noun_phrase(text, metric):
    assert extract_figures(text)[0]["metric"] == metric


def test_a_rate_without_its_own_metric_takes_the_paragraphs():
    figs = extract_figures("全年国内生产总值1350000亿元，比上年增长5.0%。分季度看，一季度增长5.4%。")
    assert [f["metric"] for f in figs] == ["国内生产总值"] * 3


@pytest.mark.parametrize(("text", "period"), [
    ("五年来，浦东新区外贸进出口总额累计达10.2万亿元。", "五年来"),
    ("近五年，雄安新区地区生产总值年均增长12.3%。", "近五年"),
    ("“十四五”以来，临港新片区规上工业总产值累计突破5000亿元。", "十四五以来"),
    ("2021年至2025年，全市固定资产投资年均增长8%。", "2021年至2025年"),
    ("过去三年，高新区营业收入增长了45%。", "过去三年"),
])
def test_a_multi_year_span_is_the_period_as_written(text, period):
    """FIGURES.md: a period that is not one year, half, quarter or month is the words; the
    years that bound a span are not the period of its figures."""
    (figure,) = extract_figures(text, date="2026-03-10")
    assert (figure["period"], figure["period_basis"]) == (period, "stated")


def test_a_span_does_not_outlive_a_nearer_date():
    text = "过去三年，高新区营业收入增长了45%。今年一季度，营收增长5%。"
    assert [f["period"] for f in extract_figures(text, date="2026-05-10")] == ["过去三年", "2026Q1"]


def test_a_span_ends_where_the_sentence_returns_to_the_present():
    text = "十年来，数字化教学条件全面提档升级，如今，全国中小学互联网接入率达到100%。"
    (figure,) = extract_figures(text, date="2022-09-10")
    assert (figure["period"], figure["period_basis"]) == ("2022", "article date")
