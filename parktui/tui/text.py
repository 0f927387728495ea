"""Small text helpers shared by the TUI's widgets (no Textual imports)."""
from __future__ import annotations


def meta_line(article: dict) -> str:
    column = article.get("column")
    source = article.get("source") or ""
    if source.startswith(("http://", "https://")):
        source = ""
    info = [f"【{column}】" if column else "", article.get("park") or "", source,
            article.get("date") or "", article.get("dateline") or ""]
    return " · ".join(x for x in info if x)


def when(article: dict) -> str:
    """The date, else the source: what the list shows to place an article in time."""
    return article.get("date") or article.get("source") or ""
