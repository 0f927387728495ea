"""What the search index keeps of one article: its rows in each table, made from the
article as the store holds it (pure functions; `index.sync` writes them)."""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Any

import orjson

from parktui.ingest.parks import canonical, spellings_of
from parktui.search.fold import fold, tokens

Doc = dict[str, Any]


def pack(body: str) -> bytes:
    """A body as the index keeps it (zlib level 1: Chinese news text shrinks to about 58%,
    2% more than level 6 in two thirds of the time)."""
    return zlib.compress(body.encode("utf-8"), 1)


def unpack(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")


def sigs(doc: Doc) -> tuple[str, str]:
    sig = doc.get("hash") or "%08x" % zlib.crc32(orjson.dumps([doc.get("title"), doc.get("text")]))
    sig += ":" + str(doc.get("park", "")) + ":" + str(doc.get("date", ""))
    figsig = "%08x" % zlib.crc32(orjson.dumps(doc.get("figures") or []))
    return sig, figsig


def doc_row(i: int, doc: Doc, sig: str, figsig: str) -> tuple[Any, ...]:
    park = doc.get("park") or ""
    parks = " ".join([park, *(doc.get("park_aliases") or []), *spellings_of(park)])
    return (i, sig, figsig, doc.get("title") or "", doc.get("subtitle") or "",
            park, fold(parks), fold(doc.get("source") or ""), fold(doc.get("column") or ""),
            doc.get("date") or "", figure_parks(doc))


def figure_parks(doc: Doc) -> str:
    """The article's park and its figures' parks, each also in its canonical form: what a
    `--park` query is matched against first (`park_matches` then decides)."""
    names = {doc.get("park") or "", *(f.get("park") or "" for f in doc.get("figures") or () if isinstance(f, dict))}
    names |= {canonical(n) for n in names if n}
    return "\n".join(sorted(n for n in names if n))


def figure_list(i: int, doc: Doc) -> tuple[int, bytes] | None:
    """The article's figures as stored (sentences as spans of the body), packed."""
    figures = doc.get("figures")
    return (i, zlib.compress(orjson.dumps(figures), 1)) if figures else None


def unpack_figures(blob: bytes) -> list[Doc]:
    figures: list[Doc] = orjson.loads(zlib.decompress(blob))
    return figures


def fts_row(i: int, title: str, subtitle: str, body: str) -> tuple[int, str, str, str]:
    return (i, tokens(title), tokens(subtitle), tokens(body))


def fig_rows(i: int, doc: Doc) -> list[tuple[Any, ...]]:
    rows = []
    for fig in doc.get("figures") or ():
        value = fig.get("value")
        rows.append((i, fold(fig.get("metric") or ""), float(value) if isinstance(value, (int, float)) else None,
                     fig.get("unit") or "", fig.get("kind") or "", fig.get("raw") or "",
                     fig.get("start"), fig.get("end")))
    return rows


@dataclass
class ShardRows:
    """The rows of one shard's new articles, ready to insert."""

    docs: list[tuple[Any, ...]] = field(default_factory=list)
    bodies: list[tuple[int, bytes]] = field(default_factory=list)
    figs: list[tuple[Any, ...]] = field(default_factory=list)
    figure_lists: list[tuple[int, bytes]] = field(default_factory=list)
    fts: list[tuple[int, str, str, str]] = field(default_factory=list)


def shard_rows(articles: dict[int, Doc], new: list[int], wanted: dict[int, tuple[str, str]]) -> ShardRows:
    """The rows of the `new` articles (runs on the sync's helper thread)."""
    out = ShardRows()
    for i in new:
        doc = articles[i]
        row = doc_row(i, doc, *wanted[i])
        text = doc.get("text") or ""
        out.docs.append(row)
        out.bodies.append((i, pack(text)))
        out.figs.extend(fig_rows(i, doc))
        listed = figure_list(i, doc)
        if listed:
            out.figure_lists.append(listed)
        out.fts.append(fts_row(i, row[3], row[4], text))
    return out
