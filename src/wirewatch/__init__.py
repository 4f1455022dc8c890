"""wirewatch: conflict news in, source-attributed ACLED-style event database out.

Public API (everything else is internal):
    extract(sources, settings=None, *, published=None, publisher=None, url=None) -> ExtractResult
                   run the pipeline on files, URLs or feeds, without a database (`articles, errors = ...`)
    extract_text(text, *, published=None, title=None, ...) -> Article
    open(path_or_url=None, settings=None) -> Store   a SQLite or PostgreSQL database (a context manager)
    geocode(name, context=None, limit=10, settings=None) -> list[Place]
    evaluate(path, kind="auto", limit=None, ...) -> Report   per-field accuracy against ACLED, GTD or wirewatch gold

The functions are the library's own (their signatures and types are theirs); they are imported on
first use so that `import wirewatch` does not load spaCy, the gazetteer or pandas.
"""
from __future__ import annotations

import functools
import sys
import types
from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from .errors import FetchError, InputError, SetupError, StoreError, WirewatchError
from .model import Article, Claim, Document, Event, Mention, Place, Source, Span
from .settings import Settings

if TYPE_CHECKING:
    from .evaluate import evaluate
    from .geo import geocode
    from .pipeline import extract, extract_text
    from .store import open_store as open  # noqa: A004 - `wirewatch.open(path)`, as sqlite_utils.Database

try:
    __version__ = version("wirewatch")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "extract", "extract_text", "open", "geocode", "evaluate", "__version__",
    "Article", "Claim", "Document", "Event", "Mention", "Place", "Source", "Span", "Settings",
    "WirewatchError", "InputError", "FetchError", "StoreError", "SetupError",
]

# public name -> (module, attribute)
_LAZY = {
    "extract": (".pipeline", "extract"),
    "extract_text": (".pipeline", "extract_text"),
    "open": (".store", "open_store"),
    "geocode": (".geo", "geocode"),
    "evaluate": (".evaluate", "evaluate"),
}


class _Entry:
    """A public function that shares its name with a subpackage (`wirewatch.extract`,
    `wirewatch.evaluate`): calling it calls the function (signature and docs are the function's);
    other attributes are the subpackage's, so `wirewatch.extract.events` still reads."""

    def __init__(self, function: Any, package: types.ModuleType):
        functools.update_wrapper(self, function)
        self._package = package

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.__wrapped__(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._package, name)

    def __repr__(self) -> str:
        return repr(self.__wrapped__)


def _public(name: str) -> Any:
    module, attribute = _LAZY[name]
    function = getattr(import_module(module, __name__), attribute)
    package = sys.modules.get(f"{__name__}.{name}")
    return _Entry(function, package) if package is not None else function


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        # Importing wirewatch.extract.* binds the subpackage as the attribute `extract` of this
        # package, which would hide the public function of that name: keep the function.
        if name in _LAZY and isinstance(value, types.ModuleType):
            value = _public(name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = _public(name)
        globals()[name] = value  # later lookups skip this function
        return value
    raise AttributeError(f"module 'wirewatch' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
