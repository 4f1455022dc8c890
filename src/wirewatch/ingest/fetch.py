"""A polite HTTP fetcher: robots.txt, per-host delay, a size cap, an overall deadline,
conditional GET, and no private addresses unless allowed.

Every byte that comes off the network goes through one reader (`Fetcher._stream`): the body is
streamed (decoded, so gzip bombs count at their inflated size) into a sink that refuses or
truncates at a byte cap, and the whole exchange (redirects and robots.txt included) must finish
before one deadline, so a server dripping a byte every few seconds cannot hold a batch.

The connection goes to the very address that passed the private-address check: the host is
resolved once, checked, and the request is sent to that IP with the original Host header (and
TLS server name), so a DNS answer that changes between check and connect (rebinding) is never
used. Redirects are followed by hand so that every hop passes the same checks.
"""
from __future__ import annotations

import ipaddress
import os
import socket
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeVar, cast
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from ..errors import FetchError
from ..settings import Settings
from .cache import FetchCache, NotModified

_MAX_REDIRECTS = 5
ROBOTS_MAX_BYTES = 512 * 1024  # what Google reads of a robots.txt; the rest is ignored

_T = TypeVar("_T")
Progress = Callable[[int, "int | None"], None]  # (bytes so far, declared total or None)


@dataclass
class Response:
    url: str                     # after redirects
    status: int
    content: bytes
    content_type: str
    etag: str | None = None
    last_modified: str | None = None


