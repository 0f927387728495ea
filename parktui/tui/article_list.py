"""What the article list shows: which articles (filters), in what order (sorts), and the
cells of one row. No widgets here; `MainScreen` draws the result in a `VirtualTable`."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rich.text import Text

from parktui.tui.text import sorted_missing_last, when
from parktui.tui.vtable import Column

Summary = dict[str, Any]


@dataclass(frozen=True)
class ListSort:
    key: str
    """The summary field sorted on."""
    label: str
    reverse: bool
    """The direction it starts in (newest, most figures first)."""
    column: str
    """The table column that shows it (for ▲▼ and header clicks)."""


LIST_SORTS = [
    ListSort("date", "date", True, "when"),
    ListSort("park", "park", False, "park"),
    ListSort("title", "title", False, "title"),
    ListSort("n_figures", "figures", True, "n"),
    ListSort("id", "import order", False, ""),
]
SORT_OF_COLUMN = {s.column: s for s in LIST_SORTS if s.column}

COLUMNS = [
    Column("mark", "", 1),
    Column("title", "title", 16, flex=1),
    Column("park", "park", 4, fit=10),
    Column("when", "date/src", 8, fit=10),
    Column("n", "图", 3, justify="right", fit=4),
]

_KICKER = re.compile(r"^【([^】]{1,24})】\s*(.+)$")


def title_cell(title: str) -> str | Text:
    """A CCTV-style kicker (【新思想引领新征程】…) moves behind the title, dimmed, so that
    titles differ in their first cells."""
    m = _KICKER.match(title)
    if not m:
        return title
    return Text.assemble(m.group(2), (f" 【{m.group(1)}】", "dim"))


SHOW = ["", "unread", "starred"]
"""What the list shows: every article, the unread ones, the starred ones."""


def article_cells(s: Summary) -> list[str | Text]:
    """A star for starred articles; titles of articles already read are dimmed."""
    n = s.get("n_figures") or 0
    title = title_cell(s.get("title") or "")
    if s.get("read"):
        title = Text.assemble(title, style="dim")
    return ["*" if s.get("starred") else "", title, s.get("park") or "", when(s), str(n) if n else ""]


def matches_park(s: Summary, park: str) -> bool:
    return park in (s.get("park") or "") or any(park in a for a in s.get("park_aliases") or ())


def filter_articles(rows: list[Summary], park: str, column: str, show: str = "") -> list[Summary]:
    if show == "unread":
        rows = [s for s in rows if not s.get("read")]
    elif show == "starred":
        rows = [s for s in rows if s.get("starred")]
    if park:
        rows = [s for s in rows if matches_park(s, park)]
    if column:
        rows = [s for s in rows if s.get("column") == column]
    return rows


def sort_articles(rows: list[Summary], key: str, reverse: bool) -> list[Summary]:
    """Sorted by `key`; articles without a value for a text key (no park, no date) come
    last in either direction."""
    if key in ("title", "park", "date"):
        return sorted_missing_last(rows, key, reverse)
    return sorted(rows, key=lambda s: s.get(key) or 0, reverse=reverse)
