"""Character folding shared by the index and the queries.

`fold(s)` maps each character to one character (so offsets into the folded string are
offsets into the original): NFKC (full-width ASCII → ASCII, ideographic space → space,
compatibility forms), then lower case. A character whose NFKC or lower-case form is
longer than one character is kept as it is.

`index_text(s)` is `fold(s)` with every ASCII character that is not a letter or a digit
moved to a private-use plane, so SQLite's `ascii` tokenizer (which splits on ASCII
punctuation and spaces) sees one unbroken token character per text character; our own
spaces then separate the character bigrams that are the index's tokens.
"""
from __future__ import annotations

import unicodedata

_PUA = 0xF0000  # plane 15 private use: never in real text


class _FoldTable(dict[int, str]):
    def __missing__(self, code: int) -> str:
        ch = chr(code)
        out = unicodedata.normalize("NFKC", ch).lower()
        value = out if len(out) == 1 else ch
        self[code] = value
        return value


class _IndexTable(dict[int, str]):
    def __missing__(self, code: int) -> str:
        ch = _FOLD[code]
        if ord(ch) < 128 and not ch.isalnum():
            ch = chr(_PUA + ord(ch))
        self[code] = ch
        return ch


_FOLD = _FoldTable()
_INDEX = _IndexTable()


def fold(text: str) -> str:
    """Case- and width-folded text of the same length as `text`."""
    return text.translate(_FOLD)


def index_text(text: str) -> str:
    """Folded text with ASCII punctuation and spaces made token characters."""
    return text.translate(_INDEX)


def bigrams(text: str) -> str:
    """The index tokens of `text`: one per character (it and the next), space separated.

    The last character becomes a one-character token, so every character starts a token
    and a one-character query is the prefix query `c*`.
    """
    t = index_text(text)
    n = len(t)
    if not n:
        return ""
    # " ".join(map(operator.add, t, t[1:] + " ")), four times faster: lay the code points
    # out as UTF-32 (char i, char i+1, space) with strided byte copies.
    first, second = t.encode("utf-32-le"), (t[1:] + " ").encode("utf-32-le")
    out = bytearray(12 * n)
    for k in range(4):
        out[k::12] = first[k::4]
        out[4 + k::12] = second[k::4]
    out[8::12] = b" " * n
    return out.decode("utf-32-le")[:-1]


def phrase_tokens(term: str) -> list[str]:
    """The tokens a query term must match at consecutive positions (a 1-char term: [c])."""
    t = index_text(term)
    if len(t) <= 1:
        return [t] if t else []
    return [a + b for a, b in zip(t, t[1:], strict=False)]
