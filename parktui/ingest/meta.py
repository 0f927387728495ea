"""Page metadata: a front-matter block, `发布时间：…` lines, and date normalisation."""
from __future__ import annotations

import re

_KEYS = {
    "source": "source", "来源": "source", "报纸": "source", "媒体": "source",
    "date": "date", "日期": "date", "发布时间": "date", "发布日期": "date", "时间": "date",
    "page": "page", "版面": "page", "版次": "page", "版名": "page",
    "url": "url", "链接": "url", "网址": "url",
    "责任编辑": "editor", "编辑": "editor", "校对": "editor", "美编": "editor", "审核": "editor",
}
_FIELD_LINE = re.compile(r"^\s*(?P<key>[A-Za-z\u4e00-\u9fff]{2,6})\s*[:：]\s*(?P<value>.+?)\s*$")
_DATE = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s*[-年/.]\s*(?P<m>\d{1,2})\s*[-月/.]\s*(?P<d>\d{1,2})\s*日?"
)


def normalise_date(value: str) -> str:
    """`2024年1月10日`, `2024/1/10 08:00`, `2024-01-10` → `2024-01-10`; '' if no date."""
    value = value.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    m = _DATE.search(value)
    if not m:
        return ""
    y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return ""
    return f"{y:04d}-{mo:02d}-{d:02d}"


def meta_field(line: str) -> tuple[str, str] | None:
    """A `发布时间：2011-03-29` / `source: 科技日报` line → (field, value), else None."""
    m = _FIELD_LINE.match(line)
    if not m:
        return None
    key = _KEYS.get(m.group("key").lower())
    if key is None:
        return None
    value = m.group("value")
    if key == "date":
        value = normalise_date(value)
        if not value:
            return None
    return key, value


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """A leading `---` block of `key: value` lines → (metadata, the rest of the page)."""
    stripped = text.lstrip("\ufeff\n ")
    if not stripped.startswith("---\n"):
        return {}, text
    end = stripped.find("\n---", 4)
    if end < 0:
        return {}, text
    meta: dict[str, str] = {}
    for line in stripped[4:end].splitlines():
        field = meta_field(line)
        if field is None and ":" in line:
            key, _, value = line.partition(":")
            key = key.strip().lower()
            if key in ("source", "date", "page", "url", "title"):
                field = (key, value.strip().strip("\"'"))
        if field:
            meta[field[0]] = field[1]
    rest = stripped[end + 4:]
    return meta, rest.split("\n", 1)[1] if "\n" in rest else ""
