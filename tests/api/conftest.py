"""Fixtures for the API tests: a store filled with the hand-written example articles, a TestClient
over it, and a live uvicorn server on a free port for the browser tests."""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .example_data import example_articles


def fill_store(path: Path) -> Path:
    """A SQLite database holding the example articles (fused by the store as on ingest)."""
    import wirewatch

    store = wirewatch.open(str(path))
    try:
        store.add_articles(example_articles())
    finally:
        store.close()
    return path


@pytest.fixture
def example_db(tmp_path: Path) -> Path:
    return fill_store(tmp_path / "example.db")


@pytest.fixture
def example_store(example_db: Path) -> Iterator[Any]:
    import wirewatch

    store = wirewatch.open(str(example_db))
    yield store
    store.close()


def make_app(db: Path, **settings: Any) -> Any:
    from wirewatch.api import create_app
    from wirewatch.settings import Settings

    values: dict[str, Any] = {"api_token": None, "tile_url": None, **settings}
    return create_app(str(db), Settings(db=str(db), **values))


@pytest.fixture
def example_app(example_db: Path) -> Any:
    return make_app(example_db)


@pytest.fixture
def client(example_app: Any) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    with TestClient(example_app) as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """uvicorn in a thread, stopped at the end of the test."""

    def __init__(self, app: Any):
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError(f"uvicorn did not start on {self.url}")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def live_server(example_app: Any) -> Iterator[LiveServer]:
    with LiveServer(example_app) as server:
        yield server
