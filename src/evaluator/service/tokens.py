"""Access tokens (created, listed and revoked from the command line) and the audit log.

A token reads ``evt.<id>.<secret>``: ``id`` is public (lists, the audit log), ``secret`` is 32
random bytes (URL-safe base64). The store keeps the id, the SHA-256 of the secret, the scope,
the role, a label, who made it and when, and when it was revoked — never the secret, which is
printed once, when the token is made. Checking a token compares hashes in constant time
(:func:`hmac.compare_digest`), and does as much work for an unknown id as for a known one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from sqlalchemy import insert, select, update

from ..errors import Location, Problem, UsageError
from ..store.db import Store
from .scopes import Scope, parse_scope
from .tables import audit, tokens

__all__ = ["ROLES", "Token", "authenticate", "create_token", "list_tokens", "record_audit", "revoke_token"]

Role = Literal["reader", "submitter", "committee"]
ROLES: tuple[Role, ...] = ("reader", "submitter", "committee")  # each may do what the one before may
_PREFIX = "evt"
_DUMMY = hashlib.sha256(b"no such token").hexdigest()


def now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Token:
    """A token that was checked: who it is, where it may act, what it may do."""

    id: str
    scope: Scope
    role: Role
    label: str

    def may(self, role: Role) -> bool:
        """Whether this token's role includes ``role`` (committee ⊃ submitter ⊃ reader)."""
        return ROLES.index(self.role) >= ROLES.index(role)


def create_token(store: Store, scope: str, role: str, *, label: str, by: str) -> tuple[str, str]:
    """Make a token; its id and the token text (shown once)."""
    parsed = parse_scope(scope)
    if parsed is None:
        raise UsageError(Problem("token.scope_invalid", Location(field="--scope"), {"scope": scope}))
    if role not in ROLES:  # pragma: no cover - click's Choice refuses it first
        raise UsageError(Problem("token.role_invalid", Location(field="--role"), {"role": role}))
    token_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    with store.writing() as conn:
        conn.execute(
            insert(tokens).values(
                id=token_id,
                secret_sha256=_digest(secret),
                scope=str(parsed),
                role=role,
                label=label,
                created_by=by,
                created_at=now(),
            )
        )
        conn.execute(insert(audit).values(at=now(), token_id=token_id, action="token.create", target=by, status=0))
    return token_id, f"{_PREFIX}.{token_id}.{secret}"


def list_tokens(store: Store) -> list[dict[str, Any]]:
    """Every token (never a secret), oldest first."""
    with store.reading() as conn:
        rows = conn.execute(select(tokens).order_by(tokens.c.created_at, tokens.c.id)).all()
    keys = ("id", "scope", "role", "label", "created_by", "created_at", "revoked_at")
    return [{k: r._mapping[k] for k in keys} for r in rows]


def revoke_token(store: Store, token_id: str, *, by: str) -> bool:
    """Revoke a token; ``False`` when there is no such token (revoking twice is not an error)."""
    with store.writing() as conn:
        row = conn.execute(select(tokens.c.revoked_at).where(tokens.c.id == token_id)).first()
        if row is None:
            return False
        if row.revoked_at is None:
            conn.execute(update(tokens).where(tokens.c.id == token_id).values(revoked_at=now()))
            conn.execute(insert(audit).values(at=now(), token_id=token_id, action="token.revoke", target=by, status=0))
    return True


class Reads(Protocol):
    """What reads a token: the store, or the service's pooled reader."""

    def reading(self) -> AbstractContextManager[Any]: ...


def authenticate(store: Reads, text: str) -> Token | None:
    """The token ``text`` stands for, if it is one that exists and is not revoked."""
    prefix, _, rest = text.strip().partition(".")
    token_id, _, secret = rest.partition(".")
    if prefix != _PREFIX or not token_id or not secret or len(token_id) > 16 or len(secret) > 128:
        hmac.compare_digest(_DUMMY, _digest(text[:128]))
        return None
    with store.reading() as conn:
        row = conn.execute(select(tokens).where(tokens.c.id == token_id)).first()
    stored = row.secret_sha256 if row is not None else _DUMMY
    same = hmac.compare_digest(stored, _digest(secret))
    if row is None or not same or row.revoked_at is not None:
        return None
    scope = parse_scope(row.scope)
    if scope is None:  # pragma: no cover - written by create_token, which checks it
        return None
    return Token(row.id, scope, row.role, row.label)


def record_audit(store: Store, token: Token, action: str, target: str, status: int) -> None:
    """One line of the audit log: which token changed what, when, and how it ended (HTTP status)."""
    with store.writing() as conn:
        conn.execute(insert(audit).values(at=now(), token_id=token.id, action=action, target=target, status=status))


def audit_log(store: Store) -> list[dict[str, Any]]:
    """The audit log, oldest first."""
    with store.reading() as conn:
        rows = conn.execute(select(audit).order_by(audit.c.id)).all()
    return [dict(r._mapping) for r in rows]
