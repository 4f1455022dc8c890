"""`wirewatch events`: export fused events (one column set, ACLED's names first, in CSV, JSON,
JSONL, GeoJSON and Parquet; or the claims as CSV/Parquet). A thin layer over
`Store.event_records` and `wirewatch.store.export`."""
from __future__ import annotations

import sys
from typing import Any

import click

from ..errors import WirewatchError
from ..store import open_store
from ..store.export import FORMATS, write_claims, write_events
from ..store.filters import parse_sort
from ._options import database, filter_options, pop_filters


@click.command()
@filter_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True)
@click.option("--claims", is_flag=True, help="export the events' claims (one row per claim; csv or parquet)")
@click.option("--sort", default=None, help="column(s) to sort by, comma-separated; '-' in front: descending")
@click.option("--limit", type=click.IntRange(min=1), default=None)
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False, writable=True),
              help="write here instead of stdout (required for parquet)")
def events(**kwargs: Any) -> None:
    """Export the fused events of the database, filtered."""
    db, fmt, output, claims = kwargs.pop("db"), kwargs.pop("fmt"), kwargs.pop("output"), kwargs.pop("claims")
    if fmt == "parquet" and not output:
        raise click.UsageError("--format parquet needs -o FILE")
    if claims and fmt not in ("csv", "parquet"):
        raise click.UsageError("--claims: the claims table is written as csv or parquet")
    try:
        sort = parse_sort(kwargs.pop("sort"))
    except WirewatchError as e:
        raise click.UsageError(getattr(e, "option", str(e))) from e
    filters = pop_filters(kwargs, limit=kwargs.pop("limit"), sort=sort)
    target, settings = database(db)
    try:
        store = open_store(target, settings)
        try:
            if claims:
                rows = store.claim_records(**filters.store_kwargs())
            else:
                records = store.event_records(**filters.store_kwargs(), limit=filters.limit, sort=filters.sort)
        finally:
            store.close()
        if claims:
            result = write_claims(rows, fmt, output or sys.stdout)
        else:
            result = write_events(records, fmt, output or sys.stdout)
    except WirewatchError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    if result.skipped:
        click.echo(f"{result.skipped} event(s) without coordinates left out of the GeoJSON", err=True)
    if output:
        click.echo(f"{result.written} {'claim' if claims else 'event'}(s) written to {output}", err=True)
