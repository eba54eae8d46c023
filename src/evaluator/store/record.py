"""Writing to the store: a run with every unit's result, official decisions, lineage, shortcomings.

Each write is one transaction (:meth:`Store.writing`) that also chains what it wrote
(:mod:`evaluator.store.ledger`): it is there whole, or not at all. Writes are idempotent:
the same run (same criteria, scheme, options and scorecards) recorded twice is one run; an
official decision or a shortcoming identical to the newest one recorded for it is skipped; a
lineage event already recorded the same way is skipped, and one recorded differently is refused.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, insert, select

from ..decision import Run
from ..errors import DefinitionError, Location, Problem
from ..scorecards import Submitted
from .db import Store
from .imports import Entry, LineageEvent, OfficialDecision, Shortcoming
from .ledger import append, canonical, sha256
from .schema import lineage, officials, results, runs, shortcomings

__all__ = [
    "Recorded",
    "default_user",
    "record_decisions",
    "record_lineage",
    "record_run",
    "record_shortcomings",
    "run_id",
]


def default_user() -> str:
    """Who records when ``--by`` is not given: the operating-system user (``EVALUATOR_BY`` overrides)."""
    given = os.environ.get("EVALUATOR_BY", "").strip()
    if given:
        return given
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        return f"uid:{os.getuid()}" if hasattr(os, "getuid") else "unknown"


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Recorded:
    """What a write did: the id (a run) and how many entries it added and found already there."""

    ref: str
    added: int
    same: int


def scorecards_json(cards: Sequence[Submitted]) -> str:
    """The scorecards as submitted and checked, in one canonical order (unit, year)."""
    dumped = [s.card.model_dump(mode="json") for s in sorted(cards, key=lambda s: s.key)]
    return canonical(dumped)


def run_id(run: Run, cards_json: str, options: dict[str, Any]) -> str:
    """The run's identity: a hash of the criteria, the scheme, the options and the scorecards —
    never of where the files lie (the files an overlay extends are named by their hashes)."""
    criteria: dict[str, Any] = dict(run.criteria)
    if "extends" in criteria:
        criteria["extends"] = [{k: v for k, v in b.items() if k != "file"} for b in criteria["extends"]]
    return sha256(
        canonical({"criteria": criteria, "scheme": run.scheme, "options": options, "scorecards": sha256(cards_json)})
    )


def record_run(
    store: Store, run: Run, cards: Sequence[Submitted], *, by: str, extra: dict[str, Any] | None = None
) -> Recorded:
    """Record ``run`` (and every unit's result) unless the same run is there already."""
    cards_json = scorecards_json(cards)
    options = {**run.options, "backend": run.engine.get("backend"), **(extra or {})}
    rid = run_id(run, cards_json, options)
    header = run.to_dict_header("vi")
    rows = [
        {
            "run_id": rid,
            "unit": d.unit,
            "year": d.year,
            "status": d.status,
            "level": d.level,
            "score": d.score,
            "rank": d.rank,
            "parent": d.parent,
            "kind": d.kind,
            "peer_group": d.peer_group,
            "result": canonical(d.to_dict("vi")),
        }
        for d in sorted(run.results, key=lambda d: (d.unit, d.year))
    ]
    with store.writing() as conn:
        if conn.execute(select(runs.c.id).where(runs.c.id == rid)).first() is not None:
            return Recorded(rid, 0, 1)
        conn.execute(
            insert(runs).values(
                id=rid,
                criteria_id=run.criteria["id"],
                criteria_version=run.criteria["version"],
                criteria_sha256=run.criteria["sha256"],
                family=run.criteria.get("family"),
                scheme_id=run.scheme["id"],
                scheme_version=run.scheme["version"],
                scheme_sha256=run.scheme["sha256"],
                options=canonical(options),
                engine=canonical(run.engine),
                header=canonical(header),
                scorecards=cards_json,
                scorecards_sha256=sha256(cards_json),
                recorded_by=by,
                recorded_at=_now(),
            )
        )
        if rows:
            conn.execute(insert(results), rows)
        append(conn, "run", rid)
    return Recorded(rid, 1, 0)


def _supersede(
    conn: Connection, table: Any, kind: str, key: dict[str, Any], fields: dict[str, Any], **meta: Any
) -> bool:
    """Add an entry for ``key`` unless the newest one for it already holds ``fields``; chain it."""
    where = and_(*(table.c[k] == v for k, v in key.items()))
    last = conn.execute(select(table).where(where).order_by(table.c.id.desc()).limit(1)).first()
    if last is not None and all(last._mapping[k] == v for k, v in fields.items()):
        return False
    new_id = conn.execute(insert(table).values(**key, **fields, **meta).returning(table.c.id)).scalar_one()
    append(conn, kind, str(new_id))
    return True


def record_decisions(store: Store, entries: Sequence[Entry], *, by: str, source: str) -> Recorded:
    """Official decisions; a decision for a unit, year and family supersedes the earlier ones (both kept)."""
    added = 0
    now = _now()
    with store.writing() as conn:
        for e in entries:
            d: OfficialDecision = e.item
            key = {"unit": d.unit, "year": d.year, "family": d.family}
            fields = {
                "level": d.level,
                "scheme": d.scheme,
                "parent": d.parent,
                "kind": d.kind,
                "decided_by": d.decided_by,
                "document": d.document,
                "decided_on": d.date.isoformat(),
            }
            added += _supersede(
                conn, officials, "official", key, fields, source=source, recorded_by=by, recorded_at=now
            )
    return Recorded("", added, len(entries) - added)


def record_shortcomings(store: Store, entries: Sequence[Entry], *, by: str, source: str) -> Recorded:
    """Shortcomings; a later entry for the same unit, year and text (now remedied) supersedes."""
    added = 0
    now = _now()
    with store.writing() as conn:
        for e in entries:
            s: Shortcoming = e.item
            key = {"unit": s.unit, "year_named": s.year, "text": s.text}
            fields = {"remedied_year": s.remedied}
            meta = {"source": source, "recorded_by": by, "recorded_at": now}
            added += _supersede(conn, shortcomings, "shortcoming", key, fields, **meta)
    return Recorded("", added, len(entries) - added)


def _pairs(ev: LineageEvent) -> list[tuple[str, str]]:
    return sorted((a, b) for a in ev.from_ for b in ev.into)


def record_lineage(store: Store, entries: Sequence[Entry], *, by: str) -> Recorded:
    """Lineage events; one already recorded the same way is skipped, one recorded otherwise refused.
    Events may not make a unit its own ancestor."""
    added = same = 0
    now = _now()
    problems: list[Problem] = []
    with store.writing() as conn:
        for e in entries:
            ev: LineageEvent = e.item
            rows = conn.execute(select(lineage).where(lineage.c.event == ev.id)).all()
            if rows:
                recorded = sorted((r.predecessor, r.successor) for r in rows)
                first = rows[0]
                if (
                    recorded == _pairs(ev)
                    and first.kind == ev.kind
                    and first.effective == ev.date.isoformat()
                    and first.document == ev.document
                ):
                    same += 1
                    continue
                before = ", ".join(sorted({r.predecessor for r in rows}))
                after = ", ".join(sorted({r.successor for r in rows}))
                shown = f"{first.kind} {first.effective}: {before} → {after}"
                problems.append(Problem("store.lineage_conflict", e.location, {"event": ev.id, "recorded": shown}))
                continue
            conn.execute(
                insert(lineage),
                [
                    {
                        "event": ev.id,
                        "kind": ev.kind,
                        "effective": ev.date.isoformat(),
                        "document": ev.document,
                        "predecessor": a,
                        "successor": b,
                        "recorded_by": by,
                        "recorded_at": now,
                    }
                    for a, b in _pairs(ev)
                ],
            )
            append(conn, "lineage", ev.id)
            added += 1
        if not problems:
            cycle = _cycle(conn)
            if cycle:
                problems.append(Problem("lineage.cycle", Location(), {"cycle": " → ".join(cycle)}))
        if problems:
            raise DefinitionError(problems)  # the transaction is rolled back: nothing of the file is recorded
    return Recorded("", added, same)


def _cycle(conn: Connection) -> list[str] | None:
    edges: dict[str, set[str]] = {}
    for r in conn.execute(select(lineage.c.predecessor, lineage.c.successor)):
        edges.setdefault(r.predecessor, set()).add(r.successor)
    for start in sorted(edges):
        stack = [(start, [start])]
        seen: set[str] = set()
        while stack:
            node, path = stack.pop()
            for nxt in sorted(edges.get(node, ())):
                if nxt == start:
                    return [*path, nxt]
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*path, nxt]))
    return None
