"""Bytes → text: detect the encoding, refuse binary data with a reason."""
from __future__ import annotations

import codecs
import unicodedata

from parktui.ingest.errors import InputError

_MAGIC = [
    (b"\x89PNG", "a PNG image"),
    (b"\x7fELF", "an ELF executable"),
    (b"PK\x03\x04", "a zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"%PDF", "a PDF document"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"SQLite format 3", "an SQLite database"),
]

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def decode_bytes(data: bytes, name: str) -> str:
    """Decode a page or JSONL file; raise InputError with a one-line reason."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(name, f"binary data ({what}), not a text page")
    text = _decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise InputError(name, "empty file" if not data else "file holds only whitespace")
    sample = text[:20000]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\t\f\v")
    if controls > max(8, len(sample) // 100):
        raise InputError(name, "binary data, not a text page")
    return text


def _decode(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(name, f"undecodable bytes at offset {exc.start} ({encoding})") from None
    head = data[:8192]
    if head.count(b"\x00") > max(2, len(head) // 100):  # a few stray NULs are dropped below
        raise InputError(name, "binary data (NUL bytes), not a text page")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            # A UTF-8 file cut in the middle of its last character: keep the rest.
            return data[: exc.start].decode("utf-8")
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_chinese(text):
        return text
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - declared dependency
        best = None
    else:
        best = from_bytes(data[:200000]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    raise InputError(
        name, f"undecodable bytes at offset {utf8_error.start}: not UTF-8, GB18030 or UTF-16"
    )


def _looks_chinese(text: str) -> bool:
    """GB18030 decodes nearly any bytes; accept it only when the result reads as Chinese."""
    sample = text[:5000]
    if not sample:
        return False
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    common_ascii = sum(1 for ch in sample if ch.isascii() and (ch.isprintable() or ch in "\n\t"))
    rare = sum(1 for ch in sample if "\u3400" <= ch <= "\u4dbf" or "\ue000" <= ch <= "\uf8ff" or ord(ch) > 0xFFFF)
    return rare * 20 < cjk + 1 and (cjk + common_ascii) >= 0.8 * len(sample)
