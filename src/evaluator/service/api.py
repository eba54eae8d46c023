"""The HTTP API (``/v1``): criteria, fill-in templates, rating, explaining, recording, history, summaries.

Every route but ``/v1/health`` needs a token (``Authorization: Bearer evt.…``); what each role may
do is in the route table of the README (``reader`` ⊂ ``submitter`` ⊂ ``committee``). Rating answers
the bytes ``evaluator rank --format json`` writes for the same inputs. Each answer names the
engine (``X-Evaluator-Engine``) and, where criteria were used, the criteria set and scheme
(``X-Evaluator-Criteria``, ``X-Evaluator-Scheme``; and in the body).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from .. import EvaluatorError
from ..decision import Run
from ..errors import Location, Problem, ScorecardError, did_you_mean
from ..vntext import canon
from .auth import Audit, Guard, not_found
from .errors import Unsupported
from .library import Library, Loaded, record, relocated
from .models import (
    CriteriaList,
    DecisionsIn,
    ErrorOut,
    ExplainIn,
    ExplainOut,
    HistoryOut,
    Imported,
    RateIn,
    Recorded,
    RunOut,
    SummaryOut,
    WhoAmI,
)
from .tokens import Token

__all__ = ["UPLOAD_SUFFIXES", "XLSX", "criteria_headers", "router", "save_upload"]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOAD_SUFFIXES = (".xlsx", ".csv", ".json", ".yaml", ".yml")
_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": what}
    for code, what in {
        400: "wrong usage",
        401: "no token, or an unknown or revoked one",
        403: "the token's role or scope does not allow it",
        404: "unknown (or outside the token's scope)",
        413: "request body too large",
        415: "an upload of a kind that cannot be read",
        422: "invalid content (scorecards, decisions, a missing threshold) or request shape",
        500: "internal error (a bug)",
        503: "the history store cannot be used now",
    }.items()
}

router = APIRouter(prefix="/v1", responses=_ERRORS)
_BEARER = HTTPBearer(auto_error=False, description="a token made by `evaluator token create` (evt.…)")


def current_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)]
) -> Token:
    """The request's token, checked before anything else of the request is (a 401 comes first)."""
    return _guard(request).bearer(credentials)


Auth = Annotated[Token, Depends(current_token)]


def _guard(request: Request) -> Guard:
    guard: Guard = request.app.state.guard
    return guard


def _lib(request: Request) -> Library:
    library: Library = request.app.state.library
    return library


