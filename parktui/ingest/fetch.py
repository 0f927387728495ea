"""Fetch a web page or feed over HTTP(S) with httpx: timeouts, redirects, a size limit, gzip.

Every failure is an InputError naming the URL and the reason in one line. Conditional
requests (ETag / Last-Modified) let feed updates skip feeds that have not changed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from parktui import __version__
from parktui.ingest.errors import InputError

if TYPE_CHECKING:  # httpx is imported when a client is made: an import of files never pays for it
    import httpx

# The same limit as a page read from a file (importer.MAX_PAGE_BYTES).
MAX_FETCH_BYTES = 16 * 2**20
TIMEOUT = (20.0, 10.0)  # seconds: to read (and write, and wait for a connection), to connect
MAX_REDIRECTS = 10
USER_AGENT = f"parktui/{__version__} (+https://pypi.org/project/parktui/)"
_URL = re.compile(r"^https?://", re.I)


@dataclass
class Fetched:
    """A fetched resource: the final URL (after redirects), its bytes and what the server said."""

    url: str
    data: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False  # 304: the copy we have is current


def is_url(text: str) -> bool:
    return bool(_URL.match(text.strip()))


def make_client() -> httpx.Client:
    """One client for a run: connection reuse, redirects followed, gzip/deflate decoded."""
    import httpx

    return httpx.Client(timeout=httpx.Timeout(TIMEOUT[0], connect=TIMEOUT[1]), follow_redirects=True,
                        max_redirects=MAX_REDIRECTS,
                        headers={"User-Agent": USER_AGENT, "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"})


def fetch(client: httpx.Client, url: str, etag: str = "", last_modified: str = "",
          max_bytes: int | None = None) -> Fetched:
    """GET url; raise InputError(url, reason) on any failure."""
    import httpx

    max_bytes = max_bytes or MAX_FETCH_BYTES
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        with client.stream("GET", url, headers=headers) as response:
            if response.status_code == 304:
                return Fetched(str(response.url), not_modified=True, etag=etag, last_modified=last_modified)
            if response.status_code >= 400:
                raise InputError(url, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise InputError(url, _too_big(int(declared), max_bytes))
            data = _read_limited(response, url, max_bytes)
            content_type = response.headers.get("Content-Type", "")
            return Fetched(
                url=str(response.url), data=data, content_type=content_type.split(";")[0].strip().lower(),
                charset=response.charset_encoding, etag=response.headers.get("ETag", ""),
                last_modified=response.headers.get("Last-Modified", ""),
            )
    except httpx.TooManyRedirects:
        raise InputError(url, f"too many redirects (more than {MAX_REDIRECTS})") from None
    except httpx.TimeoutException:
        raise InputError(url, "the server did not answer in time (timeout)") from None
    except httpx.UnsupportedProtocol:
        raise InputError(url, "not an http:// or https:// address") from None
    except httpx.InvalidURL as exc:
        raise InputError(url, f"not a valid address ({exc})") from None
    except httpx.ConnectError as exc:
        raise InputError(url, f"cannot connect ({_reason(exc)})") from None
    except httpx.HTTPError as exc:
        raise InputError(url, f"download failed ({_reason(exc)})") from None


def _read_limited(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():  # decoded: gzip, deflate
        size += len(chunk)
        if size > max_bytes:
            raise InputError(url, _too_big(size, max_bytes, at_least=True))
        chunks.append(chunk)
    return b"".join(chunks)


def _too_big(size: int, limit: int, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return f"page is too large ({more}{size / 2**20:.0f} MB, the limit is {limit // 2**20} MB)"


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:120]
