"""Exactness on the real corpus: for a few hundred random substrings, the search finds
exactly the articles a brute-force scan finds (no segmentation misses, no false hits)."""
from __future__ import annotations

import random

import pytest
from search_helpers import CORPUS

from parktui.importer import import_paths
from parktui.search import search
from parktui.search.fold import fold
from parktui.store import Store

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="corpus not present (../shared/corpus)")


def _build(tmp_path_factory, n_lines: int | None):
    folder = tmp_path_factory.mktemp("corpus")
    src = folder / "part.jsonl"
    with open(CORPUS, "rb") as f:
        lines = f.readlines() if n_lines is None else [f.readline() for _ in range(n_lines)]
    src.write_bytes(b"".join(lines))
    store = Store(folder / "store.json")
    import_paths(store, [str(src)])
    docs = store.articles()
    folded = {d["id"]: (fold(d["title"]), fold(d.get("subtitle", "")), fold(d["text"])) for d in docs}
    return store, docs, folded


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return _build(tmp_path_factory, 3000)


def brute(folded, terms: list[str]) -> set[int]:
    return {i for i, fields in folded.items() if all(any(t in f for f in fields) for t in terms)}


def random_substring(rng: random.Random, docs: list[dict]) -> str:
    while True:
        doc = rng.choice(docs)
        field = doc["title"] if rng.random() < 0.2 else doc["text"]
        length = rng.choice([1, 1, 2, 2, 2, 3, 4, 5, 6, 8, 12])
        if len(field) < length:
            continue
        start = rng.randrange(len(field) - length + 1)
        sub = field[start:start + length]
        if '"' not in sub and '＂' not in sub and sub.strip():
            return sub


def check(store, docs, folded, seed: int, n: int) -> None:
    rng = random.Random(seed)
    for k in range(n):
        sub = random_substring(rng, docs)
        got = {h.article_id for h in search(store, f'"{sub}"', limit=0)}
        want = brute(folded, [fold(sub)])
        assert got == want, (sub, len(got), len(want))
        if k % 4 == 0:  # two terms ANDed
            other = random_substring(rng, docs)
            got = {h.article_id for h in search(store, f'"{sub}" "{other}"', limit=0)}
            assert got == brute(folded, [fold(sub), fold(other)]), (sub, other)


def test_search_equals_brute_force_scan(corpus):
    store, docs, folded = corpus
    check(store, docs, folded, seed=4, n=300)


def test_bare_terms_equal_brute_force(corpus):
    store, docs, folded = corpus
    rng = random.Random(7)
    n = 0
    while n < 150:
        sub = random_substring(rng, docs)
        if any(c.isspace() for c in sub) or sub[0] in "-－>＜<＞=≥≤" or ":" in fold(sub) or sub in ("OR", "|"):
            continue
        got = {h.article_id for h in search(store, sub, limit=0)}
        assert got == brute(folded, [fold(sub)]), sub
        n += 1


def test_snippet_offsets_on_the_corpus(corpus):
    store, docs, folded = corpus
    by_id = {d["id"]: d for d in docs}
    for q in ("园区", "氢能", "固定资产投资", "新质生产力", "园"):
        for hit in search(store, q, limit=50):
            doc = by_id[hit.article_id]
            assert hit.matches or hit.title_matches
            assert all(fold(doc["text"][a:b]) == q for a, b in hit.matches)
            assert all(fold(doc["title"][a:b]) == q for a, b in hit.title_matches)


@pytest.mark.slow
def test_full_corpus_equals_brute_force(tmp_path_factory):
    store, docs, folded = _build(tmp_path_factory, None)
    check(store, docs, folded, seed=11, n=300)
