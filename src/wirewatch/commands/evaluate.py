"""`wirewatch evaluate`: per-field accuracy of the pipeline on ACLED, GTD or wirewatch gold data."""
from __future__ import annotations

import contextlib
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click

from ..errors import WirewatchError
from ..evaluate import KINDS, MATCH_RULES, SPLITS, Report, evaluate as run_evaluate
from ..settings import Settings


@click.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=True))
@click.option("--kind", type=click.Choice(("auto",) + KINDS), default="auto", show_default=True,
              help="gold format; auto guesses from the file's columns")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="score only the first N rows (after --split)")
@click.option("--split", type=click.Choice(SPLITS), default="all", show_default=True,
              help="held-back split by country (GTD: by province): dev, heldout or all rows")
@click.option("--match", type=click.Choice(MATCH_RULES), default="first", show_default=True,
              help="which extracted event a row is scored against: the first 'new' one, or the best (diagnostic)")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, writable=True), default=None,
              help="write every miss as JSONL (row, field, gold, predicted, text) to this file")
@click.option("--country", "country", default=None, metavar="CODES",
              help="only rows of these gold countries: ISO2/ISO3 codes or names, comma-separated, or a "
                   "folder of GeoNames dumps (XX.txt.gz ...) for the countries it covers")
@click.option("--top", type=click.IntRange(min=0), default=5, show_default=True,
              help="error patterns shown per field in the table")
def evaluate(gold: str, kind: str, limit: int | None, split: str, match: str, fmt: str,
             errors_path: str | None, top: int, country: str | None) -> None:
    """Run the pipeline on each row of GOLD (ACLED notes, GTD summaries, or a wirewatch gold JSON)
    and print per-field accuracy with 95% confidence intervals."""
    settings = Settings()
    try:
        countries = parse_countries(country) if country else None
    except WirewatchError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    # stdout carries only the report: anything the pipeline prints goes to stderr
    with _open_errors(errors_path) as errors, _progress() as (progress, on_total), \
            contextlib.redirect_stdout(sys.stderr):
        try:
            report = run_evaluate(gold, kind, limit, split=split, match=match, settings=settings,
                                  errors=errors, progress=progress, on_total=on_total,
                                  countries=countries)
        except WirewatchError as e:
            click.echo(f"error: {e}", err=True)
            sys.exit(1)
    if fmt == "json":
        click.echo(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        print_table(report, top)


def parse_countries(spec: str) -> frozenset[str]:
    """ISO3 codes from "UA,SYR,Yemen" or from a folder of GeoNames dumps ("../shared/gazetteer":
    the countries of its XX.txt / XX.txt.gz / XX.zip files). InputError on a name it cannot read."""
    import pycountry

    from ..errors import InputError
    from ..evaluate.countries import country_iso3

    folder = Path(spec)
    if folder.is_dir():
        items = sorted({p.name[:2] for p in folder.iterdir()
                        if len(p.name.split(".")[0]) == 2 and p.name.endswith((".txt", ".txt.gz", ".zip"))})
        if not items:
            raise InputError(spec, "no GeoNames country dumps (XX.txt.gz ...) in this folder")
    else:
        items = [s.strip() for s in spec.split(",") if s.strip()]
    out: set[str] = set()
    for item in items:
        iso3 = None
        if len(item) == 2 and item.isalpha():
            found = pycountry.countries.get(alpha_2=item.upper())
            iso3 = found.alpha_3 if found else None
        iso3 = iso3 or country_iso3(item)
        if not iso3:
            raise InputError(item, "not a country code or name")
        out.add(iso3)
    return frozenset(out)


@contextlib.contextmanager
def _open_errors(path: str | None) -> Iterator[IO[str] | None]:
    if path is None:
        yield None
        return
    with open(path, "w", encoding="utf-8") as f:
        yield f


@contextlib.contextmanager
def _progress() -> Iterator[tuple[Any, Any]]:
    """A rich progress bar on stderr when it is a terminal; silent callbacks otherwise."""
    if not sys.stderr.isatty():
        yield None, None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("reading gold", total=None)
        yield ((lambda k: bar.update(task, advance=k, description="evaluating")),
               (lambda n: bar.update(task, total=n, description="loading the pipeline")))


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def print_table(report: Report, top: int = 5) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    rate = f", {report.rows / report.seconds:.1f} rows/s" if report.seconds else ""
    table = Table(title=f"wirewatch evaluate: {report.kind}, split {report.split}, {report.rows} rows{rate}")
    table.add_column("field", no_wrap=True)
    table.add_column("accuracy [95% CI]", justify="right", no_wrap=True)
    table.add_column("n", justify="right")
    table.add_column("excl.", justify="right")
    for half in report.splits:
        table.add_column(f"{half} (n)", justify="right", no_wrap=True)
    for name, score in report.fields.items():
        lo, hi = score.ci95
        acc = "-" if not score.n else f"{_pct(score.accuracy)} [{lo * 100:.1f}–{hi * 100:.1f}]"
        parts = []
        for part in report.splits.values():
            sub = part.fields.get(name)
            parts.append(f"{_pct(sub.accuracy)} ({sub.n})" if sub else "-")
        table.add_row(name, acc, str(score.n), str(score.excluded), *parts)
    console.print(table)
    if top:
        for name in report.fields:
            patterns = [f"{g} → {p} ×{c}" for g, p, c in report.confusions.top(name, top)]
            patterns += [f"{k} ×{c}" for k, c in report.miss_kinds.get(name, Counter()).most_common(top)]
            if patterns:
                console.print(f"[bold]{name}[/bold] misses: " + "; ".join(patterns), highlight=False)
    if report.mentions:
        console.print("scored events by mention label: " + ", ".join(
            f"{k} {v}" for k, v in report.mentions.most_common()), highlight=False)
    for note in report.notes[:20]:
        console.print(f"note: {note}", highlight=False)
