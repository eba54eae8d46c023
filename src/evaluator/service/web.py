"""The committees' web page: sign in with a token, upload a filled workbook, read the ranking per
peer group with levels and reasons, open a unit's explanation and history, download the results
workbook and the printable report (the renderers of :mod:`evaluator.render`).

Vietnamese by default, English with ``?lang=en`` (kept in a cookie). Pages are rendered on the
server from Jinja2 templates with autoescape on: no script, no asset from the network, no text
a user typed is ever interpreted. The session is the token itself in an ``HttpOnly``,
``SameSite=Strict`` cookie (``Secure`` behind TLS); every form that changes something carries a
CSRF token derived from the session (HMAC-SHA256), checked in constant time. An upload is kept in
the store (``service_uploads``, for a day) so that any worker can serve the pages that follow; only
the token that uploaded it can open it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import delete, insert, select

from ..decision import Decision, Run, show_value
from ..errors import EvaluatorError, Location, Problem
from ..messages import Lang, render
from ..render.labels import number_text
from ..vntext import canon
from .api import XLSX, criteria_headers, save_upload
from .auth import Guard, not_found
from .errors import Forbidden, NotFound, Unauthenticated, status_of
from .library import Library, Loaded, record
from .tables import uploads
from .tokens import Token, now

__all__ = ["SESSION", "csrf_for", "error_page", "router"]

SESSION = "evaluator_session"
LANG_COOKIE = "evaluator_lang"
KEEP = dt.timedelta(days=1)  # how long an upload is kept for its pages
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)

router = APIRouter(include_in_schema=False)
_env = Environment(
    loader=PackageLoader("evaluator.service", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _lang(request: Request) -> Lang:
    asked = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    return "en" if asked == "en" else "vi"


def csrf_for(session: str) -> str:
    """The CSRF token of a session: derived from it, so any worker can check it."""
    return hmac.new(session.encode("utf-8"), b"evaluator-csrf", hashlib.sha256).hexdigest()[:40]


def _page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    lang = _lang(request)
    session = request.cookies.get(SESSION)

    def t(code: str, **params: Any) -> str:
        return render(code, lang, **params)

    html = _env.get_template(template).render(
        t=t, lang=lang, csrf=csrf_for(session) if session else "", path=request.url.path, **context
    )
    response = HTMLResponse(html, status_code=status)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    if request.query_params.get("lang") in ("vi", "en"):
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="strict", httponly=True)
    return response


def error_page(request: Request, exc: EvaluatorError, status: int) -> Response:
    """An error as a page: its title and every located problem, in the page's language."""
    if status == 401 and request.method == "GET":
        return RedirectResponse("/", status_code=303)
    lang = _lang(request)
    problems = [p.render(lang) for p in exc.problems]
    return _page(
        request,
        "error.html.j2",
        status,
        title=render(exc.title_code, lang, count=len(problems)),
        problems=problems,
        token=None,
    )


def _guard(request: Request) -> Guard:
    guard: Guard = request.app.state.guard
    return guard


def _token(request: Request) -> Token:
    return _guard(request).token(request.cookies.get(SESSION))


def _check_csrf(request: Request, given: str) -> None:
    session = request.cookies.get(SESSION) or ""
    if not session or not hmac.compare_digest(csrf_for(session), given or ""):
        raise Forbidden(Problem("service.csrf", Location()))


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    session = request.cookies.get(SESSION)
    token = _guard(request).token(session) if session else None
    if token is None:
        return _page(request, "login.html.j2", token=None, failed=False)
    return _page(request, "home.html.j2", token=token, entries=_entries(request), problems=[])


def _entries(request: Request) -> list[Any]:
    lib: Library = request.app.state.library
    return sorted(lib.entries(), key=lambda e: (e.family or e.id, e.valid_from, e.id))


@router.post("/login")
def login(request: Request, token: Annotated[str, Form(max_length=300)] = "") -> Response:
    try:
        _guard(request).token(token)
    except Unauthenticated:
        return _page(request, "login.html.j2", 401, token=None, failed=True)
    response = RedirectResponse("/", status_code=303)
    secure = request.app.state.config.secure_cookies or request.url.scheme == "https"
    response.set_cookie(SESSION, token.strip(), httponly=True, samesite="strict", secure=secure, max_age=12 * 3600)
    return response


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    _check_csrf(request, csrf)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION)
    return response


