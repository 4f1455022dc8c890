"""`wirewatch extract` end to end: the seed story and its HTML copy against the gold, bad inputs."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from wirewatch.cli import main

SCORE = Path(__file__).resolve().parents[2].parent / "shared" / "tools" / "score_extract.py"


def run_extract(*args):
    result = CliRunner().invoke(main, ["extract", *map(str, args)])
    return result


@pytest.mark.parametrize("doc", ["ganja/article.txt", "feed/articles/bs-ganja.html"])
def test_seed_story_scores_clean_against_gold(shared_fixtures, tmp_path, doc):
    result = run_extract(shared_fixtures / doc, "--format", "json")
    assert result.exit_code == 0, result.output
    out = tmp_path / "out.json"
    out.write_text(result.stdout)
    score = subprocess.run([sys.executable, str(SCORE), str(out), str(shared_fixtures / "ganja" / "gold.json")],
                           capture_output=True, text=True)
    assert score.stdout.strip().endswith(" 0 failed"), score.stdout


def test_non_conflict_story_has_no_events(shared_fixtures):
    result = run_extract(shared_fixtures / "feed/articles/cricket.html", "--format", "json")
    art = json.loads(result.stdout)["articles"][0]
    assert art["events"] == []
    assert art["relevant"] is False


def test_bad_inputs_are_reported_and_the_rest_processed(shared_fixtures, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    german = tmp_path / "de.txt"
    german.write_text("Die Regierung hat am Montag angekündigt, dass die Verhandlungen mit den Gewerkschaften "
                      "fortgesetzt werden sollen, und die Opposition kritisierte den Plan scharf. " * 3)
    nobody = tmp_path / "nav.html"
    nobody.write_text("<html><body><nav><a href='/'>Home</a> <a href='/x'>World</a></nav></body></html>")
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:  # sparse: 50 MB without writing 50 MB
        f.seek(50 * 1024 * 1024 - 1)
        f.write(b"x")
    result = run_extract(empty, binary, german, nobody, big, shared_fixtures / "ganja/article.txt", "--format", "json")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 5, errors
    for path in (empty, binary, german, nobody, big):
        assert sum(str(path) in line for line in errors) == 1, (path, errors)
    arts = json.loads(result.stdout)["articles"]
    assert len(arts) == 1 and arts[0]["events"]


def test_explain_shows_what_decided_each_event(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("On 3 March 2021, gunmen attacked a police checkpoint in Kaduna, killing two officers.\n")
    result = CliRunner().invoke(main, ["extract", str(story), "--published", "2021-03-04", "--explain"], env={"COLUMNS": "240"})
    assert result.exit_code == 0, result.output
    assert "decided by" in result.output
    out = CliRunner().invoke(main, ["extract", str(story), "--published", "2021-03-04", "--format", "json"])
    [event] = json.loads(out.stdout)["articles"][0]["events"]
    assert event["decided_by"].startswith("event_type: ")
    assert "sub_event_type: " in event["decided_by"]
