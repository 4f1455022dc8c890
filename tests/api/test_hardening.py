"""The API under attack (issue 14): submitted URLs are web URLs only, no CDN on any page."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from wirewatch.model import Article


@pytest.mark.parametrize("url", ["/etc/passwd", "-", "file:///etc/passwd", "relative/path.txt", "ftp://example.org/x",
                                 "http://", "javascript:alert(1)"])
def test_submit_accepts_http_urls_only(example_db: Path, url: str) -> None:
    from fastapi.testclient import TestClient

    from wirewatch.api import create_app
    from wirewatch.settings import Settings

    called: list[Any] = []

    def processor(sub: Any) -> list[Article]:
        called.append(sub)
        return []

    app = create_app(str(example_db), Settings(db=str(example_db), api_token="s3cret"), processor=processor)
    with TestClient(app) as c:
        r = c.post("/api/articles", json={"url": url}, headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 422 and "http:// or https://" in r.text
    assert called == []  # refused before anything was read


def test_default_processor_refuses_a_path_even_without_the_model_check() -> None:
    from wirewatch.api._submit import Submission, pipeline_processor
    from wirewatch.errors import InputError
    from wirewatch.settings import Settings

    sub = Submission.model_construct(url="/etc/passwd", text=None)  # skips validation
    with pytest.raises(InputError, match="http:// or https://"):
        pipeline_processor(Settings())(sub)


def test_no_page_loads_anything_from_a_cdn(client: Any) -> None:
    assert client.get("/redoc").status_code == 404
    docs = client.get("/docs")
    assert docs.status_code == 200 and ("/static/vendor/swagger-ui/" in docs.text or "npm ci" in docs.text)
    for path in ("/", "/docs"):
        html = client.get(path).text
        assert "cdn." not in html and "unpkg.com" not in html and "jsdelivr" not in html


@pytest.mark.parametrize("params", [{"min_fatalities": 2**63}, {"offset": 2**63}, {"min_fatalities": 2**70},
                                    {"offset": 2**64, "limit": 5}])
def test_huge_integers_are_no_server_error(client: Any, params: dict[str, int]) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code in (200, 422), r.text
    if r.status_code == 200:
        assert r.json()["events"] == []


def test_serve_refuses_a_missing_database_unless_asked_to_create(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from wirewatch.commands.serve import serve

    typo = tmp_path / "typo.db"
    result = CliRunner().invoke(serve, ["--db", str(typo)])
    assert result.exit_code == 2 and "no such database" in result.output and "--create" in result.output
    assert not typo.exists()
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"not a database " * 500)
    result = CliRunner().invoke(serve, ["--db", str(corrupt)])
    assert result.exit_code == 1 and "not a SQLite database" in result.output
