"""Recorded decisions of the competent level that change a rating, checked as the regulation allows.

An override (Regulation 366: "force majeure, or violations self-detected and promptly remedied —
the competent level may decide otherwise and must record why") does one of two things:

- it **lifts** named vetoes (``lifts``) on a named ground (one of the scheme's
  ``override_grounds``); the unit's level then follows its points and conditions, with the vetoes
  it does not lift still applying;
- it sets a **level** no better than what the points and conditions give (after any lifting):
  a lowering, with its reason.

Refused, located (exit 3): an entry that lifts nothing and sets no level; lifting without a
ground, or a ground without a veto lifted; a veto or level the scheme does not have; lifting a
veto that does not apply to the unit; a level above what the points and conditions give. An
entry's own checks, and those against the scheme, are made when it is read
(:func:`evaluator.load.decisions.entry_problems`); those against the unit, here.

An exceptional-rate grant (``exceptional_quota:`` entries) names a peer group whose quota uses
the scheme's exceptional rate, by whose decision; see :func:`check_grants`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .decision import Reason
from .errors import Location, Problem, did_you_mean
from .model import Override, QuotaGrant
from .model.scheme import Veto
from .text import Bilingual, Quoted, joined

if TYPE_CHECKING:
    from .load.scheme import BoundScheme

__all__ = ["apply_override", "at", "check_grants", "with_vetoes"]


def at(where: Location, *sub: Any) -> Location:
    """``where`` (an entry) narrowed to one of its fields: same line, the field's path."""
    path = ".".join(str(p) for p in sub)
    return dataclasses.replace(where, field=f"{where.field}.{path}" if where.field else path)


def under(where: Location) -> Callable[[Sequence[Any]], Location]:
    """A function locating an entry's fields: :func:`at` of ``where``."""

    def locate(sub: Sequence[Any]) -> Location:
        return at(where, *sub)

    return locate


def with_vetoes(level: str, failed: Sequence[Veto], scheme: BoundScheme) -> str:
    """``level`` (what the points and conditions give) after the ``failed`` vetoes: a forced level
    replaces it (the worst forced wins), then each cap lowers it to at most the cap."""
    order = scheme.level_order.__getitem__
    forced = [v.level for v in failed if v.effect == "force"]
    if forced:
        level = max(forced, key=order)
    for veto in failed:
        if veto.effect == "cap":
            level = max(level, veto.level, key=order)
    return level


def apply_override(
    ov: Override,
    where: Location,
    by_points: str,
    failed: Sequence[Veto],
    level: str,
    scheme: BoundScheme,
    titles: Mapping[str, Bilingual],
    reasons: list[Reason],
    problems: list[Problem],
) -> str:
    """The level after ``ov``: ``by_points`` is what the points and conditions give, ``failed``
    the vetoes that apply, ``level`` the result of both. Says what it did in ``reasons``;
    what it may not do goes to ``problems`` (the level is then left as it was)."""
    fired = {v.id for v in failed}
    who = {"unit": ov.unit, "year": ov.year}
    before = len(problems)
    for j, veto in enumerate(ov.lifts):
        if veto not in fired:
            problems.append(Problem("override.veto_not_fired", at(where, "lifts", j), {**who, "veto": veto}))
    lifted = with_vetoes(by_points, [v for v in failed if v.id not in ov.lifts], scheme)
    if ov.level is not None and scheme.level_order[ov.level] < scheme.level_order[lifted]:
        params = {**who, "level": ov.level, "by_points": lifted}
        problems.append(Problem("override.raises", at(where, "level"), params))
    if len(problems) > before:
        return level
    decided = ov.decided()
    if ov.lifts:
        names = joined([Quoted(Bilingual(v.title.vi, v.title.en)) for v in failed if v.id in ov.lifts], ", ")
        ground = ground_title(scheme, ov.ground or "")
        params = {**decided, "vetoes": names, "ground": ground, "old": titles[level], "new": titles[lifted]}
        reasons.append(Reason("reason.override_lifted", params))
    if ov.level is None:
        return lifted
    reasons.append(Reason("reason.override", {**decided, "old": titles[lifted], "new": titles[ov.level]}))
    return ov.level


def ground_title(scheme: BoundScheme, ground: str) -> Bilingual | Quoted:
    """How a ground reads: its title in the scheme, else the id in quotation marks."""
    title = scheme.model.ground_title(ground)
    return Bilingual(title.vi, title.en) if title is not None else Quoted(ground)


def check_grants(
    grants: Iterable[tuple[QuotaGrant, Location]], groups: Iterable[str], scheme: BoundScheme
) -> tuple[dict[str, QuotaGrant], list[Problem]]:
    """The grants by peer group, and what is wrong with them: a group no scorecard is in, or a
    scheme with no exceptional rate to grant."""
    known = sorted(set(groups))
    quota = scheme.model.quota
    out: dict[str, QuotaGrant] = {}
    problems: list[Problem] = []
    for grant, where in grants:
        if quota is None or quota.exceptional_rate is None:
            problems.append(Problem("run.exceptional_quota", where, {"scheme": scheme.model.id}))
        elif grant.group not in known:
            params = {"group": grant.group, "groups": ", ".join(known)}
            problems.append(
                Problem("quota.group_unknown", at(where, "group"), params, did_you_mean(grant.group, known))
            )
        out[grant.group] = grant
    return out, problems
