"""The service's errors, and the HTTP status every error is answered with.

Every error is answered with the command line's JSON error (``{"error", "exit_code", "problems"}``,
each problem with its stable ``code``, ``location`` and ``message``) and a status that says what
kind of failure it is:

======  ==========================================================================================
status  when
======  ==========================================================================================
400     wrong usage: a value the request may not hold (``UsageError``, exit code 2)
401     no token, or a token that is unknown or revoked (``service.unauthenticated``)
403     the token's role may not do this (``service.role``), a unit outside the token's scope is to
        be rated or recorded (``service.outside_scope``), a web form without its CSRF token
404     an unknown criteria set, upload or route; a unit that is unknown **or outside the token's
        scope** (the same body for both: nothing tells them apart)
413     the request body is larger than the limit (``service.too_large``)
415     an upload of a kind that cannot be read (``service.media``)
422     the request is well formed but its content is invalid: scorecards (exit code 4), official
        decisions, or a threshold without a value for a unit's region and year (exit code 3); a
        request body that does not match the API's schema (``service.request``)
500     an internal error — a bug (exit code 5)
503     the history store cannot be used: out of reach, or another writer held it too long
        (exit code 6); retry later
======  ==========================================================================================
"""

from __future__ import annotations

from ..errors import (
    DefinitionError,
    EvaluatorError,
    InternalError,
    ScorecardError,
    UsageError,
)

__all__ = [
    "Forbidden",
    "NotFound",
    "RequestInvalid",
    "ServiceError",
    "TooLarge",
    "Unauthenticated",
    "Unsupported",
    "status_of",
]


class ServiceError(UsageError):
    """A request the service refuses before any rating (exit code 2, as a usage error)."""

    status = 400


class Unauthenticated(ServiceError):
    status = 401
    title_code = "error.service_auth"


class Forbidden(ServiceError):
    status = 403
    title_code = "error.service_forbidden"


class NotFound(ServiceError):
    status = 404
    title_code = "error.service_not_found"


class TooLarge(ServiceError):
    status = 413
    title_code = "error.service_too_large"


class Unsupported(ServiceError):
    status = 415
    title_code = "error.service_media"


class RequestInvalid(ServiceError):
    status = 422
    title_code = "error.service_request"


_BY_CODE = {"explain.unit_unknown": 404, "history.empty": 404}


def status_of(exc: EvaluatorError) -> int:
    """The HTTP status that says what ``exc`` means (see the table above)."""
    if isinstance(exc, ServiceError):
        return exc.status
    codes = {_BY_CODE[p.code] for p in exc.problems if p.code in _BY_CODE}
    if codes:
        return min(codes)
    if getattr(exc, "exit_code", None) == 6:  # the store (evaluator.store.db.StoreError)
        return 503
    if isinstance(exc, (ScorecardError, DefinitionError)):
        return 422
    if isinstance(exc, UsageError):
        return 400
    if isinstance(exc, InternalError):
        return 500
    return 500
