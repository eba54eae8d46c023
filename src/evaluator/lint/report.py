"""A lint finding (a :class:`~evaluator.errors.Problem` graded and with a fix) and the report of a run over files."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..errors import EvaluatorError, Location, Problem, Severity
from ..messages import Lang, render

SEVERITY: dict[str, Severity] = {
    "lint.band_overlap": "error",
    "lint.band_empty": "warning",
    "lint.band_gap": "warning",
    "lint.level_unreachable": "error",
    "lint.score_unreachable": "error",
    "lint.max_points": "warning",
    "lint.points_band_gap": "error",
    "lint.points_band_overlap": "error",
    "lint.points_band_empty": "warning",
    "lint.unused_indicator": "warning",
    "lint.unused_parameter": "warning",
    "lint.threshold_range": "error",
    "lint.param_range": "error",
    "lint.condition_constant": "warning",
    "lint.param_open": "info",
    "lint.param_missing": "warning",
    "lint.reference_missing": "warning",
    "lint.reference_unsourced": "warning",
    "lint.reference_unknown": "error",
    "lint.sources_invalid": "error",
    "lint.sources_missing": "warning",
    # What load_scheme refuses (scheme.* problems, exit 3), reported under the same name here.
    "lint.order_not_total": "error",
    "lint.band_not_finite": "error",
    "lint.veto_best_level": "error",
    "lint.veto_raises": "error",
    "lint.quota_empty_base": "error",
    "lint.demote_not_lower": "error",
    "lint.duplicate_entry": "error",
}


def finding(code: str, location: Location, params: dict[str, Any] | None = None) -> Problem:
    """A lint finding: the problem ``code`` at ``location``, graded by :data:`SEVERITY`, with its fix
    (the message ``code + ".fix"``, filled from the same ``params``)."""
    return Problem(code, location, params or {}, severity=SEVERITY[code], fix=code + ".fix")


def finding_key(f: Problem) -> tuple[Any, ...]:
    """What tells two findings apart (the same finding reached twice is reported once)."""
    return (f.code, f.location.file, f.location.line, f.location.field, repr(sorted(f.params.items())))


@dataclass
class LintReport:
    files: list[str] = field(default_factory=list)
    findings: list[Problem] = field(default_factory=list)
    errors: list[EvaluatorError] = field(default_factory=list)  # files that do not load

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors) or self.count("error") > 0 or (strict and self.count("warning") > 0)

    def render(self, lang: Lang = "vi") -> str:
        lines = [f.render(lang) for f in self.findings]
        lines.extend(e.render(lang) for e in self.errors)
        errors = self.count("error") + sum(len(e.problems) for e in self.errors)
        notes = self.count("info")
        if errors or self.count("warning"):
            lines.append(
                render(
                    "lint.ui.summary",
                    lang,
                    files=len(self.files),
                    errors=errors,
                    warnings=self.count("warning"),
                    notes=notes,
                )
            )
        else:
            extra = render("lint.ui.notes", lang, count=notes) if notes else ""
            lines.append(render("lint.ui.clean", lang, files=len(self.files), notes=extra))
        return "\n".join(lines) + "\n"

    def to_json(self, lang: Lang = "vi") -> str:
        data = {
            "files": self.files,
            "findings": [f.to_dict(lang) for f in self.findings],
            "invalid": [e.to_dict(lang) for e in self.errors],
            "errors": self.count("error"),
            "warnings": self.count("warning"),
            "notes": self.count("info"),
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
