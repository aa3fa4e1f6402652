"""The FastAPI application: a read-only HTTP API over the event store, and the dashboard.

Safe by default: the store is opened read-only, every query is parameterised
(see :mod:`thucydides.store.dashboard`), page sizes and request bodies are capped, and
every error is a JSON object with a status code, never a traceback.
"""

import base64
import json
import logging
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, Self

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, model_validator

from thucydides.api.highlight import highlights
from thucydides.names import Names
from thucydides.ontology import PLOVER_TYPES
from thucydides.record import Document, Problem
from thucydides.store import Filters, QueryError, Store
from thucydides.store import dashboard as queries
from thucydides.store.filters import day_param
from thucydides.store.turns import StoreBusy

log = logging.getLogger("thucydides.api")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

EVENT_ID_RE = r"^[A-Za-z0-9_.:-]{1,128}$"
DAY_RE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
CAMEO_RE = r"^\d{2,4}$"
ISO3_RE = r"^[A-Za-z]{3}$"
DYAD_RE = r"^[A-Za-z]{3},[A-Za-z]{3}$"
TEXT_RE = r"^[^\x00-\x1f\x7f]*$"
STORE_WAIT = 60.0  # seconds a request waits for its turn at the store before a 503


@dataclass(slots=True)
class Limits:
    """Caps that keep one request from taking the server down.

    Attributes:
        page: the largest ``limit`` for event pages (larger values are refused).
        actors: the largest ``limit`` for the actor list.
        edges: the largest number of actor pairs in the network.
        points: the largest number of map points.
        body_bytes: the largest request body, in bytes.
        text_chars: the largest text or HTML, in characters, that ``POST /api/code`` codes.
    """

    page: int = 200
    actors: int = 500
    edges: int = 300
    points: int = 2000
    body_bytes: int = 1_000_000
    text_chars: int = 200_000


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``max_bytes`` (declared or streamed) with 413."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared < 0 or declared > self.max_bytes:
                    await _too_large(self.max_bytes)(scope, receive, send)
                    return
        if scope.get("method") not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        # Read the whole body first (it is small by construction), refusing it as soon as it passes the cap.
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await _too_large(self.max_bytes)(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class StoreTurn:
    """ASGI middleware: each API request takes one turn at the store (:meth:`Store.scope`).

    Its queries see one state of the store, and a process that waits for the store (an ingest)
    gets it between requests; a request that comes meanwhile waits for its turn.
    """

    def __init__(self, app: ASGIApp, store: Store) -> None:
        self.app = app
        self.store = store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not str(scope.get("path", "")).startswith("/api/"):
            await self.app(scope, receive, send)
            return
        with self.store.scope():
            await self.app(scope, receive, send)


def _too_large(max_bytes: int) -> JSONResponse:
    return JSONResponse(
        {"error": f"request body is larger than {max_bytes} bytes", "parameter": "body"}, status_code=413
    )


class CodeRequest(BaseModel):
    """A document to code: plain ``text`` or a web page's ``html``, and optionally its publication date."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="Plain article text.")
    html: str | None = Field(None, description="A web page; the article is extracted from it first.")
    published: date | None = Field(None, description="Publication date, YYYY-MM-DD.")
    url: str | None = Field(None, max_length=2000, description="Where the page came from.")
    id: str | None = Field(None, max_length=200, description="An id for the document (default 'posted').")

    @model_validator(mode="after")
    def _one_of_text_or_html(self) -> Self:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of text or html")
        body = self.text if self.text is not None else self.html
        if not (body or "").strip():
            raise ValueError("text or html is empty")
        return self


class PipelineHolder:
    """Builds the coding pipeline on first use (it loads the model) and shares it, one run at a time."""

    def __init__(self, factory: Callable[[], Any] | None = None) -> None:
        self._factory = factory
        self._pipeline: Any = None
        self._lock = threading.Lock()

    def run(self, doc: Any) -> Any:
        """Run one document through the pipeline; returns the Document or a Problem."""
        with self._lock:
            if self._pipeline is None:
                if self._factory is not None:
                    self._pipeline = self._factory()
                else:
                    from thucydides.pipeline import Options, Pipeline

                    self._pipeline = Pipeline(Options())
            return next(iter(self._pipeline.run([doc])))


class Centres:
    """Country centres (the capital's coordinates, from the gazetteer), loaded on first use."""

    def __init__(self) -> None:
        self._gazetteer: Any = None
        self._lock = threading.Lock()

    def of(self, iso3: str) -> tuple[float, float] | None:
        """Latitude and longitude for a country, or None when unknown."""
        with self._lock:
            if self._gazetteer is None:
                from thucydides.places import Gazetteer

                self._gazetteer = Gazetteer.load()
        place = self._gazetteer.country(iso3) if iso3 and iso3.isalpha() else None
        if place is None or place.lat is None or place.lon is None:
            return None
        return float(place.lat), float(place.lon)


class ParamError(ValueError):
    """A request parameter that cannot be used: its name, a reason and the status to answer with."""

    def __init__(self, parameter: str, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.message = message
        self.status = status


def _error(parameter: str, message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": message, "parameter": parameter}, status_code=status)


def _check_cursor(cursor: str) -> None:
    """Refuse a cursor that is not a ``[sort, value, event_id]`` list made by the store."""
    try:
        made = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("utf-8"))
    except ValueError as exc:
        raise ParamError("cursor", "not a cursor this API gave out") from exc
    if not (
        isinstance(made, list) and len(made) == 3 and isinstance(made[0], str) and isinstance(made[2], str)
    ):
        raise ParamError("cursor", "not a cursor this API gave out")


SortName = Literal[
    "date", "-date", "mentions", "-mentions", "sources", "-sources", "goldstein", "-goldstein",
    "confidence", "-confidence", "reported", "-reported",
]  # fmt: skip
Bucket = Literal["day", "week", "month"]


def _filters(
    actor: Annotated[
        str | None,
        Query(
            max_length=100,
            pattern=TEXT_RE,
            description="Actor id (Q22686), CAMEO actor code (USAGOV) or words of its name, on either side.",
        ),
    ] = None,
    country: Annotated[
        str | None, Query(pattern=ISO3_RE, description="ISO 3166 alpha-3 code (or IGO) of either actor.")
    ] = None,
    dyad: Annotated[
        str | None,
        Query(pattern=DYAD_RE, description="Two ISO3 codes, comma-separated (USA,PRK): events between them."),
    ] = None,
    directed: Annotated[
        bool, Query(description="With dyad: only events from the first to the second.")
    ] = False,
    type: Annotated[
        str | None, Query(max_length=20, description="PLOVER event type: " + ", ".join(PLOVER_TYPES) + ".")
    ] = None,
    quad_class: Annotated[
        int | None,
        Query(
            ge=1,
            le=4,
            description="1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict.",
        ),
    ] = None,
    cameo: Annotated[
        str | None,
        Query(pattern=CAMEO_RE, description="CAMEO event code or its start: 19 is every code of root 19."),
    ] = None,
    since: Annotated[
        str | None, Query(pattern=DAY_RE, description="First day: YYYY-MM-DD, YYYY-MM or YYYY.")
    ] = None,
    until: Annotated[
        str | None, Query(pattern=DAY_RE, description="Last day: YYYY-MM-DD, YYYY-MM or YYYY (to its end).")
    ] = None,
    place: Annotated[
        str | None,
        Query(
            max_length=100,
            pattern=TEXT_RE,
            description="ISO3 code of the event's place, or words of its name.",
        ),
    ] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            pattern=TEXT_RE,
            description="Words that must all appear in the evidence, actor names or place (any case).",
        ),
    ] = None,
    min_mentions: Annotated[
        int | None, Query(ge=1, le=1_000_000, description="Only events reported at least this often.")
    ] = None,
) -> Filters:
    """The event filters shared by the list and the aggregate views, validated."""
    if type is not None and type.strip().upper() not in PLOVER_TYPES:
        raise ParamError("type", f"type must be one of {', '.join(PLOVER_TYPES)}, not {type!r}")
    days = {}
    for name, value in (("since", since), ("until", until)):
        if value:
            try:
                days[name] = day_param(name, value, end=name == "until")
            except QueryError as exc:
                raise ParamError(name, f"{name} is not a calendar date: {value!r} ({exc.message})") from exc
    if since and until and days["since"] > days["until"]:
        raise ParamError("since", f"since ({since}) is after until ({until})")
    pair: tuple[str, str] | None = None
    if dyad:
        a, b = dyad.upper().split(",")
        pair = (a, b)
    return Filters(
        actor=(actor.strip() or None) if actor else None,
        country=country.upper() if country else None,
        dyad=pair,
        directed=directed and pair is not None,
        type=type.strip().upper() if type else None,
        quad_class=quad_class,
        cameo=cameo,
        since=since,
        until=until,
        place=(place.strip() or None) if place else None,
        text=(q.strip() or None) if q else None,
        min_mentions=min_mentions,
    )


EventFilters = Annotated[Filters, Depends(_filters)]


def create_app(
    db_path: str | Path,
    *,
    limits: Limits | None = None,
    pipeline_factory: Callable[[], Any] | None = None,
) -> FastAPI:
    """Build the API and dashboard app over a store, opened read-only.

    Args:
        db_path: the DuckDB store file (made by ``thucydides ingest``).
        limits: caps on page sizes and request bodies (defaults: :class:`Limits`).
        pipeline_factory: builds the pipeline for ``POST /api/code`` on first use (default: the
            standard :class:`~thucydides.pipeline.Pipeline`); it is built once and reused.

    Raises:
        FileNotFoundError: when there is no store at ``db_path``.
        RuntimeError: when the store was written by an incompatible version.
    """
    caps = limits or Limits()
    # shared: an ingest into the same store gets its turn between requests (thucydides.store.turns)
    store = Store(db_path, read_only=True, share=True, timeout=STORE_WAIT)
    holder = PipelineHolder(pipeline_factory)
    centres = Centres()
    names = Names.load()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        docs_url=None,  # the interactive docs load their scripts from a CDN; the spec is at /openapi.json
        redoc_url=None,
        title="thucydides",
        version="0.1.0",
        description="Political events coded from news: who did what to whom, when and where. Read-only.",
    )
    app.state.store = store
    app.state.limits = caps
    app.add_middleware(BodyLimit, max_bytes=caps.body_bytes)
    app.add_middleware(StoreTurn, store=store)

    def cursor() -> Any:
        """The request's cursor: each request takes one turn at the store (see :class:`StoreTurn`)."""
        return store.cursor()

    # ------------------------------------------------------------ errors

    @app.exception_handler(ParamError)
    async def _on_param(_: Request, exc: ParamError) -> JSONResponse:
        return _error(exc.parameter, exc.message, exc.status)

    @app.exception_handler(StoreBusy)
    async def _on_busy(_: Request, exc: StoreBusy) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=503, headers={"Retry-After": "5"})

    @app.exception_handler(QueryError)
    async def _on_query(_: Request, exc: QueryError) -> JSONResponse:
        return _error(exc.param, str(exc), 422)

    @app.exception_handler(RequestValidationError)
    async def _on_invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        first = errors[0] if errors else {}
        loc = [str(p) for p in first.get("loc", ())]
        parameter = loc[-1] if loc else "request"
        if loc[:1] == ["body"] and len(loc) <= 2 and first.get("type") in ("value_error", "json_invalid"):
            parameter = "body"
        message = f"{parameter}: {first.get('msg', 'invalid value')}"
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in errors]
        return JSONResponse({"error": message, "parameter": parameter, "detail": detail}, status_code=422)

    @app.exception_handler(HTTPException)
    async def _on_http(_: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def _on_error(_: Request, exc: Exception) -> JSONResponse:
        log.exception("request failed")
        return JSONResponse({"error": f"internal error: {type(exc).__name__}"}, status_code=500)

    # ------------------------------------------------------------ API

    @app.get("/api/summary", tags=["store"])
    def get_summary() -> dict[str, Any]:
        """Store-wide counts: documents, mentions, merged events, date range, events per type."""
        return queries.summary(cursor())

    @app.get("/api/events", tags=["events"])
    def list_events(
        f: EventFilters,
        limit: Annotated[int, Query(ge=1, le=caps.page, description=f"Page size, at most {caps.page}.")] = 50,
        cursor_: Annotated[
            str | None,
            Query(
                alias="cursor",
                max_length=1000,
                pattern=r"^[A-Za-z0-9_-]+$",
                description="next_cursor of the previous page (same filters and sort).",
            ),
        ] = None,
        sort: Annotated[
            SortName, Query(description="Sort key; a leading '-' sorts descending. Undated events sort last.")
        ] = "date",
        total: Annotated[bool, Query(description="Also count all matching events.")] = False,
    ) -> dict[str, Any]:
        """Merged events matching the filters, a page at a time: ``{"events": [...], "next_cursor": ...}``."""
        cur = cursor()
        if f.actor and not queries.actor_exists(cur, f.actor):
            raise ParamError("actor", f"no actor {f.actor!r} in the store", status=404)
        if cursor_:
            _check_cursor(cursor_)
        page = store.events_page(f, sort=sort, limit=limit, cursor=cursor_)
        out: dict[str, Any] = {
            "events": page.events,
            "next_cursor": page.next_cursor,
            "limit": limit,
            "sort": sort,
        }
        if total:
            out["total"] = queries.count_events(cur, f)
        return out

    @app.get("/api/events/{event_id}", tags=["events"])
    def get_event(event_id: Annotated[str, PathParam(pattern=EVENT_ID_RE)]) -> dict[str, Any]:
        """One merged event with all its mentions: each report's evidence, highlighted spans and document."""
        event = store.event(event_id)
        if event is None:
            raise ParamError("event_id", f"no event {event_id!r}", status=404)
        titles = queries.document_titles(cursor(), sorted({m["doc_id"] for m in event["mentions"]}))
        for mention in event["mentions"]:
            record = mention.get("record") or event
            evidence = mention.get("evidence") or record.get("evidence") or {}
            mention["title"] = titles.get(mention["doc_id"])
            mention["highlights"] = highlights(str(evidence.get("text") or ""), record)
        return event

    @app.get("/api/documents/{doc_id:path}", tags=["events"])
    def get_document(doc_id: Annotated[str, PathParam(max_length=1000)]) -> dict[str, Any]:
        """A stored document: its metadata, cleaned text and where each of its events' evidence lies."""
        doc = queries.get_document(cursor(), doc_id)
        if doc is None:
            raise ParamError("doc_id", f"no document {doc_id!r}", status=404)
        return doc

    @app.get("/api/actors", tags=["actors"])
    def list_actors(
        limit: Annotated[int, Query(ge=1, le=caps.actors, description=f"At most {caps.actors}.")] = 100,
        country: Annotated[
            str | None, Query(pattern=ISO3_RE, description="Only actors of this country.")
        ] = None,
    ) -> dict[str, Any]:
        """Actors with how many merged events they take part in, most active first."""
        return {"actors": store.actors(limit=limit, country=country.upper() if country else None)}

    @app.get("/api/dyads/{a}/{b}/timeline", tags=["actors"])
    def dyad_timeline(
        a: Annotated[str, PathParam(pattern=ISO3_RE, description="ISO3 code of one side (or IGO).")],
        b: Annotated[str, PathParam(pattern=ISO3_RE, description="ISO3 code of the other side.")],
        by: Annotated[Bucket, Query()] = "month",
        directed: Annotated[bool, Query(description="Only events from a to b.")] = False,
    ) -> dict[str, Any]:
        """Events between two countries per day, week or month: counts, Goldstein sum, quad classes."""
        cur = cursor()
        for name, code in (("a", a), ("b", b)):
            if not queries.country_exists(cur, code):
                raise ParamError(name, f"no actor of country {code.upper()!r} in the store", status=404)
        rows = store.dyad_timeline(a.upper(), b.upper(), by=by, directed=directed)
        return {"a": a.upper(), "b": b.upper(), "by": by, "directed": directed, "buckets": rows}

    @app.get("/api/timeline", tags=["actors"])
    def filtered_timeline(f: EventFilters, by: Annotated[Bucket, Query()] = "month") -> dict[str, Any]:
        """Events matching the filters per day, week or month (the dashboard's timeline)."""
        return queries.timeline(cursor(), f, by)

    @app.get("/api/map", tags=["actors"])
    def event_map(
        f: EventFilters,
        limit: Annotated[int, Query(ge=1, le=caps.points, description=f"At most {caps.points}.")] = 500,
    ) -> dict[str, Any]:
        """Event places (grouped), and events per actor country at its capital, for the map."""
        cur = cursor()
        countries = queries.country_counts(cur, f)
        for row in countries:
            centre = centres.of(row["country"])
            row["lat"], row["lon"] = centre if centre else (None, None)
            row["name"] = names.country(row["country"])
        return {"places": queries.map_points(cur, f, limit), "countries": countries}

    @app.get("/api/network", tags=["actors"])
    def actor_network(
        f: EventFilters,
        limit: Annotated[
            int, Query(ge=1, le=caps.edges, description=f"Actor pairs, at most {caps.edges}.")
        ] = 60,
        merge: Annotated[
            bool, Query(description="One node per country for its bare code and government (USA + USAGOV).")
        ] = False,
    ) -> dict[str, Any]:
        """The strongest actor pairs and their actors (with readable names), weighted by events."""
        return queries.network(cursor(), f, limit, merge=merge, names=names)

    @app.post("/api/code", tags=["coding"])
    def code(body: CodeRequest) -> dict[str, Any]:
        """Code one posted document and return its events; nothing is stored."""
        field_name = "text" if body.text is not None else "html"
        raw = body.text if body.text is not None else body.html
        if raw is None or len(raw) > caps.text_chars:
            raise ParamError(field_name, f"{field_name} is longer than {caps.text_chars} characters", 413)
        doc = Document(
            id=body.id or "posted",
            raw=raw,
            is_html=body.html is not None,
            url=body.url,
            published=body.published,
            published_how="given" if body.published else "none",
        )
        out = holder.run(doc)
        if isinstance(out, Problem):
            raise ParamError(field_name, out.reason, 422)
        return {
            "document": {
                "id": out.id,
                "title": out.title,
                "published": out.published.isoformat() if out.published else None,
                "published_how": out.published_how,
            },
            "events": [ev.to_json() for ev in out.events],
        }

    # ------------------------------------------------------------ dashboard

    static = resources.files("thucydides.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def dashboard() -> HTMLResponse:
        page = (resources.files("thucydides.web") / "templates" / "index.html").read_text("utf-8")
        return HTMLResponse(page, headers={"Content-Security-Policy": _CSP})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    return app


_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'"
