"""The library's entry points: rate scorecards under a criteria set and a scheme."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from importlib import metadata
from pathlib import Path

from .classify import classify
from .cohort import apply_quota, rank_group, require_peer_groups
from .decision import Decision, QuotaOutcome, Run
from .errors import DefinitionError, Location, Problem
from .explain import fill_gap
from .findings import Evaluator
from .gcpause import gc_paused
from .links import resolve_links
from .load import BoundScheme, Criteria, bind_scheme, load_criteria, load_overrides, load_tie_settlements
from .model import Override, TieSettlement
from .scorecards import Submitted, read_scorecards

__all__ = ["default_scheme_path", "evaluate", "rate"]


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


def evaluate(
    criteria: Criteria,
    scorecards: Sequence[Submitted],
    scheme: BoundScheme,
    *,
    overrides: Iterable[tuple[Override, Location]] = (),
    tie_settlements: Iterable[tuple[TieSettlement, Location]] = (),
    exceptional_quota: bool = False,
    backend: str = "durable",
    progress: Callable[[int, int], None] | None = None,
    links: Sequence[Run] = (),
) -> Run:
    """Rate checked scorecards: findings, levels, vetoes, overrides, quota, ranks and reasons.

    ``progress(done, total)``, when given, is called after each scorecard is rated.
    ``links`` are runs of other criteria sets whose levels feed linked indicators.
    ``tie_settlements`` say who keeps the quota level where units tie at the cut-off.
    """
    if exceptional_quota and (scheme.model.quota is None or scheme.model.quota.exceptional_rate is None):
        raise DefinitionError(Problem("run.exceptional_quota", Location(file=scheme.path), {"scheme": scheme.model.id}))
    keys = {s.key for s in scorecards}
    by_key: dict[tuple[str, int], Override] = {}
    problems = []
    for ov, where in overrides:
        if (ov.unit, ov.year) not in keys:
            problems.append(Problem("override.unit_unknown", where, {"unit": ov.unit, "year": ov.year}))
        by_key[(ov.unit, ov.year)] = ov
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
        scorecards, link_notes = resolve_links(criteria, scorecards, links)
        ev = Evaluator(criteria, backend, scheme.band_params)
        ev.check_parameters(scorecards)
        decisions: list[Decision] = []
        values: dict[tuple[str, int], dict[str, object]] = {}
        groups: dict[str, list[Decision]] = {}
        with ev.session() as engine:
            for done, sub in enumerate(scorecards, start=1):
                findings = ev.findings(sub, ev.metas(engine, sub))
                group = sub.card.group_key()
                params = ev.parameters(sub.card.region, sub.card.year)
                d = classify(sub, findings, criteria, scheme, by_key.get(sub.key), group, params)
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
            outcome = apply_quota(group, members, scheme, values, exceptional_quota, settled, problems)
            if outcome is not None:
                outcomes.append(outcome)
            for d in members:
                fill_gap(d, scheme, by_key.get((d.unit, d.year)), ev.parameters(d.region, d.year))
            ordered.extend(rank_group(group, members, scheme, values))
    if problems:  # tie settlements that settle nothing
        raise DefinitionError(problems)
    quota = scheme.model.quota
    return Run(
        criteria=criteria.meta(),
        scheme=scheme.meta(),
        engine={
            "evaluator": _version("evaluator"),
            "backend": "durable_rules" if backend == "durable" else "reference",
            "durable_rules": _version("durable-rules"),
            "rules_sha256": ev.compiled.sha256,
        },
        options={
            "exceptional_quota": exceptional_quota,
            "quota_rate": None
            if quota is None
            else str(quota.exceptional_rate if exceptional_quota and quota.exceptional_rate else quota.rate),
        },
        results=ordered,
        quota=outcomes,
    )


def rate(
    criteria: str | Path,
    scorecards: Iterable[str | Path],
    *,
    scheme: str | Path | None = None,
    overrides: str | Path | None = None,
    exceptional_quota: bool = False,
    backend: str = "durable",
) -> Run:
    """Read everything from files and rate: the whole job behind ``evaluator rank``."""
    crit = load_criteria(criteria)
    bound = bind_scheme(scheme if scheme is not None else default_scheme_path(crit), crit)
    cards = read_scorecards(scorecards, crit)
    ovs = load_overrides(overrides, bound) if overrides is not None else []
    ties = load_tie_settlements(overrides) if overrides is not None else []
    return evaluate(
        crit, cards, bound, overrides=ovs, tie_settlements=ties, exceptional_quota=exceptional_quota, backend=backend
    )
