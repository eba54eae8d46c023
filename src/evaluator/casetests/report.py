"""The report of a criteria-test run: each case, each failure located, coverage, a summary."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..errors import Problem
from ..messages import Lang, render
from .run import SuiteResult

__all__ = ["report_json", "report_text", "summary_ok"]


def summary_ok(results: Sequence[SuiteResult]) -> bool:
    """True when there was something to run and every file passed (cases and coverage)."""
    return bool(results) and all(r.ok for r in results)


def _fraction(done_total: tuple[int, int]) -> str:
    return f"{done_total[0]}/{done_total[1]}"


def report_text(
    results: Sequence[SuiteResult],
    lang: Lang = "vi",
    verbose: bool = False,
    extra: Sequence[Problem] = (),
) -> str:
    lines: list[str] = []
    ok_word, fail_word = render("casetest.ui.pass", lang), render("casetest.ui.fail", lang)
    for r in results:
        s = r.suite
        lines.append(
            render(
                "casetest.ui.file",
                lang,
                path=s.path,
                criteria=f"{s.criteria.id} {s.criteria.model.version}",
                scheme=f"{s.scheme.model.id} {s.scheme.model.version}",
            )
        )
        for c in r.cases:
            if c.ok and not verbose:
                continue
            lines.append(f"  {ok_word if c.ok else fail_word}  {c.name}")
            for f in c.failures:
                for k, text in enumerate(f.render(lang).splitlines()):
                    lines.append(("      " if k == 0 else "    ") + text)
        cov = r.coverage
        lines.append(
            "  "
            + render(
                "casetest.ui.coverage",
                lang,
                rules=_fraction(cov.covered("rule")),
                levels=_fraction(cov.covered("level")),
                vetoes=_fraction(cov.covered("veto")),
                quota=_fraction(cov.covered("quota")),
                percent=_pct(cov.percent),
                required=_pct(r.required),
            )
        )
        if verbose:
            lines.extend("    " + line for line in _by_item(r))
        missed = cov.uncovered()
        if missed:
            lines.append("  " + render("casetest.ui.uncovered", lang))
            lines.extend(f"    - {it.label.get(lang)}" for it in missed)
        for p in r.problems:
            lines.append(f"  {fail_word}  {p.render(lang)}")
    for p in extra:
        lines.append(f"{fail_word}  {p.render(lang)}")
    cases = [c for r in results for c in r.cases]
    passed = sum(1 for c in cases if c.ok)
    lines.append(
        render(
            "casetest.ui.summary",
            lang,
            files=len(results),
            cases=len(cases),
            passed=passed,
            failed=len(cases) - passed,
            suites_failed=sum(1 for r in results if not r.ok),
        )
    )
    return "\n".join(lines) + "\n"


def _by_item(r: SuiteResult) -> list[str]:
    """Each criterion with the hits of its rules, then each level, veto and quota outcome."""
    cov = r.coverage
    lines: list[str] = []
    rows: dict[str, list[str]] = {}
    for it in cov.items:
        if it.kind == "rule":
            rows.setdefault(it.owner, []).append(f"{it.id.split('__', 1)[1]}×{cov.hits[it.id]}")
        else:
            rows.setdefault(it.kind, []).append(f"{it.id.split(':', 1)[1]}×{cov.hits[it.id]}")
    for name, cells in rows.items():
        lines.append(f"{name}: {'  '.join(cells)}")
    return lines


def _pct(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def report_json(results: Sequence[SuiteResult], lang: Lang = "vi", extra: Sequence[Problem] = ()) -> str:
    data: dict[str, Any] = {
        "ok": summary_ok(results) and not extra,
        "files": [r.to_dict(lang) for r in results],
        "problems": [p.to_dict(lang) for p in extra],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
