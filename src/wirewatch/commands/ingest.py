"""`wirewatch ingest SOURCE...` and `wirewatch watch FEED...`: fetch, clean, extract and store.
A thin layer over `wirewatch.store.loader.ingest`."""
from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator
from typing import Any

import click

from ..errors import WirewatchError
from ..settings import Settings
from ..store import open_store
from ..store.loader import ENGINES, IngestSummary, Progress, ingest as run_ingest


def _common(f: Any) -> Any:
    options = [
        click.option("--db", default=None, help="database path or postgresql:// URL [default: $WIREWATCH_DB or ./wirewatch.db]"),
        click.option("--allow-private", is_flag=True, help="allow fetching loopback, private and link-local addresses"),
        click.option("--published", default=None, help="publication date for inputs that lack one"),
        click.option("--publisher", default=None, help="publisher name for inputs that lack one"),
        click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
                     help="where cleaning and extraction run: this process, or a Dask cluster"),
        click.option("--scheduler", default=None, metavar="ADDRESS",
                     help="with --engine dask: an existing Dask scheduler (tcp://host:8786) [default: a LocalCluster]"),
        click.option("--no-extract", is_flag=True, help="store articles without running the event pipeline"),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def known_total(sources: tuple[str, ...]) -> int | None:
    """How many documents the sources hold, when that can be known without reading them: files
    and folders of files (a JSONL file: its non-blank lines). None for URLs, stdin, feeds and
    WARC files (their length is only known once read)."""
    from pathlib import Path

    from ..ingest.reader import ARTICLE_SUFFIXES

    def of_file(path: Path) -> int | None:
        name = path.name.casefold()
        if name.endswith((".jsonl", ".ndjson")):
            with path.open("rb") as fh:
                return sum(1 for line in fh if line.strip())
        if name.endswith((".warc", ".warc.gz", ".arc.gz", ".rss", ".atom", ".xml", ".json")):
            return None   # a feed, an archive or a JSON array: its count is inside
        return 1

    total = 0
    for source in sources:
        if source == "-" or source.casefold().startswith(("http://", "https://")):
            return None
        path = Path(source[7:] if source.startswith("file://") else source)
        if path.is_dir():
            files = [p for p in path.rglob("*") if p.is_file()
                     and not any(part.startswith(".") for part in p.relative_to(path).parts)
                     and p.name.casefold().endswith(ARTICLE_SUFFIXES)
                     and not p.name.casefold().endswith("meta.json")]
        elif path.is_file():
            files = [path]
        else:
            files = []   # rejected on reading: counts as one
            total += 1
        for f in files:
            n = of_file(f)
            if n is None:
                return None
            total += n
    return total


def _done(s: IngestSummary) -> int:
    return s.new + s.duplicates + len(s.rejected) + s.not_modified


