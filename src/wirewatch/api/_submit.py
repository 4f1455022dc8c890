"""The one write path of the API: an analyst submits a URL or a text, it runs through the
pipeline and lands in the store. Guarded by the configured token (see app.py)."""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, Field, model_validator

from ..errors import InputError
from ..model import Article, Document
from ..settings import Settings


class Submission(BaseModel):
    """Either `url` alone (fetched like `wirewatch ingest URL`) or `text` with optional metadata."""

    url: str | None = Field(default=None, max_length=4096)
    text: str | None = None
    title: str | None = Field(default=None, max_length=2000)
    published: str | None = Field(default=None, max_length=64)
    publisher: str | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _one_input(self) -> "Submission":
        if not (self.url or self.text):
            raise ValueError("give `url` or `text`")
        return self

    @property
    def label(self) -> str:
        if self.text:
            return f"submitted text {hashlib.sha1(self.text.encode()).hexdigest()[:10]}"
        return str(self.url)


Processor = Callable[[Submission], list[Article]]


def pipeline_processor(settings: Settings) -> Processor:
    """Fetch/clean/extract with the project's own stages; the pipeline is loaded on first use."""
    state: dict[str, Any] = {}

    def process(sub: Submission) -> list[Article]:
        from ..clean import clean_document  # type: ignore[attr-defined]
        from ..pipeline import Pipeline  # type: ignore[import-not-found]

        if "pipeline" not in state:
            state["pipeline"] = Pipeline(settings)
        documents: list[Document] = []
        if sub.text:
            meta = {k: v for k, v in (("title", sub.title), ("published", sub.published),
                                      ("publisher", sub.publisher), ("url", sub.url)) if v}
            documents.append(Document(source=sub.label, content=sub.text, content_type="text/plain",
                                      url=sub.url, meta=meta))
        else:
            from ..ingest import read_inputs  # type: ignore[attr-defined]

            for item in read_inputs([str(sub.url)], settings):
                if isinstance(item, InputError):
                    raise item
                documents.append(item)
        articles = [clean_document(doc, settings) for doc in documents]
        processed: list[Article] = list(state["pipeline"].process(articles))
        return processed

    return process
