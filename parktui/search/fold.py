"""Character folding shared by the index and the queries.

`fold(s)` maps each character to one character (so offsets into the folded string are
offsets into the original): NFKC (full-width ASCII → ASCII, ideographic space → space,
compatibility forms), then lower case. A character whose NFKC or lower-case form is
longer than one character is kept as it is.

`index_text(s)` is `fold(s)` with every ASCII character that is not a letter or a digit
moved to a private-use plane, so SQLite's `ascii` tokenizer (which splits on ASCII
punctuation and spaces) sees one unbroken token character per text character; our own
spaces then separate the characters that are the index's tokens.
"""
from __future__ import annotations

import functools
import re
import sys
import unicodedata
from array import array

_PUA = 0xF0000  # plane 15 private use: never in real text
_SPACE = (ord(" "),)
_U32 = "I" if array("I").itemsize == 4 else "L"  # an array of code points
_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"  # the array's bytes, as text


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


def tokens(text: str) -> str:
    """The index tokens of `text`: its characters (folded), space separated.

    One token per character keeps the index small (a character's positions in an article
    are close together, so they pack into a byte each) and makes every query an FTS5 phrase
    of characters: an exact substring match, one-character queries included.

    A process that has tokenised `VECTOR_AFTER` characters (an index build, a big import's
    feed) tokenises long texts with numpy, 3x faster; before that, importing numpy would
    cost more than it saves (a one-page import tokenises a few thousand characters), and
    for a short text (a title) numpy's own overhead is more than the work.
    """
    global _tokenised
    if len(text) >= VECTOR_MIN and (_vector is not None or _tokenised >= VECTOR_AFTER):
        vectorised = _vector_tokens(text)
        if vectorised is not None:
            return vectorised
    _tokenised += len(text)
    folded = index_text(text)
    if len(folded) < 2:
        return folded
    # " ".join(folded), without making one string object per character: the code points,
    # as 32-bit integers, go into every other slot of an array of spaces (3x faster).
    spaced = array(_U32, _SPACE) * (2 * len(folded) - 1)
    spaced[0::2] = array(_U32, folded.encode(_UTF32))
    return spaced.tobytes().decode(_UTF32)


VECTOR_AFTER = 1_000_000
VECTOR_MIN = 100
_tokenised = 0  # characters tokenised in this process without numpy


class _VectorTokens:
    """`tokens` with numpy: the text's code points through a table of each BMP character's
    index form (`_INDEX`, filled as characters are first seen), into the even slots of an
    array of spaces."""

    def __init__(self) -> None:
        import numpy

        self.np = numpy
        self.table = numpy.arange(0x10000, dtype=numpy.uint32)
        self.filled = numpy.zeros(0x10000, dtype=bool)

    def __call__(self, text: str) -> str | None:
        """The tokens, or None for a text beyond the BMP (rare: the caller folds it)."""
        np = self.np
        codes = np.frombuffer(text.encode(_UTF32), dtype=np.uint32)
        if codes.size < 2 or int(codes.max()) > 0xFFFF:
            return None
        new = codes[~self.filled[codes]]
        if new.size:
            for code in np.unique(new).tolist():
                self.table[code] = ord(_INDEX[code])
                self.filled[code] = True
        spaced = np.full(2 * codes.size - 1, ord(" "), dtype=np.uint32)
        spaced[0::2] = self.table[codes]
        spaced_text: str = spaced.tobytes().decode(_UTF32)
        return spaced_text


_vector: _VectorTokens | None = None


def _vector_tokens(text: str) -> str | None:
    global _vector
    if _vector is None:
        _vector = _VectorTokens()
    return _vector(text)


def phrase_tokens(term: str) -> list[str]:
    """The tokens a query term must match at consecutive positions."""
    return list(index_text(term))


# Every character other than an ideograph itself that folds to a CJK Unified Ideograph
# (U+4E00–U+9FFF) is in one of these blocks: compatibility ideographs, Kangxi and CJK
# radicals, circled and parenthesised ideographs, Hangzhou numerals… The tests check the
# whole code space against them.
_VARIANT_BLOCKS = ((0x2E80, 0x33FF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
                   (0x1F100, 0x1F2FF), (0x2F800, 0x2FA1F))


def is_ideograph(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@functools.cache
def _ideograph_variants() -> re.Pattern[str]:
    """Any character that folds to an ideograph without being one, or any character beyond
    the BMP (a class of those is scanned slowly by `re`, and they are rare: such a text is
    simply folded)."""
    variants = [chr(c) for lo, hi in _VARIANT_BLOCKS for c in range(lo, min(hi, 0xFFFF) + 1)
                if is_ideograph(fold(chr(c))) and fold(chr(c)) != chr(c)]
    return re.compile("[" + "".join(map(re.escape, variants)) + "\U00010000-\U0010ffff]")


def folding_keeps_matches(text: str, needles: list[str]) -> bool:
    """True when `needles` (folded) occur in `text` exactly where they occur in `fold(text)`,
    so a search need not fold `text`: every needle is made of ideographs, which fold to
    themselves, and `text` has no other character that folds to an ideograph."""
    return all(needle and all(map(is_ideograph, needle)) for needle in needles) and (
        _ideograph_variants().search(text) is None)
