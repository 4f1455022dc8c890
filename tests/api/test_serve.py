"""`wirewatch serve`: the command starts uvicorn over a database and answers on loopback."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from wirewatch.commands.serve import _is_loopback, serve

from .conftest import free_port


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False), ("192.168.1.5", False),
])
def test_loopback_detection(host: str, loopback: bool) -> None:
    assert _is_loopback(host) is loopback


def test_help_names_the_defaults() -> None:
    out = CliRunner().invoke(serve, ["--help"]).output
    assert "127.0.0.1" in out and "8000" in out and "--db" in out


def test_serve_answers_over_http(example_db: Path) -> None:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "wirewatch.cli", "serve", "--db", str(example_db),
                             "--port", str(port), "--log-level", "warning"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/events", timeout=2)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"wirewatch serve did not start: {proc.communicate()[1][-1500:]}") from None
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["total"] == 3
        page = httpx.get(f"http://127.0.0.1:{port}/")
        assert page.status_code == 200 and "default-src 'self'" in page.headers["content-security-policy"]
        assert httpx.get(f"http://127.0.0.1:{port}/docs").status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=20)
