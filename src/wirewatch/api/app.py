"""The HTTP API and the web page: `create_app(store, settings) -> FastAPI`.

Read-only unless a token is configured: then `POST /api/articles` (with `Authorization: Bearer
TOKEN`) submits a URL or a text through the pipeline into the store.
"""
from __future__ import annotations

import hmac
import io
import logging
import time
from contextlib import asynccontextmanager
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles

from ..errors import InputError, StoreError
from ..settings import Settings
from ._answers import AnswerCache, file_stamp
from ._assets import WEB_DIR, VendorAssets, vendor_assets
from ..store.filters import FILTER_HELP, FILTER_NAMES, MAX_LIMIT, EventFilters, FilterError, parse_bbox, parse_filters, parse_paging, parse_sort
from ._serialize import article_html, article_json, columns_json, dumps, event_json, event_summary, feature_collection
from ._export import export_chunks, stream_in_threads
from ._store import ExportBusy, StoreLike, StoreProvider, StoreUnavailable, attribute_claims, stats_with_breakdown
from ._places import PlaceNames
from ._submit import Processor, Submission, pipeline_processor

log = logging.getLogger("wirewatch.api")
T = TypeVar("T")

GEOJSON = "application/geo+json"
EXPORT_TYPES = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "json": ("application/json", "json"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "geojson": (GEOJSON, "geojson"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
}


def create_app(
    store: str | Path | StoreLike | None = None,
    settings: Settings | None = None,
    *,
    node_modules: str | Path | None = None,
    processor: Processor | None = None,
) -> FastAPI:
    """The app over `store`: a path or URL (opened with `wirewatch.open` on the API's one store
    thread), or a store object usable from any thread (not a SQLite store made elsewhere).

    `node_modules` overrides where the front-end packages are found; `processor` replaces the
    pipeline behind `POST /api/articles` (tests, other front ends).
    """
    settings = settings or Settings()
    source: str | StoreLike = store if isinstance(store, StoreLike) else str(store or settings.db)
    provider = StoreProvider(source)
    assets = vendor_assets(node_modules)
    if assets.message:
        log.error("%s", assets.message)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        provider.close()

    local_docs = "swagger-ui" in assets.folders
    app = FastAPI(
        title="wirewatch",
        version="0.1.0",
        summary="Source-attributed conflict events from the news: map, timeline, claims.",
        lifespan=lifespan,
        # FastAPI's own /docs and /redoc load their scripts from a CDN: neither is served; /docs
        # comes from npm's swagger-ui-dist when installed
        docs_url=None,
        redoc_url=None,
    )
    if local_docs:
        _add_local_docs(app)
    else:
        _add_docs_without_swagger(app)
    app.state.store_provider = provider
    app.state.settings = settings
    app.state.assets = assets
    app.state.processor = processor
    app.state.place_names = PlaceNames(settings.gazetteer_path)
    app.state.answers = AnswerCache()

    _install_errors(app)
    _install_security_headers(app, settings)
    _mount_static(app, assets)
    _add_page_routes(app, settings, assets)
    _add_event_routes(app)
    _add_article_routes(app, settings)
    return app


# ---- plumbing ---------------------------------------------------------------------------------

def _provider(request: Request) -> StoreProvider:
    provider: StoreProvider = request.app.state.store_provider
    return provider


async def _on_store(request: Request, work: Callable[[StoreLike], T], *, write: bool = False) -> T:
    """Run `work(store)` on a reader's read-only connection (or, `write`, on the writer thread);
    a store that cannot be opened is a 503."""
    provider = _provider(request)
    try:
        return await (provider.run(work) if write else provider.read(work))
    except StoreUnavailable as e:  # the store's own message names the database and the reason
        raise HTTPException(503, f"database {provider.path or ''}: {e.__cause__ or e}") from e


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(FilterError)
    async def _filter_error(request: Request, exc: FilterError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(InputError)
    async def _input_error(request: Request, exc: InputError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"detail": f"database: {exc}"}, status_code=500)


def _csp(settings: Settings) -> str:
    img = ["'self'", "data:"]
    if settings.tile_url:
        parts = urlsplit(settings.tile_url.replace("{s}", "x"))
        host = (parts.hostname or "").replace("x.", "*.", 1) if "{s}" in settings.tile_url else parts.hostname
        img.append(f"{parts.scheme}://{host}{f':{parts.port}' if parts.port else ''}" if host else "https:")
    # No inline scripts at all: even if a string slipped into the page as HTML it could not run.
    return ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            f"img-src {' '.join(img)}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            "frame-ancestors 'none'")


def _install_security_headers(app: FastAPI, settings: Settings) -> None:
    csp = _csp(settings)
    docs_paths = ("/docs", "/redoc", "/openapi.json")

    app.add_middleware(_SecurityHeaders, csp=csp, skip=docs_paths)


class _SecurityHeaders:
    """Plain ASGI middleware (cheaper than @app.middleware): CSP and friends on every response.
    FastAPI's /docs page loads Swagger UI from a CDN, so it is left without the CSP."""

    def __init__(self, app: Any, csp: str, skip: tuple[str, ...]):
        self.app = app
        self.skip = skip
        self.common = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
        self.csp = (b"content-security-policy", csp.encode())

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self.common if str(scope.get("path", "")).startswith(self.skip) else [*self.common, self.csp]

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in extra if h[0] not in present)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _mount_static(app: FastAPI, assets: VendorAssets) -> None:
    app.mount("/static/app", StaticFiles(directory=WEB_DIR), name="web")
    for prefix, folder in assets.folders.items():
        app.mount(f"/static/vendor/{prefix}", StaticFiles(directory=folder), name=f"vendor-{prefix}")

    @app.get("/static/vendor/{rest:path}", include_in_schema=False)
    async def _vendor_missing(rest: str) -> JSONResponse:
        return JSONResponse({"detail": assets.message or f"no such vendor file: {rest}"}, status_code=404)


