"""Readers of the fixed forms of a quantity: 百分之X, X成 (tenths), fractions (二分之一,
千分之2.4), a/b, currency signs ($20, ￥300) and 一半.  Each turns the groups of one
MASTER_RE match into a Reading, or None when the form is not a figure here."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Union

from .numbers import parse_number
from .patterns import BOUNDARY_AFTER, CHENG_BLOCK_NEXT, CURRENCY_SIGNS, PCT_POST_RE
from .surroundings import pre_qualifier

# The groups of a MASTER_RE match: the match itself (indexing it is cheaper than groupdict),
# or a dict with every MASTER_RE group name.
Groups = Union["re.Match[str]", dict[str, "str | None"]]

_TENTHS: dict[str, Decimal | int] = {"半": Decimal("0.5"), "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
                                     "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass
class Reading:
    """What a reader found inside the match; `inner` is a qualifier written inside it."""
    value: Decimal
    unit: str
    kind: str
    end: int
    low: Decimal | None = None
    high: Decimal | None = None
    inner: str = ""
    measure_word: bool = False    # a unit was written (not a bare 10亿 or a percent form)


def group(g: Groups, name: str) -> str:
    """A group's text, "" when it did not take part."""
    return g[name] or ""


def percent(g: Groups, e: int) -> Reading | None:
    v1 = parse_number(group(g, "pn1"))
    if v1 is None:
        return None
    if g["pn2"]:
        v2 = parse_number(group(g, "pn2"))
        if v2 is None or v2 <= v1:
            return None
        return Reading(v1, "%", "", e, v1, v2, "range")
    return Reading(v1, "%", "", e)


def _tenths(token: str) -> Decimal | None:
    """The number before 成: 八 → 8, 7.2 → 7.2, 八点五 → 8.5, 十 → 10, 半 → 0.5."""
    if token in _TENTHS:
        return Decimal(_TENTHS[token])
    v = parse_number(token)
    return v if v is not None and 0 < v <= 10 else None


def cheng(text: str, g: Groups, s: int, e: int) -> Reading | None:
    """八成 → 80 %, 二成四 → 24, 九成半 → 95, 两到三成 a range, 7.2成 → 72."""
    a, b, c = group(g, "ca"), group(g, "cb"), group(g, "cc")
    nxt = text[e] if e < len(text) else ""
    if nxt in CHENG_BLOCK_NEXT:
        return None
    if a == "半" and nxt and nxt not in BOUNDARY_AFTER:
        return None
    va = _tenths(a)
    if va is None:
        return None
    if b:
        vb = _tenths(b)
        if vb is None or vb <= va or c or a not in _TENTHS:
            return None
        return Reading(va * 10, "%", "", e, va * 10, vb * 10, "range")
    if c and a not in _TENTHS:
        return None
    extra = Decimal(0) if not c else (Decimal(5) if c == "半" else Decimal(_TENTHS[c]))
    if a in ("一", "1") and not c and not (pre_qualifier(text, s)[0] or text[s - 1:s] in tuple("了占至到的")
                                            or PCT_POST_RE.match(text, e)):
        return None     # 一成 only as an amount: 不到一成, 减产了一成 (一成不变 is a word)
    return Reading(va * 10 + extra, "%", "", e)


def fraction(g: Groups, e: int) -> Reading | None:
    """二分之一 → 50 %, 千分之2.4 → 0.24 %, 万分之三 → 0.03 %."""
    d, num = parse_number(group(g, "fd")), parse_number(group(g, "fn"))
    if not d or num is None or num >= d:
        return None
    return Reading(num / d * 100, "%", "share", e)


def slash(text: str, g: Groups, s: int, e: int) -> Reading | None:
    num, d = int(group(g, "sn")), int(group(g, "sd"))
    prev = text[s - 1] if s else ""
    if (prev and prev in "/.\\") or text.startswith("/", e) or not 0 < num < d:
        return None
    return Reading(Decimal(num) / Decimal(d) * 100, "%", "share", e)


def currency(text: str, g: Groups, e: int) -> Reading | None:
    """$20, ￥300, US$5亿: the sign gives the unit."""
    v = parse_number(group(g, "curn"), group(g, "curs"))
    if v is None or text[e:e + 1].isascii() and text[e:e + 1].isalpha():     # $2B
        return None
    return Reading(v, CURRENCY_SIGNS[group(g, "cur")], "amount", e, measure_word=True)


def half(text: str, s: int, e: int) -> Reading | None:
    """一半 as a share, only when something says it is one: 一半左右, 超过一半, 占一半."""
    prev = text[s - 1] if s else ""
    if not (pre_qualifier(text, s)[0] or prev in "占了至到" or PCT_POST_RE.match(text, e)):
        return None
    return Reading(Decimal(50), "%", "share", e)
