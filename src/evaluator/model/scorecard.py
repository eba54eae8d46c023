"""A unit's submitted scorecard and a recorded override of its level."""

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


class Override(StrictModel):
    """A competent level's decision to rate a unit otherwise, with who and why."""

    unit: str = Field(min_length=1)
    year: int
    level: str
    ground: str
    decided_by: str = Field(min_length=1)
    decision: str = Field(min_length=1, description="the document that records it, e.g. 'QĐ số 12-QĐ/QU'")
    reason: str = Field(min_length=1)

    @field_validator("unit", "decided_by", "decision", "reason", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return canon(value) if isinstance(value, str) else value


class TieSettlement(StrictModel):
    """A competent level's choice of who keeps the quota level when units tie at the cut-off.

    Units tie when they are equal on every ``keep_order`` key before the unit id: the scheme
    then separates them by unit id alone, which the regulation does not say. An entry names a
    unit of the tie that keeps the level; a tie with *p* places is settled by naming exactly
    *p* of its units, each with who decided, by which document and why. A kind of entry of its
    own (``tie_settlements:`` in an overrides file), apart from level overrides.
    """

    unit: str = Field(min_length=1)
    year: int = Field(strict=True)
    decided_by: str = Field(min_length=1)
    decision: str = Field(min_length=1, description="the document that records it, e.g. 'BB số 05-BB/HU'")
    reason: str = Field(min_length=1)

    @field_validator("unit", "decided_by", "decision", "reason", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return canon(value) if isinstance(value, str) else value

    def to_dict(self) -> dict[str, Any]:
        return {"unit": self.unit, "decided_by": self.decided_by, "decision": self.decision, "reason": self.reason}


class OverridesFile(StrictModel):
    """An overrides file: level overrides, and settlements of ties at the quota cut-off."""

    overrides: tuple[Override, ...] = ()
    tie_settlements: tuple[TieSettlement, ...] = ()
