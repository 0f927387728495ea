"""The search query language.

    氢能 园区             both terms (AND)
    "绿色 发展"           a phrase, spaces and all
    -光伏                 exclude articles containing it
    氢能 OR 光伏          either (OR binds tighter than AND: `a OR b c` is `(a OR b) AND c`)
    park:青岛 year:2023 source:科技日报 column:园镜头      filters (substring, year exact)
    固定资产投资 >100亿   figure search: a figure whose metric contains the terms and
                          whose value passes the comparison (>, >=, <, <=, =; 亿/万, %)

Everything is compared after `fold` (full-width = ASCII, Latin case-insensitive). A
malformed query raises `QueryError` whose message is one line for people.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from parktui.search.fold import fold

if TYPE_CHECKING:
    from parktui.figure_table import Condition

FILTERS = ("park", "year", "source", "column")
_QUOTES = '"＂'
_CONDITION = re.compile(r"^(>=|<=|>|<|=|≥|≤|＞|＜|＝)")


class QueryError(ValueError):
    """A query that cannot be understood; `str()` says why in one line."""


@dataclass(frozen=True)
class Term:
    text: str          # folded
    phrase: bool = False


@dataclass
class Query:
    groups: list[list[Term]] = field(default_factory=list)   # AND of ORs
    negatives: list[Term] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)  # folded values
    conditions: list[Condition] = field(default_factory=list)   # figure_table.Condition
    text: str = ""

    @property
    def terms(self) -> list[Term]:
        """Every positive term (for highlighting)."""
        return [t for g in self.groups for t in g]

    @property
    def empty(self) -> bool:
        return not (self.groups or self.negatives or self.filters or self.conditions)


def _lex(text: str) -> list[tuple[str, str]]:
    """(kind, value) items: word, phrase, or; a leading '-' makes neg-word / neg-phrase."""
    items: list[tuple[str, str]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        neg = False
        if ch in "-－" and i + 1 < n and not text[i + 1].isspace():
            neg, i = True, i + 1
            ch = text[i]
        if ch in _QUOTES:
            j = i + 1
            while j < n and text[j] not in _QUOTES:
                j += 1
            if j >= n:
                raise QueryError(f'unbalanced quote in {text!r}: close the phrase with "')
            inner = text[i + 1:j]
            if not inner.strip():
                raise QueryError(f'empty phrase "" in {text!r}')
            items.append(("neg-phrase" if neg else "phrase", inner))
            i = j + 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] not in _QUOTES:
            j += 1
        word = text[i:j]
        i = j
        if not neg and word in ("OR", "ＯＲ", "|", "｜"):
            items.append(("or", word))
        else:
            items.append(("neg-word" if neg else "word", word))
    return items


def parse(text: str) -> Query:
    """Parse a query; QueryError when it is malformed."""
    query = Query(text=text)
    if not text.strip():
        raise QueryError("empty query: type some text to search for")
    pending_or = False
    last_group: list[Term] | None = None
    items = _lex(text)
    for kind, value in items:
        if kind == "or":
            if last_group is None or pending_or:
                raise QueryError(f"{value} needs a search term on each side")
            pending_or = True
            continue
        term: Term | None = None
        if kind in ("word", "neg-word"):
            folded = fold(value)
            name, sep, rest = folded.partition(":")
            if sep and name in FILTERS:
                if kind == "neg-word":
                    raise QueryError(f"cannot exclude a filter: {value!r} (drop the '-')")
                _add_filter(query, name, rest, value)
                _no_or(pending_or, value)
                last_group = None
                continue
            if _CONDITION.match(folded):
                if kind == "neg-word":
                    raise QueryError(f"cannot exclude a figure condition: {value!r}")
                query.conditions.append(_condition(folded, value))
                _no_or(pending_or, value)
                last_group = None
                continue
            term = Term(folded)
        else:
            term = Term(fold(value), phrase=True)
        if kind.startswith("neg"):
            _no_or(pending_or, "-" + value)
            query.negatives.append(term)
            last_group = None
            continue
        if pending_or and last_group is not None:
            last_group.append(term)
            pending_or = False
        else:
            last_group = [term]
            query.groups.append(last_group)
    if pending_or:
        raise QueryError("OR needs a search term on each side")
    return query


def _no_or(pending_or: bool, value: str) -> None:
    if pending_or:
        raise QueryError(f"OR needs a search term on each side, not {value!r}")


def _add_filter(query: Query, name: str, rest: str, raw: str) -> None:
    rest = rest.strip()
    if not rest:
        raise QueryError(f"empty filter {raw!r}: write e.g. {name}:{_EXAMPLE[name]}")
    if name == "year" and not re.fullmatch(r"\d{4}", rest):
        raise QueryError(f"year filter needs four digits, e.g. year:2023 (got {raw!r})")
    query.filters.setdefault(name, []).append(rest)


_EXAMPLE = {"park": "青岛", "year": "2023", "source": "科技日报", "column": "园镜头"}


def _condition(folded: str, raw: str) -> Condition:
    from parktui.figure_table import AmountError, parse_condition

    cond = folded.replace("＞", ">").replace("＜", "<").replace("＝", "=")
    try:
        return parse_condition(cond)
    except AmountError:
        raise QueryError(f"not a figure condition: {raw!r} (try >100亿, >=2万, >20%)") from None
