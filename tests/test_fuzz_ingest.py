"""Property tests: the page parser, the decoder and the JSONL reader never raise on any input.

Any Unicode text, any bytes, and mutations of real articles from ../shared/corpus/ (skipped
when absent). Parsing is deterministic, and every offset the parser stores holds.

Budget: PARKTUI_FUZZ_EXAMPLES (default 150 per test; the long run used 20000).
"""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_helpers import corpus_texts

from parktui.importer import parse_input
from parktui.ingest.decode import decode_bytes
from parktui.ingest.errors import InputError
from parktui.ingest.jsonl import parse_jsonl
from parktui.ingest.lexer import lex
from parktui.ingest.page import parse_body, parse_page
from parktui.model import content_hash, identity_key

EXAMPLES = int(os.environ.get("PARKTUI_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 150,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Pieces the parser reacts to: Markdown, bylines, datelines, captions, metadata, park words.
MARKUP = [
    "#", "## ", "###### ", "####### ", "\n", "\n\n", "\r\n", "\r", "---\n", "===\n", "***", "> ", "|", "|---|",
    "![", "](", ")", "[", "]", "<b>", "</p>", "<", ">", "{#a}", "**", "__", "~~", "&nbsp;", "\u3000",
    "◎本报记者 张三", "通讯员 李四", "（记者 王五）", "科技日报讯（记者 魏依晨 通讯员 杨天宇）", "新华社北京1月10日电",
    "央视网消息（新闻联播）：", "图为", "图：", "本报记者 张三 摄", "青岛高新区供图", "——副题", "—", "发布时间：2024-01-10",  # noqa: E501
    "来源：科技日报", "---\ntitle: x\n---\n", "青岛高新区", "经济技术开发区", "（以下简称“石河子经开区”）", "简称",
    "120亿元", "12.5%", "百分之三", "\x00", "\ufeff", "\x1f", "\u200b", "𠀀", "\ud7ff", "。", "，",
]

text_strategy = st.text(max_size=2000)
markup_strategy = st.lists(st.one_of(st.sampled_from(MARKUP), st.text(max_size=30)), max_size=80).map("".join)


def check_article(a: dict) -> None:
    text = a["text"]
    assert isinstance(text, str) and isinstance(a["title"], str)
    n = len(text)
    for b in a["blocks"]:
        assert 0 <= b["start"] <= b["end"] <= n
    for s in a["sections"]:
        assert 0 <= s["start"] <= n and text[s["start"]:].startswith(s["heading"])
    for c in a["captions"]:
        assert 0 <= c["start"] <= n
    assert a["key"] == identity_key(a) and a["hash"] == content_hash(a)


def check_page(text: str) -> None:
    first = parse_page(text, "页面")
    assert parse_page(text, "页面") == first, "parse_page is not deterministic"
    for a in first:
        check_article(a)


@FUZZ
@given(text_strategy)
def test_parse_page_any_text(text):
    check_page(text)


@FUZZ
@given(markup_strategy)
def test_parse_page_markup_soup(text):
    check_page(text)
    lex(text)


@FUZZ
@given(st.text(max_size=50), markup_strategy)
def test_parse_body_any_text(title, text):
    a = parse_body(title, text, {})
    assert parse_body(title, text, {}) == a
    if a is not None:
        check_article(a)


@FUZZ
@given(st.binary(max_size=3000))
def test_decode_any_bytes(data):
    try:
        text = decode_bytes(data, "x")
    except InputError as exc:
        assert str(exc).startswith("x: ")
        return
    assert isinstance(text, str) and text.strip() and "\x00" not in text and "\r" not in text


@FUZZ
@given(markup_strategy, st.sampled_from(["utf-8", "utf-16", "gb18030", "utf-8-sig"]))
def test_parse_input_any_encoded_page(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    try:
        articles, errors = parse_input("page.md", data, {})
    except InputError:
        return
    assert articles and not errors
    for a in articles:
        check_article(a)
        for f in a["figures"]:
            assert a["text"][f["start"]:f["end"]] == f["raw"]


@FUZZ
@given(st.lists(st.one_of(st.text(max_size=200), markup_strategy,
                          st.builds(lambda t, b: '{"title": %s, "text": %s}' % (t, b),
                                    st.sampled_from(['"标题"', "1", "null", '""', "[]"]),
                                    st.sampled_from(['"园区投资5亿元。"', '""', "2", "{}", '"\\u0000"', '"## 标题"']))),
                max_size=20).map("\n".join))
def test_parse_jsonl_any_lines(text):
    articles, errors = parse_jsonl(text, "x.jsonl", {})
    again = parse_jsonl(text, "x.jsonl", {})
    assert again[0] == articles and [str(e) for e in again[1]] == [str(e) for e in errors]
    for a in articles:
        check_article(a)
    for e in errors:
        assert e.line is not None and e.line >= 1


# Mutations of real articles ----------------------------------------------------------------

CORPUS = corpus_texts(300, seed=6)
needs_corpus = pytest.mark.skipif(not CORPUS, reason="../shared/corpus/ is absent")


@st.composite
def mutated(draw):
    text = draw(st.sampled_from(CORPUS))
    for _ in range(draw(st.integers(1, 8))):
        if not text:
            break
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 200)))
        op = draw(st.sampled_from(["delete", "insert", "duplicate", "swap", "markup"]))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "insert":
            text = text[:i] + draw(st.text(max_size=20)) + text[i:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif op == "swap":
            text = text[i:] + text[:i]
        else:
            text = text[:i] + draw(st.sampled_from(MARKUP)) + text[i:]
    return text


@needs_corpus
@FUZZ
@given(mutated())
def test_parse_page_corpus_mutations(text):
    check_page(text)
    check_page("# 标题\n\n" + text)


@needs_corpus
@FUZZ
@given(mutated(), st.sampled_from(["utf-8", "gb18030", "utf-16"]), st.integers(0, 50))
def test_parse_input_corpus_mutations_bytes(text, encoding, cut):
    data = text.encode(encoding, errors="replace")
    data = data[: max(0, len(data) - cut)]  # truncated mid-character too
    try:
        articles, _ = parse_input("page.md", data, {})
    except InputError:
        return
    for a in articles:
        check_article(a)