class Fetcher:
    """One httpx.Client shared by every request of a `read_inputs` call."""

    def __init__(self, settings: Settings, client: httpx.Client | None = None) -> None:
        self.settings = settings
        self.client = client or httpx.Client(
            timeout=httpx.Timeout(settings.fetch_timeout),
            headers={"User-Agent": settings.user_agent},
            follow_redirects=False,
        )
        self._robots: dict[str, RobotFileParser | None] = {}
        self._last_request: dict[str, float] = {}
        self._pinned: dict[tuple[str, int], str] = {}   # (host, port) -> the checked IP we connect to
        self._loopback: dict[str, bool] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, cache: FetchCache | None = None, *, deadline_s: float | None = None) -> Response | NotModified:
        """GET `url` (conditional when `cache` knows it) into memory, at most `settings.max_bytes`,
        all of it within `settings.fetch_deadline` seconds; FetchError on any refusal or failure."""
        validators = cache.get(url) if cache is not None else None
        deadline = time.monotonic() + (self.settings.fetch_deadline if deadline_s is None else deadline_s)
        limit = self.settings.max_bytes

        def attempt(current: str) -> Response | NotModified | str:
            body = bytearray()

            def sink(chunk: bytes) -> None:
                body.extend(chunk)
                if len(body) > limit:
                    raise FetchError(url, f"response too large (over {limit / 1e6:.1f} MB)")

            r = self._stream(url, current, deadline, limit, sink, validators if current == url else None)
            if isinstance(r, str | NotModified):
                return r
            return Response(url=current, status=r.status_code, content=bytes(body),
                            content_type=r.headers.get("content-type", ""),
                            etag=r.headers.get("etag"), last_modified=r.headers.get("last-modified"))

        return cast("Response | NotModified", self._follow(url, deadline, attempt))  # mypy cannot split _T | str

    def download(self, url: str, dest: str | os.PathLike[str], *, max_bytes: int, deadline_s: float,
                 progress: Progress | None = None, robots: bool = True) -> Path:
        """Stream `url` into the file `dest` (written to a temporary name, renamed when complete):
        the same checks as `get`, with its own byte cap and deadline. Returns `dest`."""
        target = Path(dest)
        deadline = time.monotonic() + deadline_s

        def attempt(current: str) -> Path | str:
            fd, tmp = tempfile.mkstemp(prefix=target.name + ".", suffix=".part", dir=target.parent)
            try:
                with os.fdopen(fd, "wb") as fh:
                    r = self._stream(url, current, deadline, max_bytes, _file_sink(url, fh, max_bytes),
                                     None, progress=progress)
                if isinstance(r, str):
                    os.unlink(tmp)
                    return r
                os.replace(tmp, target)
                return target
            except BaseException:
                if os.path.exists(tmp):
                    os.unlink(tmp)
                raise

        return self._follow(url, deadline, attempt, robots=robots)

    # --- policy ------------------------------------------------------------------------

    def _follow(self, url: str, deadline: float, attempt: Callable[[str], _T | str], *, robots: bool = True) -> _T:
        """Run `attempt` on `url`, then on each redirect target it returns (a str), every hop
        checked first (scheme, address, robots.txt)."""
        current = url
        for _ in range(_MAX_REDIRECTS + 1):
            self.check_address(current)
            if robots and not self.robots_allow(current, deadline):
                raise FetchError(url, f"disallowed by robots.txt ({_origin(current)}/robots.txt)")
            result = attempt(current)
            if not isinstance(result, str):
                return result
            current = result
        raise FetchError(url, f"more than {_MAX_REDIRECTS} redirects")

    def check_address(self, url: str) -> str:
        """The IP `url`'s host resolves to, after refusing private, loopback and link-local
        addresses unless allowed. Requests for this host are sent to that IP only."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchError(url, f"unsupported URL scheme {parts.scheme!r}")
        host = parts.hostname
        if not host:
            raise FetchError(url, "no host in URL")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise FetchError(url, "invalid port in URL") from None
        key = (host, port)
        if key in self._pinned:
            return self._pinned[key]
        try:
            infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
        except (socket.gaierror, UnicodeError, ValueError) as e:
            raise FetchError(url, f"cannot resolve host {host} ({e})") from None
        ordered = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
        if not ordered:
            raise FetchError(url, f"cannot resolve host {host}")
        internal = [a for a in ordered if _internal(a)]
        if internal and not self.settings.allow_private:
            raise FetchError(url, f"refusing private address {host} ({internal[0]}); "
                                  "pass --allow-private or set allow_private")
        self._pinned[key] = str(ordered[0])
        self._loopback[host] = all(_loopback(a) for a in ordered)
        return self._pinned[key]

    def robots_allow(self, url: str, deadline: float | None = None) -> bool:
        origin = _origin(url)
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin, deadline or time.monotonic() + self.settings.fetch_deadline)
        parser = self._robots[origin]
        return True if parser is None else parser.can_fetch(self.settings.user_agent, url)

    def _load_robots(self, origin: str, deadline: float) -> RobotFileParser | None:
        """The host's robots.txt, read up to ROBOTS_MAX_BYTES (the rest ignored); None (= allow
        all) when it has none or cannot be read. No redirects: each hop would need the checks."""
        robots_url = origin + "/robots.txt"
        parser = RobotFileParser(robots_url)
        body = bytearray()

        def sink(chunk: bytes) -> None:
            body.extend(chunk[: ROBOTS_MAX_BYTES - len(body)])
            if len(body) >= ROBOTS_MAX_BYTES:
                raise _Enough

        try:
            result = self._stream(robots_url, robots_url, deadline, None, sink, None, raise_status=False)
        except _Enough:
            result = None
        except FetchError:
            return None
        if isinstance(result, str | NotModified):
            return None
        if result is not None:
            if result.status_code in (401, 403):
                parser.disallow_all = True  # type: ignore[attr-defined]  # robotparser's own flag for 401/403
                return parser
            if result.status_code >= 400:
                return None
        parser.parse(body.decode("utf-8", "replace").splitlines())
        return parser

    def _wait(self, url: str, deadline: float) -> None:
        """Per-host politeness delay; none for loopback hosts (tests, local mirrors)."""
        host = urlsplit(url).hostname or ""
        if self._loopback.get(host):
            return
        last = self._last_request.get(host)
        if last is not None:
            delay = self.settings.rate_limit_s - (time.monotonic() - last)
            if delay > 0:
                time.sleep(min(delay, max(0.0, deadline - time.monotonic())))
        self._last_request[host] = time.monotonic()

    # --- the one reader ------------------------------------------------------------------

    def _stream(self, original: str, url: str, deadline: float, limit: int | None, sink: Callable[[bytes], None],
                validators: dict[str, str | None] | None, *, raise_status: bool = True,
                progress: Progress | None = None) -> httpx.Response | NotModified | str:
        """Send GET `url` to its checked address and feed the decoded body to `sink` chunk by
        chunk. Returns the (closed) response, NotModified, or a redirect target. Refuses at `limit` bytes (declared or streamed) and at `deadline`."""
        headers: dict[str, str] = {}
        if validators:
            if validators.get("etag"):
                headers["If-None-Match"] = str(validators["etag"])
            if validators.get("last_modified"):
                headers["If-Modified-Since"] = str(validators["last_modified"])
        self._wait(url, deadline)
        parts = urlsplit(url)
        ip = self.check_address(url)
        target = httpx.URL(url).copy_with(host=ip)
        headers["Host"] = parts.netloc.rpartition("@")[2]
        extensions = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
        timeout_over = f"timed out (no complete answer within {self.settings.fetch_deadline:g}s)"
        try:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise FetchError(original, timeout_over)
            # each wait on the socket is bounded by what is left of the deadline
            timeout = httpx.Timeout(min(self.settings.fetch_timeout, remaining))
            request = self.client.build_request("GET", target, headers=headers, timeout=timeout,
                                                extensions=extensions)
            r = self.client.send(request, stream=True)
            try:
                if r.status_code in (301, 302, 303, 307, 308) and r.headers.get("location"):
                    return urljoin(url, r.headers["location"])
                if r.status_code == 304 and validators:
                    return NotModified(original)
                if r.status_code >= 400 or r.status_code == 304:
                    if raise_status:
                        raise FetchError(original, f"HTTP {r.status_code} {r.reason_phrase}".strip())
                    return r
                declared = r.headers.get("content-length")
                total = int(declared) if declared and declared.isdigit() else None
                if limit is not None and total is not None and total > limit:
                    raise FetchError(original, f"response too large ({total / 1e6:.1f} MB > limit)")
                received = 0
                for chunk in r.iter_bytes():  # whatever each read brings, so the deadline is checked often
                    sink(chunk)
                    received += len(chunk)
                    if progress is not None:
                        progress(received, total)
                    if time.monotonic() > deadline:
                        raise FetchError(original, timeout_over)
                return r
            finally:
                r.close()
        except httpx.TimeoutException:
            if time.monotonic() >= deadline - 0.01:
                raise FetchError(original, timeout_over) from None
            raise FetchError(original, f"timed out after {self.settings.fetch_timeout:g}s") from None
        except httpx.HTTPError as e:
            raise FetchError(original, f"network error ({type(e).__name__}: {e})") from None


class _Enough(Exception):
    """The robots.txt sink has all it will read."""


def _file_sink(url: str, fh: IO[bytes], limit: int) -> Callable[[bytes], None]:
    written = [0]

    def sink(chunk: bytes) -> None:
        written[0] += len(chunk)
        if written[0] > limit:
            raise FetchError(url, f"download too large (over {limit / 1e6:.1f} MB)")
        fh.write(chunk)

    return sink


def fetch_to_file(url: str, dest: str | os.PathLike[str], *, max_bytes: int, deadline: float,
                  progress: Progress | None = None, settings: Settings | None = None,
                  robots: bool = True) -> Path:
    """Download `url` to `dest` with every fetch policy (private addresses refused unless
    `settings.allow_private`, robots.txt unless `robots=False`, redirects checked hop by hop),
    at most `max_bytes` (decoded) and within `deadline` seconds overall. `progress(bytes, total)`
    is called after each chunk (total: Content-Length or None). The file appears only when
    complete (written as `dest`.*.part, then renamed). Raises FetchError with a one-line reason."""
    with Fetcher(settings or Settings()) as fetcher:
        return fetcher.download(url, dest, max_bytes=max_bytes, deadline_s=deadline, progress=progress, robots=robots)


def fetch_page(url: str, *, settings: Settings | None = None, cache: FetchCache | None = None) -> Response | NotModified:
    """One page/feed/robots-checked GET into memory (`settings.max_bytes`, `settings.fetch_deadline`)."""
    with Fetcher(settings or Settings()) as fetcher:
        return fetcher.get(url, cache=cache)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _internal(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved
            or ip.is_multicast or ip.is_unspecified)


def _loopback(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback
