"""Command-line inputs → (name, bytes): files, folders (recursively) and `-` for stdin.

A folder is walked for pages, web pages, feeds and JSON Lines files; every other file and
every folder not walked (hidden ones, virtual environments, site-packages, node_modules,
.git) is named with the reason (`Skipped`), so nothing is left out without a word.
"""
from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO, Iterator

from parktui.ingest.errors import InputError

PAGE_SUFFIXES = (".md", ".markdown", ".txt", ".text", ".jsonl", ".ndjson",
                 ".html", ".htm", ".xhtml", ".shtml", ".mhtml", ".mht", ".rss", ".atom", ".xml")
_NOT_WALKED = {"node_modules": "node_modules folder", "site-packages": "installed Python packages",
               "__pycache__": "Python cache folder"}


class Skipped(InputError):
    """A file or folder a walk did not read, and why: not an error, the import goes on."""


Input = tuple[str, bytes] | InputError  # Skipped is an InputError that is not an error
MAX_BYTES = 512 * 1024 * 1024


def iter_inputs(paths: list[str], stdin: BinaryIO | None = None) -> Iterator[Input]:
    """Yield (name, data) for each readable input, an InputError saying why not, or a Skipped."""
    for raw in paths:
        if raw == "-":
            yield _read_stdin(stdin)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists() or path.is_symlink():
            yield _read_file(path)
        else:
            yield InputError(raw, "no such file or directory")


def _read_stdin(stdin: BinaryIO | None) -> tuple[str, bytes] | InputError:
    stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
    if stream is None:
        return InputError("<stdin>", "standard input is closed")
    try:
        return "<stdin>", stream.read()
    except (OSError, ValueError):
        return InputError("<stdin>", "standard input is closed")


def _read_file(path: Path) -> tuple[str, bytes] | InputError:
    name = str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            return InputError(name, f"file is larger than {MAX_BYTES // 2**20} MB")
        return name, path.read_bytes()
    except FileNotFoundError:
        return InputError(name, "broken symbolic link" if path.is_symlink() else "no such file")
    except PermissionError:
        return InputError(name, "permission denied")
    except IsADirectoryError:
        return InputError(name, "is a directory")
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            return InputError(name, "symbolic link loop")
        return InputError(name, f"cannot read ({exc.strerror or exc})")


def walk_folder(root: Path) -> tuple[list[Path], list[InputError]]:
    """The files a folder import reads, in order, and what the walk skipped (`Skipped`) or could
    not list (each with its reason). The browser's import dialog counts with this too."""
    errors: list[InputError] = []
    skipped: list[Skipped] = []
    found: list[Path] = []

    def on_error(exc: OSError) -> None:
        errors.append(InputError(str(exc.filename or root), f"cannot list folder ({exc.strerror or exc})"))

    # followlinks=False: a symlink loop cannot trap the walk.
    for folder, dirs, files in os.walk(root, onerror=on_error, followlinks=False):
        walked = []
        for d in sorted(dirs):
            sub = os.path.join(folder, d)
            reason = _not_walked(sub, d)
            if reason:
                skipped.append(Skipped(sub, reason))
            elif os.path.islink(sub):
                # Not followed (a link can loop back); say so rather than skip it silently.
                errors.append(InputError(sub, "symbolic link to a folder, not followed; import it by its own path"))
            else:
                walked.append(d)
        dirs[:] = walked
        for f in sorted(files):
            reason = _not_read(f)
            if reason:
                skipped.append(Skipped(os.path.join(folder, f), reason))
            else:
                found.append(Path(folder) / f)
    return found, [*errors, *skipped]


def _walk(root: Path) -> Iterator[Input]:
    found, problems = walk_folder(root)
    yield from problems
    if not found and not any(not isinstance(p, Skipped) for p in problems):
        yield InputError(str(root), f"folder holds no pages ({', '.join(PAGE_SUFFIXES)})")
    for path in found:
        try:
            regular = stat.S_ISREG(path.stat().st_mode)
        except OSError:
            regular = True  # let _read_file name the problem (broken link, loop, permission)
        if not regular:  # a named pipe would block the import forever
            yield InputError(str(path), "not a regular file (a pipe, socket or device); skipped")
            continue
        yield _read_file(path)


def _not_walked(path: str, name: str) -> str:
    """Why a folder is not walked ('' if it is)."""
    if name.startswith("."):
        return "hidden folder, not read"
    if name in _NOT_WALKED:
        return f"{_NOT_WALKED[name]}, not read"
    if os.path.isfile(os.path.join(path, "pyvenv.cfg")):
        return "virtual environment, not read"
    return ""


def _not_read(name: str) -> str:
    """Why a file in a folder is not read ('' if it is)."""
    if name.startswith("."):
        return "hidden file, not read"
    if not name.lower().endswith(PAGE_SUFFIXES):
        suffix = os.path.splitext(name)[1].lower() or "no suffix"
        return f"not a page, web page, feed or JSON Lines file ({suffix}), not read"
    return ""
