"""Numeral parsing, checked against cn2an on generated numerals."""
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parktui.figures.numbers import parse_arabic, parse_chinese, parse_number, tidy

cn2an = pytest.importorskip("cn2an")


@pytest.mark.parametrize("token,value", [
    ("一百四十", 140), ("两千", 2000), ("三千五百万", 35_000_000), ("千亿", 10**11),
    ("十五", 15), ("一百零五", 105), ("二〇二三", 2023), ("一万五", 15000), ("三千五", 3500),
    ("一亿两千万", 120_000_000), ("万亿", 10**12), ("十", 10), ("两", 2), ("百分", None),
    ("三四", None), ("百千", None), ("二十三万四千五百六十七", 234567),
])
def test_chinese(token, value):
    got = parse_chinese(token)
    assert (None if got is None else tidy(got)) == value


def test_chinese_decimal():
    assert tidy(parse_chinese("三点五")) == 3.5


@pytest.mark.parametrize("core,scale,value", [
    ("1,200", "", 1200), ("１２０", "", 120), ("1.5", "万", 15000), ("33.3", "", 33.3),
    ("140", "亿", 14_000_000_000), ("3", "千万", 30_000_000), ("1.15", "亿", 115_000_000),
    ("0.27", "", 0.27), ("1..2", "", None),
])
def test_arabic(core, scale, value):
    got = parse_number(core, scale)
    assert (None if got is None else tidy(got)) == value


def test_tidy_types():
    assert isinstance(tidy(Decimal("15000.0")), int)
    assert isinstance(tidy(Decimal("33.3")), float)
    assert parse_arabic("") is None


DIG = "零一二三四五六七八九"


def _cn(n: int) -> str:
    """A plain reading of n < 10**12 (what cn2an also reads)."""
    return cn2an.an2cn(n, "low")


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=1, max_value=999_999_999_999))
def test_against_cn2an(n):
    token = _cn(n)
    assert tidy(parse_chinese(token)) == n == cn2an.cn2an(token, "smart")


@given(st.text(alphabet="零〇一二两三四五六七八九十百千万亿点", max_size=12))
def test_never_raises(token):
    parse_chinese(token)
    parse_number(token)
