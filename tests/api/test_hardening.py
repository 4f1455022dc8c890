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
