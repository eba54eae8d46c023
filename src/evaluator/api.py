"""The library's entry points: rate scorecards under a criteria set and a scheme.

These functions, and every other function the package exports, raise only
:class:`~evaluator.errors.EvaluatorError` subclasses: an unexpected exception inside one
becomes an :class:`~evaluator.errors.InternalError` (exit code 5) chained to it
(:func:`guarded`). See the hierarchy in :mod:`evaluator.errors`.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from . import backends
from .catalog import choose_criteria
from .classify import classify
from .decision import Decision, QuotaOutcome, Run
from .errors import DefinitionError, EvaluatorError, InternalError, Location, Problem
from .findings import FindingBuilder
from .gap import fill_gap
from .gcpause import gc_paused
from .history import resolve_past
from .links import check_cycles, resolve_links
from .load import (
    BoundScheme,
    Criteria,
    bind_scheme,
    load_criteria,
    load_overrides,
    load_quota_grants,
    load_tie_settlements,
)
from .load.decisions import entry_problems
from .model import Override, QuotaGrant, TieSettlement
from .options import Link, RunOptions
from .overrides import check_grants, under
from .quota import apply_quota, require_peer_groups
from .ranking import rank_group
from .records import check_raw, raw_record
from .rollup import rollup_runs
from .scorecards import CheckOptions, RawCard, Submitted, raw_cards, read_scorecards
from .store.view import HistoryView
from .whatif import mark_what_if, with_parameters

__all__ = [
    "Chosen",
    "Inputs",
    "choose",
    "choose_version",
    "default_scheme_path",
    "evaluate",
    "finish",
    "gather",
    "guarded",
    "rate",
]

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
    backend: str = backends.DEFAULT,
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
    backends.get(backend)  # an unknown name is refused before any work
    if exceptional_quota and (scheme.model.quota is None or scheme.model.quota.exceptional_rate is None):
        raise DefinitionError(Problem("run.exceptional_quota", Location(file=scheme.path), {"scheme": scheme.model.id}))
    keys = {s.key for s in scorecards}
    by_key: dict[tuple[str, int], tuple[Override, Location]] = {}
    problems = []
    for ov, where in overrides:
        problems.extend(entry_problems(ov, under(where), scheme))
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
        ev = FindingBuilder(criteria, scheme.band_params)
        ev.check_parameters(scorecards)
        decisions: list[Decision] = []
        values: dict[tuple[str, int], dict[str, object]] = {}
        groups: dict[str, list[Decision]] = {}
        with backends.session(backend, criteria, ev.used_params) as (impl, matcher):
            # Matched a batch at a time (the backend says how many), then each scorecard decided.
            size = impl.batch_size or max(len(scorecards), 1)
            for start in range(0, len(scorecards), size):
                batch = scorecards[start : start + size]
                for done, (sub, matches) in enumerate(
                    zip(batch, matcher.match([ev.card(s) for s in batch]), strict=True), start=start + 1
                ):
                    findings = ev.findings(sub, matches)
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
            described = matcher.describe()
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
        engine={"evaluator": _version("evaluator"), **described},
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


def _scorecards(
    items: Iterable[str | Path | Mapping[str, Any]], criteria: Criteria, check: CheckOptions | None = None
) -> list[Submitted]:
    """Files and folders read as ``evaluator rank`` reads them; mappings checked as records,
    located as ``scorecards[i].field`` by their place ``i`` among ``items``."""
    cards: list[RawCard] = []
    problems: list[Problem] = []
    for i, item in enumerate(items):
        if isinstance(item, (str, Path)):
            cards.extend(raw_cards([item], criteria))
        elif (card := raw_record(i, item, problems)) is not None:
            cards.append(card)
    return check_raw(cards, problems, criteria, check)


@dataclass(frozen=True)
class Chosen:
    """The criteria a run uses (the version chosen, what-if values applied) and its scheme."""

    original: Criteria  # as written (what-if reasons name its values)
    criteria: Criteria
    scheme: BoundScheme


@dataclass(frozen=True)
class Inputs:
    """What a run reads besides its criteria: linked runs, checked scorecards, recorded decisions."""

    links: list[Run]
    cards: list[Submitted]
    overrides: list[tuple[Override, Location]]
    ties: list[tuple[TieSettlement, Location]]
    grants: list[tuple[QuotaGrant, Location]]


def _years(items: Sequence[str | Path | Mapping[str, Any]]) -> list[int]:
    """The rating years the scorecards give (unreadable ones left to the checks that follow)."""
    years: set[int] = set()
    paths = [i for i in items if isinstance(i, (str, Path))]
    datas = [raw.data for raw in raw_cards(paths, None)] + [i for i in items if isinstance(i, Mapping)]
    for data in datas:
        year = data.get("year") if isinstance(data, dict) else None
        if isinstance(year, int) and not isinstance(year, bool):
            years.add(year)
    return sorted(years)


def choose_version(
    criteria: str | Path | Criteria, scorecards: Sequence[str | Path | Mapping[str, Any]], options: RunOptions
) -> Criteria:
    """The criteria file, or the version in force: for a folder or family id, on ``options.as_of``,
    else for the scorecards' years."""
    if isinstance(criteria, Criteria):
        return criteria
    if Path(criteria).is_file():
        return load_criteria(criteria)
    day = options.as_of
    try:
        years = [] if day else _years(scorecards)
    except EvaluatorError:
        years = []
    return load_criteria(choose_criteria(criteria, years, day, options.family))


