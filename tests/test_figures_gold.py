"""Quality against labelled pages: the shared sample (skipped when ../shared is absent)
and this repository's own pages in tests/pages (always run)."""
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from figure_gold import PAGES, SHARED, run  # noqa: E402

SEED = SHARED / "seeds" / "000_888fdcd6d6bd9fba.txt"
SEED_GOLD = SHARED / "eval" / "seed-gold.json"


@pytest.mark.skipif(not (SEED.exists() and SEED_GOLD.exists()), reason="../shared not present")
def test_seed_page():
    result, misses = run(SEED, SEED_GOLD)
    assert result["f1"] >= 0.97, misses
    assert result["metric"] >= 0.90, misses
    assert result["park"] == 1.0, misses


PAGE_FILES = sorted(PAGES.glob("fig_*.md"))


def test_pages_present():
    assert len(PAGE_FILES) >= 3


@pytest.mark.parametrize("page", PAGE_FILES, ids=lambda p: p.stem)
def test_own_page(page):
    gold = page.with_suffix("").with_suffix(".gold.json")
    result, misses = run(page, gold)
    floors = {"f1": 0.95, "metric": 0.90, "park": 0.95, "kind": 0.90}
    floors.update(json.loads(gold.read_text(encoding="utf-8")).get("floors", {}))   # a page's own, with its why
    for name, floor in floors.items():
        assert result[name] >= floor, (name, misses)
