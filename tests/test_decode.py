"""Encodings are detected; binary and empty inputs are refused with a reason."""
from __future__ import annotations

import codecs

import pytest

from parktui.ingest.decode import decode_bytes
from parktui.ingest.errors import InputError

PAGE = "# 苏州工业园区：新签约项目36个\n\n本报讯（记者 林晓峰）园区一季度签约项目总投资超300亿元，同比增长12%。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_encodings_round_trip(encoding):
    assert decode_bytes(PAGE.encode(encoding), "p.md") == PAGE


def test_utf16_big_endian_with_bom():
    assert decode_bytes(codecs.BOM_UTF16_BE + PAGE.encode("utf-16-be"), "p.md") == PAGE


def test_crlf_and_cr_become_newlines():
    assert decode_bytes(PAGE.replace("\n", "\r\n").encode(), "p.md") == PAGE


def test_utf8_cut_inside_its_last_character_keeps_the_rest():
    data = PAGE.encode()[:-2]  # "。\n" cut: "。" is 3 bytes, drop 1 of them
    assert decode_bytes(data, "p.md") == PAGE[:-2]


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"  \n\t\n", "file holds only whitespace"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "binary data (a PNG image), not a text page"),
    (b"\x7fELF\x02\x01\x01" + bytes(100), "binary data (an ELF executable), not a text page"),
    (b"PK\x03\x04" + bytes(100), "binary data (a zip archive), not a text page"),
    (b"abc\x00def" * 10, "binary data (NUL bytes), not a text page"),
])
def test_refused_inputs_name_file_and_reason(data, reason):
    with pytest.raises(InputError) as info:
        decode_bytes(data, "bad.md")
    assert str(info.value) == f"bad.md: {reason}"