def choose(
    criteria: str | Path | Criteria, scorecards: Sequence[str | Path | Mapping[str, Any]], options: RunOptions
) -> Chosen:
    """The criteria version (:func:`choose_version`) with the what-if values applied, and the scheme bound to it."""
    original = choose_version(criteria, scorecards, options)
    crit = with_parameters(original, dict(options.what_if))
    bound = bind_scheme(options.scheme if options.scheme is not None else default_scheme_path(crit), crit)
    return Chosen(original, crit, bound)


def linked_runs(criteria: Criteria, links: Sequence[Link], check: CheckOptions | None = None) -> list[Run]:
    """Rate each link's scorecards under its criteria first; refuse cycles between the sets."""
    loaded = [(load_criteria(Path(link.criteria)), link.scorecards) for link in links]
    check_cycles([criteria, *(c for c, _ in loaded)])
    runs = []
    for other, cards in loaded:
        scheme = bind_scheme(default_scheme_path(other), other)
        runs.append(evaluate(other, read_scorecards([cards], other, check), scheme))
    return runs


def gather(chosen: Chosen, scorecards: Sequence[str | Path | Mapping[str, Any]], options: RunOptions) -> Inputs:
    """Rate the links, read and check the scorecards (files, folders or records), load the overrides."""
    check = CheckOptions(check_year=options.as_of is None)
    crit, path = chosen.criteria, options.overrides
    links = linked_runs(crit, options.links, check)
    if all(isinstance(i, (str, Path)) for i in scorecards):
        cards = read_scorecards(scorecards, crit, check)  # type: ignore[arg-type]  # all paths
    else:
        cards = _scorecards(scorecards, crit, check)
    return Inputs(
        links,
        cards,
        load_overrides(path, chosen.scheme) if path is not None else [],
        load_tie_settlements(path) if path is not None else [],
        load_quota_grants(path) if path is not None else [],
    )


def finish(
    chosen: Chosen,
    inputs: Inputs,
    options: RunOptions,
    *,
    history: HistoryView | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Run:
    """Rate, then mark what the what-if values changed and the day the version was chosen for."""
    run = evaluate(
        chosen.criteria,
        inputs.cards,
        chosen.scheme,
        overrides=inputs.overrides,
        tie_settlements=inputs.ties,
        quota_grants=inputs.grants,
        exceptional_quota=options.exceptional_quota,
        backend=options.backend,
        progress=progress,
        links=inputs.links,
        history=history,
    )
    mark_what_if(run, chosen.original, dict(options.what_if))
    if options.as_of is not None:
        run.options["as_of"] = options.as_of.isoformat()
    return run


@guarded
def rate(
    criteria: str | Path | Criteria,
    scorecards: str | Path | Iterable[str | Path | Mapping[str, Any]],
    options: RunOptions | None = None,
    *,
    history: HistoryView | None = None,
    **changes: Any,
) -> Run:
    """Read, check and rate: the whole job behind ``evaluator rank``.

    ``criteria`` is a criteria file (or one already loaded), or a folder of them or a family id:
    the version in force for the scorecards' years, or on ``options.as_of``. ``scorecards`` are
    files or folders (as on the command line) and/or scorecards given as mappings — records from
    a database — which get the same checks, each problem located as
    ``scorecards[i].indicators.<id>`` by the record's place ``i`` in the list; every
    problem is reported at once (:class:`ScorecardError`) and nothing is rated.
    ``options`` say how (:class:`RunOptions`: scheme, overrides, links, what-if, as-of…); keyword
    arguments change single fields of it (``rate(c, s, exceptional_quota=True)``).
    ``history`` is the store's history, for criteria whose indicators read it.
    """
    opts = dataclasses.replace(options or RunOptions(), **changes)
    items = [scorecards] if isinstance(scorecards, (str, Path)) else list(scorecards)
    chosen = choose(criteria, items, opts)
    return finish(chosen, gather(chosen, items, opts), opts, history=history)
