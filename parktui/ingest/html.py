"""A web page (HTML) → its article, in the same shape as a newspaper page's articles.

trafilatura finds the article's part of the page and its date (htmldate); on top of it,
the Chinese specifics: the headline (not the `<title>` with its site suffix), metadata
lines (来源：/发布时间：), 原标题 and editor lines, datelines and bylines (记者/通讯员,
with the helpers of ingest.byline), captions, and the site's furniture after the article
(html_rules). See docs/web.md for how extractors were compared and chosen.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

import lxml.etree
import lxml.html

from parktui.ingest.byline import credit_line, parse_byline, split_dateline
from parktui.ingest.errors import InputError
from parktui.ingest.html_decode import decode_html, mhtml_page
from parktui.ingest.html_rules import (
    ends_article,
    is_noise,
    is_sentence,
    meta_fields,
    source_and_author,
    squash,
    title_parts,
    without_promo,
)
from parktui.ingest.meta import normalise_date
from parktui.ingest.parks import detect_park
from parktui.model import CAPTION, PARAGRAPH, SECTION, ArticleDraft, Caption, build_article, content_hash
from parktui.safetext import REMOVED, clean, unsafe_positions

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".mhtml", ".mht")
_HEADLINE_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_TITLE_CLASS = re.compile(r"title|headline|biaoti|activity-name", re.I)
_MAX_CAPTION = 60
_EDITORS = re.compile(r"\s*(?:责任编辑|编辑|校对|责编|审核|美编)\s*[:：/]?")
_PRINTED_SOURCE = re.compile(
    r"(?<!图片)(?<!图)来源\s*[:：]\s*((?:(?!作者|编辑|责任|时间|日期|原创)[\u4e00-\u9fffA-Za-z0-9·-]){2,20})")
_BARE_TEXT = 10  # characters of text outside any <p> worth a paragraph of their own
# Less text than this (in paragraphs that read as sentences) is not an article.
_MIN_ARTICLE_CHARS = 40


@dataclass
class Block:
    kind: str  # PARAGRAPH, SECTION or "image"
    text: str = ""


@dataclass
class PageInfo:
    """What the page says about itself outside the article's text."""

    title: str = ""
    og_title: str = ""
    source: str = ""  # a 来源： line anywhere on the page, else the site's name in <meta>
    url: str = ""
    headings: list[tuple[int, str]] = field(default_factory=list)  # (document position, text)
    positions: dict[str, int] = field(default_factory=dict)  # squashed text start → position


def looks_like_html(name: str, data: bytes) -> bool:
    """A web page by its name (.html, .htm…) or its first bytes (`<!DOCTYPE html`, `<html`)."""
    if name.lower().split("?", 1)[0].endswith(HTML_SUFFIXES):
        return True
    head = data[:1024].lstrip(b"\xef\xbb\xbf \r\n\t").lower()
    return head.startswith((b"<!doctype html", b"<html")) or (head.startswith(b"<?xml") and b"<html" in head)


def html_articles(name: str, data: bytes, meta: dict[str, str] | None = None,
                  charset: str | None = None) -> list[dict[str, Any]]:
    """A saved or fetched page (HTML or MHTML bytes) → its article; InputError if none."""
    if name.lower().endswith((".mhtml", ".mht")) or data[:4096].lower().find(b"multipart/related") >= 0:
        data, charset = mhtml_page(data, name)
    return parse_html(decode_html(data, name, charset), name, meta)


