"""HTTP API and web page: `create_app(store, settings)`; run it with `wirewatch serve`."""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
