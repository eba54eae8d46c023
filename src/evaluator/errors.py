"""Errors: one root, a stable code on every problem, a location, an exit code.

Hierarchy::

    EvaluatorError                 (root; only its subclasses reach a user)
    ├── UsageError                 exit 2   the command or call is wrong (e.g. a bad --set)
    │   └── OutputError            exit 2   an output file refused or not writable (see evaluator.output)
    ├── DefinitionError            exit 3   a criteria, scheme or overrides file is invalid
    │   └── ParameterMissingError  exit 3   a threshold has no value for a unit's region/year
    ├── ScorecardError             exit 4   submitted scorecards are invalid
    ├── EngineInvariantError       exit 5   the rules engine broke an invariant (a bug: report it)
    └── InternalError              exit 5   any other unexpected exception (a bug: report it)

Exit 1 is not an error's: it is ``evaluator test``'s and ``evaluator lint``'s "failed" result.

Where the API stops unexpected exceptions: every function the package exports
(``evaluator.rate``, ``evaluate``, ``check_records``, ``load_criteria``, ``bind_scheme``,
``load_overrides``, ``read_scorecards``, ``check_scorecards``) raises only
:class:`EvaluatorError` subclasses; anything else raised inside one of them becomes an
:class:`InternalError` whose ``__cause__`` is the original exception (``raise … from exc``).
``KeyboardInterrupt`` and ``SystemExit`` pass through untouched. The command line does the
same for every command and prints one line (the traceback with ``--debug``).

Every error carries a list of :class:`Problem`; each problem has a stable ``code``
(for programs), a :class:`Location` (file, line, field; sheet/row/column for
spreadsheets) and parameters from which the message is rendered in Vietnamese
(default) or English by :mod:`evaluator.messages`. The same record is what ``evaluator lint``
finds (with a severity and a fix) and how a criteria test fails (with the problems of a refusal
it met beneath it), so all three are rendered, as text and as JSON, by the same code.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from .messages import Lang, render
from .text import Lazy, rendered

__all__ = [
    "DefinitionError",
    "EngineInvariantError",
    "EvaluatorError",
    "InternalError",
    "Location",
    "OutputError",
    "ParameterMissingError",
    "Problem",
    "RecordsFileError",
    "ScorecardError",
    "Severity",
    "UsageError",
    "did_you_mean",
]


@dataclass(frozen=True)
class Location(Lazy):
    """Where a problem is. Any part may be unknown. As a message's parameter, it reads in the message's language."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None
    sheet: str | None = None
    row: int | None = None
    col: str | None = None

    def render(self, lang: Lang = "vi") -> str:
        parts: list[str] = []
        if self.file:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            parts.append(where)
        if self.sheet is not None:
            parts.append(render("loc.sheet", lang, sheet=self.sheet))
        if self.row is not None:
            parts.append(render("loc.row", lang, row=self.row))
        if self.col is not None:
            parts.append(render("loc.column", lang, col=self.col))
        if self.field:
            parts.append(render("loc.field", lang, field=self.field))
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}

    def get(self, lang: Lang) -> str:
        return self.render(lang)

    def __str__(self) -> str:  # as a dataclass prints itself, not as a text (Lazy's)
        return repr(self)


