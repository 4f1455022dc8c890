"""`wirewatch setup`: idempotent, and a missing index is a SetupError naming the command."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from wirewatch.errors import SetupError
from wirewatch.geo import Gazetteer


def test_setup_is_idempotent(settings, gazetteer) -> None:
    from wirewatch.cli import main
    result = CliRunner().invoke(main, ["setup", "--path", str(settings.gazetteer_path)])
    assert result.exit_code == 0
    assert "up to date" in result.output


def test_missing_index_says_run_setup(tmp_path) -> None:
    with pytest.raises(SetupError, match="wirewatch setup"):
        Gazetteer(tmp_path / "absent.sqlite")


def test_stale_index_is_refused(tmp_path, settings) -> None:
    """An index whose fingerprint differs from the sources is not used silently."""
    import shutil
    import sqlite3
    from dataclasses import replace

    from wirewatch.geo import get_gazetteer
    stale = replace(settings, data_dir=tmp_path)
    shutil.copy(settings.gazetteer_path, stale.gazetteer_path)
    with sqlite3.connect(stale.gazetteer_path) as db:
        db.execute("UPDATE meta SET value = 'other' WHERE key = 'fingerprint'")
    with pytest.raises(SetupError, match="wirewatch setup"):
        get_gazetteer(stale)
