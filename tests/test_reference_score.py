"""End to end through the real command line: the shared scorer on the sample page and on
the pages in tests/ (skipped when ../shared/eval/score.py is absent)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SHARED

SCORE = SHARED / "eval" / "score.py"
CMD = f"{sys.executable} -m parktui"
pytestmark = pytest.mark.skipif(not SCORE.exists(), reason="../shared/eval/score.py not present")


def score(gold: Path, page: Path) -> dict[str, float]:
    proc = subprocess.run([sys.executable, str(SCORE), "--gold", str(gold), "--cmd", CMD, str(page)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    last = proc.stdout.strip().splitlines()[-1]
    return {k: float(v) for k, v in re.findall(r"(structure|F1|metric|park)=([0-9.]+)", last)}


def test_sample_page_meets_the_issue_bar():
    got = score(SHARED / "eval" / "seed-gold.json", SHARED / "seeds" / "000_888fdcd6d6bd9fba.txt")
    assert got["structure"] == 1.0
    assert got["F1"] >= 0.97 and got["metric"] >= 0.90 and got["park"] == 1.0, got


GOLD_PAGES = sorted((ROOT / "tests").glob("*/*.gold.json"))


@pytest.mark.parametrize("gold", GOLD_PAGES, ids=[g.stem for g in GOLD_PAGES])
def test_labelled_pages_through_the_cli(gold):
    page = gold.with_name(gold.name.replace(".gold.json", ".md"))
    got = score(gold, page)
    metric_floor = min(0.80, json.loads(gold.read_text(encoding="utf-8")).get("floors", {}).get("metric", 0.80))
    assert got["F1"] >= 0.90 and got.get("metric", 0) >= metric_floor, got
