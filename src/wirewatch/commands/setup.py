"""`wirewatch setup`: build the gazetteer index (idempotent; seconds, from installed packages)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..settings import Settings


@click.command("setup")
@click.option("--force", is_flag=True, help="Rebuild even when an index of this version exists.")
@click.option("--path", "path", type=click.Path(path_type=Path), default=None,
              help="Where to write the index (default: the settings' gazetteer path).")
def setup(force: bool, path: Path | None) -> None:
    """Build the gazetteer index used for geocoding."""
    from ..errors import SetupError
    from ..geo.build import build_index, source_fingerprint
    from ..geo.resolve import Gazetteer

    target = path or Settings().gazetteer_path
    if target.exists() and not force:
        try:
            current = Gazetteer(target).meta("fingerprint") == source_fingerprint()
        except SetupError:
            current = False  # unreadable or another schema: rebuild
        if current:
            target.touch()  # so `make` sees the index as newer than the sources
            click.echo(f"gazetteer index {target} is up to date (use --force to rebuild)", err=True)
            return
    if sys.stderr.isatty():
        from rich.progress import Progress
        with Progress(transient=True) as bar:
            task = bar.add_task("gazetteer", total=1.0)
            stats = build_index(target, lambda step, frac: bar.update(task, completed=frac, description=step))
    else:
        stats = build_index(target)
    click.echo(f"gazetteer index {target}: {stats.places} places, {stats.names} names, "
               f"{stats.ruler_patterns} ruler patterns in {stats.seconds:.1f} s", err=True)
