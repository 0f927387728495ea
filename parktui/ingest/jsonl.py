"""JSON Lines: one article per line, fields title, text, date, source (the corpus format)."""
from __future__ import annotations

import orjson

from parktui.ingest.errors import InputError
from parktui.ingest.meta import normalise_date
from parktui.ingest.page import parse_body
from parktui.model import Article


def looks_like_jsonl(name: str, text: str) -> bool:
    if name.lower().endswith((".jsonl", ".ndjson")):
        return True
    first = text.lstrip("\ufeff \n").split("\n", 1)[0].strip()
    if not first.startswith("{"):
        return False
    try:
        record = orjson.loads(first)
    except orjson.JSONDecodeError:
        return False
    return isinstance(record, dict) and "text" in record


def parse_jsonl(text: str, name: str, meta: dict[str, str],
                max_line: int | None = None) -> tuple[list[Article], list[InputError]]:
    """(articles of the good lines, one error per bad line with its line number)."""
    articles: list[Article] = []
    errors: list[InputError] = []
    for number, line in enumerate(text.split("\n"), start=1):
        parsed = parse_jsonl_line(line, number, name, meta, max_line)
        if isinstance(parsed, InputError):
            errors.append(parsed)
        elif parsed is not None:
            articles.append(parsed)
    return articles, errors


def parse_jsonl_line(line: str, number: int, name: str, meta: dict[str, str],
                     max_line: int | None = None) -> Article | InputError | None:
    """The article of line `number` of JSON Lines input `name`, the error naming why it has
    none, or None for a blank line. Lines are independent: a big file is parsed in pieces."""
    line = line.strip().lstrip("\ufeff")
    if not line:
        return None
    if max_line is not None and len(line) * 3 > max_line and len(line.encode()) > max_line:
        return InputError(name, f"article is too large ({len(line.encode()) / 2**20:.0f} MB, "
                                f"the limit is {max_line // 2**20} MB)", number)
    try:
        record = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        return InputError(name, f"not valid JSON ({str(exc).split(':')[0]})", number)
    if not isinstance(record, dict):
        return InputError(name, "not a JSON object", number)
    title, body = record.get("title"), record.get("text")
    if not isinstance(body, str) or not body.strip():
        return InputError(name, "no \"text\" field", number)
    if not isinstance(title, str) or not title.strip():
        title = body.strip().split("\n", 1)[0][:30]
    line_meta = {
        "source": str(record.get("source") or ""),
        "date": normalise_date(str(record.get("date") or "")),
        "url": str(record.get("url") or ""),
        "origin": f"{name}:{number}",
    }
    line_meta = {k: v for k, v in line_meta.items() if v}
    article = parse_body(title, body, {**line_meta, **meta})
    if article is None:
        return InputError(name, "article has no text", number)
    return article
