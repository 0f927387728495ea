"""The compare test pages (pages/compare_parks.jsonl) as stored articles with their figures
written out by hand, so the browser's compare tests do not move when the extractor does."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PAGE = Path(__file__).parent / "pages" / "compare_parks.jsonl"
# Per article (in file order): (raw, kind, value, park, period) of its 固定资产投资 figures.
FIGURES = [
    [("420亿元", "amount", 42000000000, "北京经开区", "2023"), ("12.5%", "growth", 12.5, "北京经开区", "2023")],
    [("460亿元", "amount", 46000000000, "北京经开区", "2024"), ("9.5%", "growth", 9.5, "北京经开区", "2024")],
    [("610亿元", "amount", 61000000000, "苏州工业园区", "2023"), ("6.1%", "growth", 6.1, "苏州工业园区", "2023")],
    [("650亿元", "amount", 65000000000, "苏州工业园区", "2024")],
    [("655亿元", "amount", 65500000000, "苏州工业园区", "2024")],
    [("180亿元", "amount", 18000000000, "青岛高新区", "2023")],
    [("180亿元", "amount", 18000000000, "青岛高新区", "2023")],
    [("200亿元", "amount", 20000000000, "青岛高新区", "2024"), ("11.1%", "growth", 11.1, "青岛高新区", "2024")],
]


def compare_articles() -> list[dict[str, Any]]:
    articles = []
    for line, figures in zip(PAGE.read_text(encoding="utf-8").splitlines(), FIGURES, strict=True):
        doc = json.loads(line)
        text = doc["text"]
        sentence = text.split("\n\n")[0]
        blocks, pos = [], 0
        for para in text.split("\n\n"):
            blocks.append({"type": "p", "start": pos, "end": pos + len(para)})
            pos += len(para) + 2
        figs = []
        for raw, kind, value, park, period in figures:
            start = text.index(raw)
            figs.append({"raw": raw, "value": value, "unit": "%" if kind == "growth" else "元", "qualifier": "",
                         "low": None, "high": None, "kind": kind, "metric": "固定资产投资", "family": "固定资产投资",
                         "park": park, "period": period, "sentence": sentence, "start": start,
                         "end": start + len(raw)})
        articles.append({"title": doc["title"], "subtitle": "", "kicker": "", "column": "", "park": figures[0][3],
                         "park_aliases": [], "reporters": [], "correspondents": [], "dateline": "", "sections": [],
                         "captions": [], "blocks": blocks, "text": text, "source": doc["source"], "date": doc["date"],
                         "page": "", "url": "", "origin": "", "key": doc["title"], "hash": doc["title"],
                         "figures": figs, "extractor": 0})
    return articles
