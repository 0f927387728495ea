"""Folding: the shortcut that skips folding a text when its matches cannot change, and the index tokens."""
from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parktui.search import fold as fold_module
from parktui.search.engine import find_all, matches_in
from parktui.search.fold import _VARIANT_BLOCKS, fold, folding_keeps_matches, index_text, is_ideograph, tokens
from parktui.search.query import Term


def test_every_character_folding_to_an_ideograph_is_in_the_variant_blocks():
    outside = []
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF or 0x4E00 <= code <= 0x9FFF:
            continue
        out = unicodedata.normalize("NFKC", chr(code)).lower()  # fold's rule, without its cache
        if len(out) == 1 and is_ideograph(out) and not any(lo <= code <= hi for lo, hi in _VARIANT_BLOCKS):
            outside.append(hex(code))
    assert outside == []


def test_ideographs_fold_to_themselves():
    assert all(fold(chr(c)) == chr(c) for c in range(0x4E00, 0xA000))


def test_a_variant_in_the_text_makes_the_search_fold_it():
    text = "⼯业园区与工业园区，⾦融"  # U+2F2F KANGXI RADICAL WORK folds to 工, U+2FA6 to 金
    assert not folding_keeps_matches(text, ["工业"])
    assert matches_in(text, [Term("工业")]) == [(0, 2), (5, 7)]
    assert matches_in(text, [Term("金融")]) == [(10, 12)]
    astral = "\U0002f800 丽"  # CJK COMPATIBILITY IDEOGRAPH-2F800 folds to 丽
    assert not folding_keeps_matches(astral, ["丽"])
    assert matches_in(astral, [Term("丽")]) == [(0, 1), (2, 3)]


def test_plain_text_and_ideograph_terms_skip_the_fold():
    text = "园区，ＡＩ产业园区。"
    assert folding_keeps_matches(text, ["园区"])
    assert not folding_keeps_matches(text, ["ai"])  # not ideographs: folded as before
    for needles in (["园区"], ["ai"], ["产业", "区"]):
        terms = [Term(n) for n in needles]
        assert matches_in(text, terms) == sorted({m for n in needles for m in find_all(fold(text), n)})


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_tokens_are_the_folded_characters_space_separated(text):
    assert tokens(text) == " ".join(index_text(text))


def test_tokens_of_news_text():
    text = "石河子经开区固定资产投资１４０亿元，同比增长33.3%。\n\n第二段 ABC 𠀀"
    assert tokens(text) == " ".join(index_text(text)) and tokens("") == "" and tokens("园") == "园"


@pytest.fixture
def vectorised(monkeypatch):
    """`tokens` as an index build runs it: with numpy from the first text on."""
    monkeypatch.setattr(fold_module, "VECTOR_AFTER", 0)
    monkeypatch.setattr(fold_module, "VECTOR_MIN", 2)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_vectorised_tokens_are_the_folded_characters_space_separated(text):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fold_module, "VECTOR_AFTER", 0)
        patch.setattr(fold_module, "VECTOR_MIN", 2)
        assert tokens(text) == " ".join(index_text(text))


def test_vectorised_tokens_of_news_text_and_beyond_the_bmp(vectorised):
    text = "石河子经开区固定资产投资１４０亿元，同比增长33.3%。\n\n第二段 ABC ⼯业"
    assert tokens(text) == " ".join(index_text(text))
    assert fold_module._vector is not None  # the numpy path ran
    astral = text + "𠀀"  # beyond the BMP: folded by the translate path
    assert tokens(astral) == " ".join(index_text(astral))


def test_a_process_turns_to_numpy_after_many_characters(monkeypatch):
    monkeypatch.setattr(fold_module, "_vector", None)
    monkeypatch.setattr(fold_module, "_tokenised", 0)
    monkeypatch.setattr(fold_module, "VECTOR_AFTER", 1000)
    page = "园区" * 300
    tokens(page)
    assert fold_module._vector is None and fold_module._tokenised == 600
    tokens(page)
    assert fold_module._vector is None  # 1,200 characters now: the next long text goes to numpy
    assert tokens(page) == " ".join(page) and fold_module._vector is not None
    assert tokens("园区") == "园 区"  # short texts stay on the translate path
