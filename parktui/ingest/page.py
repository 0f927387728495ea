"""A newspaper page → its articles.

Reads the structure Chinese papers use on a page (see tests/pages for examples):
titles and subtitles (副题 ——…), columns (栏目) whose heading is followed directly by
the headings of their articles, section headings (小标题), bylines before or after the
text, datelines opening the lead (科技日报讯(记者 …)), photo captions with their credits,
and paragraphs cut by a page or column break (joined again).
"""
from __future__ import annotations

import re

from parktui.ingest.byline import credit_line, parse_byline, split_dateline, trailing_credit
from parktui.ingest.lexer import HEADING, META, PARA, Block, lex
from parktui.ingest.meta import split_front_matter
from parktui.ingest.parks import detect_park
from parktui.ingest.stories import MAX_HEADLINE, mark_headlines, story_starts
from parktui.model import CAPTION, PARAGRAPH, SECTION, Article, ArticleDraft, Caption, build_article, content_hash

# A paragraph that ends in none of these was cut by a page or column break.
_FINAL = set("。！？!?…”’\"」』）)】；;：:.")
_SUBTITLE = re.compile(r"^\s*(?:——|—|--|－－)")
_CAPTION_START = re.compile(r"^(?:图为|图[:：]|[上下左右中]图[:：为]|图片[:：]|图\d+[:：]?)")
_MAX_CAPTION = 160
_CLAUSE = re.compile(r"[，,；;。：:]")


def parse_page(text: str, name: str = "", meta: dict[str, str] | None = None) -> list[Article]:
    """Every article of a page, as stored dicts (without figures)."""
    front, body = split_front_matter(text)
    drafts = _segment(lex(body), dict(front), fallback_title=name)
    given = {k: v for k, v in (meta or {}).items() if v}
    for draft in drafts:  # metadata given by the caller wins over the page's own
        draft.meta.update(given)
    return [_finish(d) for d in drafts if d.blocks]


def parse_body(title: str, text: str, meta: dict[str, str]) -> Article | None:
    """One article whose title is known (a JSON Lines record): every heading is a section."""
    draft = ArticleDraft(title=title.strip(), meta=dict(meta))
    builder = _ArticleBuilder(draft)
    for block in lex(text):
        if block.kind == HEADING:
            builder.section(block.text)
        elif block.kind == PARA:
            builder.paragraph(block)
        elif block.kind == META:
            key, _, value = block.text.partition("=")
            draft.meta.setdefault(key, value)
    if not draft.blocks:
        return None
    return _finish(draft)


def _finish(draft: ArticleDraft) -> Article:
    draft.blocks = mark_headlines(draft.blocks)
    article = build_article(draft, "", [])
    place_in_park(article)
    return article


def place_in_park(article: Article) -> None:
    """Find the article's park from its title and stories (detect_park); set it, its aliases
    and names, and the content hash, which covers them."""
    park, aliases, names = detect_park(article["title"], article.get("subtitle", ""), article["text"],
                                       story_starts(article))
    article["park"], article["park_aliases"], article["park_names"] = park, aliases, names
    article["hash"] = content_hash(article)


class _ArticleBuilder:
    """Adds blocks to one article: bylines, datelines, captions, cut paragraphs."""

    def __init__(self, draft: ArticleDraft):
        self.draft = draft
        self.open_para = False  # the last block is a paragraph that may continue

    def section(self, text: str) -> None:
        self.draft.blocks.append((SECTION, text))
        self.open_para = False

    def paragraph(self, block: Block) -> None:
        draft = self.draft
        text = block.text
        roles = parse_byline("\n".join(block.lines) or text)
        if roles:
            for role, names in roles:
                draft.add_names(role, names)
            self.open_para = False
            return
        credit = credit_line(text)
        if credit is not None and self._caption_from_last(credit):
            return
        if not any(kind == PARAGRAPH for kind, _ in draft.blocks):
            split = split_dateline(text)
            if split:
                draft.dateline, text, roles = split
                for role, names in roles:
                    draft.add_names(role, names)
        if _CAPTION_START.match(text) or ("图为" in text and len(text) <= _MAX_CAPTION):
            caption, found = text, ""
            tail = trailing_credit(text)
            if tail:
                caption, found = tail
            draft.blocks.append((CAPTION, caption))
            draft.captions.append(Caption(caption, found))
            self.open_para = False
            return
        if self.open_para and draft.blocks and draft.blocks[-1][0] == PARAGRAPH:
            kind, previous = draft.blocks[-1]
            draft.blocks[-1] = (kind, previous + text)
        else:
            draft.blocks.append((PARAGRAPH, text))
        # A short line with no final punctuation is a heading-like line (一、加强组织领导),
        # not a paragraph cut by a page break; only longer ones continue.
        # A headline-sized line without clause punctuation is a heading too (a bundle's story).
        self.open_para = text[-1] not in _FINAL and (len(text) > 24 or text[-1] in "、，,") and not (
            len(text) <= MAX_HEADLINE and not _CLAUSE.search(text))

    def _caption_from_last(self, credit: str) -> bool:
        """A credit line turns the paragraph before it into a caption (or credits one)."""
        draft = self.draft
        if not draft.blocks:
            return False
        kind, previous = draft.blocks[-1]
        if kind == CAPTION and draft.captions and not draft.captions[-1].credit:
            draft.captions[-1].credit = credit
            return True
        if kind == PARAGRAPH and len(previous) <= _MAX_CAPTION:
            draft.blocks[-1] = (CAPTION, previous)
            draft.captions.append(Caption(previous, credit))
            self.open_para = False
            return True
        return False