def _add_local_docs(app: FastAPI) -> None:
    """Swagger UI from npm's swagger-ui-dist instead of a CDN, so /docs works offline."""
    from fastapi.openapi.docs import get_swagger_ui_html

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="wirewatch API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
        )


def _add_docs_without_swagger(app: FastAPI) -> None:
    """Without swagger-ui-dist installed, /docs says so and links the schema (no CDN fallback)."""
    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse("<!DOCTYPE html><title>wirewatch API</title><p>The interactive API page needs the "
                            "front-end packages (<code>npm ci</code>, swagger-ui-dist). The OpenAPI schema: "
                            "<a href='/openapi.json'>/openapi.json</a>.</p>")


# ---- the page ---------------------------------------------------------------------------------

def _add_page_routes(app: FastAPI, settings: Settings, assets: VendorAssets) -> None:
    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", media_type="text/html")

    @app.get("/api/config", tags=["page"])
    async def config() -> dict[str, Any]:
        """What the page needs to know about this server."""
        return {
            "tile_url": settings.tile_url,
            "submit_enabled": bool(settings.api_token),
            "max_limit": MAX_LIMIT,
            "assets_missing": assets.missing,
            "assets_message": assets.message,
        }


# ---- events -----------------------------------------------------------------------------------

def _q(name: str) -> Any:
    return Query(description=FILTER_HELP[name])


async def _filters(
    request: Request,
    country: Annotated[str | None, _q("country")] = None,
    since: Annotated[str | None, _q("since")] = None,
    until: Annotated[str | None, _q("until")] = None,
    bbox: Annotated[str | None, _q("bbox")] = None,
    event_type: Annotated[str | None, _q("event_type")] = None,
    sub_event_type: Annotated[str | None, _q("sub_event_type")] = None,
    actor: Annotated[str | None, _q("actor")] = None,
    admin1: Annotated[str | None, _q("admin1")] = None,
    admin2: Annotated[str | None, _q("admin2")] = None,
    interaction: Annotated[str | None, _q("interaction")] = None,
    source: Annotated[str | None, _q("source")] = None,
    geo_precision: Annotated[str | None, _q("geo_precision")] = None,
    time_precision: Annotated[str | None, _q("time_precision")] = None,
    status: Annotated[str | None, _q("status")] = None,
    min_fatalities: Annotated[str | None, _q("min_fatalities")] = None,
    q: Annotated[str | None, _q("q")] = None,
) -> EventFilters:
    given = dict(locals())
    raw = {k: given[k] for k in FILTER_NAMES}
    _refuse_unknown(request)
    return parse_filters(**raw)


# what each route takes besides the filters (an unknown parameter is a 422, never ignored)
_ROUTE_PARAMS = {
    "/api/events": {"limit", "offset", "format", "view", "sort"},
    "/api/export": {"format", "sort"},
    "/api/export/claims": {"format"},
    "/api/aggregate": {"by", "format"},
    "/api/map": set(),
    "/api/places": {"bbox", "zoom"},
}


