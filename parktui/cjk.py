"""Chinese-aware text measurement: wrapping by terminal cells and truncation.

Rich wraps only at spaces, so a Chinese paragraph (no spaces) is one long "word" that
gets folded hard, and truncation must never cut a double-width character in half.
Everything here measures with `rich.cells`, the same widths Textual paints with.

Line-breaking rules (the cheap part of 禁则处理):
- no line starts with closing punctuation (，。、；：？！”）》 …): the character before
  it moves down with it;
- no line ends with opening punctuation (“（《 …): it moves down to the next line;
- runs of ASCII letters and digits (`2023`, `33.3%`, `iPhone`) are kept whole when
  they fit on a line, so a number is never split across lines.
"""
from __future__ import annotations

from functools import lru_cache

from rich.cells import cell_len, get_character_cell_size

NO_START = frozenset("，。、；：？！”’）》」』】〕〉｝…—‰％,.;:?!)]}%·～")
NO_END = frozenset("“‘（《「『【〔〈｛([{")
ELLIPSIS = "…"


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "._%-/+'")


@lru_cache(maxsize=4096)
def _width(ch: str) -> int:
    return get_character_cell_size(ch)


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """The [start, end) ranges of `text` wrapped to lines of at most `width` cells.

    A "\\n" in the text always ends a line (it is not part of any range). Leading
    spaces of a wrapped continuation line are dropped.
    """
    width = max(2, width)
    lines: list[tuple[int, int]] = []
    start = 0
    used = 0
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch == "\n":
            lines.append((start, i))
            start = i + 1
            used = 0
            i += 1
            continue
        w = _width(ch)
        if used + w <= width or i == start:
            used += w
            i += 1
            continue
        # text[i] does not fit: choose where the line breaks (before `b`).
        b = i
        moves = 0
        while moves < 2 and b - 1 > start and text[b] in NO_START:
            b -= 1
            moves += 1
        if _is_word_char(text[b]) and _is_word_char(text[b - 1]):
            j = b
            while j > start and _is_word_char(text[j - 1]):
                j -= 1
            if j > start:
                b = j
        if b - 1 > start and text[b - 1] in NO_END:
            b -= 1
        lines.append((start, b))
        start = b
        while start < n and text[start] == " ":
            start += 1
        i = start
        used = 0
    if start < n or not lines or text.endswith("\n"):
        lines.append((start, n))
    return lines


def wrap(text: str, width: int) -> list[str]:
    """The lines of `text` wrapped to `width` cells (see `wrap_offsets`)."""
    return [text[a:b] for a, b in wrap_offsets(text, width)]


def fit(text: str, width: int, justify: str = "left") -> str:
    """`text` cut or padded to exactly `width` cells; a cut ends in "…" and never
    halves a double-width character."""
    if width <= 0:
        return ""
    text = text.replace("\n", " ")
    length = cell_len(text)
    if length > width:
        out = []
        used = 0
        limit = width - 1
        for ch in text:
            w = _width(ch)
            if used + w > limit:
                break
            out.append(ch)
            used += w
        text = "".join(out) + ELLIPSIS
        length = used + 1
    pad = width - length
    if pad <= 0:
        return text
    if justify == "right":
        return " " * pad + text
    if justify == "center":
        return " " * (pad // 2) + text + " " * (pad - pad // 2)
    return text + " " * pad
