"""The fuzz suite's limits: examples per property (WIREWATCH_FUZZ_EXAMPLES, 25 in make test,
2,000 in make fuzz), a wall-clock bound per example that also catches hangs, and no network
beyond loopback (names other than 127.0.0.1/localhost do not resolve here)."""
from __future__ import annotations

import os
import signal
import socket
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("WIREWATCH_FUZZ_EXAMPLES") or 25)
EXAMPLE_SECONDS = 20      # one input, read and cleaned: far above the slowest seen (about 1 s)
MEMORY_BOUND = 64 << 20   # bytes allocated (traced) while reading and cleaning one input of up to 64 KB

FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=EXAMPLES <= 50,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])


class Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise Hang in the main thread when one example runs past `seconds`."""
    def on_alarm(signum: int, frame: object) -> None:
        raise Hang(f"no answer within {seconds}s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.getaddrinfo

    def guarded(host, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(host) not in ("127.0.0.1", "localhost", "::1"):
            raise socket.gaierror(f"fuzz tests resolve loopback only, not {host!r}")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)
