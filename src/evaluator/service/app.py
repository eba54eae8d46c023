"""The service: one ASGI application serving the API (``/v1``), the committees' web page (``/``) and
the API's description (``/openapi.json``, OpenAPI 3.1) with its documentation (``/docs``, Swagger
UI; ``/redoc``) — their scripts and styles served from the installed package ``fastapi-offline``,
never from the network.

Limits: a request body larger than :attr:`ServiceConfig.max_body` bytes is refused with 413 before
it is read whole (by its ``Content-Length``, or as it streams). Errors are answered as the command
line's JSON errors with the status of :mod:`evaluator.service.errors`; an unexpected exception is a
500 naming only the exception's type, never a traceback.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import backends
from ..errors import EvaluatorError, InternalError, Location, Problem
from ..messages import Lang
from ..text import Bilingual
from .errors import RequestInvalid, TooLarge, status_of

__all__ = ["ServiceConfig", "create_app"]

MiB = 1 << 20


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


ENGINE = f"evaluator/{_version('evaluator')} {backends.product()}"  # the product's backend, by the registry


@dataclass(frozen=True)
class ServiceConfig:
    """What a service is started with."""

    store: str | None = None  # as --store: a SQLite path or postgresql://…; None: EVALUATOR_STORE, else the default
    criteria: tuple[Path, ...] = (Path("criteria"),)
    targets: Path | None = None
    max_body: int = 10 * MiB
    secure_cookies: bool = False  # set the session cookie's Secure flag (behind a TLS proxy)
    extra: dict[str, Any] = field(default_factory=dict)


class _Edge:
    """The outermost layer: every answer names the engine (``X-Evaluator-Engine``) and is marked
    ``nosniff``; a request whose body is over ``limit`` bytes is refused (413) before the application
    reads it whole — by its ``Content-Length``, or as it streams in."""

    def __init__(self, app: Any, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def marked(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                headers += [(b"x-evaluator-engine", ENGINE.encode()), (b"x-content-type-options", b"nosniff")]
                message = {**message, "headers": headers}
            await send(message)

        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _too_large(self.limit)(scope, receive, marked)
            return
        seen = 0

        async def counted() -> dict[str, Any]:
            nonlocal seen
            message: dict[str, Any] = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _Overflow
            return message

        await self.app(scope, counted, marked)


class _Overflow(HTTPException):
    """A body grew past the limit while it was read (a 413; FastAPI lets HTTP exceptions through as they are)."""

    def __init__(self) -> None:
        super().__init__(413)


def _limit_text(limit: int) -> Bilingual:
    from ..render.labels import number_text

    return Bilingual(f"{number_text(limit, 'vi')} byte", f"{number_text(limit, 'en')} bytes")


def _too_large(limit: int) -> Response:
    error = TooLarge(Problem("service.too_large", Location(), {"limit": _limit_text(limit)}))
    return JSONResponse(error.to_dict("vi"), status_code=413, headers={"Connection": "close"})


def request_lang(request: Request) -> Lang:
    """The language of messages: ``?lang=``, else the web page's language cookie, else Vietnamese."""
    asked = request.query_params.get("lang") or request.cookies.get("evaluator_lang")
    return "en" if asked == "en" else "vi"


def error_response(request: Request, exc: EvaluatorError) -> Response:
    status = status_of(exc)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
    if status == 503:
        headers["Retry-After"] = "30"
    if request.url.path.startswith("/v1") or request.url.path.startswith("/openapi"):
        return JSONResponse(exc.to_dict(request_lang(request)), status_code=status, headers=headers)
    from .web import error_page

    return error_page(request, exc, status)


class _App(FastAPI):
    """FastAPI, with :class:`_Edge` outside everything (so that error answers carry its headers too)."""

    def build_middleware_stack(self) -> Any:
        return _Edge(super().build_middleware_stack(), self.state.config.max_body)


def create_app(config: ServiceConfig | None = None) -> FastAPI:
    """The application, with its store opened (and migrated) once."""
    from ..store.db import DEFAULT_PATH, Store
    from ..targets import load_targets
    from . import api, web
    from .auth import Guard
    from .library import Library

    config = config or ServiceConfig()
    given = config.store or os.environ.get("EVALUATOR_STORE") or DEFAULT_PATH
    store = Store.open(given, create=True)
    app = _App(
        title="evaluator",
        version=_version("evaluator"),
        summary="Rate grassroots organisations against criteria written in YAML (Regulation 366, new-rural criteria).",
        docs_url=None,
        redoc_url=None,
    )
    app.state.config = config
    app.state.guard = Guard(store)
    app.state.library = Library(config.criteria, store_url=given)
    app.state.targets = load_targets(config.targets) if config.targets else []

    @app.exception_handler(EvaluatorError)
    async def _evaluator_error(request: Request, exc: EvaluatorError) -> Response:
        return error_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _shape(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            Problem(
                "service.request",
                Location(field=".".join(str(p) for p in e.get("loc", ()))),
                {"detail": str(e.get("msg", ""))[:300]},
            )
            for e in exc.errors()
        ]
        return error_response(
            request, RequestInvalid(problems or [Problem("service.request", Location(), {"detail": ""})])
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        from .errors import NotFound, ServiceError

        if exc.status_code == 404:
            error: ServiceError = NotFound(Problem("service.route_unknown", Location(), {"path": request.url.path}))
        elif exc.status_code == 413:
            error = TooLarge(Problem("service.too_large", Location(), {"limit": _limit_text(config.max_body)}))
        else:
            error = ServiceError(Problem("service.http", Location(), {"status": exc.status_code}))
            error.status = exc.status_code
        return error_response(request, error)

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> Response:
        return error_response(request, InternalError.wrapping(exc))

    static = Path(str(__import__("fastapi_offline").__file__)).parent / "static"
    app.mount("/docs-assets", StaticFiles(directory=static), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="evaluator — API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon.png",
        )

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url="/openapi.json",
            title="evaluator — API",
            redoc_js_url="/docs-assets/redoc.standalone.js",
            redoc_favicon_url="/docs-assets/favicon.png",
            with_google_fonts=False,
        )

    app.include_router(api.router)
    app.include_router(web.router)
    return app
