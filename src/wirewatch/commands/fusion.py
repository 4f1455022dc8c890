"""`wirewatch fusion split|merge`: an analyst's corrections to fusion (library:
`Store.split_event`, `Store.merge_events`, wirewatch.store.fusion)."""
from __future__ import annotations

import json

from typing import TYPE_CHECKING

import click

from ..errors import WirewatchError

if TYPE_CHECKING:
    from ..store.sqlite import SQLiteStore


def _open(db: str | None) -> "SQLiteStore":
    from ..store import open_store
    return open_store(db)


@click.group()
def fusion() -> None:
    """Correct fusion: split a wrong merge, merge two reports of one event."""


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
