"""`wirewatch events`: export fused events (CSV with ACLED's columns first, JSON, JSONL, GeoJSON,
Parquet). A thin layer over `Store.event_records` and `wirewatch.store.export.write_events`."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import InputError, WirewatchError
from ..settings import Settings
from ..store import open_store
from ..store.export import FORMATS, write_events


@click.command()
@click.option("--db", default=None, help="database path or postgresql:// URL [default: $WIREWATCH_DB or ./wirewatch.db]")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True)
@click.option("--country", default=None, help="ISO3 code or English country name")
@click.option("--since", default=None, help="first event date (YYYY-MM-DD, inclusive)")
@click.option("--until", default=None, help="last event date (YYYY-MM-DD, inclusive)")
@click.option("--bbox", default=None, help="W,S,E,N in degrees")
@click.option("--event-type", default=None, help="ACLED event type, e.g. 'Battles'")
@click.option("--status", type=click.Choice(["reported", "alleged", "contested", "confirmed"]), default=None)
@click.option("--min-fatalities", type=click.IntRange(min=0), default=None)
@click.option("-q", "--query", "q", default=None, help="full-text search over the source articles")
@click.option("--limit", type=click.IntRange(min=1), default=None)
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False, writable=True),
              help="write here instead of stdout (required for parquet)")
def events(db: str | None, fmt: str, country: str | None, since: str | None, until: str | None,
           bbox: str | None, event_type: str | None, status: str | None, min_fatalities: int | None,
           q: str | None, limit: int | None, output: str | None) -> None:
    """Export the fused events of the database."""
    if fmt == "parquet" and not output:
        raise click.UsageError("--format parquet needs -o FILE")
    settings = Settings()
    target = db or settings.db
    if not target.startswith(("postgresql://", "postgres://")) and not Path(target).exists():
        raise click.UsageError(f"{target}: no such database (run `wirewatch ingest` first)")
    try:
        store = open_store(target, settings)
        try:
            records = store.event_records(country=country, since=since, until=until, bbox=bbox,
                                          event_type=event_type, status=status,
                                          min_fatalities=min_fatalities, q=q, limit=limit)
        finally:
            store.close()
        result = write_events(records, fmt, output or sys.stdout)
    except InputError as e:
        raise click.UsageError(str(e)) from e
    except WirewatchError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    if result.skipped:
        click.echo(f"{result.skipped} event(s) without coordinates left out of the GeoJSON", err=True)
    if output:
        click.echo(f"{result.written} event(s) written to {output}", err=True)
