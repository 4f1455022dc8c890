"""`wirewatch gazetteer add|list|remove`: GeoNames country dumps added to the set-up index."""
from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..errors import WirewatchError
from ..settings import Settings

_PATH = click.option("--path", "path", type=click.Path(path_type=Path), default=None,
                     help="The index (default: the settings' gazetteer path).")


@click.group("gazetteer")
def gazetteer() -> None:
    """Add GeoNames dumps (villages, districts) to the gazetteer index, list or remove them."""


@gazetteer.command("add")
@click.argument("sources", nargs=-1, required=True)
@_PATH
@click.option("--base-url", default=None, help="Where bare country codes are downloaded from "
              "(default: https://download.geonames.org/export/dump/).")
def add(sources: tuple[str, ...], path: Path | None, base_url: str | None) -> None:
    """Add SOURCES: dump files (XX.txt, XX.txt.gz, XX.zip, allCountries.zip, cities1000.zip), folders
    of them, or country codes (UA), which are downloaded from GeoNames. Loading a file again is a
    no-op; a new version of a loaded file replaces it."""
    from ..geo.extend import GEONAMES_DUMP_URL, add_sources

    settings = Settings()
    target = path or settings.gazetteer_path
    try:
        with _progress() as progress:
            results = add_sources(target, list(sources), settings=settings, progress=progress,
                                  base_url=base_url or GEONAMES_DUMP_URL)
    except WirewatchError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    for r in results:
        if r.skipped:
            click.echo(f"{r.label}: {r.skipped} (sha256 {r.sha256[:16]})", err=True)
            continue
        bad = f", {r.bad_lines} malformed lines skipped" if r.bad_lines else ""
        click.echo(f"{r.label}: {r.places} places added, {r.merged} known places gained names, {r.names} names "
                   f"in {r.seconds:.1f} s{bad} (sha256 {r.sha256[:16]})", err=True)
    click.echo(f"gazetteer index {target}: {target.stat().st_size / 1e6:.0f} MB", err=True)


@gazetteer.command("list")
@_PATH
def list_(path: Path | None) -> None:
    """What is loaded beyond the set-up index, and from where."""
    from ..geo.extend import list_sources

    target = path or Settings().gazetteer_path
    try:
        sources = list_sources(target)
    except WirewatchError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    click.echo(f"{target}: cities500 (set-up) + {len(sources)} dump(s)")
    for s in sources:
        click.echo(f"{s.label}\t{','.join(s.countries)}\t{s.places} places\t{s.names} names\t{s.added}\t"
                   f"sha256:{s.sha256[:16]}\t{s.origin}")


@gazetteer.command("remove")
@click.argument("what")
@_PATH
def remove(what: str, path: Path | None) -> None:
    """Remove what dumps added for a country (UA) or what one loaded file added (UA.zip)."""
    from ..geo.extend import remove_source

    target = path or Settings().gazetteer_path
    try:
        places, names = remove_source(target, what)
    except WirewatchError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    click.echo(f"removed {places} places and {names} names ({what})", err=True)


class _progress:
    """A rich progress line on a terminal (file, places read or bytes downloaded); silent otherwise."""

    bar: Any

    def __enter__(self) -> Callable[[str, int], None] | None:
        if not sys.stderr.isatty():
            self.bar = None
            return None
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed:,}"),
                            TimeElapsedColumn(), console=Console(stderr=True), transient=True)
        self.bar.__enter__()
        self.task = self.bar.add_task("gazetteer", total=None)
        return lambda what, n: self.bar.update(self.task, description=what, completed=n)

    def __exit__(self, *exc: Any) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)