@router.post("/upload")
def upload(
    request: Request,
    criteria: Annotated[str, Form(min_length=1, max_length=200)],
    file: Annotated[UploadFile, File()],
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    token = _token(request)
    _check_csrf(request, csrf)
    guard = _guard(request)
    with guard.audited(token, "upload", "submitter") as note:
        try:
            with tempfile.TemporaryDirectory(prefix="evaluator-upload-") as folder:
                path, shown = save_upload(file, Path(folder))
                loaded, cards = request.app.state.library.read_file(criteria, path, shown)
                guard.check_units(token, [(s.card.unit, s.card.parent) for s in cards])
                content = path.read_bytes()
        except EvaluatorError as exc:
            note.status = status_of(exc)
            if note.status not in (413, 415, 422):
                raise
            lang = _lang(request)
            return _page(
                request,
                "home.html.j2",
                note.status,
                token=token,
                entries=_entries(request),
                problems=[p.render(lang) for p in exc.problems],
                error_title=render(exc.title_code, lang, count=len(exc.problems)),
            )
        note.target = secrets.token_hex(16)
        cutoff = (dt.datetime.now(dt.UTC) - KEEP).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        with guard.store.writing() as conn:
            conn.execute(delete(uploads).where(uploads.c.created_at < cutoff))
            conn.execute(
                insert(uploads).values(
                    id=note.target,
                    token_id=token.id,
                    criteria=loaded.criteria.id,
                    filename=shown,
                    content=content,
                    created_at=now(),
                )
            )
        note.status = 303
        return RedirectResponse(f"/results/{note.target}", status_code=303)


def _rated(request: Request, upload_id: str) -> tuple[Token, Loaded, Any, Run, str]:
    """The upload's scorecards rated again (the same bytes give the same result), for its owner only."""
    token = _token(request)
    guard = _guard(request)
    with guard.store.reading() as conn:
        row = conn.execute(select(uploads).where(uploads.c.id == upload_id)).first()
    if row is None or not hmac.compare_digest(row.token_id, token.id):
        raise NotFound(Problem("service.upload_unknown", Location(), {"upload": upload_id[:40]}))
    lib: Library = request.app.state.library
    with tempfile.TemporaryDirectory(prefix="evaluator-upload-") as folder:
        path = Path(folder) / f"upload{Path(row.filename).suffix.lower()}"
        path.write_bytes(row.content)
        loaded, cards = lib.read_file(row.criteria, path, row.filename)
    guard.check_units(token, [(s.card.unit, s.card.parent) for s in cards])
    return token, loaded, cards, lib.rate(loaded, cards), row.filename


def _score(d: Decision, lang: Lang) -> str:
    return number_text(d.score, lang) if d.score is not None else "—"


def _groups(run: Run) -> list[tuple[str, list[Decision]]]:
    out: dict[str, list[Decision]] = {}
    for d in run.results:
        out.setdefault(d.peer_group, []).append(d)
    return list(out.items())


def _results_page(request: Request, token: Token, run: Run, upload_id: str, filename: str, done: Any) -> Response:
    lang = _lang(request)
    response = _page(
        request,
        "results.html.j2",
        token=token,
        run=run,
        groups=_groups(run),
        upload=upload_id,
        filename=filename,
        score=lambda d: _score(d, lang),
        recorded=done,
    )
    response.headers.update(criteria_headers(run))
    return response


@router.get("/results/{upload_id}", response_class=HTMLResponse)
def results(request: Request, upload_id: str) -> Response:
    token, _, _, run, filename = _rated(request, upload_id)
    return _results_page(request, token, run, upload_id, filename, None)


@router.post("/results/{upload_id}/record")
def record_upload(request: Request, upload_id: str, csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    token = _token(request)
    _check_csrf(request, csrf)
    guard = _guard(request)
    with guard.audited(token, "run.record") as note:
        note.target = upload_id
        _, loaded, cards, run, filename = _rated(request, upload_id)
        done = record(guard.store, loaded, cards, run, f"token:{token.id}")
        note.status, note.target = 200, done.ref
        return _results_page(request, token, run, upload_id, filename, done)


@router.get("/results/{upload_id}/units/{unit:path}", response_class=HTMLResponse)
def unit_page(request: Request, upload_id: str, unit: str) -> Response:
    token, loaded, _, run, _ = _rated(request, upload_id)
    found = [d for d in run.results if d.unit == canon(unit)]
    if not found:
        raise not_found(unit)
    lang = _lang(request)
    titles = loaded.criteria.titles
    units = []
    for d in found:
        rows = [
            {
                "title": titles[f.criterion].get(lang) if f.criterion in titles else f.criterion,
                "status": f.status,
                "value": show_value(f.value) if f.value is not None else "—",
                "threshold": f.threshold or "",
                "points": number_text(f.points, lang) if f.points is not None else "",
                "reference": f.reference or "",
            }
            for f in d.findings
        ]
        units.append({"d": d, "rows": rows, "score": _score(d, lang)})
    return _page(request, "unit.html.j2", token=token, units=units, upload=upload_id, run=run)


@router.get("/results/{upload_id}/results.xlsx")
def results_xlsx(request: Request, upload_id: str) -> Response:
    from ..render.xlsx import results_workbook

    _, loaded, _, run, _ = _rated(request, upload_id)
    headers = {"Content-Disposition": 'attachment; filename="ket-qua.xlsx"', **criteria_headers(run)}
    return Response(results_workbook(run, loaded.criteria, _lang(request)), media_type=XLSX, headers=headers)


@router.get("/results/{upload_id}/report.html")
def report(request: Request, upload_id: str) -> Response:
    from ..render.html import report_html

    _, loaded, _, run, _ = _rated(request, upload_id)
    headers = {"Content-Disposition": 'attachment; filename="bao-cao.html"', **criteria_headers(run)}
    return HTMLResponse(report_html(run, loaded.criteria, _lang(request)), headers=headers)


@router.get("/history", response_class=HTMLResponse)
def history(request: Request, unit: str = "") -> Response:
    from ..store.query import load_view, unit_history

    token = _token(request)
    guard = _guard(request)
    if not unit.strip():
        raise not_found(unit)
    guard.visible(token, unit)
    data = unit_history(load_view(guard.store), unit)
    if not data["years"] and not data["lineage"]:
        raise not_found(unit)
    return _page(request, "history.html.j2", token=token, data=data)


@router.get("/template/{criteria_id}")
def template(request: Request, criteria_id: str) -> Response:
    from ..tabular import template_bytes

    _token(request)
    lib: Library = request.app.state.library
    loaded = lib.load(lib.choose(criteria_id, []).path)
    m = loaded.criteria.model
    headers = {"Content-Disposition": f'attachment; filename="{m.id}-{m.version}.xlsx"'}
    return Response(template_bytes(loaded.criteria, _lang(request)), media_type=XLSX, headers=headers)
