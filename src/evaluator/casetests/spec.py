"""The criteria-test file format (``criteria/*.test.yaml``) and its loading.

A test file sits beside the criteria it tests::

    criteria: qd366-collective.yaml        # relative to this file
    scheme: ../rules/qd366.yaml            # optional: default, the criteria's default_scheme
    fail_under: 100                        # optional: coverage (%) this file must reach; default 100
    defaults:                              # optional: merged under every scorecard of every case
      kind: ward
      parent: p
      year: 2025
      indicators: {general_1: 5, ...}
    cases:
      - name: an excellent unit
        scorecards:                        # the normal scorecard shape; 'name' defaults to 'unit'
          - unit: a
            indicators: {task_results: 65} # merged over defaults.indicators; null = not reported
        options: {exceptional_quota: false}
        overrides: []                      # as in an overrides file (year defaults to defaults.year)
        expect:
          a:                               # a unit id, or 'unit@year' when one unit has several years
            status: rated                  # rated | incomplete
            level: htxs                    # null for an incomplete unit
            level_before_quota: htxs
            next_level: null
            rank: 1
            score: 95
            missing: []                    # indicator ids, any order
            findings: {tasks_exceeded: pass, general: {status: scored, points: 30}}
            reasons: [reason.level, {code: reason.quota_kept, contains: "20%"}]
            not_reasons: [reason.veto]
      - name: a threshold with no value
        scorecards: [...]
        expect_error: param.missing        # the rating must be refused with this problem code

Only what a case states is checked. Cases that need a peer group put several scorecards
in one case (units of one case share a peer group unless they say otherwise).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, model_validator

from ..api import default_scheme_path
from ..errors import DefinitionError, Location, Problem, did_you_mean
from ..load import BoundScheme, Criteria, bind_scheme, load_criteria
from ..load.decisions import entry_problems
from ..messages import CATALOGUE
from ..model import Override
from ..model.common import StrictModel, field_names, problems_from
from ..scorecards import RawCard
from ..sources import Document, read_documents
from ..text import bi

__all__ = [
    "Case",
    "CaseOptions",
    "FindingExpect",
    "LinkedRun",
    "ReasonExpect",
    "Suite",
    "SuiteFile",
    "UnitExpect",
    "load_suite",
]

Status = Literal["pass", "fail", "missing", "scored"]


class ReasonExpect(StrictModel):
    """A reason that must appear: its code, and optionally a text it contains (either language)."""

    code: str
    contains: str | None = None


class FindingExpect(StrictModel):
    status: Status | None = None
    rule: str | None = None
    points: float | None = None
    by_absence: bool | None = None


class UnitExpect(StrictModel):
    """What one unit's decision must show. Only the keys written are checked (``null`` included)."""

    status: Literal["rated", "incomplete"] | None = None
    level: str | None = None
    level_before_quota: str | None = None
    next_level: str | None = None
    rank: int | None = None
    score: float | None = None
    missing: tuple[str, ...] | None = None
    findings: dict[str, FindingExpect] = Field(default_factory=dict)
    reasons: tuple[ReasonExpect, ...] = ()
    not_reasons: tuple[str, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _short_forms(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        if isinstance(data.get("findings"), dict):
            data["findings"] = {k: {"status": v} if isinstance(v, str) else v for k, v in data["findings"].items()}
        if isinstance(data.get("reasons"), list):
            data["reasons"] = [{"code": r} if isinstance(r, str) else r for r in data["reasons"]]
        return data

    def given(self, name: str) -> bool:
        return name in self.model_fields_set


class CaseOptions(StrictModel):
    exceptional_quota: bool = False


class LinkedRun(StrictModel):
    """Another evaluation rated first, whose levels feed this case's linked indicators."""

    criteria: str = Field(description="criteria file, relative to the test file")
    scheme: str | None = None
    scorecards: tuple[dict[str, Any], ...] = Field(min_length=1)


class Case(StrictModel):
    name: str = Field(min_length=1)
    description: str | None = None
    links: tuple[LinkedRun, ...] = ()
    scorecards: tuple[dict[str, Any], ...] = Field(min_length=1)
    overrides: tuple[dict[str, Any], ...] = ()
    options: CaseOptions = Field(default_factory=CaseOptions)
    expect: dict[str, UnitExpect] = Field(default_factory=dict)
    expect_error: str | None = None


class SuiteFile(StrictModel):
    """A whole test file."""

    criteria: str
    scheme: str | None = None
    description: str | None = None
    fail_under: float = Field(default=100.0, ge=0, le=100)
    defaults: dict[str, Any] = Field(default_factory=dict)
    cases: tuple[Case, ...] = ()


@dataclass(frozen=True)
class Suite:
    """A loaded test file: its cases, the criteria and the scheme they run under."""

    path: str
    model: SuiteFile
    doc: Document = field(repr=False)
    criteria: Criteria = field(repr=False)
    scheme: BoundScheme = field(repr=False)
    overrides: tuple[tuple[tuple[Override, Location], ...], ...] = field(repr=False, default=())

    @property
    def cases(self) -> tuple[Case, ...]:
        return self.model.cases

    def locate(self, *loc: Any) -> Location:
        return self.doc.locate(loc)

    def case_location(self, index: int) -> Location:
        return self.doc.locate(("cases", index))

    def linked(self, index: int) -> list[tuple[Criteria, BoundScheme, list[RawCard]]]:
        """The linked evaluations of case ``index``: criteria, scheme and scorecards (located here)."""
        base = Path(self.path).parent
        out = []
        for k, link in enumerate(self.model.cases[index].links):
            criteria = load_criteria(base / link.criteria)
            scheme_path = base / link.scheme if link.scheme is not None else default_scheme_path(criteria)
            cards = [
                RawCard(
                    card,
                    self.doc.locator(("cases", index, "links", k, "scorecards", j)),
                )
                for j, card in enumerate(link.scorecards)
            ]
            out.append((criteria, bind_scheme(scheme_path, criteria), cards))
        return out

    def cards(self, index: int) -> list[RawCard]:
        """The scorecards of case ``index``, merged over the file's defaults, located in this file."""
        out: list[RawCard] = []
        for j, card in enumerate(self.model.cases[index].scorecards):
            data = merge_card(self.model.defaults, card)
            out.append(RawCard(data, self.doc.locator(("cases", index, "scorecards", j))))
        return out


def merge_card(defaults: dict[str, Any], card: dict[str, Any]) -> dict[str, Any]:
    """``card`` over ``defaults``: top-level keys replaced, ``indicators`` and ``evidence`` merged."""
    out: dict[str, Any] = {k: v for k, v in defaults.items() if k not in ("indicators", "evidence")}
    out.update({k: v for k, v in card.items() if k not in ("indicators", "evidence")})
    for key in ("indicators", "evidence"):
        base, extra = defaults.get(key), card.get(key)
        if isinstance(base, dict) or isinstance(extra, dict):
            merged = dict(base) if isinstance(base, dict) else {}
            merged.update(extra if isinstance(extra, dict) else {})
            out[key] = merged
        elif key in card or key in defaults:
            out[key] = extra if key in card else base
    if "name" not in out and isinstance(out.get("unit"), (str, int)):
        out["name"] = str(out["unit"])
    return out


def unit_key(card: dict[str, Any]) -> tuple[str, str]:
    """The short (``unit``) and long (``unit@year``) keys by which ``expect`` names a scorecard."""
    unit = str(card.get("unit", "")).strip()
    return unit, f"{unit}@{card.get('year', '')}"


def load_suite(path: str | Path) -> Suite:
    """Read and check one test file, with the criteria and scheme it names."""
    path = Path(path)
    doc = read_file(path)
    model = parse_suite(doc)
    base = path.parent
    criteria = load_criteria(base / model.criteria)
    scheme_path = base / model.scheme if model.scheme is not None else default_scheme_path(criteria)
    scheme = bind_scheme(scheme_path, criteria)
    problems: list[Problem] = []
    overrides = tuple(_overrides(model, doc, scheme, i, problems) for i in range(len(model.cases)))
    for i, case in enumerate(model.cases):
        _check_case(model, doc, criteria, scheme, i, case, problems)
    if problems:
        raise DefinitionError(problems)
    return Suite(str(path), model, doc, criteria, scheme, overrides)


def read_file(path: Path) -> Document:
    """The one YAML/JSON document in ``path``."""
    docs = read_documents(path, DefinitionError)
    if len(docs) != 1:
        raise DefinitionError(Problem("yaml.syntax", docs[1].locate(()), {"detail": bi("detail.one_document")}))
    return docs[0]


def parse_suite(doc: Document) -> SuiteFile:
    if not isinstance(doc.data, dict):
        raise DefinitionError(Problem("type.invalid", doc.locate(()), {"detail": bi("detail.top_mapping")}))
    try:
        return SuiteFile.model_validate(doc.data)
    except ValidationError as exc:
        raise DefinitionError(problems_from(exc, doc, (), field_names(SuiteFile))) from None


def _known_code(code: str, loc: Sequence[Any], doc: Document, problems: list[Problem]) -> None:
    if code not in CATALOGUE:
        problems.append(
            Problem("casetest.code_unknown", doc.locate(loc), {"name": code}, did_you_mean(code, CATALOGUE))
        )


def _check_case(
    model: SuiteFile,
    doc: Document,
    criteria: Criteria,
    scheme: BoundScheme,
    i: int,
    case: Case,
    problems: list[Problem],
) -> None:
    here = ("cases", i)
    if not case.expect and case.expect_error is None:
        problems.append(Problem("casetest.no_expect", doc.locate(here), {"case": case.name}))
    if case.expect_error is not None:
        _known_code(case.expect_error, (*here, "expect_error"), doc, problems)
    keys: set[str] = set()
    for card in case.scorecards:
        short, long = unit_key(merge_card(model.defaults, card))
        keys.update((short, long))
    levels = scheme.model.level_ids()
    ids = criteria.ids()
    indicators = list(criteria.model.indicators)
    for unit, exp in case.expect.items():
        at = (*here, "expect", unit)
        if unit not in keys:
            units = ", ".join(sorted(k for k in keys if "@" not in k))
            problems.append(
                Problem(
                    "casetest.unit_unknown", doc.locate(at), {"unit": unit, "units": units}, did_you_mean(unit, keys)
                )
            )
        for name in ("level", "level_before_quota", "next_level"):
            value = getattr(exp, name)
            if value is not None and value not in levels:
                problems.append(
                    Problem(
                        "scheme.level_unknown",
                        doc.locate((*at, name)),
                        {"level": value, "scheme": scheme.model.id},
                        did_you_mean(value, levels),
                    )
                )
        for cid in exp.findings:
            if cid not in ids:
                problems.append(
                    Problem(
                        "value.unknown_ref",
                        doc.locate((*at, "findings", cid)),
                        {"name": cid, "what": f"criterion of '{criteria.id}'"},
                        did_you_mean(cid, ids),
                    )
                )
        for j, name in enumerate(exp.missing or ()):
            if name not in indicators:
                problems.append(
                    Problem(
                        "indicator.unknown",
                        doc.locate((*at, "missing", j)),
                        {"name": name, "criteria": criteria.id},
                        did_you_mean(name, indicators),
                    )
                )
        for j, reason in enumerate(exp.reasons):
            _known_code(reason.code, (*at, "reasons", j), doc, problems)
        for j, code in enumerate(exp.not_reasons):
            _known_code(code, (*at, "not_reasons", j), doc, problems)


def _overrides(
    model: SuiteFile, doc: Document, scheme: BoundScheme, i: int, problems: list[Problem]
) -> tuple[tuple[Override, Location], ...]:
    out: list[tuple[Override, Location]] = []
    for k, raw in enumerate(model.cases[i].overrides):
        at = ("cases", i, "overrides", k)
        data = dict(raw)
        if "year" not in data and "year" in model.defaults:
            data["year"] = model.defaults["year"]
        try:
            ov = Override.model_validate(data)
        except ValidationError as exc:
            problems.extend(problems_from(exc, doc, at, field_names(Override)))
            continue
        problems.extend(entry_problems(ov, doc.locator(at), scheme))
        out.append((ov, doc.locate(at)))
    return tuple(out)
