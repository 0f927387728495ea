"""Compare article extractors on saved web pages, scored by the eval's score_html.py.

    python bench/html_extractors.py [--pages DIR] [--only FILE,FILE...] [--out DIR]

Runs each extractor alone (no parktui rules on top) over every page, writes one records
file per extractor (`OUT/<name>.json`, the format score_html.py reads) and prints each
one's totals line. parktui's own result is scored through the real command line with the
eval's parktui_adapter.py. The pages (../shared/eval/html, GPL-3 test data) are read in
place and never copied. readability-lxml and jusText are only needed for this comparison
(`pip install readability-lxml justext`); a missing one is skipped.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval" / "html"

Record = dict[str, str | None]


def _html(path: Path) -> str:
    from parktui.ingest.html_decode import decode_html

    return decode_html(path.read_bytes(), str(path))


def _date(html: str) -> str | None:
    from htmldate import find_date

    found: str | None = find_date(html, original_date=True, extensive_search=True)
    return found


def _text_of(fragment: str) -> str:
    import lxml.html

    tree = lxml.html.fromstring(fragment)
    lines = [" ".join(el.text_content().split()) for el in tree.iter("p", "h1", "h2", "h3", "li", "div")
             if el.text and el.text.strip()]
    return "\n".join(line for line in lines if line)


def trafilatura_record(html: str) -> Record:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=False)
    if doc is None:
        return {"title": None, "date": None, "text": ""}
    return {"title": doc.title, "date": doc.date, "text": doc.text or ""}


def readability_record(html: str) -> Record:
    from readability import Document

    doc = Document(html)
    return {"title": doc.short_title(), "date": _date(html), "text": _text_of(doc.summary())}


def justext_record(html: str) -> Record:
    import justext

    paragraphs = justext.justext(html.encode("utf-8"), justext.get_stoplist("English"), stopwords_low=0.0,
                                 stopwords_high=0.0, length_low=10, length_high=30)
    title = re.search(r"<title[^>]*>(.*?)</title>", html, re.S | re.I)
    text = "\n".join(p.text for p in paragraphs if not p.is_boilerplate)
    return {"title": title.group(1).strip() if title else None, "date": _date(html), "text": text}


EXTRACTORS: dict[str, Callable[[str], Record]] = {
    "trafilatura": trafilatura_record,
    "readability-lxml": readability_record,
    "justext": justext_record,
}


def run(name: str, extract: Callable[[str], Record], pages: list[Path], out: Path) -> str:
    records = []
    for page in pages:
        record = extract(_html(page))
        records.append({"file": page.name, **record})
    target = out / f"{name}.json"
    target.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    return score(target, pages)


def score(records: Path, pages: list[Path]) -> str:
    gold = json.loads((EVAL / "gold.json").read_text(encoding="utf-8"))
    names = {p.name for p in pages}
    subset = {"about": gold["about"], "pages": [g for g in gold["pages"] if g["file"] in names]}
    gold_file = records.with_suffix(".gold.json")
    gold_file.write_text(json.dumps(subset, ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(EVAL / "score_html.py"), str(records), "--gold", str(gold_file),
                           "--quiet"], capture_output=True, text=True, check=True)
    return proc.stdout.strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=Path, default=EVAL / "pages")
    ap.add_argument("--only", default="", help="comma-separated page file names (default: all)")
    ap.add_argument("--out", type=Path, default=ROOT / ".scratch" / "extractors")
    args = ap.parse_args()
    if not args.pages.is_dir():
        sys.exit(f"no pages at {args.pages}")
    pages = sorted(args.pages.glob("*.htm*"))
    if args.only:
        wanted = set(args.only.split(","))
        pages = [p for p in pages if p.name in wanted]
    args.out.mkdir(parents=True, exist_ok=True)
    for name, extract in EXTRACTORS.items():
        try:
            print(f"{name:18} {run(name, extract, pages, args.out)}")
        except ImportError as exc:
            print(f"{name:18} skipped ({exc})")


if __name__ == "__main__":
    main()
