"""What a run is asked to do, in one frozen object: everything ``evaluator rank`` takes besides
the criteria, the scorecards and how to show the result."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .backends import DEFAULT

__all__ = ["Link", "RunOptions"]


@dataclass(frozen=True)
class Link:
    """Scorecards rated first under other criteria; their levels feed linked indicators (``--link``)."""

    criteria: str | Path
    scorecards: str | Path


@dataclass(frozen=True)
class RunOptions:
    """How to rate. Every field has the meaning of the ``evaluator rank`` option named beside it;
    a field left at its default is an option not given."""

    scheme: str | Path | None = None  # --scheme (default: the one the criteria name)
    overrides: str | Path | None = None  # --overrides: recorded decisions, tie settlements, quota grants
    exceptional_quota: bool = False  # --exceptional-quota
    family: str | None = None  # --family (criteria given as a folder)
    as_of: dt.date | None = None  # --as-of: the version in force that day; the scorecards' years unchecked
    links: tuple[Link, ...] = ()  # --link CRITERIA=SCORECARDS
    what_if: tuple[tuple[str, float], ...] = ()  # --set PARAM=VALUE: (parameter, value) pairs
    backend: str = DEFAULT  # --engine
