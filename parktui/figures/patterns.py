"""Regular expressions and word tables for figures (see ../shared/FIGURES.md)."""
from __future__ import annotations

import re
from typing import Iterable

from parktui.ingest.parks import NAME_STOP, PARK_NAME_RE

# ---------------------------------------------------------------- numerals
DIGIT = "0-9０-９"
NUM_AR = (rf"[{DIGIT}]{{1,3}}(?:,[0-9]{{3}})+(?![0-9])(?:[.．][{DIGIT}]+)?"
          rf"|[０-９]{{1,3}}(?:，[０-９]{{3}})+(?![０-９])(?:[.．][{DIGIT}]+)?"     # １，１２３ (full width)
          rf"|[{DIGIT}]+(?:[.．][{DIGIT}]+)?")
CN_CHARS = "零〇一二两三四五六七八九十百千万亿"
NUM_CN = rf"[{CN_CHARS}]+(?:点[零〇一二三四五六七八九]+)?"
NUM = rf"(?:{NUM_AR}|{NUM_CN})"
SCALE_CHARS = "十百千万亿"
SEP = r"(?:——|—|–|－|-|~|～|〜|至|到)"
# a scale word; 千 before 瓦/伏/米/克 belongs to the unit (103682亿千瓦时 is 千瓦时, as written)
SCALE = r"(?:[十百万亿]|千(?![瓦伏米克]))+"

# ---------------------------------------------------------------- units
# raw unit -> (unit, kind, multiplier).  kind None = decided by context (%).
MONEY = {"元": "元", "元人民币": "元", "人民币": "元", "美元": "美元", "美金": "美元", "美圆": "美元",
         "欧元": "欧元", "日元": "日元", "英镑": "英镑", "港元": "港元", "港币": "港元",
         "韩元": "韩元", "澳元": "澳元", "加元": "加元", "卢布": "卢布", "新台币": "新台币",
         "台币": "新台币", "瑞士法郎": "瑞士法郎", "法郎": "法郎", "奈拉": "奈拉", "卢比": "卢比",
         "泰铢": "泰铢", "林吉特": "林吉特", "比索": "比索", "雷亚尔": "雷亚尔", "兰特": "兰特",
         "越南盾": "越南盾", "新加坡元": "新加坡元", "新元": "新加坡元", "瑞郎": "瑞士法郎"}
# currency signs written before the number: $20, ￥300, €5
CURRENCY_SIGNS = {"$": "美元", "＄": "美元", "US$": "美元", "HK$": "港元", "￥": "元", "¥": "元",
                  "€": "欧元", "£": "英镑", "￡": "英镑"}
RATE_DENOM = ["平方米", "吨", "亩", "人", "月", "年", "千瓦时", "度", "斤", "公斤", "台", "辆"]
COUNT = ["个", "家", "项", "批次", "批", "次", "人次", "台次", "辆次", "艘次", "场次", "户次", "车次", "人", "名", "位", "户", "件", "款", "种",  # noqa: E501
         "类", "条", "座", "栋", "幢", "所", "例", "场", "处", "宗", "笔", "套", "台", "辆",
         "架次", "架", "艘", "列", "班次", "部", "篇", "份", "张", "株", "棵", "头", "只", "枚",
         "颗", "片", "根", "支", "组", "间", "层", "床", "盏", "剂次", "剂", "起", "班", "尾",
         "家次", "项次", "个次", "企次", "单", "块", "台套", "台（套）", "册", "羽", "期",
         "口", "车道", "股", "字", "箱", "方"]
AMOUNT = ["吨", "公斤", "千克", "克", "毫克", "微克", "微克/立方米", "毫克/立方米", "斤", "公分",
          "亩", "公顷", "平方米", "平米", "平方公里",
          "平方千米", "立方米", "公里", "千米", "米", "厘米", "毫米", "纳米", "微米",
          "千瓦时", "瓦时", "千瓦", "兆瓦时", "兆瓦", "吉瓦", "瓦", "千伏安", "千伏",
          "标箱", "标准箱", "载重吨", "吨标准煤", "吨标煤", "吨二氧化碳", "升", "毫升", "桶", "摄氏度", "℃", "英里", "海里", "MW", "GW",  # noqa: E501
          "kW", "KW", "kWh", "MWh", "GWh", "kV", "KV", "TEU", "nm", "mm", "cm", "km", "CM", "KM", "kg", "KG",
          "m²", "㎡", "m³"]
DURATION = ["年", "个月", "周", "天", "小时", "个小时", "分钟", "秒", "个工作日", "工作日"]
OTHER = ["岁", "周岁"]
RENAME = {"平米": "平方米", "个小时": "小时", "台（套）": "台套",
          "个工作日": "工作日", "标准箱": "标箱", "㎡": "平方米", "m²": "平方米", "℃": "摄氏度"}

UNIT_INFO: dict[str, tuple[str, str, int]] = {}
for _u in COUNT:
    UNIT_INFO[_u] = (_u, "count", 1)
for _u in AMOUNT:
    UNIT_INFO[_u] = (_u, "amount", 1)
