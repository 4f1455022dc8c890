"""`wirewatch aggregate`: events, fatalities and contested events by period x place x type x actor
(a thin layer over `Store.aggregate` and `wirewatch.store.aggregate.write_aggregate`)."""
from __future__ import annotations

import sys
from typing import Any

import click

from ..errors import WirewatchError
from ..store import open_store
from ..store.aggregate import DIMENSIONS, FORMATS, MEASURES, NULL_CONVENTION, parse_by, write_aggregate
from ._options import database, filter_options, pop_filters


@click.command()
@click.option("--by", required=True,
              help=f"dimensions, comma-separated, e.g. week,admin1 (any of {', '.join(DIMENSIONS)}; one period at most)")
@filter_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True)
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False, writable=True),
              help="write here instead of stdout (required for parquet)")
def aggregate(**kwargs: Any) -> None:
    """Count events (and sum their fatalities) by week/month, place, type and actor.

    Columns: the dimensions, then events, fatalities, fatalities_unknown, contested. fatalities is
    the sum of the known tolls; events without a reported toll are counted in fatalities_unknown,
    not as 0 (ACLED codes them 0)."""
    db, fmt, output = kwargs.pop("db"), kwargs.pop("fmt"), kwargs.pop("output")
    if fmt == "parquet" and not output:
        raise click.UsageError("--format parquet needs -o FILE")
    try:
        by = parse_by(kwargs.pop("by"))
    except WirewatchError as e:
        raise click.UsageError(getattr(e, "option", str(e))) from e
    filters = pop_filters(kwargs)
    target, settings = database(db)
    try:
        store = open_store(target, settings)
        try:
            rows = store.aggregate(by, **filters.store_kwargs())
        finally:
            store.close()
        written = write_aggregate(rows, by + MEASURES, fmt, output or sys.stdout)
    except WirewatchError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    if output:
        click.echo(f"{written} row(s) written to {output} ({NULL_CONVENTION})", err=True)
