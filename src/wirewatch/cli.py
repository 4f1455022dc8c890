"""The `wirewatch` command: a thin click layer. Each command lives in `wirewatch.commands.<name>`
and is imported only when invoked, so `wirewatch --help` stays fast and one broken extra
(say, the web server's dependencies) does not take down the others."""
from __future__ import annotations

import importlib

import click

COMMANDS = {
    "extract": "wirewatch.commands.extract:extract",
    "ingest": "wirewatch.commands.ingest:ingest",
    "watch": "wirewatch.commands.ingest:watch",
    "events": "wirewatch.commands.events:events",
    "fusion": "wirewatch.commands.fusion:fusion",
    "aggregate": "wirewatch.commands.aggregate:aggregate",
    "evaluate": "wirewatch.commands.evaluate:evaluate",
    "serve": "wirewatch.commands.serve:serve",
    "bench": "wirewatch.commands.bench:bench",
    "setup": "wirewatch.commands.setup:setup",
    "gazetteer": "wirewatch.commands.gazetteer:gazetteer",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        try:
            return getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError) as e:
            if ctx.resilient_parsing:  # shell completion / --help listing
                return None
            raise click.ClickException(f"command {name!r} is not available: {e}") from e


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="wirewatch")
def main() -> None:
    """wirewatch: conflict news in, source-attributed ACLED-style events out."""


if __name__ == "__main__":
    main()
