"""Full disks and read-only folders: a clear error naming the store, the old store intact."""
from __future__ import annotations

import errno
import os
import resource
import shutil
import signal
import subprocess
import sys

import pytest
from reliability_helpers import ROOT, cli_cmd, env, fail_store_writes, run_cli, synthetic_jsonl

import parktui.store_files as store_mod
from parktui.cli import main
from parktui.store import Store

SAMPLE = ROOT / "data" / "kjrb_yuanqu_sample.md"


@pytest.fixture
def seeded(tmp_path):
    """A store with the sample page in it, its bytes, and a big input to add."""
    db = tmp_path / "store.json"
    assert main(["--db", str(db), "import", str(SAMPLE)]) == 0
    big = synthetic_jsonl(tmp_path / "more.jsonl", 200, seed=4)
    return db, db.read_bytes(), big


def _no_leftovers(db) -> None:
    from parktui.doctor import tmp_files

    assert not [n for n in os.listdir(db.parent) if n.endswith(".tmp")]
    assert not tmp_files(db)


def _oserror(code):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))
    return fail


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_enospc_mocked(seeded, monkeypatch, capsys, where):
    db, before, big = seeded
    backup = db.with_name(db.name + ".bak")
    backup_before = backup.read_bytes() if backup.exists() else None
    if where == "write":
        fail_store_writes(monkeypatch, 4096, OSError(errno.ENOSPC, "No space left on device"))
    else:
        monkeypatch.setattr(store_mod.os, "fsync", _oserror(errno.ENOSPC))
    code = main(["--db", str(db), "import", str(big)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"parktui: error: {db}: no space left on device; the store was not changed" in err
    assert "Traceback" not in err
    assert db.read_bytes() == before
    assert (backup.read_bytes() if backup.exists() else None) == backup_before
    _no_leftovers(db)


@pytest.mark.parametrize("code_", [errno.EROFS, errno.EACCES])
def test_readonly_folder_mocked(seeded, monkeypatch, capsys, code_):
    db, before, big = seeded
    monkeypatch.setattr(store_mod.tempfile, "mkstemp", _oserror(code_))
    code = main(["--db", str(db), "import", str(big)])
    err = capsys.readouterr().err
    assert code == 1 and f"parktui: error: {db}:" in err and "Traceback" not in err
    assert f"parktui: error: {db}: the store's folder is read-only; the store was not changed" in err
    assert db.read_bytes() == before
    # reading still works
    assert main(["--db", str(db), "articles", "--format", "json"]) == 0


@pytest.mark.parametrize("code_", [errno.EROFS, errno.EACCES])
def test_lock_in_readonly_folder_mocked(seeded, monkeypatch, capsys, code_):
    """The lock file is the first thing written: its failure must read the same way."""
    db, before, big = seeded
    import filelock

    monkeypatch.setattr(filelock.FileLock, "acquire", _oserror(code_))
    assert main(["--db", str(db), "import", str(big)]) == 1
    err = capsys.readouterr().err
    assert f"parktui: error: {db}: the store's folder is read-only; the store was not changed" in err
    assert db.read_bytes() == before


def test_readonly_folder_real(seeded, tmp_path):
    """A folder the user cannot write: as root, run the import as `nobody` instead."""
    db, before, big = seeded
    db.chmod(0o644)
    big.chmod(0o644)
    preexec = None
    if os.geteuid() == 0:
        def preexec():  # noqa: F811
            os.setgid(65534)
            os.setuid(65534)

        tmp_path.chmod(0o755)
        try:
            probe = subprocess.run([sys.executable, "-c", f"open({str(db)!r}).close()"], capture_output=True,
                                   cwd="/", preexec_fn=preexec, timeout=60)
        except OSError:
            probe = None
        if probe is None or probe.returncode != 0:
            pytest.skip("user nobody cannot run this interpreter or reach the tmp folder")
    else:
        tmp_path.chmod(0o555)
        if os.access(tmp_path, os.W_OK):
            pytest.skip("the folder stays writable (mocked EROFS/EACCES above covers it)")
    try:
        proc = subprocess.run(cli_cmd(db, "import", str(big)), capture_output=True, env=env(tmp_path),
                              cwd="/", timeout=120, preexec_fn=preexec)
    finally:
        tmp_path.chmod(0o755)
    err = proc.stderr.decode()
    assert proc.returncode == 1, err
    assert err.startswith(f"parktui: error: {db}:"), err
    assert "read-only" in err or "permission denied" in err.lower(), err
    assert "Traceback" not in err
    assert db.read_bytes() == before


def test_file_size_limit_real(seeded, tmp_path):
    """A real kernel write failure (RLIMIT_FSIZE → EFBIG) in the middle of writing the store."""
    db, before, big = seeded
    limit = len(before) + 20000

    def preexec():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    proc = subprocess.run(cli_cmd(db, "import", str(big)), capture_output=True, env=env(tmp_path),
                          cwd=str(tmp_path), timeout=120, preexec_fn=preexec)
    err = proc.stderr.decode()
    assert proc.returncode == 1, err
    assert f"parktui: error: {db}: cannot write the store (File too large); the store was not changed" in err
    assert "Traceback" not in err
    assert db.read_bytes() == before
    _no_leftovers(db)


def test_small_tmpfs_real(tmp_path):
    """A real full disk: a 1 MB tmpfs (needs root and mount; skipped elsewhere)."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("needs root to mount a tmpfs")
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        db = mnt / "store.json"
        first = run_cli(db, "import", str(SAMPLE))
        assert first.returncode == 0, first.stderr
        before = db.read_bytes()
        big = synthetic_jsonl(tmp_path / "more.jsonl", 300, seed=5)
        proc = run_cli(db, "import", str(big))
        err = proc.stderr.decode()
        assert proc.returncode == 1, err
        assert f"parktui: error: {db}: no space left on device; the store was not changed" in err
        assert "Traceback" not in err
        assert db.read_bytes() == before
        _no_leftovers(db)
        assert len(Store(db).articles()) > 0
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)


def test_readonly_mount_real(tmp_path):
    """A real read-only file system: a tmpfs remounted read-only (needs root; skipped elsewhere)."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mnt)],
                                           capture_output=True).returncode != 0:
        pytest.skip("needs root to mount a tmpfs")
    try:
        db = mnt / "store.json"
        assert run_cli(db, "import", str(SAMPLE)).returncode == 0
        before = db.read_bytes()
        assert subprocess.run(["mount", "-o", "remount,ro", str(mnt)], capture_output=True).returncode == 0
        big = synthetic_jsonl(tmp_path / "more.jsonl", 20, seed=6)
        proc = run_cli(db, "import", str(big))
        err = proc.stderr.decode()
        assert proc.returncode == 1, err
        assert f"parktui: error: {db}: the store's folder is read-only; the store was not changed" in err
        assert "Traceback" not in err
        assert db.read_bytes() == before
        listed = run_cli(db, "articles", "--format", "json")  # reading still works
        assert listed.returncode == 0, listed.stderr
        doc = run_cli(db, "doctor")
        assert doc.returncode == 0, doc.stdout + doc.stderr
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)
