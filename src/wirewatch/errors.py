"""One exception hierarchy; each error names the input it failed on."""
from __future__ import annotations


class WirewatchError(Exception):
    """Base of every error wirewatch raises on purpose."""


class InputError(WirewatchError):
    """An input that cannot be processed. `str(err)` is the one line the CLI prints."""

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class FetchError(InputError):
    """A URL that could not be fetched (network, status, policy)."""


class StoreError(WirewatchError):
    """The database refused an operation."""


class SetupError(WirewatchError):
    """A required resource (model, gazetteer index) is missing or wrong."""
