"""The one write path of the API: an analyst submits a URL or a text, it runs through the
pipeline and lands in the store. Guarded by the configured token (see app.py)."""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, model_validator

from ..errors import InputError
from ..model import Article, Document
from ..settings import Settings


class Submission(BaseModel):
    """Either `url` alone (fetched like `wirewatch ingest URL`) or `text` with optional metadata."""

    url: str | None = Field(default=None, max_length=4096)
    text: str | None = Field(default=None, max_length=20 * 1024 * 1024)
    title: str | None = Field(default=None, max_length=2000)
    published: str | None = Field(default=None, max_length=64)
    publisher: str | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _one_input(self) -> "Submission":
        if not (self.url or self.text):
            raise ValueError("give `url` or `text`")
        if self.url is not None and not self.text:
            check_web_url(self.url)
        return self

    @property
    def label(self) -> str:
        if self.text:
            return f"submitted text {hashlib.sha1(self.text.encode()).hexdigest()[:10]}"
        return str(self.url)


Processor = Callable[[Submission], list[Article]]


def check_web_url(url: str) -> str:
    """An http(s) URL with a host, or ValueError: a submitted `url` is fetched, never opened as
    a server path or "-" (stdin)."""
    parts = urlsplit(url.strip())
    if parts.scheme.casefold() not in ("http", "https") or not parts.hostname:
        raise ValueError("`url` must be an http:// or https:// URL with a host")
    return url.strip()


def pipeline_processor(settings: Settings) -> Processor:
    """Fetch/clean/extract with the project's own stages (`wirewatch.pipeline`), loaded on first use.

    A URL is read like `wirewatch ingest URL` (so private and loopback hosts are refused unless
    `settings.allow_private`); a feed URL brings every item. The first rejected input is raised."""

    def process(sub: Submission) -> list[Article]:
        from ..pipeline import clean_all, get_pipeline

        if sub.text:
            meta = {k: v for k, v in (("title", sub.title), ("published", sub.published),
                                      ("publisher", sub.publisher), ("url", sub.url)) if v}
            source: str | Document = Document(source=sub.label, content=sub.text, content_type="text/plain",
                                              url=sub.url, meta=meta)
        else:
            try:  # checked again here: a processor can be called without the model's validation
                source = check_web_url(str(sub.url))
            except ValueError as e:
                raise InputError(str(sub.url)[:200], str(e)) from None
        result = clean_all([source], settings)
        if result.errors:
            raise result.errors[0]
        if not result.articles:
            raise InputError(sub.label, "no article in this input")
        processed: list[Article] = list(get_pipeline(settings).process(result.articles))
        return processed

    return process