# How much a graded problem (a lint finding) matters: "error" fails a check, "warning" fails it
# only when asked to be strict, "info" is a note.
Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong: a stable code, where, and the facts to say it — the one record of errors,
    lint findings and criteria-test failures.

    ``suggestion`` is a "did you mean" (a name close to the one written). ``severity`` grades a
    finding that does not stop a run (lint's; an error raised or a test failed has none: it is
    one by being there), and then the rendered text shows it with the code. ``fix`` is the code
    of the message saying how to fix it, filled from the same parameters. ``causes`` are the
    problems beneath this one (the refusal a criteria test met), rendered under it.
    """

    code: str
    location: Location = field(default_factory=Location)
    params: dict[str, Any] = field(default_factory=dict)
    suggestion: str | None = None
    severity: Severity | None = None
    fix: str | None = None
    causes: tuple[Problem, ...] = ()

    def _params(self, lang: Lang) -> dict[str, Any]:
        return {k: rendered(v, lang) for k, v in self.params.items()}

    def message(self, lang: Lang = "vi") -> str:
        text = render(self.code, lang, **self._params(lang))
        if self.suggestion:
            text = full_stop(text) + " " + render("hint.did_you_mean", lang, suggestion=self.suggestion)
        return text

    def fix_text(self, lang: Lang = "vi") -> str | None:
        """How to fix it, in ``lang`` (None when the problem does not say)."""
        return None if self.fix is None else render(self.fix, lang, **self._params(lang))

    def render(self, lang: Lang = "vi") -> str:
        head = self.message(lang)
        if self.severity is not None:
            head = f"{render(f'lint.severity.{self.severity}', lang)} [{self.code}] {head}"
        where = self.location.render(lang)
        lines = [f"{where}: {head}" if where else head]
        fix = self.fix_text(lang)
        if fix is not None:
            lines.append(f"    → {render('lint.ui.fix', lang)}: {fix}")
        lines.extend("    " + line for p in self.causes for line in p.render(lang).splitlines())
        return "\n".join(lines)

    def to_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code}
        if self.severity is not None:
            out["severity"] = self.severity
        out["location"] = self.location.to_dict()
        out["message"] = self.message(lang)
        fix = self.fix_text(lang)
        if fix is not None:
            out["fix"] = fix
        if self.suggestion:
            out["suggestion"] = self.suggestion
        if self.causes:
            out["problems"] = [p.to_dict(lang) for p in self.causes]
        return out


class EvaluatorError(Exception):
    """Root of every error the library raises on purpose."""

    exit_code = 1
    title_code = "error.generic"

    def __init__(self, problems: Problem | Sequence[Problem]):
        self.problems: list[Problem] = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__(self.render("en"))

    def render(self, lang: Lang = "vi") -> str:
        head = render(self.title_code, lang, count=len(self.problems))
        return "\n".join([head, *("  " + p.render(lang) for p in self.problems)])

    def to_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        return {
            "error": type(self).__name__,
            "exit_code": self.exit_code,
            "problems": [p.to_dict(lang) for p in self.problems],
        }


class DefinitionError(EvaluatorError):
    """A criteria set, classification scheme or overrides file is invalid."""

    exit_code = 3
    title_code = "error.definition"


class RecordsFileError(DefinitionError):
    """A file of official decisions, unit lineage, shortcomings or targets is invalid; nothing was stored."""

    title_code = "error.records_file"


class ParameterMissingError(DefinitionError):
    """A parameter has no value for the region and year of a unit being rated."""

    title_code = "error.parameter_missing"


class ScorecardError(EvaluatorError):
    """Submitted scorecards are invalid; nothing was rated."""

    exit_code = 4
    title_code = "error.scorecard"


class EngineInvariantError(EvaluatorError):
    """The rules engine gave zero or several findings for one criterion: a bug."""

    exit_code = 5
    title_code = "error.engine"


class UsageError(EvaluatorError):
    """The command or call is wrong: an option's value, a file given where it cannot be used."""

    exit_code = 2
    title_code = "error.usage"


class OutputError(UsageError):
    """An output file is refused (a link, a folder, a device, one of the run's inputs) or cannot be written."""

    title_code = "error.output"


class InternalError(EvaluatorError):
    """An unexpected exception inside the library: a bug. The original is ``__cause__``."""

    exit_code = 5
    title_code = "error.internal"

    @classmethod
    def wrapping(cls, exc: BaseException) -> InternalError:
        """The error that stands for ``exc`` (raise it ``from exc``)."""
        detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
        what = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
        return cls(Problem("internal.error", Location(), {"what": what}))

    def render(self, lang: Lang = "vi") -> str:
        """One line: what broke, and that it is a bug to report."""
        return "; ".join(p.message(lang) for p in self.problems)


def full_stop(text: str) -> str:
    """``text`` ending a sentence: a full stop added unless it ends with one (or ? !)."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The closest of ``choices`` to ``word``, if one is close enough."""
    options = sorted(set(choices))
    found = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if found:
        return found[0]
    lowered = {c.casefold(): c for c in options}
    return lowered.get(word.casefold())
