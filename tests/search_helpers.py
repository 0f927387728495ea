"""Helpers for the search tests: small stores of hand-made articles."""
from __future__ import annotations

from pathlib import Path

from parktui.importer import ImportReport, store_articles
from parktui.model import ArticleDraft, build_article, content_hash
from parktui.store import Store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "xwlb_cctv_2022-2026.jsonl"


def article(title: str, text: str, *, date: str = "2024-01-01", source: str = "科技日报",
            park: str = "", aliases: tuple[str, ...] = (), column: str = "", subtitle: str = "",
            figures: tuple[dict, ...] = ()) -> dict:
    draft = ArticleDraft(title=title, subtitle=subtitle, column=column,
                         blocks=[("p", para) for para in text.split("\n\n")],
                         meta={"date": date, "source": source})
    doc = build_article(draft, park, list(aliases))
    doc["hash"] = content_hash(doc)
    doc["figures"] = [dict(f) for f in figures]
    doc["extractor"] = 0
    return doc


def figure(raw: str, value: float, metric: str, text: str, unit: str = "", kind: str = "amount") -> dict:
    start = text.index(raw)
    return {"raw": raw, "value": value, "unit": unit, "qualifier": "", "low": None, "high": None,
            "kind": kind, "metric": metric, "park": None, "period": "", "sentence": "",
            "start": start, "end": start + len(raw)}


def put(store: Store, docs: list[dict]) -> list[int]:
    """Store articles (one transaction) without touching the search index."""
    report = ImportReport()
    store_articles(store, docs, report)
    return report.ids
