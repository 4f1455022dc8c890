"""`wirewatch serve`: the HTTP API and the web page over a database."""
from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from ..settings import Settings


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command()
@click.option("--db", envvar="WIREWATCH_DB", default=None, help="database path or postgresql:// URL [default: ./wirewatch.db]")
@click.option("--host", default="127.0.0.1", show_default=True, help="interface to listen on")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--node-modules", type=click.Path(file_okay=False), default=None,
              help="where `npm ci` put the front-end packages [default: found above the package or cwd]")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
@click.option("--create", is_flag=True, help="start with an empty database when --db names none")
@click.option("--tiles", default=None, metavar="URL",
              help="a tile server for the map, e.g. http://127.0.0.1:8080/{z}/{x}/{y}.png [default: $WIREWATCH_TILE_URL; "
                   "none: country borders drawn offline]")
def serve(db: str | None, host: str, port: int, node_modules: str | None, log_level: str, create: bool,
          tiles: str | None) -> None:
    """HTTP API (OpenAPI at /docs) and the web page (map, timeline, claims) at /."""
    import uvicorn

    from ..api import create_app
    from ..errors import WirewatchError
    from ..store import open_store

    settings = Settings()
    if db:
        settings.db = db
    if tiles:
        if not tiles.startswith(("http://", "https://")) or "{z}" not in tiles:
            raise click.UsageError(f"--tiles: expected an http(s) URL with {{z}}, {{x}} and {{y}}, got {tiles!r}")
        settings.tile_url = tiles
    if not settings.db.startswith(("postgresql://", "postgres://")):
        if not Path(settings.db).exists() and not create:
            # a typo in --db used to serve a new, empty database without a word
            raise click.UsageError(f"{settings.db}: no such database (pass --create to start an empty one)")
    try:  # a broken database is one line now, not a 503 on every request later
        open_store(settings.db, settings).close()
    except WirewatchError as e:
        click.echo(f"error: {e}", err=True)
        raise SystemExit(1) from None
    if not _is_loopback(host):
        click.echo(f"warning: serving on {host}, reachable from other machines; the API has no "
                   "authentication for reading", err=True)
    app = create_app(settings.db, settings, node_modules=node_modules)
    missing = app.state.assets.message
    if missing:
        click.echo(f"warning: {missing}", err=True)
    click.echo(f"wirewatch: serving {settings.db} on http://{host}:{port}/ (API docs at /docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level)
