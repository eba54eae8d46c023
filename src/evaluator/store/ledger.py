"""The hash chain: every recorded thing gets a ledger row holding the hash of its content and of
the row before it, so that a record changed, removed or slipped in afterwards is found
(:mod:`evaluator.store.verify`).

A row's hash is ``sha256(seq, kind, ref, content hash, previous hash)`` (one per line); the first
row's previous hash is 64 zeros. What a record's content is, per kind, is :func:`content_hash`:
the same function writes and verifies, reading the rows back from the database.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import Connection, insert, select, update

from .schema import chain_head, ledger, lineage, officials, results, runs, shortcomings

__all__ = ["GENESIS", "append", "canonical", "content_hash", "link_hash", "sha256"]

GENESIS = "0" * 64


def canonical(value: Any) -> str:
    """One text for one value: keys sorted, no spaces, UTF-8 as is (NFC by the time it gets here)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def link_hash(seq: int, kind: str, ref: str, content: str, prev: str) -> str:
    return sha256(f"{seq}\n{kind}\n{ref}\n{content}\n{prev}")


def _rows(conn: Connection, query: Any) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in conn.execute(query)]


def content_hash(conn: Connection, kind: str, ref: str) -> str | None:
    """The hash of what ``kind`` record ``ref`` holds now; ``None`` when it is not there."""
    if kind == "run":
        head = _rows(conn, select(runs).where(runs.c.id == ref))
        if not head:
            return None
        rows = _rows(conn, select(results).where(results.c.run_id == ref).order_by(results.c.unit, results.c.year))
        return sha256(canonical({"run": head[0], "results": rows}))
    if kind == "lineage":
        cols = [c for c in lineage.c if c.name != "id"]
        rows = _rows(
            conn, select(*cols).where(lineage.c.event == ref).order_by(lineage.c.predecessor, lineage.c.successor)
        )
        return sha256(canonical(rows)) if rows else None
    table = {"official": officials, "shortcoming": shortcomings}[kind]
    rows = _rows(conn, select(table).where(table.c.id == int(ref)))
    return sha256(canonical(rows[0])) if rows else None


def append(conn: Connection, kind: str, ref: str) -> str:
    """Chain the record just written (in the same transaction); its link hash."""
    content = content_hash(conn, kind, ref)
    if content is None:  # pragma: no cover - the caller wrote it in this transaction
        raise RuntimeError(f"{kind} {ref} is not in the store")
    head = conn.execute(select(chain_head.c.seq, chain_head.c.hash).where(chain_head.c.id == 1)).first()
    seq, prev = (head.seq + 1, head.hash) if head is not None else (1, GENESIS)
    digest = link_hash(seq, kind, ref, content, prev)
    conn.execute(
        insert(ledger).values(seq=seq, kind=kind, ref=ref, content_sha256=content, prev_hash=prev, hash=digest)
    )
    if head is None:
        conn.execute(insert(chain_head).values(id=1, seq=seq, hash=digest))
    else:
        conn.execute(update(chain_head).where(chain_head.c.id == 1).values(seq=seq, hash=digest))
    return digest
