"""Bylines, datelines and photo credits, the forms Chinese papers print.

    ◎通讯员 赵优 赵海忠 晏瑞一 / 本报记者 朱彤
    ◎本报记者 宋迎迎 通讯员 肖玲玲
    科技日报讯(记者 魏依晨 通讯员 杨天宇 邱诗汇)近日……   (a dateline opening the lead)
    本报讯（记者 张三）…   新华社北京1月10日电（记者 李四、王五）…   央视网消息（新闻联播）：…
    （记者 王五）                                          (a byline closing the article)
    青岛高新区供图   本报记者 张三 摄                      (photo credits)
"""
from __future__ import annotations

import re

_MARKS = "◎●■□▲△★☆◆◇※•·*>＞ \u3000"
_OUTLET = r"[\u4e00-\u9fff]{1,8}?(?:日报|晚报|时报|商报|报|社|网|台|刊)"
_REPORTER = rf"(?:{_OUTLET})?(?:本报|本刊|特约|见习|实习|驻[\u4e00-\u9fff]{{1,4}})?记者|实习生|摄影记者|撰稿|编辑|文[/／]图|文[/／]|图[/／]"  # noqa: E501
_CORRESPONDENT = r"(?:本报|特约)?通讯员"
_ROLE = re.compile(rf"(?:^|(?<=[\s、，,（(/／]))({_CORRESPONDENT}|{_REPORTER})\s*[:：/／]?\s*")
_NAME = r"[\u4e00-\u9fff][\u4e00-\u9fff·]{1,4}"
_NAMES = rf"{_NAME}(?:\s*[、，,\s]\s*{_NAME})*"
_BYLINE = re.compile(
    rf"^(?:(?:{_CORRESPONDENT}|{_REPORTER})\s*[:：/／]?\s*{_NAMES}\s*)+(?:报道)?$"
)

_AGENCY = (
    r"[\u4e00-\u9fff]{1,10}讯"
    r"|(?:本报|新华社|中新社|中新网|人民网|央广网|国际在线|[\u4e00-\u9fff]{2,6}(?:日报|报|网|社))"
    r"[\u4e00-\u9fff0-9０-９]{0,16}?电"
    r"|[\u4e00-\u9fff]{1,8}(?:网|台)消息"
)
_DATELINE = re.compile(
    rf"^\s*(?P<agency>{_AGENCY})\s*(?:[（(](?P<inner>[^）)]{{0,80}})[）)])?\s*[:：]?\s*"
)
_CREDIT = re.compile(
    r"^[（(]?\s*(?P<credit>[\u4e00-\u9fffA-Za-z0-9 ·、/／]{0,30}?(?:供图|摄影|摄|图片来源[^）)]{0,20}|资料图))\s*[）)]?$"  # noqa: E501
)
_TRAILING_CREDIT = re.compile(
    r"\s*[（(]?\s*(?P<credit>(?:(?:本报|新华社|特约)?(?:记者|通讯员)\s*)?[\u4e00-\u9fff·]{2,12}(?:\s+[\u4e00-\u9fff·]{2,4})*\s*(?:供图|摄))\s*[）)]?$"
)


def _role_of(word: str) -> str:
    return "correspondent" if "通讯员" in word else "reporter"


def parse_roles(text: str) -> list[tuple[str, list[str]]]:
    """`本报记者 宋迎迎 通讯员 肖玲玲` → [("reporter", ["宋迎迎"]), ("correspondent", ["肖玲玲"])]."""
    out: list[tuple[str, list[str]]] = []
    parts = _ROLE.split(text.strip())
    # parts: [before, role1, names1, role2, names2, ...]
    for i in range(1, len(parts) - 1, 2):
        names = [n for n in re.split(r"[\s、，,]+", parts[i + 1].strip()) if n]
        names = [n for n in names if re.fullmatch(_NAME, n) and n not in ("报道", "摄", "供图")]
        if names:
            out.append((_role_of(parts[i]), names))
    return out


def strip_marks(text: str) -> str:
    return text.strip().lstrip(_MARKS).strip()


def parse_byline(text: str) -> list[tuple[str, list[str]]] | None:
    """The roles of a block that is wholly a byline, else None."""
    flat = " ".join(strip_marks(line) for line in text.splitlines())
    flat = flat.strip()
    if flat[:1] in "（(" and flat[-1:] in "）)":
        flat = flat[1:-1].strip()
    if not flat or len(flat) > 80 or not _BYLINE.match(flat):
        return None
    if flat.endswith(("摄", "供图")):
        return None
    roles = parse_roles(flat)
    return roles or None


def split_dateline(paragraph: str) -> tuple[str, str, list[tuple[str, list[str]]]] | None:
    """`科技日报讯(记者 A 通讯员 B)近日……` → (dateline, lead text, roles); None if no dateline."""
    m = _DATELINE.match(paragraph)
    if not m:
        return None
    agency = m.group("agency")
    if agency.endswith("讯") and not re.search(r"(报|刊|网|社|台)讯$", agency):
        return None
    rest = paragraph[m.end():]
    if not rest.strip():
        return None
    inner = m.group("inner") or ""
    roles = parse_roles(inner) if inner else []
    return m.group(0).strip(), rest.strip(), roles


def credit_line(text: str) -> str | None:
    """A short block that is only a photo credit (`青岛高新区供图`, `本报记者 张三 摄`)."""
    flat = strip_marks(text.replace("\n", " "))
    if len(flat) > 32:
        return None
    m = _CREDIT.match(flat)
    return m.group("credit").strip() if m else None


def trailing_credit(text: str) -> tuple[str, str] | None:
    """A caption that ends with its own credit: `图为… 本报记者 张三摄` → (caption, credit)."""
    m = _TRAILING_CREDIT.search(text)
    if not m or m.start() == 0:
        return None
    return text[: m.start()].rstrip(), m.group("credit").strip()
