"""Linked ratings: an indicator whose value is another evaluation's level for a related unit.

New-rural criterion 18 needs the commune party committee and government rated clean and
strong: the level they got in their own rating of the same year. A rating indicator
declares ``link: {criteria: ID | family: FAMILY, unit: "{unit}/dang-uy"}`` — or a list of
such links, each for the years it covers (``from_year``/``to_year``), since the rating
scheme in force changes over the years. Its value is, in order: the level of that unit
in a linked run given to this one (the official rating), else the value the scorecard
gives, else missing. Where the scorecard declares a level that differs from the official
one, the official level is used, the reasons say so (``reason.linked_conflict``) and the
run carries a warning (:attr:`Run.warnings`, printed on stderr by the command line).
Each value says where it came from in the reasons. Links between criteria sets may not
form a cycle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .decision import Decision, Reason, Run, RunWarning, bi
from .errors import DefinitionError, Location, Problem, did_you_mean
from .load import Criteria
from .scorecards import Submitted
from .wording import Value

__all__ = ["check_cycles", "resolve_links"]


def check_cycles(sets: Sequence[Criteria]) -> None:
    """Refuse criteria sets whose links, followed from set to set, come back to where they started."""
    edges: dict[str, set[str]] = {}
    for c in sets:
        for ind in c.model.indicators.values():
            for link in ind.links:
                for other in sets:
                    if link.matches(other.model.id, other.model.family):
                        edges.setdefault(c.model.id, set()).add(other.model.id)
    for start in sorted(edges):
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in sorted(edges.get(node, ())):
                if nxt == start:
                    where = next(c for c in sets if c.model.id == start)
                    raise DefinitionError(
                        Problem("link.cycle", Location(file=where.path), {"cycle": " → ".join([*path, nxt])})
                    )
                if nxt not in path:
                    stack.append((nxt, [*path, nxt]))


def resolve_links(
    criteria: Criteria, cards: Sequence[Submitted], runs: Sequence[Run]
) -> tuple[list[Submitted], dict[tuple[str, int], list[Reason]], list[RunWarning]]:
    """Fill linked indicators from ``runs``; return the scorecards, per unit where values came
    from, and a warning for every value a scorecard declares that the official rating contradicts."""
    links = {name: ind for name, ind in criteria.model.indicators.items() if ind.links}
    notes: dict[tuple[str, int], list[Reason]] = {}
    warnings: list[RunWarning] = []
    if not links:
        return list(cards), notes, warnings
    for run in runs:
        family = run.criteria.get("family")
        if not any(link.matches(run.criteria["id"], family) for ind in links.values() for link in ind.links):
            raise DefinitionError(
                Problem("link.unused", Location(), {"criteria": criteria.model.id, "linked": run.criteria["id"]})
            )
    index: dict[tuple[str, str, int], tuple[Run, Decision]] = {}
    for run in runs:
        for d in run.results:
            index[(run.criteria["id"], d.unit, d.year)] = (run, d)
    out: list[Submitted] = []
    problems: list[Problem] = []
    vocab = criteria.vocabulary
    for sub in cards:
        values = dict(sub.values)
        reasons: list[Reason] = []
        year = bi("word.year", year=sub.card.year)
        for name, ind in links.items():
            link = ind.link_for(sub.card.year)
            declared = sub.values.get(name)
            title = vocab.terms[name].title
            if link is None:  # no linked rating in force this year: the scorecard's value, if any
                if declared is not None:
                    field_value = {"name": title, "value": Value(name, declared, vocab)}
                    reasons.append(Reason("reason.linked_field", field_value))
                continue
            unit = link.unit.replace("{unit}", sub.card.unit)
            found = None
            for run in runs:
                if link.matches(run.criteria["id"], run.criteria.get("family")):
                    found = index.get((run.criteria["id"], unit, sub.card.year)) or found
            level = found[1].level if found is not None else None
            if found is None or level is None:
                if declared is not None:
                    field_value = {"name": title, "value": Value(name, declared, vocab)}
                    reasons.append(Reason("reason.linked_field", field_value))
                else:
                    target = (
                        bi("link.target_criteria", id=link.criteria)
                        if link.criteria
                        else bi("link.target_family", family=link.family)
                    )
                    reasons.append(
                        Reason("reason.linked_missing", {"name": title, "unit": unit, "year": year, "target": target})
                    )
                continue
            choices = ind.choices or ()
            run_id = found[0].criteria["id"]
            if level not in choices:
                problems.append(
                    Problem(
                        "link.level",
                        sub.location,
                        {"name": name, "level": level, "unit": unit, "criteria": run_id, "choices": ", ".join(choices)},
                        did_you_mean(level, choices),
                    )
                )
                continue
            values[name] = level
            linked = bi("unit.named", name=found[1].name, unit=unit)
            facts = {
                "name": title,
                "value": Value(name, level, vocab),
                "unit": linked,
                "year": year,
                "criteria": run_id,
            }
            basis = bi("reason.linked_basis", reference=link.reference) if link.reference else ""
            if declared is not None and declared != level:
                said = Value(name, declared, vocab)
                reasons.append(Reason("reason.linked_conflict", {**facts, "basis": basis, "declared": said}))
                warnings.append(
                    RunWarning(
                        "warning.linked_conflict",
                        sub.card.unit,
                        sub.card.year,
                        {**facts, "declared": said},
                        sub.location,
                    )
                )
            else:
                reasons.append(Reason("reason.linked", {**facts, "basis": basis}))
        notes[sub.key] = reasons
        out.append(replace(sub, values=values))
    if problems:
        raise DefinitionError(problems)
    return out, notes, warnings
