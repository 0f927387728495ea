"""Dated phrases of an article and the periods they name (../shared/FIGURES.md).

Relative words resolve against the article's date: 今年 → its year, 去年 → the year before,
上半年 / 前7个月 / 7月份 → the year last stated in the story, else the article's year (in
a first-quarter article, 全年 / 12月份 / 四季度 are the previous year's). A year that anchors
a span or a history (2013年倡议提出以来, 自2011年首次突破) names the period of its own clause
only and is not carried on.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Callable, NamedTuple

from .numbers import parse_chinese

_CN_YEAR = "[〇零○一二三四五六七八九]{4}"
# The leading look-ahead (every character a date can start with) lets re skip ahead quickly.
DATE_RE = re.compile(
    rf"(?=[0-9〇零○一二三四五六七八九今去上前明本当下第全年截到])"
    rf"(?:(?:(?P<y>(?:19|20)[0-9]{{2}}|{_CN_YEAR})年|(?P<rel>今年|去年|上年|前年|明年|本年|当年))"
    r"(?:(?P<tail>上半年|下半年|前三季度|前两季度|第?[一二三四]季度|以来|全年|年底|年末|底|末|初|度)"
    r"|(?P<m1>[0-9]{1,2})(?:[—\-－至到~～](?P<m2>[0-9]{1,2}))?月"
    r"(?P<mtail>份?以来)?)?"
    r"|(?P<bare>上半年|下半年|前三季度|第[一二三四]季度|[一二三四]季度|全年|年初以来)"
    r"|(?<![0-9年])(?P<b1>[0-9]{1,2})[—\-－至到~～](?P<b2>[0-9]{1,2})月(?:份)?"
    r"|前(?P<fm>[0-9]{1,2}|[一二三四五六七八九十]{1,2})个月"
    r"|(?:截至|截止|到)(?P<em>[0-9]{1,2})月(?:份)?(?:底|末)"
    r"|(?<![0-9年月])(?P<bm>[0-9]{1,2})月(?:份)?(?![0-9]{1,2}月))")
# Spans of several years (FIGURES.md: "else the words"): 2021年至2025年, 五年来, 近三年,
# 过去5年, “十四五”以来. Their period is the words as written, without quotes.
SPAN_RE = re.compile(
    r"(?=[0-9近过最这一二两三四五六七八九十“\"])"
    r"(?:(?:19|20)[0-9]{2}年?[—\-－至到~～](?:19|20)[0-9]{2}年(?:间|期间)?"
    r"|(?:近|过去|最近|这)(?:[0-9]{1,2}|[一二两三四五六七八九十]{1,2})年(?:来|以来|间|里|中)?"
    r"|(?<![0-9一二两三四五六七八九十])(?:[0-9]{1,2}|[一二两三四五六七八九十]{1,2})年(?:来|以来)"
    r"|[“\"]?十[一二三四五]五[”\"]?(?:以来|期间|时期))")
_QUOTES = str.maketrans("", "", "“”\"")
# words that bring a sentence back to the present after a span (…十年来…，如今…)
NOW_RE = re.compile(r"目前|如今|现在|现已|现有|当前|今年")
_QUARTER = {"一": "Q1", "二": "Q2", "三": "Q3", "四": "Q4"}
_TAIL = {"上半年": "H1", "下半年": "H2", "前三季度": "Q1-Q3", "前两季度": "H1"}
_RANGE = {(1, 3): "Q1", (1, 6): "H1", (1, 9): "Q1-Q3", (7, 12): "H2", (1, 12): ""}
_REL = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}
# months in which each code ends (a period ending after the article's date is last year's)
_CODE_END = {"Q1": 3, "H1": 6, "Q2": 6, "Q1-Q3": 9, "Q3": 9, "H2": 12, "Q4": 12, "": 12}
# words after a year, in its clause, that make it the start of a span or a history
_ANCHOR_AFTER = re.compile(r"以来|起|开始|之后|以后|首次|第一次|提出|成立|设立|获批|建成|开通|开行|创建|启动")

_THAN = {"高于", "低于", "多于", "少于", "大于", "小于", "快于", "慢于", "好于", "优于"}
_PLAN = re.compile(r"将|力争|预计|目标|计划|确保|争取|有望")

STATED = "stated"
RELATIVE = "relative"
ARTICLE_DATE = "article date"


class Dated(NamedTuple):
    start: int
    end: int
    period: str
    basis: str          # STATED or RELATIVE
    anchor: bool        # a span's start or a history: its own clause only
    span: bool = False  # several years (五年来): its own sentence only, until 目前/如今


def _tail_code(tail: str) -> str:
    if tail in _TAIL:
        return _TAIL[tail]
    if tail.endswith("季度"):
        return _QUARTER.get(tail[-3], "")
    return ""


def _month(text: str) -> int:
    return int(text) if text.isdigit() else int(parse_chinese(text) or 0)


def _is_comparison(text: str, m: re.Match[str], explicit: bool) -> bool:
    """比去年, 去年同期, 较2020年, 是2020年的两倍: a base of comparison, not a period."""
    before = text[m.start() - 1:m.start()]
    # 于 compares only after 高/低/多/少/大/小 (高于去年); 于今年3月底 is a time
    compared = before in ("比", "较", "与") or text[max(0, m.start() - 2):m.start()] in _THAN
    if m.group("rel"):
        return text.startswith(("同期的", "的"), m.end()) or compared or before == "是"
    if explicit:
        return (compared or text.startswith("同期", m.end())
                or (before == "是" and text.startswith("的", m.end())))
    return compared                     # 冷轧产品优惠较6月增加: 6月 is the base, not the period


def _is_anchor(text: str, m: re.Match[str], clause_end: int) -> bool:
    before = text[max(0, m.start() - 1):m.start()]
    return before in ("自", "从") or bool(_ANCHOR_AFTER.search(text, m.end(), clause_end))


_FULL_WIDTH_DIGIT = re.compile("[０-９]")
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def half_width(text: str) -> str:
    """The text with full-width digits as ASCII (same offsets), for DATE_RE and SPAN_RE; the
    text itself when it has none (most texts: translate is slow on CJK text). Only digits
    matter: no other character of numbers.FULLWIDTH (，．％) is in those patterns."""
    return text.translate(_DIGITS) if _FULL_WIDTH_DIGIT.search(text) else text


class _Inside:
    """Is an offset inside one of these spans (sorted, not overlapping)?"""

    def __init__(self, spans: list[Dated]) -> None:
        self.starts = [s.start for s in spans]
        self.ends = [s.end for s in spans]

    def __call__(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]


class DateScanner:
    """Every dated phrase of a text, with periods resolved against the article's date."""

    def __init__(self, text: str, date: str | None, story_starts: list[int],
                 clause_end: Callable[[int], int]) -> None:
        self.text = text
        self.year = int(date[:4]) if date and date[:4].isdigit() else None
        self.month = int(date[5:7]) if date and date[5:7].isdigit() else None
        self.story_starts = story_starts
        self.clause_end = clause_end

    def _shift(self, y: int, end_month: int, stated: bool, plan: bool) -> int:
        """In the first quarter, a period of the article's year that would end after the
        article's month (全年, 12月份, 四季度, 一季度 in a January report) is the previous
        year's, unless its clause is a plan (将, 力争, 预计); later in the year such words are
        plans for the current one."""
        if (not stated and not plan and self.year is not None and self.month is not None and y == self.year
                and self.month <= 3 and end_month > self.month):
            return y - 1
        return y

    def scan(self) -> list[Dated]:
        """Dated phrases and multi-year spans, in order; a year inside a span is the span's."""
        digits = half_width(self.text)
        spans = [Dated(m.start(), m.end(), m.group().translate(_QUOTES), STATED, False, True)
                 for m in SPAN_RE.finditer(digits)]
        if not spans:
            return self._scan_dates(digits, spans)
        return sorted(self._scan_dates(digits, spans) + spans)

    def _scan_dates(self, digits: str, spans: list[Dated]) -> list[Dated]:
        """The dated phrases of the text (`digits`: the text with half-width digits), but
        not the years that start or end a span."""
        out: list[Dated] = []
        text = self.text
        carry: int | None = None
        stories = iter(self.story_starts[1:] + [len(text) + 1])
        next_story = next(stories)
        clause_end = self.clause_end
        inside = _Inside(spans)
        for m in DATE_RE.finditer(digits):
            start = m.start()
            while start >= next_story:          # a story's years stay in the story
                carry, next_story = None, next(stories)
            if inside(start):
                continue                        # the start or end year of a span
            year, rel = m.group("y", "rel")
            explicit = bool(year)
            if _is_comparison(text, m, explicit):
                continue
            if explicit:
                y = _month(year)
            elif rel:
                base = carry if rel == "当年" else self.year
                base = carry if base is None else base
                y = 0 if base is None else base + _REL.get(rel, 0)
            else:
                y = carry or self.year or 0
            if not y:
                continue
            stated_year = explicit or (not rel and carry is not None)
            clause_stop = clause_end(start)
            fixed = stated_year or bool(rel)
            period = self._period(m, y, fixed, bool(_PLAN.search(text, max(0, start - 20), start)
                                                    or _PLAN.search(text, start, clause_stop)))
            if not period:
                continue
            anchor = explicit and _is_anchor(text, m, clause_stop)
            if explicit and not anchor and not (self.year and y > self.year):
                carry = y
            out.append(Dated(start, m.end(), period, STATED if explicit else RELATIVE, anchor))
        return out

    def _period(self, m: re.Match[str], y: int, fixed_year: bool, plan: bool) -> str:
        """The period of one dated phrase; the year shifts back when it is not fixed by the
        text and the period would end after the article's date (see _shift)."""
        if m.group("b1") or m.group("fm"):
            b1, b2 = (1, _month(m.group("fm"))) if m.group("fm") else (int(m.group("b1")), int(m.group("b2")))
            if not 1 <= b1 < b2 <= 12:
                return ""
            y = self._shift(y, b2, fixed_year, plan)
            code = _RANGE.get((b1, b2))
            return f"{y}{code}" if code is not None else f"{y}-{b1:02d}~{b2:02d}"
        month = m.group("em") or m.group("bm")
        if month:
            mm = int(month)
            if not 1 <= mm <= 12:
                return ""
            y = self._shift(y, mm, fixed_year, plan)
            return f"{y}-{mm:02d}"
        tail = m.group("tail") or m.group("bare") or ""
        if tail in ("以来", "年初以来") or m.group("mtail"):
            return f"{y}年以来"
        if m.group("m1"):
            m1 = int(m.group("m1"))
            if m.group("m2"):
                m2 = int(m.group("m2"))
                code = _RANGE.get((m1, m2))
                return f"{y}{code}" if code is not None else f"{y}-{m1:02d}~{m2:02d}"
            return f"{y}-{m1:02d}" if 1 <= m1 <= 12 else str(y)
        code = _tail_code(tail)
        if tail in ("全年", "年底", "年末", "底", "末"):
            code = ""
        y = self._shift(y, _CODE_END.get(code, 12), fixed_year, plan)
        return f"{y}{code}"
