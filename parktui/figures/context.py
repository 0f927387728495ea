"""Per-article context: sentences, clauses, stories, dated phrases and park mentions.

Built lazily, once per article, only when the article has a figure. Parks come from the
one park vocabulary (parktui.ingest.parks); periods resolve against the article's date
(figures/periods.py). Park and period never cross a story (a section of a bundle).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from parktui.ingest.parks import PARK_WORDS, Mention, dominant, find_mentions, lead_end

from .patterns import SENT_END_RE
from .periods import ARTICLE_DATE, DATE_RE, NOW_RE, Dated, DateScanner

__all__ = ["DATE_RE", "Context"]

_CLAUSE_RE = re.compile(r"[，,；;。！？!?：:\n（(）)]")
_PARA_RE = re.compile(r"\n\s*\n")
# A figure about the whole country (or province, city) belongs to no park, unless its own
# sentence names one: 全国规模以上工业增加值 (but not 占全国, 居全国, 在全国).
_SCOPE_RE = re.compile(r"(?=[全我])(?<![占居列在于较比与到和及、])(?:全国|我国|全省|全市)")


class Context:
    """Everything about one article that attribution needs, with offset look-ups."""

    def __init__(self, text: str, park: str | None, parks: dict[str, str] | None,
                 date: str | None, stories: list[int] | None = None) -> None:
        self.text = text
        self.park = park or ""
        self.parks = {k: v for k, v in (parks or {}).items() if k and v}
        if park and park not in self.parks:
            self.parks[park] = park
        self.park_names = tuple(self.parks)
        self.date = date
        self.year = int(date[:4]) if date and date[:4].isdigit() else None
        self.sent_ends = [m.end() for m in SENT_END_RE.finditer(text)]
        self.clause_ends = [m.end() for m in _CLAUSE_RE.finditer(text)]
        self.para_starts = [m.end() for m in _PARA_RE.finditer(text)]
        # story starts: 0 and every section heading's offset
        self.story_starts = sorted({0, *(s for s in (stories or []) if 0 < s < len(text))})
        self.bundle = len(self.story_starts) > 1
        self._dates: list[Dated] | None = None
        self._date_starts: list[int] = []
        self._parks: list[Mention] | None = None
        self._park_starts: list[int] | None = None
        self._story_parks: dict[int, str] = {}
        self._story_dates: dict[int, list[Dated]] = {}
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

    # ------------------------------------------------------------ stories
    def story(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.story_starts, pos)
        start = self.story_starts[i - 1]
        end = self.story_starts[i] if i < len(self.story_starts) else len(self.text)
        return start, end

    # ------------------------------------------------------------ periods
    @property
    def dates(self) -> list[Dated]:
        """Every dated phrase, in order (see figures/periods.py)."""
        if self._dates is None:
            self._dates = DateScanner(self.text, self.date, self.story_starts, self.clause_end).scan()
            self._date_starts = [d.start for d in self._dates]
        return self._dates

    def future(self, period: str) -> bool:
        """A target after the article's year (到2027年, 明年): not a period to carry."""
        return bool(self.year and period[:4].isdigit() and int(period[:4]) > self.year)

    def period(self, pos: int) -> tuple[str, str]:
        """(period, basis) of a figure at pos: the last dated phrase before it in its clause,
        else in its paragraph (not a year that anchors another clause's span); else the last
        reported period of its story when the story is about one period; else the article's
        year (current news)."""
        dates = self.dates
        i = bisect_right(self._date_starts, pos) - 1      # the last one starting at or before pos
        while i >= 0 and dates[i].end > pos:
            i -= 1
        clause = self.clause_start(pos)
        para = max(self.para_start(pos), self.story(pos)[0])
        j = i
        while j >= 0 and dates[j].start >= para:
            if dates[j].span:
                if self._span_reaches(dates[j], pos):
                    return dates[j].period, dates[j].basis
            elif not dates[j].anchor or dates[j].start >= clause:
                return dates[j].period, dates[j].basis
            j -= 1
        story_s, story_e = self.story(pos)
        carried = self._story_period(i, story_s, story_e, pos)
        if carried is not None:
            return carried.period, carried.basis
        return (str(self.year), ARTICLE_DATE) if self.year else ("", "")

    def _span_reaches(self, span: Dated, pos: int) -> bool:
        """A span of years (五年来, 近3年) is the period of the figures of its own sentence,
        until the sentence returns to the present (如今, 目前)."""
        return self.sentence(span.start) == self.sentence(pos) and not NOW_RE.search(self.text, span.end, pos)

    def _story_period(self, i: int, story_s: int, story_e: int, pos: int) -> Dated | None:
        """The last reported (not future, not anchor) period before pos in the story, when
        every period of the story names the same year and the paragraph names no other."""
        dated = self._reported(story_s, story_e)
        if not dated:
            return None
        para_end = self.para_end(pos)
        if any(pos < d.start < para_end for d in dated):
            return None
        before = [d for d in dated if d.end <= pos]
        return before[-1] if before else None

    def _reported(self, story_s: int, story_e: int) -> list[Dated]:
        """The story's reported periods (not future, not anchor, not span), once per story;
        [] when they name more than one year."""
        known = self._story_dates.get(story_s)
        if known is None:
            known = [d for d in self.dates
                     if story_s <= d.start < story_e and not d.anchor and not d.span and not self.future(d.period)]
            if len({d.period[:4] for d in known}) > 1:
                known = []
            self._story_dates[story_s] = known
        return known

    # ------------------------------------------------------------ parks
    @property
    def park_mentions(self) -> list[Mention]:
        if self._parks is None:
            self._parks = find_mentions(self.text, self.parks)
        return self._parks

    def story_park(self, pos: int) -> str:
        """The park a story is about: the one its heading names, else the article's, else
        the one the story's text is about (named at least twice, more than any other)."""
        start, end = self.story(pos)
        known = self._story_parks.get(start)
        if known is None:
            mentions = [m for m in self.park_mentions if start <= m.start < end]
            heading_end = self.text.find("\n", start)
            in_heading = [m for m in mentions if self.bundle and m.end <= heading_end and start > 0]
            lead = lead_end(self.text, heading_end + 1) if self.bundle and start > 0 else lead_end(self.text, start)
            known = in_heading[0].name if in_heading else (self.park or dominant(mentions, lead))
            self._story_parks[start] = known
        return known

    def park_at(self, pos: int) -> str:
        """The park named in the sentence before pos, else the park the paragraph is about
        (named as the subject of a clause earlier in it: 在泸州高新区，… / 乐山高新区则…),
        else the story's park; "" for a figure about the whole country (全国, 我国)."""
        start, _ = self.sentence(pos)
        best = ""
        subjects = set()
        mentions = self.park_mentions
        if self._park_starts is None or len(self._park_starts) != len(mentions):
            self._park_starts = [m.start for m in mentions]
        if mentions:
            para = max(self.para_start(pos), self.story(pos)[0])
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
        if best:
            return best
        if _SCOPE_RE.search(self.text, start, pos):
            return ""
        if len(subjects) == 1:
            return subjects.pop()        # one park is what the paragraph is about
        return self.story_park(pos)

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
            name.endswith(suf) and len(name) - len(suf) > 5 for suf in PARK_WORDS)


# How far back (characters) a figure looks for the park its sentence or paragraph names;
# bounds the work on pathological single-paragraph inputs.
_PARK_LOOKBACK = 3000

_SUBJECT_LEADS = {"", "【", "以", "在", "而", "据", "其中", "目前", "如今", "同时", "此外", "另外", "今年",
                  "去年", "作为", "从", "至此"}