def _next_significant(blocks: list[Block], i: int) -> int | None:
    """Index of the first block after i that is not metadata or a subtitle."""
    j = i + 1
    while j < len(blocks):
        b = blocks[j]
        if b.kind == META or (j == i + 1 and _SUBTITLE.match(b.text)):
            j += 1
            continue
        return j
    return None


def _opens_article(blocks: list[Block], i: int) -> bool:
    """A heading followed by a byline or a dateline is an article title."""
    j = _next_significant(blocks, i)
    if j is None or blocks[j].kind != PARA:
        return False
    b = blocks[j]
    return bool(parse_byline("\n".join(b.lines) or b.text) or split_dateline(b.text))


def _segment(blocks: list[Block], page_meta: dict[str, str], fallback_title: str) -> list[ArticleDraft]:
    headings = [b.level for b in blocks if b.kind == HEADING and not _SUBTITLE.match(b.text)]
    title_level = min(headings) if headings else 1
    article_level = title_level
    column, column_level = "", 0
    drafts: list[ArticleDraft] = []
    builder: _ArticleBuilder | None = None

    kicker = ""

    def start(title: str) -> _ArticleBuilder:
        nonlocal kicker
        draft = ArticleDraft(title=title, column=column, kicker=kicker, meta=dict(page_meta))
        kicker = ""
        drafts.append(draft)
        return _ArticleBuilder(draft)

    for i, block in enumerate(blocks):
        if block.kind == META:
            key, _, value = block.text.partition("=")
            if builder is None:  # before any title: the whole page's
                page_meta[key] = value
            elif not builder.draft.blocks:  # under a title: this article's, over the page's
                builder.draft.meta[key] = value
            else:  # a trailing line (来源：… at the end) fills only what is missing
                builder.draft.meta.setdefault(key, value)
            continue
        if block.kind == HEADING:
            draft = builder.draft if builder else None
            if draft and not draft.blocks and not draft.subtitle and _SUBTITLE.match(block.text):
                draft.subtitle = block.text.strip()
                continue
            if column and block.level <= column_level:
                column, column_level, article_level = "", 0, title_level
            j = _next_significant(blocks, i)
            nxt = blocks[j] if j is not None else None
            if nxt is not None and nxt.kind == HEADING and nxt.level < block.level:
                kicker = block.text  # 引题: a line printed above the title it belongs to
                continue
            opens = _opens_article(blocks, i)
            if nxt is not None and nxt.kind == HEADING and nxt.level > block.level and not opens:
                column, column_level, article_level = block.text, block.level, nxt.level
                builder = None
                continue
            if builder is None or block.level <= article_level or opens:
                builder = start(block.text)
            else:
                builder.section(block.text)
            continue
        if builder is None:
            if len(block.text) <= 40 and block.text[-1] not in _FINAL and not drafts:
                builder = start(block.text)
                continue
            builder = start(fallback_title or block.text[:30])
        if builder.draft.subtitle == "" and not builder.draft.blocks and _SUBTITLE.match(block.text) \
                and len(block.text) <= 60:
            builder.draft.subtitle = block.text.strip()
            continue
        builder.paragraph(block)
    return drafts
