"""What the store's tests share: a store on SQLite and on a real PostgreSQL, and small runs to record.

PostgreSQL: the URL of a running server is in EVALUATOR_TEST_POSTGRES (``bash scripts/dev.sh test``
starts one); each test gets a database of its own, dropped after. Without a server the PostgreSQL
cases are skipped with the reason — under CI (CI set) they fail instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from evaluator import bind_scheme, check_scorecards, evaluate, load_criteria
from evaluator.decision import Run
from evaluator.errors import Location
from evaluator.scorecards import RawCard, Submitted

HERE = Path(__file__).parent / "fixtures" / "history"
YEARLY = load_criteria(HERE / "yearly.yaml")
YEARLY_SCHEME = bind_scheme(HERE / "yearly-scheme.yaml", YEARLY)
PAST = load_criteria(HERE / "past.yaml")
PAST_SCHEME = bind_scheme(HERE / "past-scheme.yaml", PAST)
LEADER = load_criteria(HERE / "leader.yaml")
LEADER_SCHEME = bind_scheme(HERE / "leader-scheme.yaml", LEADER)


def postgres_database() -> Iterator[str]:
    base = os.environ.get("EVALUATOR_TEST_POSTGRES")
    if not base:
        reason = "no PostgreSQL server: EVALUATOR_TEST_POSTGRES is not set (bash scripts/dev.sh test starts one)"
        if os.environ.get("CI"):
            pytest.fail(reason + " — under CI the store must be tested on PostgreSQL")
        pytest.skip(reason)
    import psycopg

    name = "t_" + uuid.uuid4().hex[:16]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.replace("/postgres?", f"/{name}?", 1)
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The address of a new, empty store: a SQLite file, or a database on the test server."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.sqlite")
    else:
        yield from postgres_database()


def card(unit: str, year: int, *, parent: str = "p", kind: str = "ward", **indicators: Any) -> dict[str, Any]:
    return {
        "unit": unit,
        "name": f"Đơn vị {unit}",
        "kind": kind,
        "parent": parent,
        "year": year,
        "indicators": indicators,
    }


def checked(criteria: Any, *cards: dict[str, Any]) -> list[Submitted]:
    raws = [RawCard(c, lambda loc: Location(file="<test>", field=".".join(map(str, loc)) or None)) for c in cards]
    return check_scorecards(raws, criteria)


def yearly(year: int, levels: dict[str, bool], *, parent: str = "p", kind: str = "ward") -> tuple[Run, list[Submitted]]:
    """A rated yearly-test run: each unit good (True) or poor (False)."""
    subs = checked(YEARLY, *(card(u, year, parent=parent, kind=kind, ok=ok) for u, ok in levels.items()))
    return evaluate(YEARLY, subs, YEARLY_SCHEME), subs


def official(unit: str, year: int, level: str, *, family: str = "yearly-test", day: str | None = None, **extra: Any):
    """An official decision entry, as `evaluator decide` reads them."""
    from evaluator.store.imports import Entry, OfficialDecision

    fields = {"unit": unit, "year": year, "level": level, "family": family, "decided_by": "Ban Thường vụ",
              "document": f"QĐ {year}/{unit}", "date": day or f"{year + 1}-01-15", **extra}  # fmt: skip
    return Entry(OfficialDecision.model_validate(fields), Location(file="<test>"))


def store_scenarios(tmp: Path) -> dict[tuple[str, int], list[Any]]:
    """Arguments that make the store's commands end with the exit codes README documents for them
    (read by tests/test_cli_errors.py with every other command's)."""
    root = Path(__file__).resolve().parent.parent
    history = root / "examples" / "history"
    title = [history / "title-five-years.yaml", history / "title-candidates-2025.yaml"]
    nowhere = ["--store", "mysql://host/db"]
    none = ["--store", tmp / "none.sqlite"]
    bad = tmp / "bad-entries.yaml"
    bad.write_text("decisions: 1\nevents: 1\nshortcomings: 1\ntargets: 1\n", encoding="utf-8")
    return {
        ("rank", 6): ["rank", "--criteria", root / "criteria" / "qd366-collective.yaml", root / "examples" / "scorecards",
                      "--record", *nowhere],
        ("explain", 6): ["explain", "lc-binh-minh", "--criteria", *title, *nowhere],
        ("decide", 3): ["decide", bad, *none],
        ("decide", 6): ["decide", history / "officials-lao-cai.yaml", *nowhere],
        ("lineage", 3): ["lineage", "import", bad, *none],
        ("lineage", 6): ["lineage", "import", history / "lineage-lao-cai.yaml", *nowhere],
        ("shortcomings", 3): ["shortcomings", "import", bad, *none],
        ("shortcomings", 6): ["shortcomings", "import", history / "shortcomings-lao-cai.yaml", *nowhere],
        ("history", 6): ["history", "lc-binh-minh", *none],
        ("runs", 6): ["runs", *nowhere],
        ("store verify", 1): ["store", "verify", "--store", _tampered(tmp)],
        ("store verify", 6): ["store", "verify", *none],
        ("summary", 3): ["summary", "--targets", bad, *none],
        ("summary", 6): ["summary", *none],
    }  # fmt: skip


def _tampered(tmp: Path) -> Path:
    """A store with one official decision changed by hand after it was recorded."""
    import sqlite3

    from evaluator.store.db import Store
    from evaluator.store.record import record_decisions

    path = tmp / "tampered.sqlite"
    record_decisions(Store.open(str(path)), [official("a", 2024, "good")], by="t", source="t")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE officials SET level = 'poor'")
    return path
