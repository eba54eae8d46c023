"""The library's entry points: rate scorecards under a criteria set and a scheme.

These functions, and every other function the package exports, raise only
:class:`~evaluator.errors.EvaluatorError` subclasses: an unexpected exception inside one
becomes an :class:`~evaluator.errors.InternalError` (exit code 5) chained to it
(:func:`guarded`). See the hierarchy in :mod:`evaluator.errors`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from .classify import classify
from .cohort import apply_quota, rank_group, require_peer_groups
from .decision import Decision, QuotaOutcome, Run
from .errors import DefinitionError, EvaluatorError, InternalError, Location, Problem
from .explain import fill_gap
from .findings import Evaluator
from .gcpause import gc_paused
from .history import resolve_past
from .links import resolve_links
from .load import (
    BoundScheme,
    Criteria,
    bind_scheme,
    load_criteria,
    load_overrides,
    load_quota_grants,
    load_tie_settlements,
)
from .model import Override, QuotaGrant, TieSettlement
from .overrides import at, check_grants, entry_problems
from .records import check_raw, raw_record
from .rollup import rollup_runs
from .scorecards import RawCard, Submitted, raw_cards
from .store.view import HistoryView

__all__ = ["default_scheme_path", "evaluate", "guarded", "rate"]

F = TypeVar("F", bound=Callable[..., Any])


def guarded(func: F) -> F:
    """``func`` raising only :class:`EvaluatorError`: anything else becomes an :class:`InternalError`
    whose ``__cause__`` is the original (``KeyboardInterrupt`` and ``SystemExit`` pass)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except EvaluatorError:
            raise
        except Exception as exc:
            raise InternalError.wrapping(exc) from exc

    return wrapper  # type: ignore[return-value]


@functools.cache  # reading a distribution's metadata takes milliseconds: once per process is enough
def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def default_scheme_path(criteria: Criteria) -> Path:
    """The scheme the criteria file names in ``default_scheme`` (relative to the file)."""
    if criteria.model.default_scheme is None:
        raise DefinitionError(Problem("key.missing", criteria.doc.locate(("default_scheme",))))
    return (Path(criteria.path).parent / criteria.model.default_scheme).resolve()


