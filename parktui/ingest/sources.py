"""Command-line inputs → (name, bytes): files, folders (recursively) and `-` for stdin."""
from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO, Iterator

from parktui.ingest.errors import InputError

PAGE_SUFFIXES = (".md", ".markdown", ".txt", ".text", ".jsonl", ".ndjson")
MAX_BYTES = 512 * 1024 * 1024


def iter_inputs(paths: list[str], stdin: BinaryIO | None = None) -> Iterator[tuple[str, bytes] | InputError]:
    """Yield (name, data) for each readable input, or an InputError saying why not."""
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
    """The files a folder import reads, in order, and what the walk skipped or could not
    list (each with its reason). The browser's import dialog counts with this too."""
    errors: list[InputError] = []
    found: list[Path] = []

    def on_error(exc: OSError) -> None:
        errors.append(InputError(str(exc.filename or root), f"cannot list folder ({exc.strerror or exc})"))

    # followlinks=False: a symlink loop cannot trap the walk.
    for folder, dirs, files in os.walk(root, onerror=on_error, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for d in dirs:
            if os.path.islink(os.path.join(folder, d)):
                # Not followed (a link can loop back); say so rather than skip it silently.
                errors.append(InputError(os.path.join(folder, d),
                                         "symbolic link to a folder, not followed; import it by its own path"))
        for f in sorted(files):
            if f.startswith(".") or not f.lower().endswith(PAGE_SUFFIXES):
                continue
            found.append(Path(folder) / f)
    return found, errors


def _walk(root: Path) -> Iterator[tuple[str, bytes] | InputError]:
    found, errors = walk_folder(root)
    yield from errors
    if not found and not errors:
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
