"""4 processes import different pages into one store at once while a fifth reads it."""
from __future__ import annotations

import json
import random
import subprocess
import sys
import time

import orjson
import pytest
from reliability_helpers import ROOT, cli_cmd, env, run_cli, synthetic_article, tables

READER = r"""
import json, sys, time
from pathlib import Path
from parktui.store import Store
store, stop = Store(sys.argv[1]), Path(sys.argv[2])
reads = errors = 0
sizes = []
messages = []
while not stop.exists():
    try:
        n = len(store.articles())
        if not sizes or sizes[-1] != n:
            sizes.append(n)
        reads += 1
    except Exception as exc:
        errors += 1
        messages.append(repr(exc))
    time.sleep(0.005)
print(json.dumps({"reads": reads, "errors": errors, "sizes": sizes, "messages": messages[:5]}))
"""

PAGE = """# {place}高新区打造创新高地{i}

◎本报记者 张三

科技日报讯（记者 张三）{place}高新区今年新增企业{n}家，总投资{m}亿元。

园区同比增长{p}%，发展势头良好。
"""


def _inputs(root, writer: int, rounds: int) -> list[list[str]]:
    """For each round of one writer: a JSONL file and a Markdown page of its own."""
    rng = random.Random(writer)
    out = []
    for r in range(rounds):
        jsonl = root / f"w{writer}-r{r}.jsonl"
        arts = [synthetic_article(rng, r * 100 + i, f"写{writer}") for i in range(40)]
        jsonl.write_bytes(b"\n".join(orjson.dumps(a) for a in arts))
        page = root / f"w{writer}-r{r}.md"
        page.write_text(PAGE.format(place=f"第{writer}区{r}", i=f"{writer}-{r}", n=r + 3, m=writer + 1, p=r + 1),
                        encoding="utf-8")
        out.append([str(jsonl), str(page)])
    return out


@pytest.mark.parametrize("rounds", [3])
def test_four_importers_and_a_reader(tmp_path, rounds):
    db = tmp_path / "store.json"
    assert run_cli(db, "import", str(ROOT / "data" / "kjrb_yuanqu_sample.md")).returncode == 0
    start = len(tables(db)["articles"])
    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(db), str(stop)], env=env(tmp_path),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    plans = {w: _inputs(tmp_path, w, rounds) for w in range(4)}
    # each writer runs its rounds one after another; the 4 writers run at the same time
    script = "import subprocess,sys\nfor r in range(%d):\n    sys.exit(c) if (c:=subprocess.run(%r[r]).returncode) else None"  # noqa: E501
    writers = []
    for rounds_inputs in plans.values():
        cmds = [cli_cmd(db, "import", *paths) for paths in rounds_inputs]
        writers.append(subprocess.Popen([sys.executable, "-c", script % (rounds, cmds)], env=env(tmp_path),
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE))
    results = [(p.wait(timeout=300), p.stderr.read().decode()) for p in writers]
    time.sleep(0.1)
    stop.touch()
    out, err = reader.communicate(timeout=60)
    for code, stderr in results:
        assert code == 0, stderr
    seen = json.loads(out)
    assert seen["errors"] == 0, seen["messages"]
    assert seen["reads"] > 10
    assert seen["sizes"] == sorted(seen["sizes"]), "the reader saw articles disappear"
    titles = {a["title"] for a in tables(db)["articles"].values()}
    n_expected = 4 * rounds * (40 + 1)
    assert len(tables(db)["articles"]) == start + n_expected
    for w in range(4):
        assert sum(f"写{w}" in t for t in titles) == 40 * rounds
        assert sum(t.startswith(f"第{w}区") for t in titles) == rounds
    # the CLI reader agrees
    listed = run_cli(db, "articles", "--format", "json")
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == start + n_expected
