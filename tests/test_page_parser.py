"""The page parser on the sample page and on pages with other layouts."""
from __future__ import annotations

from conftest import PAGES, SAMPLE

from parktui.ingest.page import parse_body, parse_page


def by_title(articles):
    return {a["title"]: a for a in articles}


def test_sample_page_articles_columns_and_subtitle():
    arts = parse_page(SAMPLE.read_text(encoding="utf-8"))
    assert [a["title"][:6] for a in arts] == ["强健产业筋骨", "青岛高新区:", "北京经开区:", "白银高新区入", "赣州高新区召"]  # noqa: E501
    first = arts[0]
    assert first["subtitle"] == "——新疆石河子经开区全力建设千亿级园区"
    assert first["park"] == "石河子经开区"
    assert first["park_aliases"] == ["新疆石河子经济技术开发区"]
    assert [a["column"] for a in arts] == ["", "", "园镜头", "园镜头", "园镜头"]
    assert all(a["source"] == "科技日报" and a["page"] == "园区" for a in arts)


def test_sample_page_bylines_split_reporters_and_correspondents():
    arts = parse_page(SAMPLE.read_text(encoding="utf-8"))
    assert arts[0]["reporters"] == ["朱彤"]
    assert arts[0]["correspondents"] == ["赵优", "赵海忠", "晏瑞一"]
    assert (arts[1]["reporters"], arts[1]["correspondents"]) == (["宋迎迎"], ["肖玲玲"])
    ganzhou = arts[4]
    assert ganzhou["reporters"] == ["魏依晨"] and ganzhou["correspondents"] == ["杨天宇", "邱诗汇"]
    assert ganzhou["dateline"] == "科技日报讯(记者 魏依晨 通讯员 杨天宇 邱诗汇)"
    assert ganzhou["text"].startswith("近日,江西赣州高新区召开了")


def test_sample_page_sections_caption_and_repaired_breaks():
    qingdao = parse_page(SAMPLE.read_text(encoding="utf-8"))[1]
    assert [s["heading"] for s in qingdao["sections"]] == [
        "加速跑 项目进度不断刷新", "走出去 招商引资步履不停", "优服务 项目审批便捷高效"]
    for s in qingdao["sections"]:
        assert qingdao["text"][s["start"]:].startswith(s["heading"])
    assert qingdao["captions"] == [{
        "text": "近年来,青岛高新区不断推进政务服务数字化转型。图为青岛高新区企业开办一站式服务专区。",
        "credit": "青岛高新区供图", "start": qingdao["captions"][0]["start"]}]
    assert "青岛高新区供图" not in qingdao["text"]
    assert "外墙铝板安装已完成80%" in qingdao["text"]
    assert "政、产、学、研、医、投" in qingdao["text"]


def test_blocks_offsets_cover_the_text():
    for a in parse_page(SAMPLE.read_text(encoding="utf-8")):
        pieces = [a["text"][b["start"]:b["end"]] for b in a["blocks"]]
        assert "\n\n".join(pieces) == a["text"]


def test_benbaoxun_page_meta_lines_bylines_at_end_and_inline_credit():
    arts = by_title(parse_page((PAGES / "layout_benbaoxun.md").read_text(encoding="utf-8")))
    assert len(arts) == 2
    suzhou = arts["苏州工业园区一季度签约项目总投资超300亿元"]
    assert (suzhou["date"], suzhou["source"]) == ("2024-03-08", "中国高新技术产业导报")
    assert suzhou["dateline"] == "本报讯（记者 林晓峰）"
    assert suzhou["reporters"] == ["林晓峰"] and suzhou["correspondents"] == ["顾佳"]
    assert "林晓峰" not in suzhou["text"]
    hefei = arts["合肥高新区：量子产业链加速成形"]
    assert hefei["park"] == "合肥高新区" and hefei["park_aliases"] == ["合肥高新技术产业开发区"]
    assert hefei["captions"][0]["text"] == "图为合肥高新区量子科技产业大厦。"
    assert hefei["captions"][0]["credit"] == "本报记者 陈思远摄"


