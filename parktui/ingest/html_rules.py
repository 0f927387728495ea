"""What a Chinese news page prints around its article, line by line.

The extractor (trafilatura) finds the article's part of the page; these rules take off
what Chinese sites print inside that part: metadata lines (来源：, 发布时间：, 作者：),
原标题 lines, editor lines (责任编辑), comment counts, share bars, related-news lists,
copyright and contact lines. Each rule looks at one block of text at a time.
"""
from __future__ import annotations

import re

from parktui.ingest.meta import normalise_date

# A block that starts one of these ends the article: what follows is the site's.
_TAIL = re.compile(
    r"^\s*[（(【\[]?\s*(?:"
    r"责任编辑|责编|编辑\s*[:：]|值班编辑|审核\s*[:：]|校对\s*[:：]|本文来源\s*[:：]|文章来源\s*[:：].{0,20}$"
    r"|延伸阅读|相关新闻|相关阅读|相关推荐|相关文章|相关链接|相关报道|相关搜索|推荐阅读|热门推荐|为你推荐|为您推荐"
    r"|你可能会喜欢|您可能感兴趣|猜你喜欢|热门文章|点击排行|新闻排行|热点新闻|精彩推荐|今日推荐|热帖|新闻评论"
    r"|网友评论|发表评论|我要评论|评论\s*[（(]\d|\d+\s*条评论|留言与评论|全部评论|已有\d+人"
    r"|声明\s*[:：]|特别声明|免责声明|版权声明|郑重声明"
    r"|纠错|上一篇|下一篇|关键词\s*[:：>]|标签\s*[:：]|扫码|扫描二维码|微信扫一扫|长按二维码|长按识别"
    r"|本文来自|原题为|原标题为|分享到|分享至|点击阅读原文|阅读原文|作者最新文章|打开APP|下载APP|打开.{0,6}客户端"
    r"|当前位置|您所在的位置|你的位置|您的位置|您现在的位置"
    r"|END\s*$|—{2,}\s*END|澎湃新闻报料|转载请注明"
    r")",
    re.I,
)

# A short block that is only site furniture, wherever it is.
_NOISE = re.compile(
    r"^\s*(?:"
    r"字号|[【\[]?\s*(?:打印|关闭|收藏|分享|纠错|大|中|小)\s*[】\]]?(?:\s*[【\[]?\s*(?:打印|关闭|收藏|分享|纠错|大|中|小)"
    r"\s*[】\]]?)*|A\+|A-|分享到|(?:当前位置|您所在的位置|你的位置|您的位置|您现在的位置)\s*[:：]?.{0,60}|首页\s*[>＞»].{0,60}"
    r"|(?:[【\[]\d+[】\]]\s*)+|下一页|上一页|查看全文|展开全文|点击进入.{0,20}>>"
    r"|\d+\s*(?:条评论|人参与|人评论|跟贴|人收藏)|(?:评论|跟贴|阅读|浏览|点赞)\s*[（(]?\s*\d+\s*[）)]?"
    r"|原标题\s*[:：].*|[（(]\s*原标题\s*[:：].*[）)]\s*"
    r")\s*$"
)

_COPYRIGHT = re.compile(
    r"版权所有|Copyright|©|ICP\s*备|ICP\s*证|公网安备|未经.{0,12}(?:授权|许可|允许).{0,16}(?:转载|复制|使用)"
    r"|不得转载|违法和不良信息举报",
    re.I,
)
_CONTACT = re.compile(
    r"^\s*(?:地\s*址|电\s*话|传\s*真|邮政编码|邮\s*编|电子信箱|电子邮箱|E-?mail|网\s*址)\s*[:：]", re.I)

# Page metadata printed as a line (several fields may share it).
_FIELD = re.compile(
    r"(?P<key>来源|稿源|出处|发布时间|发布日期|发表时间|发稿时间|更新时间|时间|日期|作者|文|编辑|责任编辑|浏览次数|点击数|阅读数)"
    r"\s*[:：]\s*(?P<value>[^\s:：|丨]+(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)"
)
_DATE_TIME = re.compile(r"(?:19|20)\d\d\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?")
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|--|——|—|－|\s-\s|-(?=[^-]*$))\s*")
_SENTENCE_END = tuple("。！？!?…”’\"」』）)】；;")


def ends_article(text: str) -> bool:
    """An editor line, a related-news heading, a share bar: the article is over."""
    return bool(_TAIL.match(text))


def is_noise(text: str) -> bool:
    """A block that is only site furniture (字号, 打印, comment counts, 原标题, copyright)."""
    if _NOISE.match(text) or is_breadcrumb(text):
        return True
    if len(text) <= 120 and _COPYRIGHT.search(text):
        return True
    return len(text) <= 60 and bool(_CONTACT.match(text))


def meta_fields(text: str) -> dict[str, str] | None:
    """A line made of metadata (`2019-09-07 10:23 来源: 新京报`) → its fields, else None.

    The line qualifies only when fields, dates and separators make up all of it.
    """
    if len(text) > 120:
        return None
    found: dict[str, str] = {}
    rest = text
    for m in _FIELD.finditer(text):
        key, value = m.group("key"), m.group("value").strip()
        if key in ("来源", "稿源", "出处") and value:
            found.setdefault("source", value)
        elif key in ("作者", "文"):
            found.setdefault("author", value)
        elif "时间" in key or "日期" in key:
            date = normalise_date(value)
            if date:
                found.setdefault("date", date)
        rest = rest.replace(m.group(0), " ")
    for m in _DATE_TIME.finditer(rest):
        found.setdefault("date", normalise_date(m.group(0)))
        rest = rest.replace(m.group(0), " ")
    leftover = re.sub(r"[\s|丨/·•\-—_()（）【】\[\]]+", "", rest)
    if not found or len(leftover) > 12:
        return None
    return found


def source_and_author(text: str) -> tuple[str, str] | None:
    """`石佳/中国青年报`: an author and outlet line above the article."""
    m = re.fullmatch(r"\s*([\u4e00-\u9fff·]{2,5})\s*[/／]\s*([\u4e00-\u9fffA-Za-z]{2,16})\s*", text)
    return (m.group(2), m.group(1)) if m else None


_PROMO = re.compile(r"\s*[（(](?:本文来自|本文转自|文章来自|来源[:：])[^（()）]{0,60}[）)]\s*$")
_BREADCRUMB = re.compile(r"^\s*[>＞»›]\s*\S.{0,60}[>＞»›]")


def without_promo(text: str) -> str:
    """`…至关重要。(本文来自澎湃新闻，更多原创资讯请下载APP)` → the paragraph without the promotion."""
    return _PROMO.sub("", text)


def is_breadcrumb(text: str) -> bool:
    return len(text) <= 80 and bool(_BREADCRUMB.match(text))


def is_sentence(text: str) -> bool:
    return text.rstrip().endswith(_SENTENCE_END)


def title_parts(title: str) -> list[str]:
    """`共享充电宝涨价…_10%公司_澎湃新闻-The Paper` → its parts, the headline first."""
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(title.strip()) if p and p.strip()]
    return parts or [title.strip()]


def squash(text: str) -> str:
    """Text for comparisons: without whitespace."""
    return re.sub(r"\s+", "", text)
