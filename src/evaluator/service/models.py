"""The shapes of the API's requests and answers, as the OpenAPI description publishes them."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "CriteriaList",
    "DecisionsIn",
    "ErrorOut",
    "ExplainIn",
    "ExplainOut",
    "HistoryOut",
    "Imported",
    "RateIn",
    "Recorded",
    "RunOut",
    "SummaryOut",
    "WhoAmI",
]

Lang = Literal["vi", "en"]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RateIn(_In):
    """Scorecards to rate, shaped as a JSON scorecard file's entries, under a criteria set offered here."""

    criteria: str = Field(min_length=1, max_length=200, description="a criteria id (qd366-collective) or family")
    scorecards: list[dict[str, Any]] = Field(min_length=1, max_length=50_000)
    lang: Lang = "vi"
    exceptional_quota: bool = False


class ExplainIn(RateIn):
    unit: str = Field(min_length=1, max_length=500)
    year: int | None = None


class DecisionsIn(_In):
    """Official decisions, as ``evaluator decide`` reads them from YAML or JSON."""

    decisions: list[dict[str, Any]] = Field(min_length=1, max_length=50_000)
    lang: Lang = "vi"


class ProblemOut(BaseModel):
    code: str
    location: dict[str, Any]
    message: str
    suggestion: str | None = None


class ErrorOut(BaseModel):
    """The command line's JSON error: a class, its exit code, and every problem."""

    error: str
    exit_code: int
    problems: list[ProblemOut]


class RunOut(BaseModel):
    """The same document as ``evaluator rank --format json``."""

    criteria: dict[str, Any]
    scheme: dict[str, Any]
    engine: dict[str, Any]
    options: dict[str, Any]
    parameters: dict[str, Any]
    ties: list[Any]
    warnings: list[Any]
    results: list[dict[str, Any]]


class ExplainOut(BaseModel):
    criteria: dict[str, Any]
    scheme: dict[str, Any]
    engine: dict[str, Any]
    unit: str
    results: list[dict[str, Any]] = Field(description="the unit's result for each year, as in the run's JSON")


class Recorded(BaseModel):
    run: str
    added: bool
    units: int
    criteria: dict[str, Any]
    engine: dict[str, Any]


class Imported(BaseModel):
    added: int
    same: int


class CriteriaEntry(BaseModel):
    id: str
    family: str | None
    version: str
    valid_from: str
    valid_to: str | None
    title: dict[str, str]
    scheme: dict[str, str]
    sha256: str


class CriteriaList(BaseModel):
    criteria: list[CriteriaEntry]


class HistoryOut(BaseModel):
    """As ``evaluator history UNIT --format json``."""

    unit: str
    store: str
    lineage: list[dict[str, Any]]
    years: list[dict[str, Any]]


class SummaryOut(BaseModel):
    """As ``evaluator summary --format json``: the parents inside the token's scope."""

    store: str
    by: str
    rows: list[dict[str, Any]]


class WhoAmI(BaseModel):
    token: str
    role: str
    scope: str
    label: str
