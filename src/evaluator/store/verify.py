"""``evaluator store verify``: is every record as it was written, and is none missing or added?

Walks the hash chain (:mod:`evaluator.store.ledger`) from the first row: each row's previous
hash must be the hash of the row before, its own hash must be what its fields give, and the
content hash it holds must be what the record it names holds now. Then every record in the
tables must be named by a row, and the chain head must name the last row. Each problem names
the record (its kind, id and place in the chain). A store rewritten whole — chain and head
recomputed — cannot be told from an honest one by itself: keep the head hash that
``verify`` prints (in a report, a signed minute) to compare with later.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..decision import bi
from ..errors import Location, Problem
from .db import Store, StoreIntegrityError
from .ledger import GENESIS, content_hash, link_hash
from .schema import chain_head, ledger, lineage, officials, results, runs, shortcomings

__all__ = ["Verified", "verify"]


@dataclass(frozen=True)
class Verified:
    count: int
    head: str


def _kind(kind: str) -> object:
    return bi(f"kind.{kind}")


def verify(store: Store) -> Verified:
    """The number of records and the head hash; :class:`StoreIntegrityError` naming every problem."""
    problems: list[Problem] = []
    chained: set[tuple[str, str]] = set()
    with store.reading() as conn:
        rows = conn.execute(select(ledger).order_by(ledger.c.seq)).all()
        prev, expected_seq = GENESIS, 1
        broken = False
        for row in rows:
            chained.add((row.kind, row.ref))
            params = {"kind": _kind(row.kind), "ref": row.ref, "seq": row.seq}
            if (row.seq != expected_seq or row.prev_hash != prev) and not broken:
                problems.append(Problem("verify.chain", Location(), {"seq": row.seq}))
                broken = True  # one break is reported once; the records after it are still checked
            if link_hash(row.seq, row.kind, row.ref, row.content_sha256, row.prev_hash) != row.hash:
                problems.append(Problem("verify.changed", Location(), params))
            now = content_hash(conn, row.kind, row.ref)
            if now is None:
                problems.append(Problem("verify.removed", Location(), params))
            elif now != row.content_sha256:
                problems.append(Problem("verify.changed", Location(), params))
            prev, expected_seq = row.hash, row.seq + 1
        head = conn.execute(select(chain_head).where(chain_head.c.id == 1)).first()
        last_seq = rows[-1].seq if rows else 0
        if (head.seq if head else 0) != last_seq or (head is not None and head.hash != prev):
            problems.append(
                Problem("verify.head", Location(), {"head_seq": head.seq if head else 0, "last_seq": last_seq})
            )
        recorded = [
            *(("run", r.id) for r in conn.execute(select(runs.c.id))),
            *(("run", r.run_id) for r in conn.execute(select(results.c.run_id).distinct())),
            *(("official", str(r.id)) for r in conn.execute(select(officials.c.id))),
            *(("shortcoming", str(r.id)) for r in conn.execute(select(shortcomings.c.id))),
            *(("lineage", r.event) for r in conn.execute(select(lineage.c.event).distinct())),
        ]
        for kind, ref in sorted(set(recorded)):
            if (kind, ref) not in chained:
                problems.append(Problem("verify.unchained", Location(), {"kind": _kind(kind), "ref": ref}))
    if problems:
        raise StoreIntegrityError(problems)
    return Verified(len(rows), prev)
