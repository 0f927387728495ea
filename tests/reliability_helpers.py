"""Helpers for the reliability tests: run the CLI in a subprocess, make inputs, read states."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"

_PLACES = ["青岛", "苏州工业", "合肥", "西安", "成都", "武汉东湖", "杭州", "深圳", "赣州", "石河子"]
_PARKS = ["高新区", "经开区", "工业园区", "自贸区"]
_SENTENCES = [
    "{place}{park}今年一季度实现规模以上工业产值{n}亿元，同比增长{p}%。",
    "园区新引进项目{k}个，总投资{n}亿元，其中外资项目{m}个。",
    "截至目前，{place}{park}已集聚高新技术企业{k}家，研发投入强度达到{p}%。",
    "记者从{place}{park}管委会获悉，该区将新建标准厂房{m}万平方米。",
    "据介绍，{place}{park}生物医药产业规模突破{n}亿元，占全区的{p}%。",
]


def env(tmp: Path) -> dict[str, str]:
    """A subprocess environment that never touches the user's real store or config."""
    e = dict(os.environ)
    e.update(XDG_DATA_HOME=str(tmp / "xdg-data"), XDG_CONFIG_HOME=str(tmp / "xdg-config"),
             PARKTUI_CONFIG=str(tmp / "config.toml"), PYTHONDONTWRITEBYTECODE="1")
    e.pop("PARKTUI_DB", None)
    return e


def cli_cmd(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "parktui", "--db", str(db), *args]


def run_cli(db: Path, *args: str, stdin=None, input: bytes | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess:
    kw = {"stdin": stdin} if stdin is not None else {"input": input if input is not None else b""}
    return subprocess.run(cli_cmd(db, *args), capture_output=True, timeout=timeout,
                          env=env(db.parent), cwd=str(db.parent), **kw)


def synthetic_article(rng: random.Random, i: int, tag: str = "") -> dict:
    place, park = rng.choice(_PLACES), rng.choice(_PARKS)
    paras = []
    for _ in range(rng.randint(3, 8)):
        paras.append("".join(
            rng.choice(_SENTENCES).format(place=place, park=park, n=rng.randint(1, 900),
                                          p=round(rng.uniform(0.5, 40), 1), k=rng.randint(2, 300),
                                          m=rng.randint(1, 90))
            for _ in range(rng.randint(2, 6))))
    return {"title": f"{place}{park}发展新动能{tag}第{i}期", "text": "\n\n".join(paras),
            "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "source": "测试日报"}


def synthetic_jsonl(path: Path, n: int, seed: int = 0, tag: str = "") -> Path:
    rng = random.Random(seed)
    with path.open("wb") as out:
        for i in range(n):
            out.write(orjson.dumps(synthetic_article(rng, i, tag)) + b"\n")
    return path


def corpus_lines(n: int, seed: int = 0) -> list[str]:
    """Up to n random article lines of the shared corpus ([] when it is absent)."""
    files = sorted(CORPUS.glob("*.jsonl")) if CORPUS.is_dir() else []
    lines: list[str] = []
    for f in files:
        lines += [line for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    random.Random(seed).shuffle(lines)
    return lines[:n]


def corpus_texts(n: int, seed: int = 0) -> list[str]:
    return [json.loads(line).get("text", "") for line in corpus_lines(n, seed)]


def raw_state(db: Path) -> bytes | None:
    return db.read_bytes() if db.exists() else None


def tables(db: Path) -> dict:
    """The store's logical content ({} when there is none), read through the store API."""
    from parktui.store import Store

    return Store(db).dump() if db.exists() else {}


def articles(db: Path) -> dict:
    return tables(db).get("articles") or {}


def backup_articles(db: Path) -> dict:
    """The articles of the store as its backup manifest (`<store>.bak`) names them."""
    from parktui.store import Store

    snap = Store(db).snapshot(db.with_name(db.name + ".bak"))
    return {str(a.pop("id")): a for a in snap.iter_articles()}


def copy_store(src: Path, dst: Path) -> None:
    """Copy a store (manifest, backup and shard folder) to another path."""
    import shutil

    for suffix in ("", ".bak"):
        if src.with_name(src.name + suffix).exists():
            shutil.copy2(src.with_name(src.name + suffix), dst.with_name(dst.name + suffix))
    if src.with_name(src.name + ".d").exists():
        shutil.copytree(src.with_name(src.name + ".d"), dst.with_name(dst.name + ".d"))

def edit_articles(db: Path, fn) -> None:
    """Change the stored articles behind the store's back (as another tool would): `fn`
    edits {id: article}; the changed records are written into the shard files in place."""
    from parktui.store import SHARD_SPAN, Store

    store = Store(db)
    snap = store.snapshot()
    docs = {str(a.pop("id")): a for a in snap.iter_articles()}
    fn(docs)
    shards: dict[int, dict] = {}
    for doc_id, doc in docs.items():
        shards.setdefault((int(doc_id) - 1) // SHARD_SPAN + 1 if doc_id.isdigit() else 1, {})[doc_id] = doc
    for k, entry in snap.shards.items():
        (store.shard_dir / entry["file"]).write_bytes(orjson.dumps({"articles": shards.pop(k, {})}))
    assert not shards, "edit_articles cannot add shards"


def article_keys(db: Path) -> set[str]:
    return {doc["key"] for doc in (tables(db).get("articles") or {}).values()}


def fail_store_writes(monkeypatch, keep: int | None, error: BaseException) -> None:
    """Make the store's temp-file write stop partway: `keep` bytes are written (None: half
    of them), then `error` is raised, as a full disk or a crash would."""
    from parktui import store_files as store_mod

    real_fdopen = os.fdopen

    class Failing:
        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def write(self, data):
            self.f.write(data[: len(data) // 2 if keep is None else keep])
            self.f.flush()
            raise error

        def __getattr__(self, name):
            return getattr(self.f, name)

    monkeypatch.setattr(store_mod.os, "fdopen", lambda fd, mode: Failing(real_fdopen(fd, mode)))
