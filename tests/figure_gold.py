"""In-process figure scoring against score.py-format gold files, without the CLI.

A page is split into articles at headings whose text is a gold title; other ``###``
headings are section headings and stay in the text, ``##`` lines (subtitles,
columns) and bylines are dropped, and a block cut in mid-sentence is joined to the
next one.  Each article's body goes through extract_figures with the gold park list
(first name canonical) and date, and is scored with the project's eval script itself:
tests/eval_score.py, a verbatim copy of ../shared/eval/score.py (tests/test_figures_gold.py
checks that the two are identical whenever ../shared is present).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from eval_score import norm, score_figures

from parktui.figures import extract_figures

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORE_PY = SHARED / "eval" / "score.py"
EVAL_SCORE = Path(__file__).resolve().parent / "eval_score.py"
PAGES = Path(__file__).resolve().parent / "pages"


_LEDE = re.compile(r"^(?:本报讯|本网讯)\s*(?=\S{20})")
_BYLINE = re.compile(r"^(◎|本报记者|记者|通讯员|本报讯|图片|\(?责任编辑)")


def split_articles(page: str, titles: list[str]) -> dict[str, str]:
    """title -> body text (blocks joined by a blank line)."""
    wanted = {norm(t): t for t in titles}
    bodies: dict[str, list[str]] = {}
    current: list[str] | None = None
    for block in re.split(r"\n\s*\n", page):
        block = block.strip()
        if not block:
            continue
        if block.startswith("#"):
            heading = block.lstrip("#").strip()
            level = len(block) - len(block.lstrip("#"))
            if norm(heading) in wanted:
                current = bodies.setdefault(wanted[norm(heading)], [])
                continue
            if current is not None and level >= 3:
                current.append(heading)
            continue
        block = _LEDE.sub("", block)    # 本报讯 开头的导语: the dateline goes, the paragraph stays
        if current is None or _BYLINE.match(block) or block.startswith("!["):
            continue
        lines = [ln.strip() for ln in block.splitlines() if ln.strip() and not _BYLINE.match(ln.strip())]
        if not lines:
            continue
        text = "".join(lines)
        if current and not re.search(r"[。！？!?”…:：)）]$", current[-1]) and len(current[-1]) > 20:
            current[-1] += text      # a paragraph cut in mid-sentence by the page layout
        else:
            current.append(text)
    return {t: "\n\n".join(b) for t, b in bodies.items()}


def run(page_path: Path, gold_path: Path) -> tuple[dict, list[str]]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    page = page_path.read_text(encoding="utf-8")
    articles = split_articles(page, [a["title"] for a in gold["articles"]])
    tally = dict(tp=0, fp=0, fn=0, exact=0, metric=0, qualifier=0, park=0, park_n=0, kind=0, kind_n=0,
                 period=0, period_n=0)
    misses: list[str] = []
    for g in gold["articles"]:
        text = articles.get(g["title"], "")
        names = g.get("park") or []
        parks = {n: names[0] for n in names}
        preds = extract_figures(text, park=names[0] if names else None, parks=parks or None,
                                date=g.get("date"))
        score_figures(g, preds, tally, misses)
    return summary(tally), misses


def summary(t: dict) -> dict:
    tp, fp, fn = t["tp"], t["fp"], t["fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    share = lambda k, n: t[k] / n if n else 1.0  # noqa: E731
    return dict(tp=tp, fp=fp, fn=fn, precision=p, recall=r,
                f1=2 * p * r / (p + r) if p + r else 0.0,
                exact=share("exact", tp), metric=share("metric", tp), qualifier=share("qualifier", tp),
                park=share("park", t["park_n"]), kind=share("kind", t["kind_n"]),
                period=share("period", t["period_n"]))


if __name__ == "__main__":
    import sys
    pairs = []
    if len(sys.argv) > 2:
        pairs = [(Path(sys.argv[1]), Path(sys.argv[2]))]
    else:
        if SCORE_PY.exists():  # the shared sample page
            pairs.append((SHARED / "seeds" / "000_888fdcd6d6bd9fba.txt", SHARED / "eval" / "seed-gold.json"))
        pairs += [(p, p.with_suffix("").with_suffix(".gold.json")) for p in sorted(PAGES.glob("fig_*.md"))]
    for page, gold in pairs:
        result, misses = run(page, gold)
        print("\n".join(misses))
        print(page.name, " ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}"
                                  for k, v in result.items()))
