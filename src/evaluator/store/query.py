"""Reading the store: the history a run needs (:func:`load_view`), the list of runs, and what it
holds of one unit (:func:`unit_history`)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from .db import Store
from .schema import ledger, lineage, officials, results, runs, shortcomings
from .view import Event, HistoryView

__all__ = ["list_runs", "load_view", "unit_history"]


def load_view(store: Store, *, findings: bool = False) -> HistoryView:
    """What the store holds that history, roll-ups and summaries read, loaded once; with ``findings``,
    the status of every criterion of every recorded result too (for roll-ups over failed criteria)."""
    view = HistoryView(shown=store.shown)
    with store.reading() as conn:
        for r in conn.execute(select(officials).order_by(officials.c.decided_on, officials.c.id)):
            row = dict(r._mapping)
            view.officials.setdefault((row["unit"], row["year"], row["family"]), []).append(row)
        query = (
            select(
                results.c.unit, results.c.year, results.c.level, results.c.status, results.c.parent,
                results.c.kind, results.c.run_id, runs.c.family, runs.c.criteria_id, runs.c.recorded_at,
                ledger.c.seq, *((results.c.result,) if findings else ()),
            )
            .join(runs, runs.c.id == results.c.run_id)
            .join(ledger, (ledger.c.kind == "run") & (ledger.c.ref == runs.c.id))
            .order_by(ledger.c.seq)
        )  # fmt: skip
        for r in conn.execute(query):
            row = dict(r._mapping)
            if findings:
                row["statuses"] = {f["criterion"]: f["status"] for f in json.loads(row.pop("result"))["findings"]}
            view.computed.setdefault((row["unit"], row["year"], row["family"] or ""), []).append(row)
        by_event: dict[str, list[Any]] = {}
        for r in conn.execute(select(lineage).order_by(lineage.c.event, lineage.c.predecessor, lineage.c.successor)):
            by_event.setdefault(r.event, []).append(r)
        for eid, rows in sorted(by_event.items()):
            first = rows[0]
            before = tuple(sorted({r.predecessor for r in rows}))
            after = tuple(sorted({r.successor for r in rows}))
            view.events.append(Event(eid, first.kind, first.effective, first.document, before, after))
        for r in conn.execute(select(shortcomings).order_by(shortcomings.c.id)):
            row = dict(r._mapping)
            view.shortcomings.setdefault((row["unit"], row["year_named"]), []).append(row)
    return view


def list_runs(store: Store) -> list[dict[str, Any]]:
    """Every recorded run, in the order recorded (the hash chain's), with its units and years."""
    with store.reading() as conn:
        query = select(runs).join(ledger, (ledger.c.kind == "run") & (ledger.c.ref == runs.c.id)).order_by(ledger.c.seq)
        rows = [dict(r._mapping) for r in conn.execute(query)]
        counts: dict[str, tuple[int, set[int]]] = {}
        for r in conn.execute(select(results.c.run_id, results.c.year)):
            n, years = counts.get(r.run_id, (0, set()))
            years.add(r.year)
            counts[r.run_id] = (n + 1, years)
    out = []
    for row in rows:
        n, years = counts.get(row["id"], (0, set()))
        out.append(
            {
                "id": row["id"],
                "recorded_at": row["recorded_at"],
                "recorded_by": row["recorded_by"],
                "criteria": {"id": row["criteria_id"], "version": row["criteria_version"], "family": row["family"]},
                "scheme": {"id": row["scheme_id"], "version": row["scheme_version"]},
                "options": json.loads(row["options"]),
                "units": n,
                "years": sorted(years),
            }
        )
    return out


def unit_history(view: Any, unit: str) -> dict[str, Any]:
    """What the store holds of ``unit``: per year, its computed results and official decision — and,
    for the years before the event that formed it, those of the units it was formed from."""
    from ..vntext import canon

    unit = canon(unit)
    events: list[Any] = []
    rows: list[dict[str, Any]] = []
    todo: list[tuple[str, int | None, str | None]] = [(unit, None, None)]  # unit, before year, via event
    done: set[str] = set()
    while todo:
        name, before, via = todo.pop(0)
        if name in done:
            continue
        done.add(name)
        years = {y for (u, y, _) in view.computed if u == name} | {y for (u, y, _) in view.officials if u == name}
        for year in sorted(years):
            if before is not None and year >= before:
                continue
            rows.append(_year_row(view, name, year, via))
        for e in sorted((e for e in view.events if name in e.after), key=lambda e: e.effective):
            if e not in events:
                events.append(e)
            todo.extend((b, e.year if before is None else min(before, e.year), e.id) for b in e.before)
    rows.sort(key=lambda r: (r["year"], r["unit"]))
    return {
        "unit": unit,
        "store": view.shown,
        "lineage": [
            {
                "id": e.id,
                "kind": e.kind,
                "date": e.effective,
                "document": e.document,
                "from": list(e.before),
                "into": list(e.after),
            }
            for e in events
        ],
        "years": rows,
    }


def _year_row(view: Any, unit: str, year: int, via: str | None) -> dict[str, Any]:
    computed = []
    for (u, y, fam), recorded in sorted(view.computed.items()):
        if u == unit and y == year:
            r = recorded[-1]
            keys = {"criteria": "criteria_id", "level": "level", "status": "status", "run": "run_id"}
            computed.append(
                {"family": fam or None, **{k: r[v] for k, v in keys.items()}, "recorded_at": r["recorded_at"]}
            )
    official = []
    for (u, y, fam), decisions in sorted(view.officials.items()):
        if u == unit and y == year:
            newest = decisions[-1]
            official.append(
                {
                    "family": fam,
                    "level": newest["level"],
                    "scheme": newest["scheme"],
                    "decided_by": newest["decided_by"],
                    "document": newest["document"],
                    "date": newest["decided_on"],
                    "superseded": [
                        {"level": d["level"], "document": d["document"], "date": d["decided_on"]}
                        for d in decisions[:-1]
                    ],
                }
            )
    return {"year": year, "unit": unit, "via": via, "computed": computed, "official": official}