@contextlib.contextmanager
def _progress(label: str, total: int | None = None) -> Iterator[Progress | None]:
    """A rich progress display on stderr when it is a terminal: with a known total (files,
    folders, JSONL) a bar with the percentage, the rate and the time left; otherwise (feeds,
    URLs, WARC) a spinner with the counts and the rate."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress as Bar, SpinnerColumn, TaskProgressColumn,
                               TextColumn, TimeElapsedColumn, TimeRemainingColumn)
    columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}")]
    if total is not None:
        columns += [BarColumn(), MofNCompleteColumn(), TaskProgressColumn(), TimeRemainingColumn()]
    columns += [TextColumn("{task.fields[rate]}"), TimeElapsedColumn()]
    with Bar(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total, rate="")
        started = time.monotonic()

        def update(stage: str, s: IngestSummary) -> None:
            done = _done(s)
            elapsed = max(time.monotonic() - started, 1e-6)
            bar.update(task, completed=done, rate=f"{done / elapsed:.1f} docs/s",
                       description=f"{label}: {s.fetched} read, {s.new} new, {s.duplicates} duplicates, "
                                   f"{len(s.rejected)} rejected")
        yield update


UNDATED_SHOWN = 20   # undated articles named one by one; past it, a count


def _report(summary: IngestSummary) -> None:
    for source, reason in summary.rejected:
        click.echo(f"{source}: {reason}", err=True)
    # stored, but their event dates rest on a guessed year: the analyst should know which
    for source, why in summary.undated[:UNDATED_SHOWN]:
        click.echo(f"{source}: {why}", err=True)
    if len(summary.undated) > UNDATED_SHOWN:
        click.echo(f"... and {len(summary.undated) - UNDATED_SHOWN} more undated", err=True)
    s = summary.as_dict()
    undated = f" ({s['undated']} undated)" if s["undated"] else ""
    click.echo(f"fetched {s['fetched']}, new {s['new']}{undated}, duplicates {s['duplicates']}, "
               f"not modified {s['not_modified']}, rejected {s['rejected']}; "
               f"events new {s['events_new']}, updated {s['events_updated']}", err=True)
    reasons: dict[str, int] = {}
    for _, reason in summary.rejected:
        reasons[reason] = reasons.get(reason, 0) + 1
    for reason, n in sorted(reasons.items(), key=lambda kv: -kv[1]):
        click.echo(f"  rejected {n}: {reason}", err=True)


def _run(sources: tuple[str, ...], db: str | None, allow_private: bool, published: str | None,
         publisher: str | None, engine: str, no_extract: bool, label: str,
         scheduler: str | None = None) -> IngestSummary:
    settings = Settings(allow_private=allow_private)
    overrides = {k: v for k, v in (("published", published), ("publisher", publisher)) if v}
    store = open_store(db, settings)
    try:
        with _progress(label, known_total(sources)) as progress:
            return run_ingest(sources, store, settings, overrides=overrides or None,
                              extract=not no_extract, engine=engine, progress=progress, scheduler=scheduler)
    finally:
        store.close()


@click.command()
@click.argument("sources", nargs=-1, required=True)
@_common
def ingest(sources: tuple[str, ...], db: str | None, allow_private: bool, published: str | None,
           publisher: str | None, engine: str, scheduler: str | None, no_extract: bool) -> None:
    """Fetch and store SOURCES: RSS/Atom feed URLs, page URLs, files, folders, JSONL of
    articles, WARC files. Idempotent: what is stored already is skipped.

    Exit status 1 when some input was rejected (each on stderr as "SOURCE: reason")."""
    try:
        summary = _run(sources, db, allow_private, published, publisher, engine, no_extract, "ingest", scheduler)
    except WirewatchError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    _report(summary)
    sys.exit(1 if summary.rejected else 0)


@click.command()
@click.argument("feeds", nargs=-1, required=True)
@_common
@click.option("--interval", type=click.FloatRange(min=1), default=300, show_default=True,
              help="seconds between polls")
@click.option("--once", is_flag=True, help="poll once and exit")
def watch(feeds: tuple[str, ...], db: str | None, allow_private: bool, published: str | None,
          publisher: str | None, engine: str, scheduler: str | None, no_extract: bool, interval: float,
          once: bool) -> None:
    """Poll FEEDS every --interval seconds and store only what is new (conditional GET: an
    unchanged feed costs one 304)."""
    rejected = False
    while True:
        try:
            summary = _run(feeds, db, allow_private, published, publisher, engine, no_extract, "watch", scheduler)
        except WirewatchError as e:
            click.echo(f"error: {e}", err=True)
            sys.exit(1)
        click.echo(time.strftime("%Y-%m-%dT%H:%M:%SZ ", time.gmtime()), err=True, nl=False)
        _report(summary)
        rejected = rejected or bool(summary.rejected)
        if once:
            sys.exit(1 if rejected else 0)
        try:
            time.sleep(interval)
        except KeyboardInterrupt:
            sys.exit(1 if rejected else 0)