def _json(data: Any, headers: dict[str, str] | None = None, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return Response(body, status_code=status, media_type="application/json", headers=headers)


def criteria_headers(run: Run) -> dict[str, str]:
    """Which criteria and scheme a run used (ASCII: ids, versions and hashes)."""
    c, s = run.criteria, run.scheme
    return {
        "X-Evaluator-Criteria": f"{c['id']} {c['version']} sha256={c['sha256']}",
        "X-Evaluator-Scheme": f"{s['id']} {s['version']} sha256={s['sha256']}",
    }


def _units(cards: Any) -> list[tuple[str, str | None]]:
    return [(s.card.unit, s.card.parent) for s in cards]


def _rate(request: Request, token: Token, body: RateIn) -> tuple[Loaded, Any, Run]:
    lib, guard = _lib(request), _guard(request)
    loaded, cards = lib.read_records(body.criteria, body.scorecards)
    guard.check_units(token, _units(cards))
    return loaded, cards, lib.rate(loaded, cards, exceptional_quota=body.exceptional_quota)


def save_upload(upload: UploadFile, folder: Path) -> tuple[Path, str]:
    """The upload written into ``folder`` under a safe name with its suffix; and the name it came with."""
    shown = Path(upload.filename or "upload").name or "upload"
    suffix = Path(shown).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise Unsupported(
            Problem(
                "service.media",
                Location(file=shown),
                {"suffix": suffix or shown, "expected": ", ".join(UPLOAD_SUFFIXES)},
            )
        )
    path = folder / f"upload{suffix}"
    with path.open("wb") as fh:
        while chunk := upload.file.read(1 << 20):
            fh.write(chunk)
    return path, shown


@router.get("/health", summary="Is the service up (no token needed)", responses={200: {"description": "up"}})
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/whoami", response_model=WhoAmI, summary="The token's id, role and scope")
def whoami(request: Request, token: Auth) -> dict[str, str]:
    return {"token": token.id, "role": token.role, "scope": str(token.scope), "label": token.label}


@router.get("/criteria", response_model=CriteriaList, summary="The criteria sets and versions offered")
def list_criteria(request: Request, token: Auth) -> Response:
    lib = _lib(request)
    out = []
    for entry in sorted(lib.entries(), key=lambda e: (e.family or e.id, e.valid_from, e.id)):
        loaded = lib.load(entry.path)
        m = loaded.criteria.model
        out.append(
            {
                "id": m.id,
                "family": m.family,
                "version": m.version,
                "valid_from": entry.valid_from.isoformat(),
                "valid_to": entry.valid_to.isoformat() if entry.valid_to else None,
                "title": {"vi": m.title.vi, "en": m.title.en},
                "scheme": {"id": loaded.scheme.model.id, "version": loaded.scheme.model.version},
                "sha256": loaded.criteria.sha256,
            }
        )
    return _json({"criteria": out})


@router.get(
    "/criteria/{criteria_id}/template",
    summary="A fill-in workbook for a criteria set",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}, "description": "the workbook"}},
)
def template(
    request: Request,
    token: Auth,
    criteria_id: str,
    lang: Annotated[str, Query(pattern="^(vi|en)$")] = "vi",
) -> Response:
    from ..tabular import template_bytes

    lib = _lib(request)
    loaded = lib.load(lib.choose(criteria_id, []).path)
    m = loaded.criteria.model
    headers = {
        "Content-Disposition": f'attachment; filename="{m.id}-{m.version}.xlsx"',
        "X-Evaluator-Criteria": f"{m.id} {m.version} sha256={loaded.criteria.sha256}",
    }
    return Response(template_bytes(loaded.criteria, lang), media_type=XLSX, headers=headers)


@router.post("/rate", response_model=RunOut, summary="Rate scorecards given as JSON (submitter)")
def rate_json(request: Request, body: RateIn, token: Auth) -> Response:
    guard = _guard(request)
    guard.require(token, "submitter")
    _, _, run = _rate(request, token, body)
    return Response(run.to_json(body.lang), media_type="application/json", headers=criteria_headers(run))


@router.post("/rate/upload", response_model=RunOut, summary="Rate an uploaded workbook or file (submitter)")
def rate_upload(
    request: Request,
    token: Auth,
    criteria: Annotated[str, Form(min_length=1, max_length=200)],
    file: Annotated[UploadFile, File(description="a filled workbook (.xlsx), .csv, .json or .yaml")],
    lang: Annotated[str, Form(pattern="^(vi|en)$")] = "vi",
    exceptional_quota: Annotated[bool, Form()] = False,
) -> Response:
    guard, lib = _guard(request), _lib(request)
    guard.require(token, "submitter")
    with tempfile.TemporaryDirectory(prefix="evaluator-upload-") as folder:
        path, shown = save_upload(file, Path(folder))
        loaded, cards = lib.read_file(criteria, path, shown)
        guard.check_units(token, _units(cards))
        run = lib.rate(loaded, cards, exceptional_quota=exceptional_quota)
    return Response(run.to_json(lang), media_type="application/json", headers=criteria_headers(run))  # type: ignore[arg-type]


@router.post("/explain", response_model=ExplainOut, summary="Explain one unit of the scorecards given (submitter)")
def explain(request: Request, body: ExplainIn, token: Auth) -> Response:
    guard = _guard(request)
    guard.require(token, "submitter")
    _, _, run = _rate(request, token, body)
    unit = canon(body.unit)
    found = [d for d in run.results if d.unit == unit and (body.year is None or d.year == body.year)]
    if not found:
        raise ScorecardError(
            Problem(
                "explain.unit_unknown",
                Location(field="unit"),
                {"unit": body.unit},
                did_you_mean(body.unit, [d.unit for d in run.results]),
            )
        )
    out = {
        "criteria": run.criteria,
        "scheme": run.scheme,
        "engine": run.engine,
        "unit": unit,
        "results": [d.to_dict(body.lang) for d in sorted(found, key=lambda d: d.year)],
    }
    return _json(out, criteria_headers(run))