@guarded
def evaluate(
    criteria: Criteria,
    scorecards: Sequence[Submitted],
    scheme: BoundScheme,
    *,
    overrides: Iterable[tuple[Override, Location]] = (),
    tie_settlements: Iterable[tuple[TieSettlement, Location]] = (),
    quota_grants: Iterable[tuple[QuotaGrant, Location]] = (),
    exceptional_quota: bool = False,
    backend: str = "durable",
    progress: Callable[[int, int], None] | None = None,
    links: Sequence[Run] = (),
    history: HistoryView | None = None,
) -> Run:
    """Rate checked scorecards: findings, levels, vetoes, overrides, quota, ranks and reasons.

    ``progress(done, total)``, when given, is called after each scorecard is rated.
    ``links`` are runs of other criteria sets whose levels feed linked indicators (and roll-ups).
    ``history`` is the store's history, read by history and roll-up indicators (without it they are missing).
    ``tie_settlements`` say who keeps the quota level where units tie at the cut-off.
    ``quota_grants`` give named peer groups the scheme's exceptional rate, by a recorded decision;
    ``exceptional_quota`` gives it to every group.
    """
    if exceptional_quota and (scheme.model.quota is None or scheme.model.quota.exceptional_rate is None):
        raise DefinitionError(Problem("run.exceptional_quota", Location(file=scheme.path), {"scheme": scheme.model.id}))
    keys = {s.key for s in scorecards}
    by_key: dict[tuple[str, int], tuple[Override, Location]] = {}
    problems = []
    for ov, where in overrides:
        problems.extend(entry_problems(ov, lambda loc, where=where: at(where, *loc), scheme))
        if (ov.unit, ov.year) not in keys:
            problems.append(Problem("override.unit_unknown", where, {"unit": ov.unit, "year": ov.year}))
        by_key[(ov.unit, ov.year)] = (ov, where)
    grants, grant_problems = check_grants(quota_grants, (s.card.group_key() for s in scorecards), scheme)
    problems.extend(grant_problems)
    settled: dict[tuple[str, int], tuple[TieSettlement, Location]] = {}
    for ts, where in tie_settlements:
        if (ts.unit, ts.year) not in keys:
            problems.append(Problem("tie.unit_unknown", where, {"unit": ts.unit, "year": ts.year}))
        settled[(ts.unit, ts.year)] = (ts, where)
    if problems:
        raise DefinitionError(problems)
    require_peer_groups(scorecards, scheme)

    # Rating creates many small objects that live to the end of the run; pausing the cyclic
    # garbage collector meanwhile (restored after) saves about a third of the time.
    with gc_paused():
        rolled, links = rollup_runs(criteria, links)
        scorecards, link_notes, warnings = resolve_links(criteria, scorecards, links)
        scorecards = resolve_past(criteria, scorecards, rolled, history, scheme, link_notes)
        ev = Evaluator(criteria, backend, scheme.band_params)
        ev.check_parameters(scorecards)
        decisions: list[Decision] = []
        values: dict[tuple[str, int], dict[str, object]] = {}
        groups: dict[str, list[Decision]] = {}
        with ev.session() as engine:
            matched = ev.all_metas(engine, scorecards)
            for done, (sub, metas) in enumerate(zip(scorecards, matched, strict=True), start=1):
                findings = ev.findings(sub, metas)
                group = sub.card.group_key()
                params = ev.parameters(sub.card.region, sub.card.year)
                d = classify(sub, findings, criteria, scheme, by_key.get(sub.key), group, params, problems)
                if link_notes.get(sub.key):
                    d.reasons[:0] = link_notes[sub.key]
                decisions.append(d)
                values[sub.key] = sub.values
                groups.setdefault(group, []).append(d)
                if progress is not None:
                    progress(done, len(scorecards))
        ordered: list[Decision] = []
        outcomes: list[QuotaOutcome] = []
        for group in sorted(groups):
            members = groups[group]
            grant = grants.get(group)
            outcome = apply_quota(group, members, scheme, values, exceptional_quota, settled, problems, grant)
            if outcome is not None:
                outcomes.append(outcome)
            for d in members:
                entry = by_key.get((d.unit, d.year))
                fill_gap(d, scheme, entry[0] if entry else None, ev.parameters(d.region, d.year), criteria)
            ordered.extend(rank_group(group, members, scheme, values))
    if problems:  # overrides that may not apply, tie settlements that settle nothing
        raise DefinitionError(problems)
    quota = scheme.model.quota
    return Run(
        criteria=criteria.meta(),
        scheme=scheme.meta(),
        engine={
            "evaluator": _version("evaluator"),
            "backend": {"durable": "durable_rules"}.get(backend, backend),
            "durable_rules": _version("durable-rules"),
            "rules_sha256": ev.compiled.sha256,
        },
        options={
            "exceptional_quota": exceptional_quota,
            "quota_rate": None
            if quota is None
            else str(quota.exceptional_rate if exceptional_quota and quota.exceptional_rate else quota.rate),
            "quota_base": None if quota is None else quota.base,
            "exceptional_groups": [grants[g].to_dict() for g in sorted(grants)],
        },
        results=ordered,
        quota=outcomes,
        warnings=warnings,
    )


def _scorecards(items: Iterable[str | Path | Mapping[str, Any]], criteria: Criteria) -> list[Submitted]:
    """Files and folders read as ``evaluator rank`` reads them; mappings checked as records,
    located as ``scorecards[i].field`` by their place ``i`` among ``items``."""
    cards: list[RawCard] = []
    problems: list[Problem] = []
    for i, item in enumerate(items):
        if isinstance(item, (str, Path)):
            cards.extend(raw_cards([item], criteria))
        elif (card := raw_record(i, item, problems)) is not None:
            cards.append(card)
    return check_raw(cards, problems, criteria)


@guarded
def rate(
    criteria: str | Path | Criteria,
    scorecards: str | Path | Iterable[str | Path | Mapping[str, Any]],
    *,
    scheme: str | Path | None = None,
    overrides: str | Path | None = None,
    exceptional_quota: bool = False,
    backend: str = "durable",
) -> Run:
    """Read, check and rate: the whole job behind ``evaluator rank``.

    ``criteria`` is a criteria file (or one already loaded). ``scorecards`` are files or
    folders (as on the command line) and/or scorecards given as mappings — records from
    a database — which get the same checks, each problem located as
    ``scorecards[i].indicators.<id>`` by the record's place ``i`` in the list; every
    problem is reported at once (:class:`ScorecardError`) and nothing is rated.
    """
    crit = criteria if isinstance(criteria, Criteria) else load_criteria(criteria)
    bound = bind_scheme(scheme if scheme is not None else default_scheme_path(crit), crit)
    cards = _scorecards([scorecards] if isinstance(scorecards, (str, Path)) else scorecards, crit)
    ovs = load_overrides(overrides, bound) if overrides is not None else []
    ties = load_tie_settlements(overrides) if overrides is not None else []
    grants = load_quota_grants(overrides) if overrides is not None else []
    return evaluate(
        crit,
        cards,
        bound,
        overrides=ovs,
        tie_settlements=ties,
        quota_grants=grants,
        exceptional_quota=exceptional_quota,
        backend=backend,
    )
