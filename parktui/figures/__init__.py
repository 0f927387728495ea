"""Figure extraction: every quantity in an article, normalised and attributed.

    from parktui.figures import EXTRACTOR_VERSION, extract_figures, format_value

Pure Python (stdlib only); see ../shared/FIGURES.md and docs/figures.md.
"""
from __future__ import annotations

from .display import format_value
from .extract import extract

__all__ = ["EXTRACTOR_VERSION", "extract_figures", "format_value"]

# Bump whenever the rules change: stored articles are re-extracted (parktui reindex).
EXTRACTOR_VERSION = 3


def extract_figures(text: str, *, park: str | None = None,
                    parks: dict[str, str] | None = None,
                    date: str | None = None, stories: list[int] | None = None) -> list[dict]:
    """Every figure of an article's body text, sorted by start, each a dict with
    raw, value, unit, qualifier, low, high, kind, metric, park, period, period_basis,
    sentence, start, end (text[start:end] == raw).  `stories` are the offsets where the
    article's sections (the stories of a bundle) start: park and period stay inside a story.
    Never raises: bad input gives []."""
    if not isinstance(text, str) or not text:
        return []
    try:
        return extract(text, park, parks if isinstance(parks, dict) else None,
                       date if isinstance(date, str) else None,
                       stories if isinstance(stories, list) else None)
    except Exception:  # pragma: no cover - last line of defence for an importer
        return []
