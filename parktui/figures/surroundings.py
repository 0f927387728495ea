"""The words around a number: the qualifier word before it (近, 超过, 约为) and whether it sits
inside a label (a short quoted name such as “高光20条”, a title 《…》)."""
from __future__ import annotations

from .qualifiers import PRE_QUAL

_QUOTES = (("“", "”"), ("‘", "’"), ("「", "」"), ("\"", "\""))
_SOFT_PUNCT = set("，,。；;！？!?")
_LINKS = ("达到", "为", "达", "占", "有", "是", "了")
_NOT_QUAL_BEFORE = {"约": set("节制签预合违履特公契相大"), "近": set("最附靠临邻亲将接"),
                    "超": set("赶")}


# the last characters of the qualifier words and links: no qualifier ends before any other
_LAST_CHARS = frozenset(word[-1] for word, _ in PRE_QUAL) | frozenset(link[-1] for link in _LINKS)


def pre_qualifier(text: str, s: int) -> tuple[str, str]:
    """(word, qualifier) of a qualifier word ending at s (or before 为/达/占/了: 约为22%,
    超过了8100万台), else ("", "")."""
    if not s or text[s - 1] not in _LAST_CHARS:
        return "", ""
    word, qual = _pre_qualifier_at(text, s)
    if not word and s >= 2:
        for link in _LINKS:
            if text.startswith(link, s - len(link)):
                word, qual = _pre_qualifier_at(text, s - len(link))
                if word:
                    return word + link, qual
    return word, qual


# PRE_QUAL by word, with its place in the list (the first listed word that fits wins)
_QUAL_BY_WORD = {word: (i, qual) for i, (word, qual) in enumerate(PRE_QUAL)}
_QUAL_LENGTHS = sorted({len(word) for word in _QUAL_BY_WORD})


def _pre_qualifier_at(text: str, s: int) -> tuple[str, str]:
    found = []
    for n in _QUAL_LENGTHS:
        if s >= n:
            hit = _QUAL_BY_WORD.get(text[s - n:s])
            if hit is not None:
                found.append((hit[0], text[s - n:s], hit[1]))
    for _, word, qual in sorted(found):
        bad = _NOT_QUAL_BEFORE.get(word)
        if bad and s > len(word) and text[s - len(word) - 1] in bad:
            continue
        return word, qual
    return "", ""


def in_label(text: str, s: int, e: int) -> bool:
    """Inside a short quoted name/slogan (“高光20条”, “十二五”) or a title 《…》."""
    lo = max(0, s - 10)
    for op, cl in _QUOTES:
        i = text.rfind(op, lo, s)
        if i < 0 or (op != cl and cl in text[i:s]):
            continue
        j = text.find(cl, e, e + 10)
        if j >= 0 and not any(c in _SOFT_PUNCT for c in text[i:j]):
            return True
    i = text.rfind("《", max(0, s - 40), s)
    return i >= 0 and "》" not in text[i:s] and text.find("》", e, e + 40) >= 0
