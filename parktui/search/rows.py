"""What the search index keeps of one article: its rows in each table, made from the
article as the store holds it (pure functions; `index.sync` writes them)."""
from __future__ import annotations

import zlib
from typing import Any, NamedTuple

import orjson
from isal import isal_zlib

from parktui.bulk import collector_paused
from parktui.ingest.parks import canonical, spellings_of
from parktui.search.fold import fold, tokens
from parktui.store_derived import key_row

Doc = dict[str, Any]


def pack(body: str) -> bytes:
    """A body as the index keeps it, in zlib's format, made by ISA-L at its level 1: Chinese
    news text shrinks to about 59%, 2% more than zlib's level 1 in a third of its time."""
    return isal_zlib.compress(body.encode("utf-8"), 1)


def unpack(blob: bytes) -> str:
    return isal_zlib.decompress(blob).decode("utf-8")


def content_sig(doc: Doc) -> str:
    """What the index compares to know an article changed (its figures apart)."""
    sig = doc.get("hash") or "%08x" % zlib.crc32(orjson.dumps([doc.get("title"), doc.get("text")]))
    return sig + ":" + str(doc.get("park", "")) + ":" + str(doc.get("date", ""))


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


def unpack_figures(blob: bytes) -> list[Doc]:
    figures: list[Doc] = orjson.loads(isal_zlib.decompress(blob))
    return figures


def fts_row(i: int, title: str, subtitle: str, body: str) -> tuple[int, bytes, bytes, bytes]:
    """The FTS5 row: rowid and the tokens of each field as UTF-8 bytes, which pass between
    processes as they are and which FTS5 reads as the same text."""
    return (i, tokens(title).encode("utf-8"), tokens(subtitle).encode("utf-8"), tokens(body).encode("utf-8"))


def fig_rows(i: int, doc: Doc) -> list[tuple[Any, ...]]:
    rows = []
    for fig in doc.get("figures") or ():
        value = fig.get("value")
        rows.append((i, fold(fig.get("metric") or ""), float(value) if isinstance(value, (int, float)) else None,
                     fig.get("unit") or "", fig.get("kind") or "", fig.get("raw") or "",
                     fig.get("start"), fig.get("end")))
    return rows


class ArticleRows(NamedTuple):
    """What the index keeps of one article, ready to insert. An article whose content the
    index already holds has no `body` and `fts` (nothing of its text is packed or tokenised
    again), and no figure rows either when its figures are unchanged too."""

    doc: tuple[Any, ...]                 # docs: id, sig, figsig, title, subtitle, …, figparks
    body: bytes | None                   # bodies: the text, packed
    figs: list[tuple[Any, ...]]          # figs: one row per figure
    figure_list: tuple[int, bytes] | None  # figlists: the figures as stored, packed
    fts: tuple[int, bytes, bytes, bytes] | None  # fts: fts_row
    key: tuple[Any, ...] = ()            # keys: the catalog's key row (store_derived.key_row)

    @property
    def sig(self) -> str:
        return str(self.doc[1])

    @property
    def figsig(self) -> str:
        return str(self.doc[2])

    @property
    def figparks(self) -> str:
        return str(self.doc[10])


ShardSource = tuple[str, str] | dict[str, Doc]
"""A shard to index: (shard file, store file) to read, or its articles by id string."""
Known = dict[int, tuple[str, str]]
"""The index's (sig, figsig) of each article of a shard it holds."""


def shard_rows(source: ShardSource, known: Known | None = None) -> dict[int, ArticleRows]:
    """The rows of every article of a shard, the parts `known` already holds left out (runs
    on the sync's worker processes, which read the shard file themselves)."""
    if isinstance(source, tuple):
        from pathlib import Path

        from parktui.store import read_shard

        source = read_shard(Path(source[0]), Path(source[1]))
    known = known or {}
    return {int(i): article_rows(int(i), doc, known.get(int(i))) for i, doc in source.items()}


def shard_job(job: tuple[ShardSource, Known]) -> dict[int, ArticleRows]:
    """`shard_rows` of one (source, known) job, for a worker pool's `imap` (the cycle
    collector paused: the shard and its rows make no cycles; 7% less CPU)."""
    with collector_paused():
        return shard_rows(*job)


def article_rows(i: int, doc: Doc, known: tuple[str, str] | None = None) -> ArticleRows:
    """The article's rows (its figures are serialised once, for their checksum and their
    packed list); `known`: the (sig, figsig) the index holds for it."""
    figures_json = orjson.dumps(doc.get("figures") or [])
    row = doc_row(i, doc, content_sig(doc), "%08x" % zlib.crc32(figures_json))
    key = tuple(key_row(i, doc))
    same_text = known is not None and known[0] == row[1]
    if same_text and known is not None and known[1] == row[2]:
        return ArticleRows(row, None, [], None, None, key)
    figure_list = (i, isal_zlib.compress(figures_json, 1)) if doc.get("figures") else None
    if same_text:
        return ArticleRows(row, None, fig_rows(i, doc), figure_list, None, key)
    text = doc.get("text") or ""
    return ArticleRows(row, pack(text), fig_rows(i, doc), figure_list, fts_row(i, row[3], row[4], text), key)