def parse_html(text: str, name: str, meta: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The page's article as a stored dict (without figures); InputError if it has none.
    Control characters are removed before parsing (lxml drops a page with a raw ESC)."""
    removed = len(unsafe_positions(text))
    tree = _parse_tree(clean(text) if removed else text, name)
    page = _page_info(tree)
    _leaf_sections_to_paragraphs(tree)
    _bare_text_to_paragraphs(tree)
    import trafilatura  # here: 0.13 s to import, and only web pages need it
    from trafilatura.settings import Document

    doc = trafilatura.bare_extraction(
        copy.deepcopy(tree), with_metadata=True, include_comments=False, include_images=True,
        include_formatting=True, include_tables=True, url=(meta or {}).get("url"),
        date_extraction_params={"original_date": False, "extensive_search": True},
    )
    if not isinstance(doc, Document) or doc.body is None:
        raise InputError(name, "not an article (no text found on the page)")
    blocks = _blocks(doc.body)
    draft = ArticleDraft(title="", meta={})
    _fill(draft, blocks)
    if sum(len(t) for kind, t in draft.blocks if kind == PARAGRAPH) < _MIN_ARTICLE_CHARS \
            or not any(kind == PARAGRAPH and is_sentence(t) for kind, t in draft.blocks):
        raise InputError(name, "not an article (an index page, a login wall or too little text)")
    draft.title = _headline(page, doc.title or "", draft, tree)
    _drop_repeated_title(draft)
    page_meta = {"date": normalise_date(doc.date or ""), "url": page.url or (doc.url or ""),
                 "source": page.source}
    for key, value in page_meta.items():
        if value:
            draft.meta.setdefault(key, value)
    draft.meta.update({k: v for k, v in (meta or {}).items() if v})
    body = "\n".join(t for _, t in draft.blocks)
    park, aliases, names = detect_park(draft.title, draft.subtitle, body)
    article = build_article(draft, park, aliases)
    article["park_names"], article["hash"] = names, content_hash(article)
    if removed:
        article[REMOVED] = removed
    return [article]


def _parse_tree(text: str, name: str) -> lxml.html.HtmlElement:
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)  # lxml refuses str input with an encoding declaration
    try:
        tree = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(name, f"not a readable web page ({exc})") from None
    return tree


def _page_info(tree: lxml.html.HtmlElement) -> PageInfo:
    info = PageInfo()
    title = tree.find(".//title")
    if title is not None:
        info.title = " ".join(title.text_content().split())
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or "").lower()
        if key in ("og:title", "twitter:title") and not info.og_title:
            info.og_title = " ".join((el.get("content") or "").split())
        elif key == "og:url" and not info.url:
            info.url = (el.get("content") or "").strip()
        elif key in ("source", "og:site_name", "apple-mobile-web-app-title") and not info.source:
            m = _PRINTED_SOURCE.search("来源：" + re.sub(r"^\s*来源\s*[:：]", "", el.get("content") or ""))
            info.source = m.group(1) if m else ""
    printed = _printed_source(tree)
    if printed:
        info.source = printed
    for el in tree.iter("link"):
        if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
            info.url = (el.get("href") or "").strip()
    for pos, el in enumerate(tree.iter()):
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "title", "meta", "a"):
            continue
        if el.tag in _HEADLINE_TAGS or _TITLE_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}"):
            text = " ".join(el.text_content().split())
            if 4 <= len(text) <= 100:
                info.headings.append((pos, text))
    return info


def _printed_source(tree: lxml.html.HtmlElement) -> str:
    """The first `来源：X` the page prints in a short line (the line under the headline)."""
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "title", "meta"):
            continue
        if "来源" not in (el.text or "") and "来源" not in (el.tail or ""):
            continue
        holder = el if "来源" in (el.text or "") else el.getparent()
        line = " ".join((holder.text_content() if holder is not None else "").split())
        m = _PRINTED_SOURCE.search(line) if len(line) <= 100 else None
        if m:
            return m.group(1)
    return ""


def _leaf_sections_to_paragraphs(tree: lxml.html.HtmlElement) -> None:
    """WeChat and similar pages set paragraphs in <section>s: make them <p> for the extractor."""
    blocks = {"section", "div", "p", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
    for el in tree.iter("section"):
        if not any(isinstance(child.tag, str) and child.tag in blocks for child in el.iterdescendants()):
            el.tag = "p"


def _bare_text_to_paragraphs(tree: lxml.html.HtmlElement) -> None:
    """Text set straight into a <div> (no <p> around it) becomes a paragraph the extractor sees."""
    for el in list(tree.iter("div", "td", "article")):
        if el.text and len(el.text.strip()) >= _BARE_TEXT:
            para = lxml.html.Element("p")
            para.text, el.text = el.text.strip(), None
            el.insert(0, para)
        for child in list(el):
            if child.tail and len(child.tail.strip()) >= _BARE_TEXT and child.tag != "p":
                para = lxml.html.Element("p")
                para.text, child.tail = child.tail.strip(), None
                child.addnext(para)


def _blocks(body: lxml.etree._Element) -> list[Block]:
    """trafilatura's XML body → blocks in reading order (tail text too)."""
    out: list[Block] = []

    def add(kind: str, text: str) -> None:
        text = _clean(text)
        if text:
            out.append(Block(kind, text))

    for el in body:
        if el.tag == "head":
            add(SECTION, _text_with_breaks(el))
        elif el.tag == "graphic":
            out.append(Block("image"))
        elif el.tag == "list":
            for item in el.iter("item"):
                add(PARAGRAPH, _text_with_breaks(item))
        elif el.tag == "table":
            for row in el.iter("row"):
                add(PARAGRAPH, " ".join(_clean(_text_with_breaks(c)) for c in row.iter("cell")))
        else:
            if el.find(".//graphic") is not None:
                out.append(Block("image"))
            text = _text_with_breaks(el)
            bold_only = len(el) == 1 and el[0].tag == "hi" and not (el.text or "").strip() \
                and not (el[0].tail or "").strip() and "#b" in (el[0].get("rend") or "")
            if bold_only and len(_clean(text)) <= 30 and not is_sentence(text):
                add(SECTION, text)
            else:
                for line in text.split("\n"):  # lines set apart with <br> are paragraphs
                    add(PARAGRAPH, line)
        if el.tail and el.tail.strip():
            add(PARAGRAPH, el.tail)
    return out


def _text_with_breaks(el: lxml.etree._Element) -> str:
    """An element's text with each <lb/> (a <br> on the page) as a line break."""
    parts: list[str] = []

    def walk(node: lxml.etree._Element) -> None:
        if node.tag in ("lb", "p", "head", "item") and node is not el:
            parts.append("\n")
        if node.text and node.tag != "lb":
            parts.append(node.text.replace("\n", " "))
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail.replace("\n", " "))

    walk(el)
    return "".join(parts)


