"""Worker processes of a big import never outlive it (issue 10).

A JSON Lines import of 3000 articles extracts figures on a process pool. Each trial starts
`parktui import` in a subprocess, waits until its workers are running, kills the parent
(SIGKILL) or interrupts it (SIGINT, as Ctrl+C does), and then counts the workers that are
still alive. Before the fix, 4 of 10 SIGKILL trials left two workers each.
"""
from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from reliability_helpers import cli_cmd, env, synthetic_jsonl

from parktui.importer import PARALLEL_MIN

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists() or (os.cpu_count() or 1) < 2,
                                reason="needs Linux /proc and two cores (the pool runs only then)")
TRIALS = 5


def children_of(pid: int) -> set[int]:
    """Live (not zombie) processes whose parent is `pid`."""
    kids = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if int(ppid) == pid and state != "Z":
            kids.add(int(entry.name))
    return kids


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def big_jsonl(tmp_path_factory) -> Path:
    return synthetic_jsonl(tmp_path_factory.mktemp("big") / "big.jsonl", PARALLEL_MIN + 1000, seed=10)


def _as_in_a_terminal() -> None:
    # A job started in the background of a script inherits SIGINT ignored; a command
    # typed at a terminal does not.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_and_wait_for_workers(tmp: Path, source: Path) -> tuple[subprocess.Popen[bytes], set[int]]:
    proc = subprocess.Popen(cli_cmd(tmp / "store.json", "import", str(source)), env=env(tmp),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=_as_in_a_terminal)
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while len(workers) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
        workers = children_of(proc.pid)
    assert len(workers) >= 2, "the import never started its worker processes"
    return proc, workers


def leftovers(workers: set[int], grace: float = 5.0) -> set[int]:
    """The workers still alive after `grace` seconds (a hang detector, not a timing test)."""
    deadline = time.monotonic() + grace
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    return {p for p in workers if alive(p)}


def test_sigkill_of_the_parent_leaves_no_worker(big_jsonl, tmp_path):
    left = {}
    for trial in range(TRIALS):
        tmp = tmp_path / f"t{trial}"
        tmp.mkdir()
        proc, workers = start_and_wait_for_workers(tmp, big_jsonl)
        time.sleep(0.1 * trial)  # kill at different moments of the extraction
        proc.kill()
        proc.wait()
        left[trial] = leftovers(workers)
        for pid in left[trial]:  # do not leak them into the rest of the test run
            os.kill(pid, signal.SIGKILL)
        assert not (tmp / "store.json").exists()
    assert left == {t: set() for t in range(TRIALS)}


def test_ctrl_c_stops_the_import_and_stores_nothing(big_jsonl, tmp_path):
    proc, workers = start_and_wait_for_workers(tmp_path, big_jsonl)
    proc.send_signal(signal.SIGINT)
    code = proc.wait(timeout=30)
    assert code == 130
    assert leftovers(workers) == set()
    assert not (tmp_path / "store.json").exists()
    assert proc.stderr is not None and b"Traceback" not in proc.stderr.read()
