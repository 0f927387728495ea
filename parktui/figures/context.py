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
    r"|(?P<bare>上半年|下半年|前三季度|第[一二三四]季度|[一二三四]季度|全年|年初以来)"
    r"|(?<![0-9年])(?P<b1>[0-9]{1,2})[—\-－至到~～](?P<b2>[0-9]{1,2})月(?:份)?"
    r"|前(?P<fm>[0-9]{1,2}|[一二三四五六七八九十]{1,2})个月"
    r"|(?:截至|截止|到)(?P<em>[0-9]{1,2})月(?:份)?(?:底|末)")
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
def _alias_re(aliases: tuple[str, ...]) -> re.Pattern[str] | None:
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
        self._single: bool | None = None
        self._parks: list[tuple[int, int, str]] | None = None
        self._park_starts: list[int] | None = None
        self._subjects: dict[int, bool] = {}

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

    def para_end(self, pos: int) -> int:
        i = bisect_right(self.para_starts, pos)
        return self.para_starts[i] if i < len(self.para_starts) else len(self.text)

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
                    y = carry if carry is not None else self.year
                if not y:
                    continue
                before = self.text[m.start() - 1:m.start()]
                if m.group("rel") and (self.text.startswith(("同期的", "的"), m.end())
                                       or before in ("比", "较", "于", "是", "与")):
                    continue            # 比去年, 去年同期: a base of comparison, not a period
                if explicit and (before in ("比", "较", "与") or self.text.startswith("同期", m.end())
                                 or (before == "是" and self.text.startswith("的", m.end()))):
                    continue            # 较2020年增长近3倍, 是2020年的两倍
                if m.group("b1") or m.group("fm"):
                    if m.group("fm"):
                        fm = m.group("fm")
                        b1, b2 = 1, int(fm) if fm.isdigit() else int(parse_chinese(fm) or 0)
                    else:
                        b1, b2 = int(m.group("b1")), int(m.group("b2"))
                    if not 1 <= b1 < b2 <= 12:
                        continue
                    code = _RANGE.get((b1, b2))
                    period = f"{y}{code}" if code is not None else f"{y}-{b1:02d}~{b2:02d}"
                    self._dates.append((m.start(), m.end(), period, False))
                    continue
                if m.group("em"):
                    em = int(m.group("em"))
                    if 1 <= em <= 12:
                        self._dates.append((m.start(), m.end(), f"{y}-{em:02d}", False))
                    continue
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

    @property
    def single_period(self) -> bool:
        """Every dated phrase of the article names the same year."""
        if self._single is None:
            years = {p[:4] for _, _, p, _ in self.dates if not self.future(p)}
            self._single = len(years) <= 1
        return self._single

    def future(self, period: str) -> bool:
        """A target after the article's year (到2027年, 明年): not a period to carry."""
        return bool(self.year and period[:4].isdigit() and int(period[:4]) > self.year)

    def period(self, pos: int) -> str:
        """The last dated phrase before pos in its paragraph; across paragraphs only when
        the article is about one period or the paragraph has no date at all."""
        dates = self.dates
        if not dates:
            return ""
        i = bisect_right(dates, (pos, 1 << 60)) - 1
        while i >= 0 and dates[i][1] > pos:
            i -= 1
        if i < 0:
            return ""
        para = self.para_start(pos)
        if dates[i][0] >= para:
            return dates[i][2]
        # no date earlier in this paragraph: carry the last reported (not future) period,
        # only when the article is about one period and the paragraph names no other
        if not self.single_period:
            return ""
        j = i + 1
        if j < len(dates) and dates[j][0] < self.para_end(pos):
            return ""
        while i >= 0 and self.future(dates[i][2]):
            i -= 1
        return dates[i][2] if i >= 0 else ""

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
                cut = 0
                for j in range(len(prefix) - 1, -1, -1):
                    if prefix[j] in PARK_PREFIX_STOP:
                        cut = j + 1
                        break
                if prefix[cut:cut + 1] == "国" and cut and prefix[cut - 1] == "全":
                    cut += 1                     # 全国国家级经开区
                if not cut and prefix[:1] in "家所座批项" and self.text[m.start() - 1:m.start()].isdigit():
                    cut = 1                      # 230家国家级经济技术开发区
                prefix = prefix[cut:]
                for lead in _NAME_LEADS:         # 其中宜宾三江新区
                    if prefix.startswith(lead) and len(prefix) > len(lead) + 1:
                        prefix = prefix[len(lead):]
                        break
                if len(prefix) < 2:
                    continue
                name = prefix + name[suffix_at:]
                found[m.end()] = (m.end() - len(name), m.end(), self.canon(name))
            for m in _HEAD_PARK_RE.finditer(self.text):       # 【成都天府国际生物城】 item heads
                if m.end(1) not in found and (m.start() == 0 or self.text[m.start() - 1] == "\n"):
                    found[m.end(1)] = (m.start(1), m.end(1), self.canon(m.group(1)))
            self._parks = sorted(found.values())
        return self._parks

    def park_mentions_from(self, pos: int) -> list[tuple[int, int, str]]:
        """Park mentions starting at or after pos (the first few)."""
        ms = self.park_mentions
        i = bisect_left(ms, (pos, -1, ""))
        return ms[i:i + 1]

    def park_at(self, pos: int) -> str:
        """The park named in the sentence before pos, else the park a paragraph is about
        (named as the subject of a clause earlier in it: 在泸州高新区，… / 乐山高新区则…),
        else the article's park."""
        start, _ = self.sentence(pos)
        para = self.para_start(pos)
        best = ""
        subjects = set()
        mentions = self.park_mentions
        if self._park_starts is None or len(self._park_starts) != len(mentions):
            self._park_starts = [m[0] for m in mentions]
        # Only the mentions of this paragraph matter: start there, not at the top (long
        # articles have thousands of mentions and figures).
        first = bisect_left(self._park_starts, max(min(para, start), pos - _PARK_LOOKBACK))
        # Walk back from the figure: the nearest mention in its sentence wins; else the
        # paragraph's subject parks (stop once there are two: no single subject).
        for i in range(bisect_left(self._park_starts, pos) - 1, first - 1, -1):
            s, e, canon = mentions[i]
            if s >= start:
                best = canon
                break
            if s >= para and self.is_subject(s, e):
                subjects.add(canon)
                if len(subjects) > 1:
                    break
        if not best and len(subjects) == 1:
            best = subjects.pop()        # one park is what the paragraph is about
        return best or self.park

    def is_subject(self, s: int, e: int) -> bool:
        """A park mention that opens its clause (only 在/而/据/其中/目前 before it), is not
        one of a list (A、B等园区) and is a short name (not 积极探索适合高新区)."""
        known = self._subjects.get(s)
        if known is None:
            known = self._subjects[s] = self._is_subject(s, e)
        return known

    def _is_subject(self, s: int, e: int) -> bool:
        lead = self.text[self.clause_start(s):s].strip()
        if lead not in _SUBJECT_LEADS or self.text[e:e + 1] in ("、", "和", "与", "及", "等", "同"):
            return False
        name = self.text[s:e]
        return name in self.parks or len(name) <= 12 and not any(
            name.endswith(suf) and len(name) - len(suf) > 5 for suf in _SUFFIXES)


# How far back (characters) a figure looks for the park its sentence or paragraph names;
# bounds the work on pathological single-paragraph inputs.
_PARK_LOOKBACK = 3000

_HEAD_PARK_RE = re.compile(r"【([\u4e00-\u9fff]{2,14}(?:区|园|城|港|基地))】")
_NAME_LEADS = ("其中", "目前", "同时", "此外", "另外", "截至", "如今", "随着", "通过", "依托", "作为",
               "其次", "首先", "当前", "近年来", "近年")
_SUBJECT_LEADS = {"", "【", "以", "在", "而", "据", "其中", "目前", "如今", "同时", "此外", "另外", "今年",
                  "去年", "作为", "从", "至此"}
_SUFFIXES = tuple(PARK_RE.pattern.split("(?:")[1].rstrip(")").split("|"))


def _is_suffix(s: str) -> bool:
    return s in _SUFFIXES
