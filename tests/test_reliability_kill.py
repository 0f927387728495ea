"""SIGKILL `parktui import` at random moments: the store holds the state before or after it.

Half the trials kill at a uniformly random time over the whole run; the other half wait
until the write's temporary file appears and kill within the next 60 ms, so the
dangerous window (temp write, fsync, backup link, replace) is hit on purpose.
A second test simulates a crash at every step of the write protocol in-process.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import orjson
import pytest
from reliability_helpers import (
    articles,
    backup_articles,
    cli_cmd,
    copy_store,
    env,
    fail_store_writes,
    run_cli,
    synthetic_article,
)

from parktui import doctor
from parktui.importer import ImportReport, store_articles, with_figures
from parktui.ingest.page import parse_body
from parktui.repair import repair
from parktui.store import Store

N_BASE, N_NEW, N_UPDATED = 200, 160, 30


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    """A store before the import, the input, the store after it, and how long it takes."""
    root = tmp_path_factory.mktemp("kill")
    rng = random.Random(6)
    base = [synthetic_article(rng, i, "甲") for i in range(N_BASE)]
    new = [synthetic_article(rng, i, "乙") for i in range(N_NEW)]
    updated = [dict(a, text=a["text"] + "\n\n园区还将新增投资5亿元。") for a in base[:N_UPDATED]]
    (root / "base.jsonl").write_bytes(b"\n".join(orjson.dumps(a) for a in base))
    big = root / "import.jsonl"
    big.write_bytes(b"\n".join(orjson.dumps(a) for a in new + updated))
    before = root / "before" / "store.json"
    before.parent.mkdir()
    assert run_cli(before, "import", str(root / "base.jsonl")).returncode == 0
    after = root / "after" / "store.json"
    after.parent.mkdir()
    copy_store(before, after)
    t0 = time.monotonic()
    done = run_cli(after, "import", str(big))
    duration = time.monotonic() - t0
    assert done.returncode == 0, done.stderr
    before_t, after_t = articles(before), articles(after)
    assert len(after_t) == N_BASE + N_NEW and before_t != after_t
    return {"root": root, "input": big, "before": before, "before_t": before_t,
            "after_t": after_t, "duration": duration}


def _tmp_appeared(folder: Path, name: str) -> bool:
    return any(n.startswith(f".{name}.") and n.endswith(".tmp") for n in os.listdir(folder))


def one_trial(scenario, k: int, rng: random.Random, resume: bool) -> str:
    trial = scenario["root"] / f"trial{k}"
    trial.mkdir()
    db = trial / "store.json"
    copy_store(scenario["before"], db)
    proc = subprocess.Popen(cli_cmd(db, "import", str(scenario["input"])), env=env(trial),
                            cwd=trial, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if k % 2 == 0:
            time.sleep(rng.uniform(0, scenario["duration"] * 1.1))
        else:
            deadline = time.monotonic() + scenario["duration"] * 3 + 5
            while proc.poll() is None and not _tmp_appeared(trial, db.name) and time.monotonic() < deadline:
                time.sleep(0.001)
            time.sleep(rng.uniform(0, 0.06))
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    state = articles(db)  # must not raise: the manifest and its shards are always complete
    assert state in (scenario["before_t"], scenario["after_t"]), f"trial {k}: a mixed state"
    outcome = "before" if state == scenario["before_t"] else "after"
    backup = db.with_name(db.name + ".bak")
    if backup.exists():
        assert backup_articles(db) in (scenario["before_t"], scenario["after_t"])
    # doctor finds at most leftover temp files, and repairs leave the articles alone
    report = doctor.check(Store(db))
    # (a catalog stamped for the previous store is stale, and rebuilt on the next read)
    assert {p.fix for p in report.problems} <= {doctor.CLEAN_TMP, doctor.DROP_DERIVED}, report.lines()
    for fix, tag in ((doctor.CLEAN_TMP, "+tmp"), (doctor.DROP_DERIVED, "+stale-catalog")):
        if any(p.fix == fix for p in report.problems):  # killed inside the write window
            outcome += tag
    assert repair(Store(db)).healthy
    assert articles(db) == state
    if resume:  # importing again after the kill reaches exactly the after state
        again = run_cli(db, "import", str(scenario["input"]))
        assert again.returncode == 0, again.stderr
        assert articles(db) == scenario["after_t"]
    shutil.rmtree(trial)
    return outcome


def test_sigkill_10_trials(scenario):
    rng = random.Random(1)
    outcomes = [one_trial(scenario, k, rng, resume=k < 2) for k in range(10)]
    print("outcomes:", {o: outcomes.count(o) for o in set(outcomes)})


@pytest.mark.slow
def test_sigkill_60_trials(scenario):
    rng = random.Random(int(os.environ.get("PARKTUI_KILL_SEED", "2")))
    n = int(os.environ.get("PARKTUI_KILL_TRIALS", "60"))
    outcomes = [one_trial(scenario, 100 + k, rng, resume=True) for k in range(n)]
    counts = {o: outcomes.count(o) for o in set(outcomes)}
    print(f"{n} trials:", counts)


def _article(rng: random.Random, i: int) -> dict:
    a = synthetic_article(rng, i)
    return with_figures(parse_body(a["title"], a["text"], {"source": a["source"], "date": a["date"]}))


class Crash(BaseException):
    """Stands for the process dying at this point (nothing after it runs)."""


STEPS = ["mkstemp", "write", "fsync", "link", "replace-shard", "replace-bak", "replace", "fsync-dir"]


@pytest.mark.parametrize("step", STEPS)
def test_crash_at_every_write_step(tmp_path, monkeypatch, step):
    """Die at each system call of the write protocol (shard file, then manifest): the old or
    the new store, never a mix."""
    db = tmp_path / "store.json"
    store = Store(db)
    rng = random.Random(3)
    store_articles(store, [_article(rng, 0)], ImportReport())
    store_articles(store, [_article(rng, 1)], ImportReport())
    old = articles(db)
    import parktui.store_files as store_mod

    calls = {"replace": 0}
    real_replace = os.replace

    def crash(*a, **k):
        raise Crash()

    if step == "mkstemp":
        monkeypatch.setattr(store_mod.tempfile, "mkstemp", crash)
    elif step == "write":
        fail_store_writes(monkeypatch, None, Crash())
    elif step == "fsync":
        monkeypatch.setattr(store_mod.os, "fsync", crash)
    elif step == "link":
        monkeypatch.setattr(store_mod.os, "link", crash)
    elif step in ("replace-shard", "replace-bak", "replace"):
        target = STEPS.index(step) - STEPS.index("replace-shard") + 1

        def replace(src, dst):
            calls["replace"] += 1
            if calls["replace"] == target:
                raise Crash()
            return real_replace(src, dst)

        monkeypatch.setattr(store_mod.os, "replace", replace)
    elif step == "fsync-dir":
        def fsync_dir(folder):  # the manifest's folder: after the manifest is replaced
            if folder == db.parent:
                raise Crash()

        monkeypatch.setattr(store_mod, "fsync_dir", fsync_dir)
    with pytest.raises(Crash):
        store_articles(store, [_article(rng, 2)], ImportReport())
    monkeypatch.undo()
    state = articles(db)
    new_state = step == "fsync-dir"
    assert len(state) == (3 if new_state else 2)
    if not new_state:
        assert state == old
    assert backup_articles(db)
    # leftovers are only temporary files (and unnamed shards), which doctor removes
    assert repair(store).healthy
    assert articles(db) == state
