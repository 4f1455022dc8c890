"""`wirewatch ingest`'s progress: the total it can know before reading, and the bar's counts."""
from __future__ import annotations

import json

from wirewatch.commands.ingest import _done, _progress, known_total
from wirewatch.store.loader import IngestSummary


def test_known_total_counts_files_folders_and_jsonl_lines(tmp_path):
    (tmp_path / "a.txt").write_text("One made-up article.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>Another.</p>")
    (tmp_path / "sub" / "b.meta.json").write_text("{}")                   # metadata, not an input
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("skipped by the reader")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    lines = tmp_path / "many.jsonl"
    lines.write_text("\n".join(json.dumps({"text": f"made-up {i}"}) for i in range(7)) + "\n\n")
    assert known_total((str(tmp_path / "a.txt"),)) == 1
    assert known_total((str(lines),)) == 7
    assert known_total((str(tmp_path),)) == 1 + 1 + 7
    assert known_total((str(tmp_path / "a.txt"), str(tmp_path / "missing.txt"))) == 2
    assert known_total(("https://example.org/feed.xml",)) is None             # a feed's length is inside it
    assert known_total(("-",)) is None
    (tmp_path / "x.warc").write_bytes(b"WARC/1.0\r\n")
    assert known_total((str(tmp_path),)) is None


def test_progress_counts_what_is_done():
    s = IngestSummary(fetched=5, new=3, duplicates=1, not_modified=2)
    s.rejected.append(("bad.txt", "empty"))
    assert _done(s) == 3 + 1 + 1 + 2
    with _progress("ingest", 10) as update:                                  # not a terminal: no display
        assert update is None
