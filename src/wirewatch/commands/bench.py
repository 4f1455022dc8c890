"""`wirewatch bench`: the throughput benchmark (library: `wirewatch.bench.run_bench`)."""
from __future__ import annotations

import json
import sys

import click

from ..errors import WirewatchError
from ..settings import Settings


@click.command()
@click.option("--articles", "n_articles", type=click.IntRange(min=5), default=None,
              help="size of the mixed corpus, a fifth of it conflict  [default: 2000; 20 with --quick]")
@click.option("--json", "as_json", is_flag=True, help="print the results as JSON; the last line is the contract's summary")
@click.option("--quick", is_flag=True, help="a small smoke run (tests): 20 articles, short triage timing, no dev-set recall")
@click.option("--seed", type=int, default=0, show_default=True, help="seed of the corpus's variations")
def bench(n_articles: int | None, as_json: bool, quick: bool, seed: int) -> None:
    """Time the whole pipeline against a bare spaCy parse, triage, and a mixed feed."""
    from ..bench import run_bench

    n = n_articles or (20 if quick else 2000)
    try:
        with _progress() as step:
            result = run_bench(n, settings=Settings(), seed=seed, quick=quick, progress=step)
    except WirewatchError as e:
        raise click.ClickException(str(e)) from e
    if as_json:
        click.echo(json.dumps(result.to_json(), indent=2))
        click.echo(json.dumps(result.contract()))
    else:
        _print_table(result)


class _progress:
    """A rich progress bar on a terminal (stderr); silent otherwise."""

    def __enter__(self):  # type: ignore[no-untyped-def]
        self._bar = None
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                                 console=Console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("bench", total=1)

        def step(phase: str, done: int, total: int) -> None:
            if self._bar is not None:
                self._bar.update(self._task, description=phase, completed=done, total=total)
        return step

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def _print_table(result) -> None:  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.table import Table

    r = result
    table = Table(title=f"wirewatch bench: {r.articles} articles ({r.conflict_articles} conflict)")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("target", justify="right")
    rows = [
        ("pipeline, conflict articles/s", f"{r.pipeline_articles_per_s:.2f}", ">= 12"),
        ("  per CPU-second", f"{r.pipeline_articles_per_cpu_s:.2f}", ">= 12"),
        ("pipeline, conflict words/s", f"{r.pipeline_words_per_s:,.0f}", ""),
        ("bare nlp.pipe, articles/s", f"{r.parse_articles_per_s:.2f}", ""),
        ("  per CPU-second", f"{r.parse_articles_per_cpu_s:.2f}", ""),
        ("bare nlp.pipe, words/s", f"{r.parse_words_per_s:,.0f}", ""),
        ("pipeline time / parse time", f"{r.ratio_to_parse:.3f}", "<= 1.3"),
        ("  in CPU time", f"{r.ratio_to_parse_cpu:.3f}", "<= 1.3"),
        ("share of text parsed (sentence triage)", f"{r.parsed_share:.1%}", ""),
        ("mixed feed: parse-all time / pipeline time", f"{r.mixed_feed_speedup:.2f}x", ">= 3"),
        ("triage articles/s", f"{r.triage_articles_per_s:,.0f}", ">= 5,000"),
        ("  per CPU-second", f"{r.triage_articles_per_cpu_s:,.0f}", ">= 5,000"),
        ("triage words/s", f"{r.triage_words_per_s:,.0f}", ""),
        (f"triage recall ({r.triage_recall_on})", f"{r.triage_recall:.2%}", ">= 98%"),
        ("triage recall, corpus conflict articles", f"{r.triage_corpus_recall:.2%}", ""),
        ("triage false positives, corpus other articles", f"{r.triage_false_positive_rate:.2%}", ""),
        ("peak RSS, pipeline (MB)", f"{r.peak_rss_mb:,.0f}", "< 1,500"),
    ]
    rows += [(f"stage share: {k}", f"{v:.1%}", "") for k, v in r.stage_shares.items()]
    rows.append(("corpus", ", ".join(f"{k} {v}" for k, v in r.corpus.items()), ""))
    for row in rows:
        table.add_row(*row)
    Console().print(table)
