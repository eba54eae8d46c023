"""A unit's submitted scorecard, and the recorded decisions of an overrides file."""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from ..vntext import canon
from .common import StrictModel


class Scorecard(StrictModel):
    """What one unit submitted for one year."""

    unit: str = Field(min_length=1)
    name: str = Field(min_length=1)
    kind: str
    region: str | None = None
    parent: str | None = None
    year: int = Field(ge=1945, le=2100, strict=True)  # "2025" as text is a mistake, not a year
    peer_group: str | None = None
    indicators: dict[str, Any]
    evidence: dict[str, str] = Field(default_factory=dict)

    @field_validator("unit", "name", "kind", "region", "parent", "peer_group", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        # One form of Vietnamese text, whatever the typing: "Hoà" and "Hòa" are the same unit.
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        return canon(value) if isinstance(value, str) else value

    def group_key(self) -> str:
        """The peer group: as given, or same parent and kind (always within one year)."""
        base = self.peer_group if self.peer_group else f"{self.parent or '-'}/{self.kind}"
        return f"{base}/{self.year}"


class Decided(StrictModel):
    """What every recorded decision carries: who decided, by which document, and why."""

    decided_by: str = Field(min_length=1)
    decision: str = Field(min_length=1, description="the document that records it, e.g. 'QĐ số 12-QĐ/QU'")
    reason: str = Field(min_length=1)

    @field_validator("decided_by", "decision", "reason", mode="before")
    @classmethod
    def _decided_text(cls, value: Any) -> Any:
        return canon(value) if isinstance(value, str) else value

    def decided(self) -> dict[str, str]:
        return {"decided_by": self.decided_by, "decision": self.decision, "reason": self.reason}


class Override(Decided):
    """A competent level's decision to rate a unit otherwise, with who decided, by which document, why.

    As the regulation allows: it lifts named vetoes (``lifts``) on a named ground (force majeure;
    violations self-detected and promptly remedied), and the unit's level then follows its points
    and conditions; or it sets a ``level`` no better than those give (a lowering). It never raises
    a unit above what its points and conditions give (checked when rating, see
    :mod:`evaluator.overrides`).
    """

    unit: str = Field(min_length=1)
    year: int
    lifts: tuple[str, ...] = Field(default=(), description="the ids of the scheme's vetoes it lifts")
    ground: str | None = Field(default=None, description="why the vetoes may be lifted: one of the scheme's grounds")
    level: str | None = Field(default=None, description="a level no better than the points and conditions give")

    @field_validator("unit", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return canon(value) if isinstance(value, str) else value

    @field_validator("lifts", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class QuotaGrant(Decided):
    """A competent level's decision that one peer group's quota uses the scheme's exceptional rate
    ("up to 25% where the competent level allows it for outstanding organisations")."""

    group: str = Field(min_length=1, description="the peer group as results name it, e.g. 'can-tho/ward/2025'")

    @field_validator("group", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return canon(value) if isinstance(value, str) else value

    def to_dict(self) -> dict[str, Any]:
        return {"group": self.group, **self.decided()}


class TieSettlement(Decided):
    """A competent level's choice of who keeps the quota level when units tie at the cut-off.

    Units tie when they are equal on every ``keep_order`` key before the unit id: the scheme
    then separates them by unit id alone, which the regulation does not say. An entry names a
    unit of the tie that keeps the level; a tie with *p* places is settled by naming exactly
    *p* of its units, each with who decided, by which document and why. A kind of entry of its
    own (``tie_settlements:`` in an overrides file), apart from level overrides.
    """

    unit: str = Field(min_length=1)
    year: int = Field(strict=True)

    @field_validator("unit", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return canon(value) if isinstance(value, str) else value

    def to_dict(self) -> dict[str, Any]:
        return {"unit": self.unit, **self.decided()}


class OverridesFile(StrictModel):
    """An overrides file: level overrides, settlements of ties at the quota cut-off, and grants of
    the exceptional quota rate to peer groups."""

    overrides: tuple[Override, ...] = ()
    tie_settlements: tuple[TieSettlement, ...] = ()
    exceptional_quota: tuple[QuotaGrant, ...] = ()
