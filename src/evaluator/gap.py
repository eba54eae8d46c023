"""What it would take: the gap from a unit's level to the next level up."""

from __future__ import annotations

from collections.abc import Mapping

from .classify import as_text, observed
from .decision import Bilingual, Decision, GapItem, Reason
from .load import BoundScheme, Criteria
from .model import Override
from .params import Resolved
from .text import Lower, bi


def fill_gap(
    d: Decision,
    scheme: BoundScheme,
    override: Override | None,
    params: Mapping[str, Resolved],
    criteria: Criteria,
) -> None:
    """Set ``d.gap_level`` and ``d.gap`` (score, criteria, vetoes, quota, override) and say it."""
    if d.status != "rated" or d.level is None:
        return
    model = scheme.model
    index = scheme.level_order[d.level]
    if index == 0:
        return
    target = model.levels[index - 1]
    d.gap_level = target.id
    demoted = d.level_before_quota is not None and d.level_before_quota != d.level
    if not demoted:
        by_id = {f.criterion: f for f in d.findings}
        d.gap.extend(d.lacking(target.id))
        lifted = override.lifts if override is not None else ()
        for veto in model.vetoes:
            f = by_id[veto.criterion]
            if f.status == "fail" and scheme.level_order[veto.level] > index - 1 and veto.id not in lifted:
                d.gap.append(
                    GapItem(
                        "veto",
                        Reason(
                            "gap.veto",
                            {
                                "veto": Bilingual(veto.title.vi, veto.title.en),
                                "requirement": Lower(f.words or bi("word." + f.status)),
                                "now": observed(f, criteria),
                            },
                        ),
                        {"veto": veto.id, "criterion": veto.criterion, "threshold": f.threshold, "now": f.value},
                    )
                )
        if override is not None and override.level is not None:
            d.gap.append(
                GapItem(
                    "override",
                    Reason("gap.override", {"decided_by": override.decided_by, "decision": override.decision}),
                    {"decision": override.decision},
                )
            )
    if d.gap:
        d.reasons.append(Reason("reason.gap", {"level": d.level_titles[target.id], "items": as_text(d.gap)}))
