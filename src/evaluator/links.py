"""Linked ratings: an indicator whose value is another evaluation's level for a related unit.

New-rural criterion 18 needs the commune party committee and government rated clean and
strong: the level they got in their own rating of the same year. A rating indicator
declares ``link: {criteria: ID | family: FAMILY, unit: "{unit}/dang-uy"}``; its value is,
in order: the value the scorecard gives (the scorecard field), else the level of that
unit in a linked run given to this one, else missing. Each value says where it came
from in the reasons. Links between criteria sets may not form a cycle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .decision import Reason, Run
from .errors import DefinitionError, Location, Problem, did_you_mean
from .load import Criteria
from .messages import register
from .scorecards import Submitted

register(
    {
        "link.cycle": (
            "các bộ tiêu chí liên kết vòng tròn: {cycle}",
            "criteria sets link to each other in a cycle: {cycle}",
        ),
        "link.level": (
            "chỉ số «{name}» lấy mức «{level}» của {unit} ({criteria}) "
            "nhưng mức này không nằm trong lựa chọn ({choices})",
            "indicator '{name}' takes level '{level}' of {unit} ({criteria}), "
            "which is not among its choices ({choices})",
        ),
        "link.unused": (
            "không chỉ số nào của «{criteria}» liên kết tới kết quả «{linked}»",
            "no indicator of '{criteria}' links to the rating '{linked}'",
        ),
        "reason.linked": (
            "«{name}» = {value}: mức xếp loại của {unit} năm {year} theo {criteria}",
            "'{name}' = {value}: the level of {unit} in {year} under {criteria}",
        ),
        "reason.linked_field": (
            "«{name}» = {value}: do phiếu chấm điểm khai (không lấy từ kết quả liên kết)",
            "'{name}' = {value}: as the scorecard gives it (not taken from a linked rating)",
        ),
        "reason.linked_missing": (
            "«{name}»: không có mức xếp loại của {unit} năm {year} theo {target}",
            "'{name}': no level for {unit} in {year} under {target}",
        ),
    }
)

__all__ = ["check_cycles", "resolve_links"]


def check_cycles(sets: Sequence[Criteria]) -> None:
    """Refuse criteria sets whose links, followed from set to set, come back to where they started."""
    edges: dict[str, set[str]] = {}
    for c in sets:
        for ind in c.model.indicators.values():
            if ind.link is None:
                continue
            for other in sets:
                if ind.link.matches(other.model.id, other.model.family):
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
) -> tuple[list[Submitted], dict[tuple[str, int], list[Reason]]]:
    """Fill linked indicators from ``runs``; return the scorecards and, per unit, where values came from."""
    links = {name: ind.link for name, ind in criteria.model.indicators.items() if ind.link is not None}
    notes: dict[tuple[str, int], list[Reason]] = {}
    if not links:
        return list(cards), notes
    for run in runs:
        if not any(link.matches(run.criteria["id"], run.criteria.get("family")) for link in links.values()):
            raise DefinitionError(
                Problem("link.unused", Location(), {"criteria": criteria.model.id, "linked": run.criteria["id"]})
            )
    index: dict[tuple[str, str, int], tuple[Run, object]] = {}
    for run in runs:
        for d in run.results:
            index[(run.criteria["id"], d.unit, d.year)] = (run, d)
    out: list[Submitted] = []
    problems: list[Problem] = []
    for sub in cards:
        values = dict(sub.values)
        reasons: list[Reason] = []
        for name, link in links.items():
            assert link is not None
            unit = link.unit.replace("{unit}", sub.card.unit)
            if name in sub.values:
                reasons.append(Reason("reason.linked_field", {"name": name, "value": sub.values[name]}))
                continue
            found = None
            for run in runs:
                if link.matches(run.criteria["id"], run.criteria.get("family")):
                    found = index.get((run.criteria["id"], unit, sub.card.year)) or found
            decision = found[1] if found else None
            level = getattr(decision, "level", None)
            if found is None or level is None:
                params = {"name": name, "unit": unit, "year": sub.card.year, "target": link.target()}
                reasons.append(Reason("reason.linked_missing", params))
                continue
            choices = criteria.model.indicators[name].choices or ()
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
            reasons.append(
                Reason(
                    "reason.linked",
                    {"name": name, "value": level, "unit": unit, "year": sub.card.year, "criteria": run_id},
                )
            )
        notes[sub.key] = reasons
        out.append(replace(sub, values=values))
    if problems:
        raise DefinitionError(problems)
    return out, notes