def _clean(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _fill(draft: ArticleDraft, blocks: list[Block]) -> None:
    """Blocks → the draft's paragraphs, sections, captions, bylines and metadata."""
    after_image = False
    started = False  # a paragraph of the body has been taken
    for block in blocks:
        if block.kind == "image":
            after_image = True
            continue
        text = without_promo(block.text)
        if not text:
            continue
        if started and ends_article(text):
            fields = meta_fields(text.lstrip("（(【[ 本文章"))
            if fields and fields.get("source"):
                draft.meta.setdefault("source", fields["source"])
            break
        if is_noise(text) or _is_metadata(draft, text, started):
            continue
        if block.kind == SECTION:
            if started:
                draft.blocks.append((SECTION, text))
            after_image = False
            continue
        if _is_byline(draft, text):
            continue
        if _is_caption(draft, text, after_image):
            after_image = False
            continue
        after_image = False
        if not started:
            split = split_dateline(text)
            if split:  # the dateline stays in the text; its reporters become the byline
                for role, names in split[2]:
                    draft.add_names(role, names)
        draft.blocks.append((PARAGRAPH, text))
        started = True
    while draft.blocks and draft.blocks[-1][0] != PARAGRAPH:
        draft.blocks.pop()


def _is_metadata(draft: ArticleDraft, text: str, started: bool) -> bool:
    fields = meta_fields(text)
    if fields is None and not started:
        pair = source_and_author(text)
        if pair:
            fields = {"source": pair[0], "author": pair[1]}
    if fields is None:
        return False
    for key in ("source", "date"):
        if fields.get(key):
            draft.meta.setdefault(key, fields[key])
    author = fields.get("author", "")
    if author and re.fullmatch(r"[\u4e00-\u9fff·]{2,5}", author):
        draft.add_names("reporter", [author])
    return True


def _is_byline(draft: ArticleDraft, text: str) -> bool:
    roles = parse_byline(text)
    if roles and _EDITORS.search(text):  # `记者 A 编辑 B 校对 C`: only the reporters
        roles = parse_byline(_EDITORS.split(text)[0]) or []
        if not roles:
            return True
    if not roles:
        return False
    for role, names in roles:
        draft.add_names(role, names)
    return True


def _is_caption(draft: ArticleDraft, text: str, after_image: bool) -> bool:
    credit = credit_line(text)
    if credit is not None:
        if draft.blocks and draft.blocks[-1][0] == CAPTION and not draft.captions[-1].credit:
            draft.captions[-1].credit = credit
        return True
    caption = after_image and len(text) <= _MAX_CAPTION and not text.endswith(("，", "：", ":"))
    if not (caption or text.startswith(("▲", "△", "图为", "图：", "图:"))) or len(text) > _MAX_CAPTION * 2:
        return False
    draft.blocks.append((CAPTION, text))
    draft.captions.append(Caption(text))
    return True


def _headline(page: PageInfo, found: str, draft: ArticleDraft, tree: lxml.html.HtmlElement) -> str:
    """The headline a reader sees above the article."""
    in_title = [text for _, text in page.headings if squash(text) in squash(page.title) and len(text) >= 4]
    first_part = squash(title_parts(page.title)[0]) if page.title else ""
    covering = [t for t in in_title if first_part and (first_part in squash(t) or squash(t) in first_part)
                and len(squash(t)) * 2 >= len(first_part)]
    if covering:
        return max(covering, key=len)
    parts = {squash(p) for p in title_parts(page.title)}
    a_part = [t for t in in_title if squash(t) in parts]
    if a_part:  # the site's name came first: `明日股市预测--<headline>`
        return max(a_part, key=len)
    if page.og_title:
        return title_parts(page.og_title)[0] if squash(page.og_title) == squash(page.title) else page.og_title
    before = _heading_before_body(page, draft, tree)
    if before:
        return before
    if page.title:
        return title_parts(page.title)[0]
    return found or (draft.blocks[0][1][:30] if draft.blocks else "")


def _heading_before_body(page: PageInfo, draft: ArticleDraft, tree: lxml.html.HtmlElement) -> str:
    first = next((squash(t)[:12] for kind, t in draft.blocks if kind == PARAGRAPH), "")
    if not first:
        return ""
    for pos, el in enumerate(tree.iter()):
        if isinstance(el.tag, str) and el.tag not in ("script", "style", "title") and \
                squash(el.text or "").startswith(first[:8]):
            earlier = [text for hpos, text in page.headings if hpos < pos and not ends_article(text)]
            return earlier[-1] if earlier else ""
    return ""


def _drop_repeated_title(draft: ArticleDraft) -> None:
    """The headline printed again at the top of the body (or as its first section)."""
    title = squash(draft.title)
    while draft.blocks and draft.blocks[0][0] != PARAGRAPH and squash(draft.blocks[0][1]) == title:
        draft.blocks.pop(0)
    if draft.blocks and squash(draft.blocks[0][1]) == title:
        draft.blocks.pop(0)
