"""Shared fixtures: the shipped Regulation 366 files and a scorecard builder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from evaluator import BoundScheme, Criteria, bind_scheme, check_scorecards, evaluate, load_criteria
from evaluator.decision import Run
from evaluator.errors import Location
from evaluator.scorecards import RawCard
from store_support import store_url  # noqa: F401  (a fixture: a store on SQLite and on PostgreSQL)

ROOT = Path(__file__).resolve().parent.parent
QD366 = ROOT / "criteria" / "qd366-collective.yaml"
QD366_SCHEME = ROOT / "rules" / "qd366.yaml"
EXAMPLES = ROOT / "examples" / "scorecards"

# A unit that meets every condition of "htt" but not "htxs" (score 80, 20% exceeded).
GOOD: dict[str, Any] = {
    "general_1": 5,
    "general_2": 5,
    "general_3": 5,
    "general_4": 5,
    "general_5": 5,
    "general_6": 5,
    "task_results": 50,
    "tasks_done_pct": 100,
    "plan_targets_done_pct": 100,
    "tasks_late_pct": 0,
    "tasks_exceeded_pct": 20,
    "shortcomings_remedied_pct": 100,
    "leaders_disciplined": 0,
    "subunits_disciplined": 0,
    "disunity_concluded": False,
    "degradation_concluded": False,
    "personnel_violation_concluded": False,
    "factionalism_concluded": False,
    "basic_targets_met": 5,
}
# Meets every htxs condition: score 95, 35% exceeded.
EXCELLENT: dict[str, Any] = {**GOOD, "task_results": 65, "tasks_exceeded_pct": 35}


def make_card(unit: str = "u1", *, year: int = 2025, parent: str = "p", kind: str = "ward", **indicators: Any) -> dict:
    """A scorecard dict; ``indicators`` replace those of GOOD (``None`` removes one)."""
    values = {**GOOD, **indicators}
    return {
        "unit": unit,
        "name": f"Phường {unit}",
        "kind": kind,
        "parent": parent,
        "year": year,
        "indicators": {k: v for k, v in values.items() if v is not None},
    }


def with_score(score: float, **extra: Any) -> dict[str, Any]:
    """Indicators of EXCELLENT with task_results set so that the score is ``score`` (general = 30)."""
    return {**EXCELLENT, "task_results": round(score - 30, 6), **extra}


@pytest.fixture(scope="session")
def qd366() -> Criteria:
    return load_criteria(QD366)


@pytest.fixture(scope="session")
def qd366_scheme(qd366: Criteria) -> BoundScheme:
    return bind_scheme(QD366_SCHEME, qd366)


def raw(data: dict, name: str = "<test>") -> RawCard:
    return RawCard(data, lambda loc: Location(file=name, field=".".join(map(str, loc)) or None))


@pytest.fixture
def rate(qd366: Criteria, qd366_scheme: BoundScheme) -> Callable[..., Run]:
    """Rate scorecard dicts under Regulation 366 (durable_rules unless ``backend`` says otherwise)."""

    def run(*cards: dict, **options: Any) -> Run:
        subs = check_scorecards([raw(c) for c in cards], qd366)
        return evaluate(qd366, subs, qd366_scheme, **options)

    return run
