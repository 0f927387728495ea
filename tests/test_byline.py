"""Bylines, datelines and photo credits in the forms papers print them."""
from __future__ import annotations

import pytest

from parktui.ingest.byline import credit_line, parse_byline, split_dateline, trailing_credit


@pytest.mark.parametrize("text, roles", [
    ("◎通讯员 赵优 赵海忠 晏瑞一  \n本报记者 朱彤",
     [("correspondent", ["赵优", "赵海忠", "晏瑞一"]), ("reporter", ["朱彤"])]),
    ("◎本报记者 宋迎迎 通讯员 肖玲玲", [("reporter", ["宋迎迎"]), ("correspondent", ["肖玲玲"])]),
    ("（记者 王五）", [("reporter", ["王五"])]),
    ("■本报记者 王文明 李四", [("reporter", ["王文明", "李四"])]),
    ("文/图 本报记者 李明", [("reporter", ["李明"])]),
    ("本报记者 张三 通讯员 李四 报道", [("reporter", ["张三"]), ("correspondent", ["李四"])]),
])
def test_bylines(text, roles):
    assert parse_byline(text) == roles


@pytest.mark.parametrize("text", ["近日,记者走进青岛高新区", "本报记者 张三 摄", "记者了解到，白银高新区成功入选。"])
def test_not_bylines(text):
    assert parse_byline(text) is None


@pytest.mark.parametrize("paragraph, dateline, lead, roles", [
    ("科技日报讯(记者 魏依晨 通讯员 杨天宇 邱诗汇)近日,江西", "科技日报讯(记者 魏依晨 通讯员 杨天宇 邱诗汇)", "近日,江西",  # noqa: E501
     [("reporter", ["魏依晨"]), ("correspondent", ["杨天宇", "邱诗汇"])]),
    ("本报讯（记者 张三）昨天，园区", "本报讯（记者 张三）", "昨天，园区", [("reporter", ["张三"])]),
    ("新华社北京1月10日电（记者 李四、王五）记者从", "新华社北京1月10日电（记者 李四、王五）", "记者从",
     [("reporter", ["李四", "王五"])]),
    ("本报北京1月10日电（记者 张三）今天", "本报北京1月10日电（记者 张三）", "今天", [("reporter", ["张三"])]),
    ("科技日报合肥1月9日电 （记者 吴长锋）合肥高新区", "科技日报合肥1月9日电 （记者 吴长锋）", "合肥高新区",
     [("reporter", ["吴长锋"])]),
    ("央视网消息（新闻联播）：长江", "央视网消息（新闻联播）：", "长江", []),
])
def test_datelines(paragraph, dateline, lead, roles):
    assert split_dateline(paragraph) == (dateline, lead, roles)


@pytest.mark.parametrize("paragraph", ["经济日报记者从某高新区获悉，", "电力公司今天通电了", "据悉,近年来"])
def test_not_datelines(paragraph):
    assert split_dateline(paragraph) is None


def test_credits():
    assert credit_line("青岛高新区供图") == "青岛高新区供图"
    assert credit_line("（新华社记者 王某 摄）") == "新华社记者 王某 摄"
    assert credit_line("园区将继续加大投入，为企业提供更好的服务。") is None
    assert trailing_credit("图为工人在车间作业。本报记者 张三摄") == ("图为工人在车间作业。", "本报记者 张三摄")


def test_outlet_named_in_the_byline():
    assert parse_byline("◎南方日报记者 林海 李文") == [("reporter", ["林海", "李文"])]
    assert parse_byline("新华社记者 王某") == [("reporter", ["王某"])]
