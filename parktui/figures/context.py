"""Per-article context: sentences, clauses, dated phrases and park mentions.

Built lazily, once per article, only when the article has a figure.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from .numbers import FULLWIDTH, parse_chinese
from .patterns import PARK_PREFIX_STOP, PARK_RE, PARK_SHORT, SENT_END_RE

_CLAUSE_RE = re.compile(r"[，,；;。！？!?：:\n（(）)]")
_PARA_RE = re.compile(r"\n\s*\n")
_CN_YEAR = "[〇零○一二三四五六七八九]{4}"
DATE_RE = re.compile(
    rf"(?:(?P<y>(?:19|20)[0-9]{{2}}|{_CN_YEAR})年|(?P<rel>今年|去年|上年|前年|明年|本年|当年))"
    r"(?:(?P<tail>上半年|下半年|前三季度|前两季度|第?[一二三四]季度|以来|全年|年底|年末|底|末|初|度)"
    r"|(?P<m1>[0-9]{1,2})(?:[—\-－至到~～](?P<m2>[0-9]{1,2}))?月"
    r"(?P<mtail>份?以来)?)?"
    r"|(?P<bare>上半年|下半年|前三季度|第[一二三四]季度|[一二三四]季度|全年|年初以来)")
_QUARTER = {"一": "Q1", "二": "Q2", "三": "Q3", "四": "Q4"}
_TAIL = {"上半年": "H1", "下半年": "H2", "前三季度": "Q1-Q3", "前两季度": "H1"}
_RANGE = {(1, 3): "Q1", (1, 6): "H1", (1, 9): "Q1-Q3", (7, 12): "H2", (1, 12): ""}
_REL = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}


def _tail_code(tail: str) -> str:
    if tail in _TAIL:
        return _TAIL[tail]
    if tail.endswith("季度"):
        return _QUARTER.get(tail[-3], "")
    return ""


def shorten(name: str) -> str:
    for long, short in PARK_SHORT:
        if name.endswith(long):
            return name[: -len(long)] + short
    return name


@lru_cache(maxsize=256)
def _alias_re(aliases: tuple[str, ...]) -> re.Pattern | None:
    if not aliases:
        return None
    return re.compile("|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True)))


class Context:
    """Everything about one article that attribution needs, with offset look-ups."""

    def __init__(self, text: str, park: str | None, parks: dict[str, str] | None,
                 date: str | None) -> None:
        self.text = text
        self.park = park or ""
        self.parks = {k: v for k, v in (parks or {}).items() if k and v}
        if park and park not in self.parks:
            self.parks[park] = park
        self.year = int(date[:4]) if date and date[:4].isdigit() else None
        self.sent_ends = [m.end() for m in SENT_END_RE.finditer(text)]
        self.clause_ends = [m.end() for m in _CLAUSE_RE.finditer(text)]
        self.para_starts = [m.end() for m in _PARA_RE.finditer(text)]
        self._dates: list[tuple[int, int, str, bool]] | None = None
        self._parks: list[tuple[int, int, str]] | None = None

    # ------------------------------------------------------------ spans
    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.sent_ends, pos)
        start = self.sent_ends[i - 1] if i else 0
        end = self.sent_ends[i] if i < len(self.sent_ends) else len(self.text)
        return start, end

    def clause_start(self, pos: int) -> int:
        i = bisect_right(self.clause_ends, pos)
        return self.clause_ends[i - 1] if i else 0

    def clause_end(self, pos: int) -> int:
        i = bisect_left(self.clause_ends, pos + 1)
        return self.clause_ends[i] - 1 if i < len(self.clause_ends) else len(self.text)

    def para_start(self, pos: int) -> int:
        i = bisect_right(self.para_starts, pos)
        return self.para_starts[i - 1] if i else 0

    # ------------------------------------------------------------ periods
    @property
    def dates(self) -> list[tuple[int, int, str, bool]]:
        """(start, end, period, explicit_year) for every dated phrase, in order."""
        if self._dates is None:
            self._dates = []
            carry = self.year
            for m in DATE_RE.finditer(self.text.translate(FULLWIDTH)):
                y, explicit = None, False
                if m.group("y"):
                    y = int(m.group("y")) if m.group("y").isdigit() else int(parse_chinese(m.group("y")) or 0)
                    explicit = True
                elif m.group("rel"):
                    base = self.year if m.group("rel") != "当年" else carry
                    if base is None:
                        base = carry
                    y = None if base is None else base + _REL.get(m.group("rel"), 0)
                else:
                    y = carry
                if not y:
                    continue
                if m.group("rel") and (self.text.startswith(("同期的", "的"), m.end())
                                       or self.text[m.start() - 1:m.start()] in ("比", "较", "于", "是", "与")):
                    continue            # 比去年, 去年同期: a base of comparison, not a period
                if explicit:
                    carry = y
                tail = m.group("tail") or m.group("bare") or ""
                if tail in ("以来", "年初以来") or m.group("mtail"):
                    period = f"{y}年以来"
                elif m.group("m1"):
                    m1 = int(m.group("m1"))
                    if m.group("m2"):
                        m2 = int(m.group("m2"))
                        code = _RANGE.get((m1, m2))
                        period = f"{y}{code}" if code is not None else f"{y}-{m1:02d}~{m2:02d}"
                    else:
                        period = f"{y}-{m1:02d}" if 1 <= m1 <= 12 else str(y)
                else:
                    period = f"{y}{_tail_code(tail)}"
                self._dates.append((m.start(), m.end(), period, explicit))
        return self._dates

    def period(self, pos: int) -> str:
        dates = self.dates
        if not dates:
            return ""
        i = bisect_right(dates, (pos, 1 << 60)) - 1
        while i >= 0 and dates[i][1] > pos:
            i -= 1
        if i < 0:
            return ""
        return dates[i][2]

    # ------------------------------------------------------------ parks
    def canon(self, name: str) -> str:
        if name in self.parks:
            return self.parks[name]
        short = shorten(name)
        for alias, canon in self.parks.items():
            if name.endswith(alias) or short.endswith(shorten(alias)) or shorten(alias).endswith(short):
                return canon
        return short

    @property
    def park_mentions(self) -> list[tuple[int, int, str]]:
        if self._parks is None:
            found: dict[int, tuple[int, int, str]] = {}
            rx = _alias_re(tuple(self.parks))
            if rx is not None:
                for m in rx.finditer(self.text):
                    found[m.end()] = (m.start(), m.end(), self.parks[m.group()])
            for m in PARK_RE.finditer(self.text):
                if m.end() in found:
                    continue
                name = m.group()
                suffix_at = len(name)
                for i in range(len(name)):
                    if _is_suffix(name[i:]):
                        suffix_at = i
                        break
                prefix = name[:suffix_at]
                for j in range(len(prefix) - 1, -1, -1):
                    if prefix[j] in PARK_PREFIX_STOP:
                        prefix = prefix[j + 1:]
                        break
                if len(prefix) < 2:
                    continue
                name = prefix + name[suffix_at:]
                found[m.end()] = (m.end() - len(name), m.end(), self.canon(name))
            self._parks = sorted(found.values())
        return self._parks

    def park_at(self, pos: int) -> str:
        """The park named in the sentence before pos, else the article's park."""
        start, _ = self.sentence(pos)
        best = ""
        for s, e, canon in self.park_mentions:
            if s >= pos:
                break
            if s >= start:
                best = canon
        return best or self.park


_SUFFIXES = tuple(PARK_RE.pattern.split("(?:")[1].rstrip(")").split("|"))


def _is_suffix(s: str) -> bool:
    return s in _SUFFIXES
