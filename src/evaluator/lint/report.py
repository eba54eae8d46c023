"""A lint finding (code, severity, location, facts, fix) and the report of a run over files."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..errors import EvaluatorError, Location
from ..messages import Lang, render

SEVERITY: dict[str, str] = {
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


@dataclass(frozen=True)
class LintFinding:
    """One lint finding: stable code, where, the facts, and what would fix it."""

    code: str
    location: Location
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def severity(self) -> str:
        return SEVERITY[self.code]

    def _params(self, lang: Lang) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in self.params.items():
            if isinstance(v, tuple) and len(v) in (2, 3) and v[0] == "msg":  # a message, with its own params
                out[k] = render(v[1], lang, **(v[2] if len(v) == 3 else {}))
            else:
                out[k] = v
        return out

    def message(self, lang: Lang = "vi") -> str:
        return render(self.code, lang, **self._params(lang))

    def fix(self, lang: Lang = "vi") -> str:
        return render(self.code + ".fix", lang, **self._params(lang))

    def render(self, lang: Lang = "vi") -> str:
        where = self.location.render(lang)
        sev = render(f"lint.severity.{self.severity}", lang)
        head = f"{where}: {sev} [{self.code}] {self.message(lang)}"
        return f"{head}\n    → {render('lint.ui.fix', lang)}: {self.fix(lang)}"

    def to_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "location": self.location.to_dict(),
            "message": self.message(lang),
            "fix": self.fix(lang),
        }

    def key(self) -> tuple[Any, ...]:
        return (
            self.code,
            self.location.file,
            self.location.line,
            self.location.field,
            repr(sorted(self.params.items())),
        )


@dataclass
class LintReport:
    files: list[str] = field(default_factory=list)
    findings: list[LintFinding] = field(default_factory=list)
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
