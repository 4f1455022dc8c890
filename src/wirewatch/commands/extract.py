"""`wirewatch extract`: the pipeline on documents, no database."""
from __future__ import annotations

import json
import sys

import click

from ..model import Article, to_dict
from ..settings import Settings


def article_json(a: Article) -> dict:
    d = to_dict(a)
    d.pop("source", None)
    return d


def print_table(articles: list[Article], explain: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table
    console = Console(width=max(Console().width, 140))
    for a in articles:
        console.print(f"[bold]{a.title or a.source}[/bold]  {a.publisher or ''} {('via ' + a.wire_agency) if a.wire_agency else ''} "
                      f"{a.published or ''}  relevant={a.relevant}")
        if not a.events:
            console.print("  (no events)\n")
            continue
        t = Table(show_lines=False, expand=True)
        for col in ("mention", "date", "sub-event type", "actors", "place", "killed", "injured", "status"):
            t.add_column(col)
        if explain:
            t.add_column("decided by")
        for e in a.events:
            actors = " vs ".join(x for x in (e.actor1, e.actor2) if x) or "-"
            place = ", ".join(x for x in (e.location, e.country) if x) or "-"
            row = [e.mention, e.event_date or "-", e.sub_event_type or e.event_type or "-", actors, place,
                   "-" if e.fatalities is None else str(e.fatalities), "-" if e.injuries is None else str(e.injuries), e.status]
            t.add_row(*row, *([e.decided_by or "-"] if explain else []))
        console.print(t)
        claims = [(e.event_id, c) for e in a.events for c in e.claims]
        if claims:
            ct = Table(title="claims", expand=True)
            for col in ("event", "stance", "party", "speaker", "quote"):
                ct.add_column(col)
            for eid, c in claims:
                ct.add_row(eid.rsplit("-", 1)[-1], c.stance, c.claimant_country or c.claimant or "-", c.speaker or "-",
                           (c.quote or "")[:120])
            console.print(ct)
        console.print()


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--published", help="Publication date (ISO); overrides what the documents say.")
@click.option("--publisher", help="Publisher name; overrides what the documents say.")
@click.option("--url", help="URL of the document (single input).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table", show_default=True)
@click.option("--allow-private", is_flag=True, help="Allow fetching from private/loopback addresses.")
@click.option("--explain", is_flag=True,
              help="Show which rule or model decided each event's type, sub-event type and interaction (table format; "
                   "JSON always carries it as decided_by).")
def extract(inputs: tuple[str, ...], published: str | None, publisher: str | None, url: str | None, fmt: str,
            allow_private: bool, explain: bool) -> None:
    """Run the whole pipeline on FILE_OR_URL... (text, HTML, feed, JSONL, WARC) and print the events."""
    from ..pipeline import extract as run
    settings = Settings(allow_private=allow_private)
    result = run(list(inputs), settings, published=published, publisher=publisher, url=url)
    for err in result.errors:
        click.echo(str(err), err=True)  # "INPUT: reason", as ingest prints it
    if fmt == "json":
        json.dump({"articles": [article_json(a) for a in result.articles]}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif fmt == "jsonl":
        for a in result.articles:
            sys.stdout.write(json.dumps(article_json(a), ensure_ascii=False) + "\n")
    else:
        print_table(result.articles, explain)
    if result.errors:
        sys.exit(1)