def _refuse_unknown(request: Request) -> None:
    path = request.url.path
    # /api/places takes no filters: only its own two
    allowed = _ROUTE_PARAMS[path] if path == "/api/places" else set(FILTER_NAMES) | _ROUTE_PARAMS.get(path, set())
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise FilterError(", ".join(unknown), f"unknown parameter{'s' if len(unknown) > 1 else ''} "
                                               f"(this endpoint takes {', '.join(sorted(allowed))})")


FiltersDep = Annotated[EventFilters, Depends(_filters)]


def _wants_geojson(fmt: str | None, accept: str | None) -> bool:
    if fmt:
        return fmt == "geojson"
    return bool(accept) and GEOJSON in str(accept)


def _add_event_routes(app: FastAPI) -> None:
    @app.get("/api/events", tags=["events"],
             responses={200: {"content": {GEOJSON: {}}, "description": "JSON page or GeoJSON FeatureCollection"}})
    async def list_events(
        request: Request,
        filters: FiltersDep,
        limit: Annotated[str | None, Query(description=f"page size, 1..{MAX_LIMIT}")] = None,
        offset: Annotated[str | None, Query(description="rows to skip")] = None,
        sort: Annotated[str | None, Query(description="column(s) to sort by, comma-separated; '-' in front: descending (e.g. -fatalities,event_date); default: oldest first")] = None,
        format: Annotated[Literal["json", "geojson"] | None, Query(description="or Accept: application/geo+json")] = None,
        view: Annotated[Literal["full", "summary"], Query(description="summary: only the fields a map needs")] = "full",
        accept: Annotated[str | None, Header()] = None,
    ) -> Response:
        """Fused events matching the filters (oldest first), one page at a time, with the total."""
        lim, off = parse_paging(limit, offset)
        assert lim is not None
        kwargs = filters.store_kwargs()
        order = parse_sort(sort)
        geojson = _wants_geojson(format, accept)

        def work(store: StoreLike) -> tuple[bytes, str]:
            t0, cpu0 = time.perf_counter(), time.thread_time()
            records = store.event_records(**kwargs, limit=lim, offset=off, sort=order)
            # A short page is the last one: its length gives the total without a second query.
            short = len(records) < lim and (records or off == 0)
            total = off + len(records) if short else store.count_events(**kwargs)
            t1 = time.perf_counter()
            rows = [event_summary(e) if view == "summary" else event_json(e) for e in records]
            if geojson:
                body = dumps(feature_collection(rows, total=total, limit=lim, offset=off))
            else:
                body = dumps({"total": total, "limit": lim, "offset": off, "events": rows})
            t2, cpu = time.perf_counter(), time.thread_time() - cpu0
            # cpu: this thread's CPU time, which a busy machine does not inflate as it does wall time
            return body, f"db;dur={(t1 - t0) * 1000:.2f}, json;dur={(t2 - t1) * 1000:.2f}, cpu;dur={cpu * 1000:.2f}"

        body, timing = await _on_store(request, work)
        # Server-Timing: where the time went (the database, the serialisation), for browsers' dev tools and the benchmark.
        return Response(body, media_type=GEOJSON if geojson else "application/json", headers={"Server-Timing": timing})

    @app.get("/api/map", tags=["page"])
    async def map_points(request: Request, filters: FiltersDep) -> Response:
        """Every event matching the filters with the fields the map, the timeline and the list need
        (`columns`: one array per field, repetitive text as `{values, codes}`), in one answer read
        from the table's columns: what the page loads, 100,000 events in a few MB. Kept per filter
        state until the database changes (`_answers.py`)."""
        from ..store.queries import POINT_COLUMNS

        kwargs = filters.store_kwargs()
        provider, answers = _provider(request), request.app.state.answers
        path = provider.path if provider.pooled else None
        key = ("map", repr(sorted(kwargs.items())))
        cached = answers.get(key, file_stamp(path))
        if cached is not None:
            return Response(cached, media_type="application/json", headers={"Server-Timing": "cache;desc=hit, cpu;dur=0"})

        def work(store: StoreLike) -> tuple[bytes, str]:
            stamp = file_stamp(path)   # before the query (and once the database is open): a later commit invalidates
            t0, cpu0 = time.perf_counter(), time.thread_time()
            rows = store.event_points(**kwargs)
            t1 = time.perf_counter()
            body = dumps({"total": len(rows), "columns": columns_json(POINT_COLUMNS, rows)})
            t2, cpu = time.perf_counter(), time.thread_time() - cpu0
            answers.put(key, stamp, body)
            return body, f"db;dur={(t1 - t0) * 1000:.2f}, json;dur={(t2 - t1) * 1000:.2f}, cpu;dur={cpu * 1000:.2f}"

        body, timing = await _on_store(request, work)
        return Response(body, media_type="application/json", headers={"Server-Timing": timing})

    @app.get("/api/events/{event_id}", tags=["events"])
    async def get_event(event_id: str, request: Request) -> Response:
        """One event with its claims, evidence spans, sources and revision history."""
        def work(store: StoreLike) -> bytes | None:
            event = store.event(event_id)
            if event is None:
                return None
            data = event_json(event)
            # Which article each claim was read from, so the page can cite and open it.
            for claim, owner in zip(data.get("claims") or [], attribute_claims(event, store)):
                claim.setdefault("article_id", owner)
            return dumps(data)

        body = await _on_store(request, work)
        if body is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return Response(body, media_type="application/json")

    @app.get("/api/export", tags=["events"],
             responses={200: {"content": {t: {} for t, _ in EXPORT_TYPES.values()}}})
    async def export(
        request: Request,
        filters: FiltersDep,
        format: Annotated[Literal["csv", "json", "jsonl", "geojson", "parquet"], Query()] = "csv",
        sort: Annotated[str | None, Query(description="as for /api/events")] = None,
    ) -> Response:
        """Every event matching the filters as a file: ACLED-column CSV, JSON, JSONL, GeoJSON or Parquet.

        Streamed a page at a time; at most two exports run at once (a third is answered 429)."""
        media_type, ext = EXPORT_TYPES[format]
        order = parse_sort(sort)
        try:
            fetch, release = _provider(request).export_pages({**filters.store_kwargs(), "sort": order})
        except ExportBusy as e:
            raise HTTPException(429, str(e), headers={"Retry-After": "10"}) from e
        except StoreUnavailable as e:
            raise HTTPException(503, f"database: {e.__cause__ or e}") from e
        return StreamingResponse(stream_in_threads(export_chunks(fetch, format), release), media_type=media_type,
                                 headers={"Content-Disposition": f'attachment; filename="wirewatch-events.{ext}"'})

    @app.get("/api/export/claims", tags=["events"],
             responses={200: {"content": {EXPORT_TYPES[t][0]: {} for t in ("csv", "parquet")}}})
    async def export_claims(
        request: Request,
        filters: FiltersDep,
        format: Annotated[Literal["csv", "parquet"], Query()] = "csv",
    ) -> Response:
        """The claims of every event matching the filters: one row per claim (stance, claimant,
        speaker, quote, the source article and the quote's offsets in it)."""
        from ..store.export import write_claims

        media_type, ext = EXPORT_TYPES[format]

        def work(store: StoreLike) -> bytes:
            rows = store.claim_records(**filters.store_kwargs())
            if format == "parquet":
                out = io.BytesIO()
                write_claims(rows, format, out)
                return out.getvalue()
            text = io.StringIO()
            write_claims(rows, format, text)
            return text.getvalue().encode("utf-8")

        body = await _on_store(request, work)
        return Response(body, media_type=media_type,
                        headers={"Content-Disposition": f'attachment; filename="wirewatch-claims.{ext}"'})

    @app.get("/api/aggregate", tags=["events"],
             responses={200: {"content": {EXPORT_TYPES[t][0]: {} for t in ("csv", "parquet")}}})
    async def aggregate(
        request: Request,
        filters: FiltersDep,
        by: Annotated[str, Query(description="dimensions, comma-separated: day|week|month|year, country|iso3|"
                                             "admin1|admin2, event_type|sub_event_type, actor, status")],
        format: Annotated[Literal["json", "csv", "parquet"], Query()] = "json",
    ) -> Response:
        """Events, fatalities (sum of known tolls), events without a toll and contested events,
        grouped by the `by` dimensions over the events matching the filters."""
        from ..store.aggregate import MEASURES, parse_by, write_aggregate

        dims = parse_by(by)
        columns = dims + MEASURES

        def work(store: StoreLike) -> tuple[bytes, str]:
            t0, cpu0 = time.perf_counter(), time.thread_time()
            rows = store.aggregate(dims, **filters.store_kwargs())
            t1 = time.perf_counter()
            out = io.BytesIO()
            if format == "json":
                text = io.StringIO()
                write_aggregate(rows, columns, "json", text)
                out.write(text.getvalue().encode("utf-8"))
            elif format == "csv":
                text = io.StringIO()
                write_aggregate(rows, columns, "csv", text)
                out.write(text.getvalue().encode("utf-8"))
            else:
                write_aggregate(rows, columns, "parquet", out)
            t2, cpu = time.perf_counter(), time.thread_time() - cpu0
            return out.getvalue(), f"db;dur={(t1 - t0) * 1000:.2f}, out;dur={(t2 - t1) * 1000:.2f}, cpu;dur={cpu * 1000:.2f}"

        body, timing = await _on_store(request, work)
        media_type = "application/json" if format == "json" else EXPORT_TYPES[format][0]
        headers = {"Server-Timing": timing}
        if format != "json":
            headers["Content-Disposition"] = f'attachment; filename="wirewatch-aggregate.{EXPORT_TYPES[format][1]}"'
        return Response(body, media_type=media_type, headers=headers)

    @app.get("/api/places", tags=["page"])
    async def places(
        request: Request,
        bbox: Annotated[str, Query(description="W,S,E,N in degrees")],
        zoom: Annotated[int, Query(ge=0, le=20, description="the map's zoom: more and smaller towns as it grows")] = 6,
    ) -> Response:
        """Town and province names inside the box, and the towns the page draws approximate
        province boundaries from, all from the built-in gazetteer (GeoNames): the map offline."""
        _refuse_unknown(request)
        box = parse_bbox(bbox)
        assert box is not None
        body = await run_in_threadpool(request.app.state.place_names.within, box, zoom)
        return Response(dumps(body), media_type="application/json")

    @app.get("/api/stats", tags=["events"])
    async def stats(request: Request) -> Response:
        """Totals (articles, events, sources, claims...) and counts per day, country, type and status."""
        body = await _on_store(request, lambda store: dumps(stats_with_breakdown(store)))
        return Response(body, media_type="application/json")


