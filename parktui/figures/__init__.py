"""Figure extraction: every quantity in an article, normalised and attributed.

    from parktui.figures import EXTRACTOR_VERSION, extract_figures, format_value

Pure Python (stdlib only); see ../shared/FIGURES.md and docs/figures.md.
"""
from __future__ import annotations

from typing import Any

from .display import format_value

__all__ = ["EXTRACTOR_VERSION", "ExtractorError", "extract_figures", "format_value"]

# Bump whenever the rules change: stored articles are re-extracted (parktui reindex).
EXTRACTOR_VERSION = 5


class ExtractorError(Exception):
    """The extractor failed on a text (a bug in a rule): the caller reports it and must not
    store the article as one without figures."""


def extract_figures(text: str, *, park: str | None = None,
                    parks: dict[str, str] | None = None,
                    date: str | None = None, stories: list[int] | None = None) -> list[dict[str, Any]]:
    """Every figure of an article's body text, sorted by start, each a dict with
    raw, value, unit, qualifier, low, high, kind, metric, park, period, period_basis,
    sentence, start, end (text[start:end] == raw).  `stories` are the offsets where the
    article's sections (the stories of a bundle) start: park and period stay inside a story.
    Arguments of the wrong type count as absent (no text gives []); a failure inside the
    extractor raises ExtractorError."""
    if not isinstance(text, str) or not text:
        return []
    from . import extract as rules  # here: reading and listing figures need not compile the rules

    try:
        return rules.extract(text, park if isinstance(park, str) else None,
                       parks if isinstance(parks, dict) else None,
                       date if isinstance(date, str) else None,
                       stories if isinstance(stories, list) else None)
    except Exception as exc:
        raise ExtractorError(f"figure extractor failed ({type(exc).__name__}: {exc})") from exc
