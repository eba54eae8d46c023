"""Linting files and folders: which file is which kind, criteria paired with their scheme, one report."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..api import default_scheme_path
from ..errors import DefinitionError, EvaluatorError, Location, Problem
from ..load import bind_scheme, load_criteria, read_scheme, scheme_problems
from ..model.scheme import Scheme
from ..sources import Document, read_documents
from .criteria import lint_criteria
from .report import LintReport, finding, finding_key
from .scheme import lint_scheme
from .sources import lint_sources


def _kind(path: Path) -> str:
    try:
        docs = read_documents(path, DefinitionError)
    except EvaluatorError:
        return "unreadable"
    data = docs[0].data if docs else None
    if isinstance(data, dict):
        if "cases" in data:
            return "tests"
        if ("criteria" in data and "indicators" in data) or "overlay" in data:
            return "criteria"
        if "levels" in data:
            return "scheme"
    return "other"


def _expand(paths: Iterable[str | Path]) -> list[tuple[Path, bool]]:
    out: list[tuple[Path, bool]] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(
                (f, False)
                for f in sorted(p.rglob("*"))
                if f.is_file() and f.suffix.lower() in (".yaml", ".yml", ".json")
            )
        else:
            out.append((p, True))
    return out


def lint_paths(paths: Iterable[str | Path]) -> LintReport:
    """Lint every criteria and scheme file in ``paths`` (files or folders)."""
    report = LintReport()
    criteria_files: list[Path] = []
    scheme_files: list[Path] = []
    for path, explicit in _expand(paths):
        if not path.exists():
            report.errors.append(DefinitionError(Problem("file.not_found", Location(file=str(path)))))
            continue
        kind = _kind(path)
        if kind == "criteria":
            criteria_files.append(path)
        elif kind == "scheme":
            scheme_files.append(path)
        elif explicit:
            if kind == "unreadable":
                try:
                    read_documents(path, DefinitionError)
                except EvaluatorError as exc:
                    report.errors.append(exc)
            else:
                report.errors.append(DefinitionError(Problem("cli.unknown_kind", Location(file=str(path)))))
    schemes: dict[Path, tuple[Scheme, Document]] = {}
    findings: list[Problem] = []
    refused: set[Path] = set()  # schemes load_scheme refuses: reported here, never paired
    for path in scheme_files:
        report.files.append(str(path))
        try:
            scheme, doc, _ = read_scheme(path)
        except EvaluatorError as exc:
            report.errors.append(exc)
            continue
        problems = scheme_problems(scheme, doc)
        findings.extend(finding("lint." + p.code.removeprefix("scheme."), p.location, p.params) for p in problems)
        if problems:
            refused.add(path.resolve())
        schemes[path.resolve()] = (scheme, doc)
    paired: set[Path] = set()
    for path in criteria_files:
        report.files.append(str(path))
        try:
            crit = load_criteria(path)
        except EvaluatorError as exc:
            report.errors.append(exc)
            continue
        scheme_model: Scheme | None = None
        if crit.model.default_scheme is not None:
            scheme_path = default_scheme_path(crit)
            if scheme_path in refused:
                scheme_model = schemes[scheme_path][0]
            elif scheme_path in schemes:
                scheme_model, scheme_doc = schemes[scheme_path]
                try:
                    bind_scheme(scheme_path, crit)
                except EvaluatorError as exc:
                    report.errors.append(exc)
                else:
                    paired.add(scheme_path)
                    findings.extend(lint_scheme(scheme_model, scheme_doc, crit))
            elif scheme_path.exists():
                try:
                    scheme_model = read_scheme(scheme_path)[0]
                except EvaluatorError:
                    scheme_model = None
        findings.extend(lint_criteria(crit, scheme_model))
    for path, (scheme, doc) in schemes.items():
        if path not in paired and path not in refused:
            findings.extend(lint_scheme(scheme, doc, None))
    for path in (*criteria_files, *scheme_files):
        findings.extend(lint_sources(path))
    seen: set[tuple[Any, ...]] = set()
    for f in findings:
        if finding_key(f) not in seen:
            seen.add(finding_key(f))
            report.findings.append(f)
    report.findings.sort(key=lambda f: (f.location.file or "", f.location.line or 0, f.code))
    return report