for _u in DURATION:
    UNIT_INFO[_u] = (_u, "duration", 1)
for _u in OTHER:
    UNIT_INFO[_u] = (_u, "other", 1)
for _u, _n in MONEY.items():
    UNIT_INFO[_u] = (_n, "amount", 1)
for _d in RATE_DENOM:
    UNIT_INFO["元/" + _d] = ("元/" + _d, "amount", 1)
    UNIT_INFO["万元/" + _d] = ("元/" + _d, "amount", 10_000)
for _u, _n in RENAME.items():
    _k = UNIT_INFO[_u][1]
    UNIT_INFO[_u] = (_n, _k, 1)
UNIT_INFO["%"] = ("%", "", 1)
UNIT_INFO["％"] = ("%", "", 1)
UNIT_INFO["‰"] = ("‰", "", 1)
UNIT_INFO["个百分点"] = ("个百分点", "", 1)
UNIT_INFO["个基点"] = ("个基点", "", 1)
UNIT_INFO["倍"] = ("倍", "", 1)
UNIT_INFO["度"] = ("度", "amount", 1)        # only before 电 (亿度电)

LATIN_UNITS = {u for u in UNIT_INFO if u[0].isascii() and u[0].isalpha()}
Trie = dict[str, "Trie | bool"]


def _trie_re(words: Iterable[str]) -> str:
    """One alternation as a character trie (Python's re does not factor prefixes itself);
    longer words win, as with a longest-first alternation."""
    trie: Trie = {}
    for w in words:
        node = trie
        for ch in w:
            child = node.setdefault(ch, {})
            assert isinstance(child, dict)
            node = child
        node[""] = True

    def emit(node: Trie) -> str:
        end = node.get("", False)
        branches = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch and isinstance(sub, dict)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?"
        return body
    return emit(trie)


UNITS_RE = _trie_re(UNIT_INFO)

POST_QUAL = {"以上": "over", "之上": "over", "以下": "under", "以内": "under", "之内": "under",
             "左右": "approx", "上下": "approx", "多": "over", "余": "over"}
POST_RE = "以上|之上|以下|以内|之内|左右|上下|多|余"

# one number-with-unit, or a range of two; a scaled number (10亿, 1.5万) may stand alone
_TAIL = rf"(?P<q2>[多余])?(?:(?P<unit>{UNITS_RE})|(?<=[万亿]))(?P<post>{POST_RE})?"
_HEAD = (rf"(?P<n1>{NUM})(?P<q1>[多余])?(?P<s1>{SCALE})?"
         rf"(?:(?<=亿)(?P<x1>[{DIGIT}]+(?:[.．][{DIGIT}]+)?)(?P<xs>[千万]))?")     # 1亿7000万
FIGURE = (_HEAD + rf"(?:(?P<u1>{UNITS_RE})?(?P<sep>{SEP})(?P<n2>{NUM})(?P<q3>[多余])?"
          rf"(?P<s2>{SCALE})?)?" + _TAIL)
SINGLE_RE = re.compile(_HEAD + _TAIL)
PERCENT = rf"百分之(?P<pn1>{NUM})(?:(?P<psep>{SEP})(?:百分之)?(?P<pn2>{NUM}))?"
# 二分之一, 千分之2.4, 万分之三, 百万分之五, 千分之一百一十一点一一二
FRACTION = (r"(?P<fd>百万|千万|[一二两三四五六七八九十百千万]+)分之"
            rf"(?P<fn>[{DIGIT}]+(?:[.．][{DIGIT}]+)?|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?)")
SLASH = r"(?P<sn>[0-9]{1,3})/(?P<sd>[0-9]{1,3})(?![0-9/])"
_CN_TENTH = "一二两三四五六七八九"
# X成 (tenths): 八成, 9成, 7.２成, 八点五成, 十成, 半成, 两到三成, 二成四, 九成半
CHENG = (rf"(?P<ca>[{DIGIT}]{{1,2}}(?:[.．][{DIGIT}])?|十|半|[{_CN_TENTH}](?:点[{_CN_TENTH}])?)"
         rf"(?:(?P<csep>到|至|—|-|～|~)(?P<cb>[{_CN_TENTH}]))?成"
         rf"(?P<cc>[{_CN_TENTH}半](?![成十百千万亿]))?")
FAN = r"翻了?(?P<fan>[一两三四五六七八九])番"
# $20, ￥300, US$5亿, €1.5万
CURRENCY = rf"(?P<cur>US\$|HK\$|[$＄￥¥€£￡])\s?(?P<curn>{NUM_AR})(?P<curs>[{SCALE_CHARS}]+)?"
HALF = r"(?P<half>一半)"
# the first of two numbers that share one unit: 分别增长4.1和3.6个百分点
_NUM_PLAIN = rf"[{DIGIT}]+(?:[.．][{DIGIT}]+)?"
SHARED = (rf"(?P<shn>{_NUM_PLAIN})(?=(?:[和与及、]{_NUM_PLAIN})+"
          rf"(?P<shs>[{SCALE_CHARS}]+)?(?P<shu>个百分点|%|％|{UNITS_RE}))")
