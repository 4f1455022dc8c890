"""Property: no query string sent to the read API gives a server error, a traceback or a hang:
every parameter of /api/events, /api/export and /api/events/{id} answered 200 or 4xx."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .conftest import EXAMPLE_SECONDS, FUZZ, time_limit

NUMBERS = st.one_of(st.integers(-(2**70), 2**70).map(str), st.sampled_from(["1e309", "nan", "-0", "0x10", "", " 5",
                                                                           "١٢", "9" * 400]))
DATES = st.one_of(st.sampled_from(["2021-02-29", "2020-13-01", "2021", "2021-04", "2021-04-01T10:00:00Z", "",
                                   "0000-01-01", "9999-12-31", "2021-4-1", "20210401"]), st.text(max_size=30))
BBOXES = st.one_of(st.lists(st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(str), NUMBERS),
                            min_size=0, max_size=6).map(",".join), st.text(max_size=40))
FREE = st.text(max_size=200)
PARAMS = st.fixed_dictionaries({}, optional={
    "country": st.one_of(FREE, st.sampled_from(["XBB", "xbb", "Borvia", "' OR 1=1 --"])),
    "since": DATES, "until": DATES, "bbox": BBOXES,
    "event_type": st.one_of(FREE, st.sampled_from(["Battles", "Protests"])),
    "status": st.one_of(FREE, st.sampled_from(["reported", "contested"])),
    "min_fatalities": NUMBERS, "q": st.one_of(FREE, st.sampled_from(['"', "NEAR(", "a* OR", "-", "^"])),
    "limit": NUMBERS, "offset": NUMBERS,
    "format": st.one_of(FREE, st.sampled_from(["json", "geojson", "csv", "jsonl", "parquet"])),
    "view": st.one_of(FREE, st.sampled_from(["full", "summary"])),
})


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    import wirewatch
    from wirewatch.api import create_app
    from wirewatch.settings import Settings
    from wirewatch.store.synthetic import synthetic_articles

    db = tmp_path_factory.mktemp("fuzz-api") / "api.db"
    with wirewatch.open(db) as store:
        store.add_articles(synthetic_articles(40, seed=4))
    with TestClient(create_app(str(db), Settings(db=str(db))), raise_server_exceptions=False) as c:
        yield c


def answered(response: Any) -> None:
    assert response.status_code < 500, (response.status_code, response.text[:300])


@FUZZ
@given(params=PARAMS, path=st.sampled_from(["/api/events", "/api/export", "/api/stats"]))
def test_query_parameters(client: Any, params: dict[str, str], path: str) -> None:
    with time_limit(EXAMPLE_SECONDS):
        answered(client.get(path, params=params))


@FUZZ
@given(event_id=st.text(max_size=300), view=st.sampled_from(["json", "html", "", "x"]))
def test_ids(client: Any, event_id: str, view: str) -> None:
    with time_limit(EXAMPLE_SECONDS):
        quoted = quote(event_id, safe="")  # any id, sent as a well-formed URL
        answered(client.get("/api/events/" + quoted))
        answered(client.get("/api/articles/" + quoted, params={"format": view}))
