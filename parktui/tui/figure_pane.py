"""The figures pane of the main screen: the open article's figures, in text order or
sorted by a column (values numerically)."""
from __future__ import annotations

from typing import Any, Callable

from parktui.tui.data import format_value
from parktui.tui.vtable import Column

Figure = dict[str, Any]

FIGURE_COLUMNS = [
    Column("metric", "metric", 8, flex=2),
    Column("value", "value", 8, justify="right", fit=14),
    Column("kind", "kind", 4, fit=8),
    Column("qualifier", "qual.", 4, fit=6),
    Column("period", "period", 6, fit=9),
    Column("park", "park", 4, fit=8),
]
FIGURE_SORTS: list[str | None] = [None] + [c.key for c in FIGURE_COLUMNS]
"""None: the order of the text."""


def figure_cells(fig: Figure) -> list[str]:
    return [fig.get("metric") or "", format_value(fig), fig.get("kind") or "", fig.get("qualifier") or "",
            str(fig.get("period") or ""), fig.get("park") or ""]


def figure_sort_key(key: str) -> Callable[[Figure], Any]:
    if key == "value":
        return lambda f: (f.get("value") is None, f.get("value") or 0)
    return lambda f: str(f.get(key) or "")


def sorted_figures(article: dict[str, Any], key: str | None, reverse: bool) -> list[Figure]:
    rows = sorted(article.get("figures") or [], key=lambda f: f.get("start") or 0)
    if key:
        rows.sort(key=figure_sort_key(key), reverse=reverse)
    return rows


def sentence_of(article: dict[str, Any], span: tuple[int, int]) -> str:
    """The sentence around text[span] (a figure's `sentence_span` when it has one)."""
    text: str = article.get("text") or ""
    for fig in article.get("figures") or ():
        sentence = fig.get("sentence_span")
        if fig.get("start") == span[0] and isinstance(sentence, list) and len(sentence) == 2:
            return text[sentence[0]:sentence[1]].strip()
    start = max((text.rfind(p, 0, span[0]) for p in "。！？\n"), default=-1) + 1
    ends = [i for i in (text.find(p, span[1]) for p in "。！？\n") if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    return text[start:end].strip()
