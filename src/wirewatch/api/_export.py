"""Exports streamed in pages: the whole event set is never in memory, each page is encoded
and sent before the next is read, and at most `EXPORT_SLOTS` exports run at once (the next one
is told to retry: 429), so exports cannot starve the other requests.

One export reads one snapshot of the database (a read transaction on its own read-only
connection, WAL), so rows written meanwhile neither shift nor duplicate its pages."""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

from ..model import Event

PAGE = 500           # events per database read
CHUNK = 1 << 20      # bytes per piece of a parquet file sent


def _dump(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


def export_chunks(fetch: Callable[[int, int], list[Event]], fmt: str) -> Iterator[bytes]:
    """The export as byte chunks; `fetch(offset, limit)` reads one page of events in order."""
    from ..store.export import COLUMNS, csv_cells, export_row  # the one column set of every export

    def pages() -> Iterator[list[Event]]:
        offset = 0
        while True:
            page = fetch(offset, PAGE)
            if page:
                yield page
            if len(page) < PAGE:
                return
            offset += len(page)

    if fmt == "parquet":
        yield from _parquet_chunks(pages())
        return
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(COLUMNS)
        for page in pages():
            for e in page:
                writer.writerow(csv_cells(export_row(e)))
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
        if buf.tell():
            yield buf.getvalue().encode("utf-8")
        return
    if fmt == "jsonl":
        for page in pages():
            yield "".join(_dump(export_row(e)) + "\n" for e in page).encode("utf-8")
        return
    if fmt == "json":
        yield b'{"events": ['
        first = True
        for page in pages():
            body = ",\n".join(_dump(export_row(e)) for e in page)
            yield (("\n" if first else ",\n") + body).encode("utf-8")
            first = False
        yield b"\n]}\n"
        return
    if fmt == "geojson":
        yield b'{"type": "FeatureCollection", "features": ['
        skipped, first = 0, True
        for page in pages():
            parts = []
            for e in page:
                if e.latitude is None or e.longitude is None:
                    skipped += 1
                    continue
                parts.append(_dump({"type": "Feature", "id": e.event_id,
                                    "geometry": {"type": "Point", "coordinates": [e.longitude, e.latitude]},
                                    "properties": export_row(e)}))
            if parts:
                yield (("\n" if first else ",\n") + ",\n".join(parts)).encode("utf-8")
                first = False
        yield f'], "skipped_without_coordinates": {skipped}}}\n'.encode()
        return
    raise ValueError(f"unknown export format {fmt!r}")


def _parquet_chunks(pages: Iterator[list[Event]]) -> Iterator[bytes]:
    """Parquet needs its footer last: row groups go to a temporary file page by page (memory
    stays one page), then the file is sent in pieces and removed."""
    import pyarrow.parquet as pq

    from ..store.export import arrow_schema, arrow_table, export_row  # the one parquet layout

    schema = arrow_schema()
    fd, path = tempfile.mkstemp(prefix="wirewatch-export-", suffix=".parquet")
    os.close(fd)
    try:
        with pq.ParquetWriter(path, schema) as writer:
            wrote = False
            for page in pages:
                writer.write_table(arrow_table([export_row(e) for e in page], schema))
                wrote = True
            if not wrote:
                writer.write_table(arrow_table([], schema))
        with open(path, "rb") as fh:
            while chunk := fh.read(CHUNK):
                yield chunk
    finally:
        os.unlink(path)


async def stream_in_threads(chunks: Iterator[bytes], release: Callable[[], None]) -> AsyncIterator[bytes]:
    """`chunks` produced on worker threads, one at a time, for a StreamingResponse; `release`
    runs when the export ends, fails or the client goes away (the generator is closed then)."""
    import anyio

    def step() -> bytes | None:
        return next(chunks, None)

    try:
        while (chunk := await anyio.to_thread.run_sync(step)) is not None:
            yield chunk
    finally:
        with anyio.CancelScope(shield=True):
            await anyio.to_thread.run_sync(_close_then, chunks, release)


def _close_then(chunks: Iterator[bytes], release: Callable[[], None]) -> None:
    try:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()
    finally:
        release()