# ---- articles ---------------------------------------------------------------------------------

def _add_article_routes(app: FastAPI, settings: Settings) -> None:
    @app.get("/api/articles/{article_id}", tags=["articles"], responses={200: {"content": {"text/html": {}}}})
    async def get_article(
        article_id: str,
        request: Request,
        event: Annotated[str | None, Query(description="highlight only this event's evidence")] = None,
        format: Annotated[Literal["json", "html"], Query()] = "json",
    ) -> Response:
        """The clean article text, cut into segments with the evidence and claim sentences marked."""
        def work(store: StoreLike) -> tuple[Any, Any, dict[str, str | None]]:
            return store.article(article_id), (store.event(event) if event else None), store.article_event_ids(article_id)

        article, ev, fused = await _on_store(request, work)
        if article is None:
            raise HTTPException(404, f"no article {article_id!r}")
        if event and ev is None:
            raise HTTPException(404, f"no event {event!r}")
        if format == "html":
            return HTMLResponse(article_html(article, ev))
        return Response(dumps(article_json(article, ev, fused)), media_type="application/json")

    @app.post("/api/articles", tags=["articles"], status_code=201,
              responses={401: {}, 403: {}, 404: {"description": "submitting is disabled (no token configured)"}})
    async def submit_article(
        submission: Submission,
        request: Request,
        authorization: Annotated[str | None, Header()] = None,
    ) -> Response:
        """Submit a URL or a text; needs `Authorization: Bearer <api_token>` from the configuration."""
        _check_token(settings, authorization)
        processor: Processor = request.app.state.processor or pipeline_processor(settings)
        request.app.state.processor = processor
        # The pipeline is slow and CPU-bound: run it off the event loop, then store on the store thread.
        articles = await run_in_threadpool(processor, submission)
        def store_them(store: StoreLike) -> tuple[Any, list[str]]:
            added = store.add_articles(articles)
            fused = [e for a in articles for e in store.article_event_ids(a.article_id).values() if e]
            return added, list(dict.fromkeys(fused))

        result, event_ids = await _on_store(request, store_them, write=True)
        body = {
            "articles": [a.article_id for a in articles],
            "events": event_ids,   # the fused events, as /api/events/{id} knows them
            "result": result.__dict__ if hasattr(result, "__dict__") else result,
        }
        return Response(dumps(body), status_code=201, media_type="application/json")


def _check_token(settings: Settings, authorization: str | None) -> None:
    if not settings.api_token:
        raise HTTPException(404, "submitting is disabled: no api_token configured (WIREWATCH_TOKEN)")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise HTTPException(403, "submitting needs Authorization: Bearer <token>")
    if not hmac.compare_digest(given.strip().encode(), settings.api_token.encode()):
        raise HTTPException(403, "wrong token")


__all__ = ["create_app"]