@router.post("/runs", response_model=Recorded, summary="Rate and record the run in the history store (committee)")
def record_run(request: Request, body: RateIn, token: Auth) -> Response:
    guard = _guard(request)
    with guard.audited(token, "run.record") as note:
        note.target = ",".join(sorted({str(r.get("unit")) for r in body.scorecards}))[:2000]
        loaded, cards, run = _rate(request, token, body)
        done = record(guard.store, loaded, cards, run, f"token:{token.id}")
        note.status, note.target = 200, done.ref
        out = {
            "run": done.ref,
            "added": bool(done.added),
            "units": len(run.results),
            "criteria": run.criteria,
            "engine": run.engine,
        }
        return _json(out, criteria_headers(run))


@router.post("/decisions", response_model=Imported, summary="Import official decisions (committee)")
def decisions(request: Request, body: DecisionsIn, token: Auth) -> Response:
    guard = _guard(request)
    with guard.audited(token, "decisions.import") as note, tempfile.TemporaryDirectory(prefix="evaluator-") as folder:
        path = Path(folder) / "decisions.json"
        path.write_text(json.dumps({"decisions": body.decisions}, ensure_ascii=False), "utf-8")
        return _import(guard, token, note, path, "request", positions=False)


@router.post("/decisions/upload", response_model=Imported, summary="Import official decisions from a file (committee)")
def decisions_upload(
    request: Request,
    token: Auth,
    file: Annotated[UploadFile, File(description="decisions as .xlsx, .csv, .json or .yaml")],
) -> Response:
    guard = _guard(request)
    with guard.audited(token, "decisions.import") as note, tempfile.TemporaryDirectory(prefix="evaluator-") as folder:
        path, shown = save_upload(file, Path(folder))
        return _import(guard, token, note, path, shown, positions=True)


def _import(guard: Guard, token: Token, note: Audit, path: Path, shown: str, *, positions: bool) -> Response:
    """Official decisions from ``path`` (named ``shown`` in problems), all inside the token's scope, recorded."""
    from ..store.imports import read_decisions
    from ..store.record import record_decisions

    try:
        entries = read_decisions(path)
    except EvaluatorError as exc:
        raise relocated(exc, str(path), shown, positions=positions) from None
    note.target = ",".join(sorted({f"{e.item.unit}/{e.item.year}" for e in entries}))[:2000]
    guard.check_units(token, [(e.item.unit, e.item.parent) for e in entries])
    done = record_decisions(guard.store, entries, by=f"token:{token.id}", source=shown)
    note.status = 200
    return _json({"added": done.added, "same": done.same})


@router.get("/units/{unit}/history", response_model=HistoryOut, summary="A unit's levels over the years (reader)")
def history(request: Request, unit: str, token: Auth) -> Response:
    from ..store.query import load_view, unit_history

    guard = _guard(request)
    guard.visible(token, unit)
    data = unit_history(load_view(guard.store), unit)
    if not data["years"] and not data["lineage"]:
        raise not_found(unit)
    return _json(data)


@router.get("/summary", response_model=SummaryOut, summary="Each parent's units by level against its targets (reader)")
def summary(
    request: Request,
    token: Auth,
    parent: Annotated[str | None, Query(max_length=500)] = None,
    family: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    from ..store.query import load_view
    from ..targets import summarise

    guard = _guard(request)
    if parent is not None:
        guard.visible(token, parent)
    tree = guard.tree()
    rows = summarise(load_view(guard.store), request.app.state.targets, family)
    rows = [r for r in rows if tree.inside(token.scope, r.parent) and (parent is None or r.parent == canon(parent))]
    if parent is not None and not rows:
        raise not_found(parent)
    return _json({"store": guard.store.shown, "by": "parent", "rows": [r.to_dict() for r in rows]})