PCT_POST_RE = re.compile(r"以上|之上|以下|以内|左右|上下|多")
# the leading look-ahead lets re skip to a possible first character quickly (~2.5x faster)
_FIRST = rf"{DIGIT}{CN_CHARS}翻半$＄￥¥€£￡UH"
MASTER_RE = re.compile(rf"(?=[{_FIRST}])(?:(?P<pct>{PERCENT})|(?P<frac>{FRACTION})|(?P<slash>{SLASH})|"
                       rf"(?P<cheng>{CHENG})|(?P<fanx>{FAN})|(?P<money>{CURRENCY})|{HALF}|{FIGURE}|"
                       rf"(?P<shared>{SHARED}))")

# ---------------------------------------------------------------- context words
# qualifiers kept inside raw when they touch the number
RAW_QUAL = {"近", "约", "超", "逾", "超过", "将近", "接近", "大约", "不到", "不足", "多达",
            "不超过", "不高于", "不少于", "不低于", "至少", "低于", "少于", "大概", "约合"}

# characters that, right after a unit, show it was part of a word (项目, 支持, 家庭 ...)
UNIT_BLOCK_NEXT = {
    "项": "目", "支": "持撑付柱出", "所": "有以在属得谓", "处": "理于置在", "部": "门署分委长队",
    "种": "植子类", "只": "有是要能", "片": "区", "头": "部", "根": "据本", "组": "织成建合",
    "类": "似型", "场": "景地所馆", "列": "入为车", "层": "次面级", "笔": "记", "座": "谈",
    "架": "构设", "台": "阶湾州风账河", "家": "庭居乡电门属渠", "人": "民大", "元": "素宇旦器件",
    "天": "然津下空宫眼地", "户": "外籍口", "条": "件例款", "个": "人体性税半", "名": "单称义片牌",
    "批": "复准发", "间": "隔接", "周": "年边末", "年": "来代级", "次": "日",
    "米": "饭", "克": "服", "位": "于", "套": "餐", "款": "项", "床": "位", "例": "如",
    "起": "来步草诉飞点源", "班": "子组长级车机", "剂": "量型",
    "块": "钱状", "册": "子", "期": "间限望待货满末中初刊权内", "羽": "毛绒",
    "股": "份票东权民市价息本金指", "字": "号样体母幕典符段", "箱": "包子体", "方": "案面式向法针便位正形阵舱略",
    "单": "位个体品日笔月年次项价独一纯向列晶车边线机人间身据证号元打兵亲产轨层元",
}
# a number right after these is part of a label, not a figure
BAD_PREV = set("第前每逐数几")
# single Chinese digits with these units are enumerations (四大, 两个目标), not figures
ENUM_UNITS = {"个", "项", "条", "种", "类", "批", "位", "部", "片", "组", "支", "场", "处",
              "层", "根", "头", "只", "款", "所", "件", "周", "年", "次", "批次", "天", "单", "块",
              "期", "册", "方", "字", "箱", "股"}
# a word that 成 (tenths) starts: 三成员, 一成不变, 四成立
CHENG_BLOCK_NEXT = set("员立为果本效功交都长熟型品绩就份分语群了年形风规色器像活千套批片不")
BOUNDARY_AFTER = set("，,。；;、：:）)！!？?”’\n 的")

GROWTH_WORDS = re.compile(
    r"(同比|环比|比上年|较上年|比去年|较去年|年均|平均)?"
    r"(增长|增速|增幅|提高|提升|上升|上涨|涨幅|增加|(?<!新)增|下降|降幅|下滑|下跌|回落|减少|降低|缩减|减|降(?![雨水雪])|翻|跌幅|跌|涨|压缩|缩短|缩减|萎缩)(?![面点极]|长[面点极])")
NEG_WORDS = ("下降", "降幅", "下滑", "下跌", "回落", "减少", "降低", "缩减", "减", "降", "跌幅", "跌",
             "压缩", "缩短", "萎缩")
SHARE_WORDS = re.compile(r"占|比重|份额|覆盖率|完成|达产率|完工|各占|贡献率|比例|渗透率|利用率|达标率|"
                         r"合格率|完成率|满意度|普及率|进度|开工率|良品率|自给率")
MONEY_HINT = re.compile(r"投资|产值|营收|营业收入|收入|销售|金额|税|资金|GDP|生产总值|总额|"
                        r"融资|利润|贷款|出口|进口|贸易|消费|交易|成交|补助|补贴|奖励|基金|预算|"
                        r"资产|规模|进出口|营业额|订单")

# ---------------------------------------------------------------- parks
# One park vocabulary for the whole program (parktui/ingest/parks.py).
PARK_RE = PARK_NAME_RE
PARK_PREFIX_STOP = NAME_STOP

# ---------------------------------------------------------------- sentences
SENT_END_RE = re.compile(r"(?=[。！？!?；;\n])(?:[。！？!?；;]+[”’」』\"）)]*|\n+)")   # look-ahead: quick skip
CLAUSE_SEP = set("，,；;。！？!?：:\n（(）)")
