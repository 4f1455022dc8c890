"""`wirewatch setup`: build the gazetteer index (idempotent; seconds, from installed packages)."""
from __future__ import annotations

import contextlib
import fcntl
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from ..settings import Settings


@click.command("setup")
@click.option("--force", is_flag=True, help="Rebuild even when an index of this version exists.")
@click.option("--path", "path", type=click.Path(path_type=Path), default=None,
              help="Where to write the index (default: the settings' gazetteer path).")
def setup(force: bool, path: Path | None) -> None:
    """Build the gazetteer index used for geocoding."""
    target = path or Settings().gazetteer_path
    target.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(target.with_name(target.name + ".lock")):  # a second setup waits, then finds it built
        _setup(target, force)


@contextlib.contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _setup(target: Path, force: bool) -> None:
    from ..errors import SetupError
    from ..geo.build import build_index, source_fingerprint
    from ..geo.resolve import Gazetteer

    if target.exists() and not force:
        try:
            current = Gazetteer(target).meta("fingerprint") == source_fingerprint()
        except (SetupError, sqlite3.DatabaseError):
            current = False  # unreadable or another schema: rebuild
        if current:
            target.touch()  # so `make` sees the index as newer than the sources
            click.echo(f"gazetteer index {target} is up to date (use --force to rebuild)", err=True)
            return
    from ..geo.extend import add_sources, loaded_files
    again = loaded_files(target)  # dumps added to the old index are added to the new one
    if sys.stderr.isatty():
        from rich.progress import Progress
        with Progress(transient=True) as bar:
            task = bar.add_task("gazetteer", total=1.0)
            stats = build_index(target, lambda step, frac: bar.update(task, completed=frac, description=step))
    else:
        stats = build_index(target)
    click.echo(f"gazetteer index {target}: {stats.places} places, {stats.names} names, "
               f"{stats.ruler_patterns} ruler patterns in {stats.seconds:.1f} s", err=True)
    if again:
        added = add_sources(target, again, locked=True)
        click.echo(f"added again: {', '.join(r.label for r in added)} ({sum(r.places for r in added)} places)", err=True)
