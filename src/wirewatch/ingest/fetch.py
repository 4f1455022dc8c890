"""A polite HTTP fetcher: robots.txt, per-host delay, timeouts, a size cap, conditional GET,
and no private addresses unless allowed.

Redirects are followed by hand so that every hop passes the same address and robots checks.
"""
from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from ..errors import FetchError
from ..settings import Settings
from .cache import FetchCache, NotModified

_MAX_REDIRECTS = 5


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
        self._loopback: dict[str, bool] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, cache: FetchCache | None = None) -> Response | NotModified:
        """GET `url` (conditional when `cache` knows it); FetchError on any refusal or failure."""
        validators = cache.get(url) if cache is not None else None
        current = url
        for _ in range(_MAX_REDIRECTS + 1):
            self.check_address(current)
            if not self.robots_allow(current):
                raise FetchError(url, f"disallowed by robots.txt ({_origin(current)}/robots.txt)")
            response = self._request(url, current, validators if current == url else None)
            if isinstance(response, str):  # a redirect target
                current = response
                continue
            return response
        raise FetchError(url, f"more than {_MAX_REDIRECTS} redirects")

    # --- policy ------------------------------------------------------------------------

    def check_address(self, url: str) -> None:
        """Refuse hosts that resolve to private, loopback or link-local addresses unless allowed."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchError(url, f"unsupported URL scheme {parts.scheme!r}")
        host = parts.hostname
        if not host:
            raise FetchError(url, "no host in URL")
        if host in self._loopback:
            return
        try:
            infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                       proto=socket.IPPROTO_TCP)
        except (socket.gaierror, UnicodeError) as e:
            raise FetchError(url, f"cannot resolve host {host} ({e})") from None
        addresses = {ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos}
        internal = [a for a in addresses if _internal(a)]
        if internal and not self.settings.allow_private:
            raise FetchError(url, f"refusing private address {host} ({internal[0]}); "
                                  "pass --allow-private or set allow_private")
        self._loopback[host] = bool(addresses) and all(_loopback(a) for a in addresses)

    def robots_allow(self, url: str) -> bool:
        origin = _origin(url)
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        parser = self._robots[origin]
        return True if parser is None else parser.can_fetch(self.settings.user_agent, url)

    def _load_robots(self, origin: str) -> RobotFileParser | None:
        """The host's robots.txt; None (= allow all) when it has none or cannot be read."""
        robots_url = origin + "/robots.txt"
        parser = RobotFileParser(robots_url)
        try:
            self._wait(robots_url)
            r = self.client.get(robots_url)  # no redirects: each hop would need the address check
        except httpx.HTTPError:
            return None
        if r.status_code in (401, 403):
            parser.disallow_all = True  # type: ignore[attr-defined]  # robotparser's own flag for 401/403
            return parser
        if r.status_code >= 400:
            return None
        parser.parse(r.text[:500_000].splitlines())
        return parser

    def _wait(self, url: str) -> None:
        """Per-host politeness delay; none for loopback hosts (tests, local mirrors)."""
        host = urlsplit(url).hostname or ""
        if self._loopback.get(host):
            return
        last = self._last_request.get(host)
        if last is not None:
            delay = self.settings.rate_limit_s - (time.monotonic() - last)
            if delay > 0:
                time.sleep(delay)
        self._last_request[host] = time.monotonic()

    # --- the request -------------------------------------------------------------------

    def _request(self, original: str, url: str, validators: dict[str, str | None] | None) -> Response | NotModified | str:
        headers: dict[str, str] = {}
        if validators:
            if validators.get("etag"):
                headers["If-None-Match"] = str(validators["etag"])
            if validators.get("last_modified"):
                headers["If-Modified-Since"] = str(validators["last_modified"])
        self._wait(url)
        limit = self.settings.max_bytes
        try:
            with self.client.stream("GET", url, headers=headers) as r:
                if r.status_code in (301, 302, 303, 307, 308) and r.headers.get("location"):
                    return urljoin(url, r.headers["location"])
                if r.status_code == 304:
                    return NotModified(original)
                if r.status_code >= 400:
                    raise FetchError(original, f"HTTP {r.status_code} {r.reason_phrase}".strip())
                declared = r.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > limit:
                    raise FetchError(original, f"response too large ({int(declared) / 1e6:.1f} MB > limit)")
                body = bytearray()
                for chunk in r.iter_bytes():
                    body.extend(chunk)
                    if len(body) > limit:
                        raise FetchError(original, f"response too large (over {limit / 1e6:.1f} MB)")
                return Response(url=str(r.url), status=r.status_code, content=bytes(body),
                                content_type=r.headers.get("content-type", ""),
                                etag=r.headers.get("etag"), last_modified=r.headers.get("last-modified"))
        except httpx.TimeoutException:
            raise FetchError(original, f"timed out after {self.settings.fetch_timeout:g}s") from None
        except httpx.HTTPError as e:
            raise FetchError(original, f"network error ({type(e).__name__}: {e})") from None


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
