"""How people read a figure: as the article wrote it (FIGURES.md "How figures are shown").

`103682亿千瓦时`, `220千伏`, `12988列`, `近600家`, `30亿元以上` — never a rescaled form. The raw
characters are the figure; a qualifier word the raw leaves out (突破千亿元: raw `千亿元`) is put
back from the sentence, and a decline (下降3.2%, value -3.2) shows its sign: `-3.2%`."""
from __future__ import annotations

import re
from typing import Any

from .qualifiers import PRE_QUAL

_SIGNS = ("-", "－", "−", "负")
_SPACE = re.compile(r"\s+")


def format_value(fig: dict[str, Any]) -> str:
    """The figure as written, qualifier included; never raises."""
    try:
        raw = _SPACE.sub("", str(fig.get("raw") or ""))
        if not raw:
            return _from_value(fig)
        shown = _qualifier_word(fig, raw) + raw
        if _is_decline(fig, raw):
            shown = "-" + shown
        return shown
    except Exception:  # a display helper must not break a table
        return str(fig.get("raw", ""))


def _qualifier_word(fig: dict[str, Any], raw: str) -> str:
    """突破 in 首次突破千亿元 (the raw starts after it): the word before raw in its sentence."""
    qual = fig.get("qualifier") or ""
    if qual in ("", "range") or any(raw.startswith(word) for word, _ in PRE_QUAL):
        return ""
    if raw.endswith(("以上", "以下", "以内", "左右", "上下", "之上", "之内")) or "余" in raw or "多" in raw:
        return ""
    sentence = str(fig.get("sentence") or "")
    at = sentence.find(raw)
    if at <= 0:
        return ""
    for link in ("", "了", "为", "达", "达到"):
        for word, word_qual in PRE_QUAL:
            if word_qual == qual and sentence.startswith(word + link, at - len(word + link)):
                return word + link                 # 超过了8100万台（套）
    return ""


def _is_decline(fig: dict[str, Any], raw: str) -> bool:
    value = fig.get("value")
    return (fig.get("kind") == "growth" and isinstance(value, (int, float)) and value < 0
            and not raw.startswith(_SIGNS))


def _from_value(fig: dict[str, Any]) -> str:
    value = fig.get("value")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value if value is not None else ''}{fig.get('unit') or ''}"
