"""The N× replica the benches import: the corpus N times over, every copy a new article.

Copy k > 0 of each record gets "（副本k）" after its title, which changes the article's
identity (the importer treats it as new) but keeps its text, so search and figure work
scale with N. Used by import_bench.py and search_bench.py, so both measure the same store.
"""
from __future__ import annotations

from pathlib import Path

import orjson


def write_replica(corpus: Path, dst: Path, times: int) -> int:
    """Write `times` copies of the JSON Lines `corpus` to `dst`; returns the record count."""
    records = [orjson.loads(line) for line in corpus.read_bytes().splitlines() if line.strip()]
    with dst.open("wb") as out:
        for copy in range(times):
            for record in records:
                if copy:
                    record = {**record, "title": f"{record.get('title') or ''}（副本{copy}）"}
                out.write(orjson.dumps(record) + b"\n")
    return len(records) * times
