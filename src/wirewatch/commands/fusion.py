"""`wirewatch fusion split|merge|export|import`: an analyst's corrections to fusion, and carrying
them to another database (library: `Store.split_event`, `Store.merge_events`,
wirewatch.store.fusion's `export_overrides` and `import_overrides`)."""
from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, TextIO

import click

from ..errors import WirewatchError

if TYPE_CHECKING:
    from ..store.sqlite import SQLiteStore


def _open(db: str | None) -> "SQLiteStore":
    from ..store import open_store
    return open_store(db)


@click.group()
def fusion() -> None:
    """Correct fusion: split a wrong merge, merge two reports of one event; export and import
    the corrections."""


@fusion.command()
@click.argument("event_id")
@click.option("--mention", "mentions", multiple=True,
              help="a report (mention id, as in the event's mention_ids) to move into a new event; "
                   "repeat for several  [default: every report becomes its own event]")
@click.option("--db", default=None, help="database path or postgresql:// URL [default: $WIREWATCH_DB or ./wirewatch.db]")
def split(event_id: str, mentions: tuple[str, ...], db: str | None) -> None:
    """Split EVENT_ID; the pieces are never fused again."""
    try:
        with _open(db) as store:
            ids = store.split_event(event_id, list(mentions) or None)
    except WirewatchError as e:
        raise click.ClickException(str(e)) from e
    click.echo(json.dumps({"split": event_id, "events": ids}))


@fusion.command()
@click.argument("keep_id")
@click.argument("other_id")
@click.option("--db", default=None, help="database path or postgresql:// URL [default: $WIREWATCH_DB or ./wirewatch.db]")
def merge(keep_id: str, other_id: str, db: str | None) -> None:
    """Merge OTHER_ID's reports into KEEP_ID (which keeps its id)."""
    try:
        with _open(db) as store:
            event_id = store.merge_events(keep_id, other_id)
    except WirewatchError as e:
        raise click.ClickException(str(e)) from e
    click.echo(json.dumps({"merged": [keep_id, other_id], "event": event_id}))


@fusion.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="file to write [default: standard output]")
@click.option("--db", default=None, help="database path or postgresql:// URL [default: $WIREWATCH_DB or ./wirewatch.db]")
def export(output: str | None, db: str | None) -> None:
    """Write every correction (pairs of reports kept apart or put together) as JSON lines."""
    from ..store.fusion import export_overrides

    try:
        with _open(db) as store:
            rows = export_overrides(store)
    except WirewatchError as e:
        raise click.ClickException(str(e)) from e
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
        click.echo(f"{len(rows)} corrections written to {output}", err=True)
    else:
        sys.stdout.write(text)


@fusion.command("import")
@click.argument("source", type=click.File("r", encoding="utf-8"))
@click.option("--db", default=None, help="database path or postgresql:// URL [default: $WIREWATCH_DB or ./wirewatch.db]")
def import_(source: TextIO, db: str | None) -> None:
    """Apply corrections exported with `wirewatch fusion export` (SOURCE: a file, or - for standard
    input) to a database holding the same articles: merges and splits redone, pairs recorded so
    that fusion keeps honouring them. Prints what was done as JSON."""
    from ..errors import InputError
    from ..store.fusion import import_overrides

    rows = []
    for n, line in enumerate(source, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise click.ClickException(f"{source.name}:{n}: not JSON ({e.msg})") from e
        if not isinstance(row, dict):
            raise click.ClickException(f"{source.name}:{n}: expected an object per line")
        rows.append(row)
    try:
        with _open(db) as store:
            result = import_overrides(store, rows)
    except InputError as e:
        raise click.ClickException(f"{source.name}: {e}") from e
    except WirewatchError as e:
        raise click.ClickException(str(e)) from e
    click.echo(json.dumps(result))
