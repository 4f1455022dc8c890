"""Options shared by `wirewatch events` and `wirewatch aggregate`: the event filters (named and
explained as in the HTTP API, parsed by `wirewatch.store.filters`) and the database."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..settings import Settings
from ..store.filters import FILTER_HELP, FILTER_NAMES, STATUSES, EventFilters, parse_filters

F = Callable[..., Any]


def filter_options(fn: F) -> F:
    """One `--name` option per filter (`--event-type`, `--admin1`, ...; `-q/--query` for q)."""
    for name in reversed(FILTER_NAMES):
        if name == "q":
            fn = click.option("-q", "--query", "q", default=None, help=FILTER_HELP[name])(fn)
        elif name == "status":
            fn = click.option("--status", type=click.Choice(STATUSES, case_sensitive=False), default=None,
                              help=FILTER_HELP[name])(fn)
        else:
            fn = click.option(f"--{name.replace('_', '-')}", name, default=None, help=FILTER_HELP[name])(fn)
    return click.option("--db", default=None,
                        help="database path or postgresql:// URL [default: $WIREWATCH_DB or ./wirewatch.db]")(fn)


def pop_filters(kwargs: dict[str, Any], **extra: Any) -> EventFilters:
    """The filters among a command's keyword arguments (removed from them), validated; a bad one
    is a usage error naming its option."""
    raw = {name: kwargs.pop(name) for name in FILTER_NAMES}
    try:
        return parse_filters(**raw, **extra)
    except Exception as e:
        option = getattr(e, "option", None)
        if option is None:
            raise
        raise click.UsageError(option) from e


def database(db: str | None) -> tuple[str, Settings]:
    settings = Settings()
    target = db or settings.db
    if not target.startswith(("postgresql://", "postgres://")) and not Path(target).exists():
        raise click.UsageError(f"{target}: no such database (run `wirewatch ingest` first)")
    return target, settings
