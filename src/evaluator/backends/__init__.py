"""The backend seam: what decides, for each scorecard, which way each criterion goes.

A backend compiles the intermediate form of a criteria set (:mod:`evaluator.ir`) with the
parameters its criteria use into a :class:`Matcher`; the matcher takes a batch of scorecards
(:class:`Card`: the indicators present and this unit's parameter values) and gives, for each,
one :class:`~evaluator.ir.Match` per criterion, in criteria order. Everything after that —
findings, levels, quota, ranks — is the same whatever the backend.

The registry below is the one place that names backends: ``--engine`` offers :func:`names`,
the run's JSON header holds the matcher's :meth:`Matcher.describe`, the service's response
header :func:`product`, and the criteria tests compare :data:`DEFAULT` against :data:`ORACLE`
and name them by :func:`title`. Adding a backend is one entry in
:data:`_REGISTRY` (the module is imported only when the backend is used).
"""

from __future__ import annotations

import contextlib
import importlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import Problem, UsageError, did_you_mean
from ..ir import CriterionIR, Match
from ..text import Bilingual
from . import reuse

if TYPE_CHECKING:
    from ..load import Criteria

__all__ = [
    "BULK",
    "DEFAULT",
    "HELP",
    "ORACLE",
    "Backend",
    "Card",
    "Matcher",
    "get",
    "names",
    "oracle_matches",
    "product",
    "session",
    "title",
]

DEFAULT = "durable"  # the product's backend
ORACLE = "reference"  # the one every other backend is checked against (criteria tests, property tests)
BULK = "columnar"  # the fastest on many scorecards: what a sweep rates with unless told otherwise

HELP = (  # --engine's help
    "durable_rules (the product), the pure-Python reference (for cross-checks) or columnar (numpy, for large runs)."
)

# name -> "module:attribute" of a Backend; imported when first used.
_REGISTRY: dict[str, str] = {
    "durable": "evaluator.backends.durable:BACKEND",
    "reference": "evaluator.backends.reference:BACKEND",
    "columnar": "evaluator.backends.columnar:BACKEND",
}


@dataclass(frozen=True)
class Card:
    """One scorecard as a backend sees it."""

    unit: str  # for messages only
    values: Mapping[str, Any]  # the indicators present (an absent one is not a key)
    params: Mapping[str, Any]  # the value of each parameter the criteria use, for this unit's region and year


class Matcher(Protocol):
    """Compiled criteria, ready to match batches of scorecards."""

    def match(self, batch: Sequence[Card]) -> list[list[Match]]:
        """For each card, in order: one match per criterion, in criteria order."""
        ...

    def describe(self) -> dict[str, str]:
        """What the run's JSON header says of the backend (``backend`` first)."""
        ...

    def close(self) -> None:
        """Free what the matcher holds (called once, when it is not kept for another run)."""
        ...


class Backend(Protocol):
    batch_size: int | None  # scorecards per call of Matcher.match (None: the whole batch at once)
    title: Bilingual  # what people call it, in both languages (criteria tests' messages)

    def product(self) -> tuple[str, str]:
        """The (name, version) of what does the matching, as a service's response header names it."""
        ...

    def compile(self, criteria: Criteria, params: frozenset[str]) -> Matcher:
        """A matcher for ``criteria`` (its intermediate form) whose parameters ``params`` come with each card."""
        ...


def names() -> tuple[str, ...]:
    """The backends there are, the default first."""
    return (DEFAULT, *sorted(n for n in _REGISTRY if n != DEFAULT))


def get(name: str) -> Backend:
    """The backend called ``name``; a name there is not gets the usage error with "did you mean"."""
    spec = _REGISTRY.get(name)
    if spec is None:
        raise UsageError(
            Problem(
                "run.backend",
                params={"backend": name, "choices": ", ".join(names())},
                suggestion=did_you_mean(name, names()),
            )
        )
    module, _, attribute = spec.partition(":")
    backend: Backend = getattr(importlib.import_module(module), attribute)
    return backend


@contextlib.contextmanager
def session(name: str, criteria: Criteria, params: frozenset[str]) -> Iterator[tuple[Backend, Matcher]]:
    """The backend and a matcher for one run; closed after it — or, inside :func:`reuse.reusing` and
    when the run ended cleanly, kept idle for the next run of the same criteria."""
    backend = get(name)
    key = (name, criteria.sha256, json.dumps(list(criteria.bases), sort_keys=True), params)
    matcher = reuse.matcher_for(key, lambda: backend.compile(criteria, params))
    clean = False
    try:
        yield backend, matcher
        clean = True
    finally:
        reuse.returned(key, matcher, clean)


def title(name: str) -> Bilingual:
    """What people call the backend ``name``, in both languages."""
    return get(name).title


def product(name: str = DEFAULT) -> str:
    """``name/version`` of what the backend ``name`` runs (the service's ``x-evaluator-engine`` header)."""
    what, version = get(name).product()
    return f"{what}/{version}"


def oracle_matches(items: tuple[CriterionIR, ...], values: Mapping[str, Any]) -> list[Match]:
    """The oracle's matches for one scorecard over any criteria (``values``: its indicators and
    parameters together): what the criteria tests' generators take as expected."""
    module = importlib.import_module(_REGISTRY[ORACLE].partition(":")[0])
    found: list[Match] = module.reference_findings(items, values)
    return found