def test_two_columns_page_and_front_matter():
    arts = parse_page((PAGES / "layout_two_columns.md").read_text(encoding="utf-8"))
    titles = [a["title"] for a in arts]
    assert "版面导读" not in titles  # a heading with no text is not an article
    columns = {a["title"][:6]: a["column"] for a in arts}
    assert columns == {"武汉东湖高新": "", "成都高新区发": "园区快讯", "西安高新区硬": "园区快讯",
                       "长沙经开区：": "园区观察", "天津滨海高新": ""}
    wuhan = arts[0]
    assert wuhan["subtitle"] == "——前四个月新增市场主体1.2万户"
    assert wuhan["park"] == "东湖高新区"
    assert "座无虚席" in wuhan["text"]
    assert wuhan["captions"] == [{"text": "工人在光谷一家光纤企业生产线上作业。", "credit": "本报记者 周正 摄",
                                  "start": wuhan["captions"][0]["start"]}]
    chengdu = arts[1]
    assert chengdu["dateline"] == "新华社成都5月18日电（记者 刘洋）" and chengdu["reporters"] == ["刘洋"]
    xian = arts[2]
    assert xian["reporters"] == ["吴敏"] and xian["correspondents"] == ["孙悦"]
    assert arts[-1]["reporters"] == ["钱程"]
    assert all(a["date"] == "2024-05-20" and a["page"] == "第3版" for a in arts)


def test_page_without_headings_takes_a_short_first_line_as_title():
    arts = parse_page("园区简讯\n\n杭州高新区今年新增企业120家。\n")
    assert [(a["title"], a["text"]) for a in arts] == [("园区简讯", "杭州高新区今年新增企业120家。")]


def test_markdown_markup_is_reduced_to_text():
    page = ("# 标题\n\n![图](a.png)\n\n**加粗**的[链接](http://x.cn)和<span>标签</span>。\n\n"
            "| 指标 | 数值 |\n|---|---|\n| 投资 | 10亿元 |\n")
    (article,) = parse_page(page)
    assert article["text"] == "加粗的链接和标签。\n\n指标 数值 投资 10亿元"


def test_jsonl_body_keeps_dateline_and_sections():
    article = parse_body("标题", "央视网消息（新闻联播）：今天，某高新区开工。\n\n## 小标题\n\n正文。", {"source": "cctv"})  # noqa: E501
    assert article["dateline"] == "央视网消息（新闻联播）："
    assert article["text"].startswith("今天，某高新区开工。")
    assert [s["heading"] for s in article["sections"]] == ["小标题"]


def test_kicker_above_a_title_is_not_a_section_of_the_previous_article():
    page = ("# 甲高新区：新签约项目10个\n\n◎本报记者 王一\n\n甲高新区今年新签约项目10个。\n\n"
            "### 聚焦园区高质量发展\n\n# 乙经开区：投资增长\n\n◎本报记者 李二\n\n乙经开区投资增长。\n\n"
            "责任编辑：赵三\n")
    first, second = parse_page(page)
    assert first["sections"] == [] and first["text"] == "甲高新区今年新签约项目10个。"
    assert second["kicker"] == "聚焦园区高质量发展"
    assert second["text"] == "乙经开区投资增长。"


def test_short_heading_like_lines_are_not_joined_to_the_next_paragraph():
    page = "# 甲高新区出台新政\n\n一、加强组织领导\n\n各部门要高度重视。\n"
    (article,) = parse_page(page)
    assert article["text"] == "一、加强组织领导\n\n各部门要高度重视。"


def test_script_and_style_blocks_are_not_text():
    page = "# 标题\n\n<script>\nvar x = 1;\n</script>\n\n<style>p {color: red}</style>\n\n园区新增企业12家。\n"
    (article,) = parse_page(page)
    assert article["text"] == "园区新增企业12家。"


def test_an_articles_own_date_line_overrides_the_pages():
    page = ("---\ndate: 2024-05-20\n---\n\n# 甲高新区动态\n\n发布时间：2024-05-18\n\n甲高新区新增企业12家。\n\n"
            "# 乙经开区动态\n\n乙经开区新增企业8家。\n\n来源：园区周刊\n")
    first, second = parse_page(page)
    assert first["date"] == "2024-05-18"
    assert (second["date"], second["source"]) == ("2024-05-20", "园区周刊")
