"""HTML bytes → text: the charset from the HTTP header, the page's <meta>, or detection.

Order: a charset the server sent wins; then a byte-order mark; then bytes that are valid
UTF-8 (pages often declare gb2312 while the saved bytes are UTF-8); then the page's own
`<meta charset>` / `http-equiv` declaration (gb2312 and gbk read as their superset
gb18030); then the detection every page goes through (`decode.decode_bytes`).
"""
from __future__ import annotations

import codecs
import email
import email.policy
import re

from parktui.ingest.decode import decode_bytes
from parktui.ingest.errors import InputError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
              "big5": "big5hkscs", "iso-8859-1": "cp1252", "latin-1": "cp1252", "ascii": "utf-8"}


def known_charset(name: str | None) -> str | None:
    """A charset label as Python names it (gb2312 → gb18030), or None if unknown."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    label = _SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (`<meta charset=…>`)."""
    m = _META_CHARSET.search(data[:4096])
    return known_charset(m.group(1).decode("ascii", "replace")) if m else None


def decode_html(data: bytes, name: str, header_charset: str | None = None) -> str:
    """Decode a web page; raise InputError (from decode_bytes) if it is not text."""
    for charset in (known_charset(header_charset), _bom_or_utf8(data), declared_charset(data)):
        if charset is None:
            continue
        try:
            text = data.decode(charset)
        except UnicodeDecodeError:
            continue
        if text.strip():
            return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return decode_bytes(data, name)


def _bom_or_utf8(data: bytes) -> str | None:
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None  # decode_bytes reads byte-order marks
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "utf-8"



def mhtml_page(data: bytes, name: str) -> tuple[bytes, str | None]:
    """A page saved as MHTML (one MIME message): its first text/html part and charset."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                return payload, part.get_content_charset()
    raise InputError(name, "MHTML file holds no HTML page")
