"""Command-line inputs → (name, bytes): files, folders (recursively) and `-` for stdin.

A JSON Lines file (.jsonl, .ndjson) is not read whole: it is a `LineFile`, whose lines the
importer streams (a corpus can be hundreds of megabytes).

A folder is walked for pages, web pages, feeds and JSON Lines files; every other file and
every folder not walked (hidden ones, virtual environments, site-packages, node_modules,
.git) is named with the reason (`Skipped`), so nothing is left out without a word.
"""
from __future__ import annotations

import codecs
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

from parktui.ingest.decode import decode_bytes
from parktui.ingest.errors import InputError

PAGE_SUFFIXES = (".md", ".markdown", ".txt", ".text", ".jsonl", ".ndjson",
                 ".html", ".htm", ".xhtml", ".shtml", ".mhtml", ".mht", ".rss", ".atom", ".xml")
_NOT_WALKED = {"node_modules": "node_modules folder", "site-packages": "installed Python packages",
               "__pycache__": "Python cache folder"}


JSONL_SUFFIXES = (".jsonl", ".ndjson")
MAX_BYTES = 512 * 1024 * 1024
SCAN_BLOCK = 1 << 20
HEAD_BYTES = 1 << 16  # enough for decode_bytes' checks of the start of a file (20,000 characters)


class Skipped(InputError):
    """A file or folder a walk did not read, and why: not an error, the import goes on."""


@dataclass(frozen=True)
class LineFile:
    """A JSON Lines file, streamed line by line rather than read whole (no size limit)."""

    name: str
    path: Path

    def scan(self) -> int | None:
        """The number of lines when the file can be streamed: UTF-8 throughout (a BOM
        allowed), no CR or NUL characters, and a start decode_bytes accepts (InputError
        with its reason if not). None: read it whole instead, which handles other encodings
        and line ends exactly as a page is handled."""
        decoder = codecs.getincrementaldecoder("utf-8")()
        lines = 1
        head = b""
        try:
            with self.path.open("rb") as f:
                while block := f.read(SCAN_BLOCK):
                    if b"\r" in block or b"\x00" in block:
                        return None
                    decoder.decode(block)
                    lines += block.count(b"\n")
                    if len(head) < HEAD_BYTES:
                        head += block[:HEAD_BYTES]
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return None
        except OSError as exc:
            raise _file_error(self.path, exc) from None
        start = codecs.getincrementaldecoder("utf-8")().decode(head[:HEAD_BYTES])
        if len(head) >= HEAD_BYTES and not start.strip():
            return None  # blank at the start only: decode_bytes decides on the whole file
        decode_bytes(start.encode(), self.name)  # the same reasons as a whole file (binary, blank)
        return lines

    def lines(self) -> Iterator[tuple[int, str]]:
        """(line number, text) of each line, as `text.split("\\n")` numbers them."""
        with self.path.open("rb") as f:
            number = 0
            for number, raw in enumerate(f, start=1):
                yield number, raw.rstrip(b"\n").decode("utf-8", errors="replace")
            if number == 0 or raw.endswith(b"\n"):
                yield number + 1, ""

    def read(self) -> tuple[str, bytes] | InputError:
        return _read_file(self.path)


Input = tuple[str, bytes] | LineFile | InputError  # Skipped is an InputError that is not an error


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
            yield _open_file(path)
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


def _open_file(path: Path) -> tuple[str, bytes] | LineFile | InputError:
    """A JSON Lines file to stream (if it can be opened), any other file read whole."""
    if path.name.lower().endswith(JSONL_SUFFIXES) and path.is_file():
        try:
            path.open("rb").close()
        except OSError as exc:
            return _file_error(path, exc)
        return LineFile(str(path), path)
    return _read_file(path)


def _read_file(path: Path) -> tuple[str, bytes] | InputError:
    name = str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            return InputError(name, f"file is larger than {MAX_BYTES // 2**20} MB")
        return name, path.read_bytes()
    except OSError as exc:
        return _file_error(path, exc)


def _file_error(path: Path, exc: OSError) -> InputError:
    name = str(path)
    if isinstance(exc, FileNotFoundError):
        return InputError(name, "broken symbolic link" if path.is_symlink() else "no such file")
    if isinstance(exc, PermissionError):
        return InputError(name, "permission denied")
    if isinstance(exc, IsADirectoryError):
        return InputError(name, "is a directory")
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
        yield _open_file(path)


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
