"""CPU cost of parsing JSON Lines articles and extracting their figures, beside a baseline.

    python bench/figures_bench.py [--limit N] [--corpus FILE...] [--code DIR] [--save OUT | --check OUT]

Reads every ../shared/corpus/*.jsonl (relative to the repository root; exits 0 with a note
when there is none), joined as one input the way `cat *.jsonl` would, and measures in one
process, as CPU seconds (time.process_time):

- parse: `parse_jsonl` (lexer, page parser, stories, park detection) of the whole input;
- extract: what the importer does per article after parsing (`importer.with_figures`:
  cleaning, figure extraction, families, compact sentences);
- baseline: one `\\d+(\\.\\d+)?` scan over the same bodies, so runs on a busy machine can
  be compared.

`--code DIR` measures the parktui package of another tree instead (an older commit:
`git archive COMMIT | tar -x -C DIR`); run both alternately, the machine is shared.
`--save OUT` writes every article as the importer would store it (orjson, one per line);
`--check OUT` compares the articles of this run with a saved file, byte for byte, and exits
1 on the first article that differs: the speed work must not change a single result.
Set PARKTUI_CONFIG to a file without [families] so the user's own families do not count.

20,794 articles, 11.5 M characters, 2-core session machine under the other helpers' load,
three alternating pairs, best of three (CPU s; docs/figures.md#speed):

| step | before (fce4b77) | after | |
|---|---|---|---|
| parse | 4.22 s, 2.7 M chars/s | 2.72 s, 4.2 M chars/s | 1.55x |
| extract | 15.60 s, 0.74 M chars/s | 8.65 s, 1.33 M chars/s | 1.80x |
| both | 21.21 s | 11.37 s | 1.87x |
| baseline | 0.23 s, 50 M chars/s | 0.24 s, 48 M chars/s | |
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT.parent / "shared" / "corpus"


def read_input(paths: list[Path], limit: int) -> str:
    text = "".join(p.read_text(encoding="utf-8") for p in paths)
    if limit:
        text = "\n".join(text.split("\n")[:limit]) + "\n"
    return text


def timed(step: Any, *args: Any) -> tuple[Any, float]:
    t0 = time.process_time()
    out = step(*args)
    return out, time.process_time() - t0


def extract_all(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from parktui.importer import with_figures

    return [with_figures(a) for a in articles]


def baseline(texts: list[str]) -> int:
    number = re.compile(r"\d+(\.\d+)?")
    return sum(1 for t in texts for _m in number.finditer(t))


def compare(lines: list[bytes], reference: Path) -> int:
    saved = reference.read_bytes().split(b"\n")
    if saved and saved[-1] == b"":
        saved.pop()
    for i, (new, old) in enumerate(zip(lines, saved, strict=False)):
        if new != old:
            print(f"DIFFERENT: article {i + 1} ({orjson.loads(old).get('origin')})")
            return 1
    if len(lines) != len(saved):
        print(f"DIFFERENT: {len(lines)} articles, the reference has {len(saved)}")
        return 1
    print(f"identical: all {len(lines):,} articles match {reference}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0, help="only the first N lines")
    ap.add_argument("--corpus", type=Path, nargs="*", default=sorted(CORPUS_DIR.glob("*.jsonl")))
    ap.add_argument("--code", type=Path, default=ROOT, help="the tree whose parktui package to measure")
    ap.add_argument("--save", type=Path, help="write the stored form of every article here")
    ap.add_argument("--check", type=Path, help="compare the stored form of every article with this file")
    args = ap.parse_args()
    if not args.corpus or not all(p.exists() for p in args.corpus):
        print(f"skipped: no corpus in {CORPUS_DIR}")
        return 0
    sys.path.insert(0, str(args.code.resolve()))
    from parktui.ingest.jsonl import parse_jsonl

    text = read_input(args.corpus, args.limit)
    (articles, errors), t_parse = timed(parse_jsonl, text, "corpus.jsonl", {})
    texts = [a["text"] for a in articles]
    chars = sum(len(t) for t in texts)
    n_base, t_base = timed(baseline, texts)
    stored, t_extract = timed(extract_all, articles)
    n_figs = sum(len(a["figures"] or ()) for a in stored)

    def row(name: str, seconds: float, found: str) -> None:
        print(f"{name:<10}{seconds:>7.2f} CPU s {chars / seconds:>12,.0f} chars/s "
              f"{len(texts) / seconds:>9,.0f} articles/s   {found}")

    print(f"code      {Path(sys.modules['parktui'].__file__ or '').parent}")
    print(f"corpus    {len(texts):,} articles ({len(errors)} bad lines), {chars:,} characters")
    row("baseline", t_base, f"{n_base:,} numbers")
    row("parse", t_parse, f"{t_parse / t_base:.1f}x the baseline")
    row("extract", t_extract, f"{t_extract / t_base:.1f}x the baseline, {n_figs:,} figures")
    row("both", t_parse + t_extract, f"{(t_parse + t_extract) / t_base:.1f}x the baseline")
    if args.save or args.check:
        lines = [orjson.dumps(a) for a in stored]
        if args.save:
            args.save.write_bytes(b"\n".join(lines) + b"\n")
            print(f"saved {len(lines):,} articles to {args.save}")
        if args.check:
            return compare(lines, args.check)
    return 0


if __name__ == "__main__":
    sys.exit(main())
