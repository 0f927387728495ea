"""One match of the master pattern read as a quantity: its span, value, unit, qualifier and
range, or None when the neighbours show it is not a figure (FIGURES.md "Not figures").

Each kind of match (百分之X, X成, 翻番, fractions, a/b, currency signs, 一半, a number that
shares the next one's unit, number + measure word) has its own reader; `read_quantity` runs
the neighbour checks, the reader, then the steps every reading shares (trailing qualifier,
range, the qualifier word before it, sign, labels)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .attribute import AFTER_VERBS
from .forms import Groups, Reading, cheng, currency, fraction, group, half, percent, slash
from .numbers import parse_number, scale_of
from .patterns import (
    BAD_PREV,
    BOUNDARY_AFTER,
    CN_CHARS,
    ENUM_UNITS,
    LATIN_UNITS,
    MASTER_RE,
    MONEY,
    PCT_POST_RE,
    POST_QUAL,
    RAW_QUAL,
    SINGLE_RE,
    UNIT_BLOCK_NEXT,
    UNIT_INFO,
)
from .surroundings import in_label, pre_qualifier


@dataclass
class Quantity:
    """A figure's numbers and span; `words_end` is where the words before it end (before any
    qualifier or sign), `kind` is "" when the context decides (%, 个百分点, 倍)."""
    start: int
    end: int
    value: Decimal
    unit: str
    kind: str
    qualifier: str
    low: Decimal | None
    high: Decimal | None
    words_end: int



_NUMERAL = set("0123456789０１２３４５６７８９.．+＋/" + CN_CHARS)
_MINUS = set("-－−")
_LONE_SCALE = set("百千万亿")
_MONEY_UNITS = set(MONEY.values())
_YEAR_PREV = ("近", "过去", "未来", "这", "最近", "那")
_YEAR_NEXT = ("来", "以来", "间", "里", "中", "前", "后", "多来")
_SHARED_PP = re.compile(r"[、和与及]\s*[0-9０-９.．]+个百分点")
_STRICT_NEXT = {"单", "期"}      # measure words that are also common word starts: boundary only
_CN_UNITS_NEVER = {"期", "单"}   # 一期/二期 are names; 一单 a word
_GE_HALF = re.compile(r"半(个?小时|个?月)")
_GE_HALF_UNIT = {"小时": "小时", "个小时": "小时", "月": "个月", "个月": "个月"}
_WELL_NEXT = set("井塘锅缸窑")          # 10口井: 口 counts only these (人口, 口岸 are words)
# 两个千亿级产业集群: a single Chinese digit + 个 is a figure when a concrete noun follows
_CONCRETE_AFTER_GE = re.compile(r"[^，,。；;：:、\n]{0,10}?(?:集群|基地|园区|项目|中心|平台|城市|国家|地区|"
                                r"省份|企业|公司|片区|港口|机场|工厂|车间|口岸|实验室|产业园|开发区|高新区|新区)")
_HALF_BLOCK = set("导岛径数价场边壁山拉年月日天成程球个")
# words after a bare 3000多万 that are verbs or links, not the counted noun
_NOT_NOUN_START = set("的了是和与及也并又都将在为以从向对被把给让使至到比较约近超逾占达买卖花")


def read_quantity(text: str, m: re.Match[str]) -> Quantity | None:
    """The quantity of one MASTER_RE match, or None when it is not a figure."""
    s, e = m.span()
    g: Groups = m
    if _bad_neighbours(text, s, e, g):
        return None
    reading = _read(text, g, s, e)
    if reading is None:
        return None
    return _finish(text, s, reading, g)


def _bad_neighbours(text: str, s: int, e: int, g: Groups) -> bool:
    """Ordinals (第, 前), codes (C919, ABC-12), numbers glued to other numbers, 5级/2+3."""
    prev = text[s - 1] if s else ""
    if prev in _NUMERAL or prev in BAD_PREV:
        return True
    if prev.isascii() and prev.isalpha():
        return True
    if prev and prev in "_#,，" and s >= 2 and text[s - 2].isalnum() and (
            prev not in ",，" or text[s - 2].isdigit()):
        return True
    if prev and prev in _MINUS and s >= 2 and (text[s - 2].isascii() and text[s - 2].isalnum()
                                               or text[s - 2] in _NUMERAL):
        return True                     # ABC-12, 2021-2025: a code or a range, not a sign
    nxt = text[e] if e < len(text) else ""
    return bool(nxt) and nxt in "+＋级" and g["shared"] is None


def _read(text: str, g: Groups, s: int, e: int) -> Reading | None:
    if g["n1"] is not None:         # the common case: only FIGURE, of the alternatives, has n1
        return _measured(text, g, s, e)
    if g["pct"] is not None:
        return percent(g, e)
    if g["cheng"] is not None:
        return cheng(text, g, s, e)
    if g["fanx"] is not None:
        v = parse_number(group(g, "fan"))
        return None if v is None else Reading(v, "番", "growth", e)
    if g["frac"] is not None:
        return fraction(g, e)
    if g["slash"] is not None:
        return slash(text, g, s, e)
    if g["money"] is not None:
        return currency(text, g, e)
    if g["half"] is not None:
        return half(text, s, e)
    if g["shared"] is not None:
        return _shared(text, g, s, e)
    return _measured(text, g, s, e)


def _shared(text: str, g: Groups, s: int, e: int) -> Reading | None:
    """4.1 in 分别增长4.1和3.6个百分点: the unit (and scale) of the next number."""
    raw_unit = group(g, "shu")
    if not re.search(r"分别|各", text[max(0, s - 20):s]) and raw_unit not in ("个百分点", "%", "％"):
        return None
    v = parse_number(group(g, "shn"), group(g, "shs"))
    if v is None or raw_unit not in UNIT_INFO:
        return None
    unit, kind, mult = UNIT_INFO[raw_unit]
    return Reading(v * mult, unit, kind, e, measure_word=True)


def _cn_ok(text: str, s: int, core: str, unit: str | None, ranged: bool, end: int) -> bool:
    """Chinese numerals: refuse words (一些, 统一部署), enumerations (四大, 两个目标) and
    rhetorical magnitudes (万家, 百年) — keep 一百四十, 两千, 三千五百万, 千亿元, 连续七年."""
    if core[0].isdigit():
        return True
    if core[0] in _LONE_SCALE:
        return len(core) >= 2 and unit is not None and UNIT_INFO[unit][0] in _MONEY_UNITS
    if unit in _CN_UNITS_NEVER or unit == "条":
        return False        # 二期 (a name), 二十条, 国十条: policy names are written in Chinese numerals
    if unit == "年" and not ranged:
        return text.endswith("连续", 0, s)   # 连续七年; 建军一百年, 五千多年文明史 are names
    if len(core) == 1:
        if ranged:
            return True
        if core == "一" and unit == "个":
            return _GE_HALF.match(text, end) is not None   # 一个半小时
        if core == "一" and unit is not None and unit in MONEY and unit != "元":
            return True                                    # 一美元 (一元 is also a word: 多元, 一元化)
        if core == "一":
            # 近一吨, 一吨半: one physical unit only when a qualifier or 半 says it is a quantity
            return (unit is not None and UNIT_INFO[unit][1] == "amount" and unit != "度"
                    and (bool(pre_qualifier(text, s)[0]) or text.startswith("半", end)))
        if unit == "个":
            return _CONCRETE_AFTER_GE.match(text, end) is not None
        if unit is None or unit in ENUM_UNITS:
            return False
    return True


def _numbers(text: str, g: Groups, s: int, e: int) -> tuple[Decimal, Decimal | None, Decimal | None] | None:
    """(value, low, high) of a number or a range; None when a range is not one."""
    raw_unit = g["unit"]
    n1, s1 = group(g, "n1"), group(g, "s1")
    v1 = parse_number(n1, s1)
    if g["sep"] is None:
        if v1 is None or not _cn_ok(text, s, n1, raw_unit, False, e):
            return None
        if g["x1"]:
            extra = parse_number(group(g, "x1"), group(g, "xs"))
            if extra is None:
                return None
            v1 = v1 + extra
        return v1, None, None
    u1, n2, s2 = g["u1"], group(g, "n2"), group(g, "s2")
    v2 = parse_number(n2, s2)
    if v1 is None or v2 is None or (u1 is not None and u1 != raw_unit):
        return None
    if not (_cn_ok(text, s, n1, raw_unit, True, e) and _cn_ok(text, s, n2, raw_unit, True, e)):
        return None
    if not s1 and s2 and u1 is None:
        v1 = v1 * scale_of(s2)                      # 3至5亿元
    if not v1 < v2:
        return None
    if g["sep"] in ("到", "至") and text.endswith(("从", "由"), max(0, s - 3), s):
        return None                                 # 从3家到10家: a change, two figures
    return v1, v1, v2


def _measured(text: str, g: Groups, s: int, e: int) -> Reading | None:
    """A number (or range) with a measure word, or a bare scaled number (10亿, 3000多万)."""
    nums = _numbers(text, g, s, e)
    if nums is None:
        if g["sep"] is None:
            return None
        single = SINGLE_RE.match(text, s)       # 5至10: fall back to the first number alone
        if single is None:
            return None
        groups = dict.fromkeys(MASTER_RE.groupindex) | single.groupdict()
        if _bad_neighbours(text, s, single.end(), groups):
            return None
        return _measured(text, groups, s, single.end())
    value, low, high = nums
    post = g["post"]
    if post == "上下" and text.startswith("游", e):
        e, post = e - 2, None                   # 上下游 is a word
    raw_unit = g["unit"]
    nxt = text[e] if e < len(text) else ""
    if raw_unit is None:
        counted = group(g, "n1")[0].isdigit() and _counted_noun_after(text, e, post)
        if nxt and nxt not in BOUNDARY_AFTER and not counted:
            return None
        kind = "count" if nxt and nxt not in BOUNDARY_AFTER else ""
        reading: Reading | None = Reading(value, "", kind, e, low, high)
    else:
        reading = _unit_reading(text, g, s, e, raw_unit, (value, low, high), post)
    if reading is None:
        return None
    if low is not None:
        reading.inner = "range"
    elif g["q1"] or g["q2"]:
        reading.inner = "over"
    elif post:
        reading.inner = POST_QUAL[post]
    return reading


def _counted_noun_after(text: str, e: int, post: str | None) -> bool:
    """3000多万农村人口, 14亿多人民: a scaled number right before the noun it counts."""
    if post or e >= len(text):
        return False
    nxt = text[e]
    return ("\u4e00" <= nxt <= "\u9fff" and nxt not in _NOT_NOUN_START and nxt not in CN_CHARS
            and not text.startswith(AFTER_VERBS, e))


def _unit_reading(text: str, g: Groups, s: int, e: int, raw_unit: str,
                  nums: tuple[Decimal, Decimal | None, Decimal | None], post: str | None) -> Reading | None:
    """The measure word's checks (a word such as 项目, 支持, 家庭; 2023年 a date; 度 only as
    energy), its normal form and multiplier, and 半 after it (一吨半, 一个半小时)."""
    value, low, high = nums
    nxt = text[e] if e < len(text) else ""
    unit, kind, mult = UNIT_INFO[raw_unit]
    half = Decimal(0)
    if raw_unit == "个" and not post and nxt == "半":
        after = _GE_HALF.match(text, e)
        if after is None:
            return None
        unit, kind, mult = UNIT_INFO[_GE_HALF_UNIT[after.group(1)]]
        half, e = Decimal("0.5"), after.end()          # 一个半小时 = 1.5 小时
    elif (nxt == "半" and not post and low is None and unit not in ("%", "个百分点", "倍")
          and (e + 1 >= len(text) or text[e + 1] not in _HALF_BLOCK)):
        half, e = Decimal("0.5"), e + 1                 # 一吨半, 两年半
    nxt = text[e] if e < len(text) else ""
    if raw_unit in LATIN_UNITS and nxt.isascii() and nxt.isalnum():
        return None
    if raw_unit in UNIT_BLOCK_NEXT and not post and not half and nxt and nxt in UNIT_BLOCK_NEXT[raw_unit]:
        return None
    if raw_unit == "个" and low is None and _SHARED_PP.match(text, e):
        unit, kind = "个百分点", ""                    # 分别高5.5个、2.9个百分点
    if raw_unit in _STRICT_NEXT and not post and nxt and nxt not in BOUNDARY_AFTER:
        return None
    if raw_unit == "口" and nxt not in _WELL_NEXT and nxt not in BOUNDARY_AFTER:
        return None
    if raw_unit == "度" and nxt != "电" and not (g["s1"] or g["s2"]):
        return None
    if raw_unit == "年" and _is_date_or_period(text, group(g, "n1"), s, value, e):
        return None
    if mult != 1:
        value, low, high = value * mult, _times(low, mult), _times(high, mult)
    return Reading(value + half, unit, kind, e, low, high, measure_word=True)


def _times(x: Decimal | None, mult: int) -> Decimal | None:
    return None if x is None else x * mult


def _is_date_or_period(text: str, n1: str, s: int, value: Decimal, e: int) -> bool:
    if 1900 <= value <= 2100 and len(n1) == 4:
        return True                     # a date: 2023年, 2021—2025年
    if text.endswith("连续", 0, s):
        return False                    # 连续3年: a span
    return text.startswith(_YEAR_NEXT, e) or text.endswith(_YEAR_PREV, 0, s)   # 近3年来


def _finish(text: str, s: int, r: Reading, g: Groups) -> Quantity | None:
    """Steps every reading shares: a trailing qualifier (三分之一以上), the range's low end as
    the value, the qualifier word before it (近, 超过, 约为), a sign (负3.9%, -22.2%), labels."""
    e = r.end
    if r.unit in ("%", "番") and not r.measure_word and r.low is None and not r.inner:
        pm = PCT_POST_RE.match(text, e)       # 三分之一以上, 百分之三十左右, 三成多
        if pm and not (pm.group() == "多" and g["pct"] is not None):
            r.inner = POST_QUAL[pm.group()]
            e = pm.end()
    value, low, high = (r.low if r.low is not None else r.value), r.low, r.high
    sign_at = s
    prev = text[s - 1] if s else ""
    if prev == "负" or prev in _MINUS:
        sign_at = s - 1                       # 负3.9%, -22.2%
        value, low, high = -value, _neg(high), _neg(low)
        if low is not None:
            value = low
    word, pre = pre_qualifier(text, sign_at)
    qualifier = r.inner if r.inner == "range" else (pre or r.inner)
    if in_label(text, s, e):
        return None
    start = sign_at - len(word) if word in RAW_QUAL else sign_at
    return Quantity(start, e, value, r.unit, r.kind, qualifier, low, high, sign_at - len(word))


def _neg(x: Decimal | None) -> Decimal | None:
    return None if x is None else -x
