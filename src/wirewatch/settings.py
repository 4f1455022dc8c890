"""All knobs in one place, passed down instead of threaded through as flags."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def _data_dir() -> Path:
    return Path(os.environ.get("WIREWATCH_DATA", Path(__file__).parent / "geo" / "_data"))


@dataclass
class Settings:
    db: str = field(default_factory=lambda: os.environ.get("WIREWATCH_DB", "wirewatch.db"))
    data_dir: Path = field(default_factory=_data_dir)        # gazetteer index lives here
    max_bytes: int = 20 * 1024 * 1024                         # larger inputs are rejected
    min_words: int = 20                                       # shorter bodies are "no article body"
    allow_private: bool = False                               # fetching loopback/private hosts
    fetch_timeout: float = 20.0                               # longest wait for any one read
    fetch_deadline: float = 60.0                              # one whole fetch (redirects, robots.txt) must end by then
    rate_limit_s: float = 1.0                                 # per-host politeness delay
    user_agent: str = "wirewatch/0.1 (+https://example.org/wirewatch)"
    api_token: str | None = field(default_factory=lambda: os.environ.get("WIREWATCH_TOKEN"))
    tile_url: str | None = field(default_factory=lambda: os.environ.get("WIREWATCH_TILE_URL"))
    batch_size: int = field(default_factory=lambda: int(os.environ.get("WIREWATCH_BATCH_SIZE") or 32))
    max_parse_chars: int = 200_000                            # per article; past it: article.truncated
    batch_max_chars: int = 8_000_000                          # ingest stores a batch once its texts reach this

    @property
    def gazetteer_path(self) -> Path:
        return self.data_dir / "gazetteer.sqlite"
