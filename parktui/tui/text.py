"""Small text helpers shared by the TUI's widgets (no Textual imports)."""
from __future__ import annotations

from typing import Any


def meta_line(article: dict[str, Any]) -> str:
    column = article.get("column")
    source = article.get("source") or ""
    if source.startswith(("http://", "https://")):
        source = ""
    info = [f"【{column}】" if column else "", article.get("park") or "", source,
            article.get("date") or "", article.get("dateline") or ""]
    return " · ".join(x for x in info if x)


def when(article: dict[str, Any]) -> str:
    """The date, else the source: what the list shows to place an article in time."""
    return article.get("date") or article.get("source") or ""


def sorted_missing_last(rows: list[dict[str, Any]], key: str, reverse: bool = False) -> list[dict[str, Any]]:
    """Rows sorted by the text of `key`; rows without a value come last in either direction."""
    present = [r for r in rows if r.get(key)]
    missing = [r for r in rows if not r.get(key)]
    present.sort(key=lambda r: str(r[key]), reverse=reverse)
    return present + missing
