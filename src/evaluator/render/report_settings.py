"""What the printable report needs beyond the run: the date it is made on, the place, and who signs.

Read from a small YAML file (``--report-config``)::

    date: 2025-12-15          # printed on every page and above the signatures
    place: Cần Thơ            # "Cần Thơ, ngày 15 tháng 12 năm 2025"
    signers:                  # left to right; a line break in 'role' starts a new line
      - {role: NGƯỜI LẬP, name: Nguyễn Văn An}
      - {role: "T/M BAN THƯỜNG VỤ\\nBÍ THƯ"}

No value is guessed: without a date the pages say so and the signature block leaves
"ngày … tháng … năm …" to be filled by hand (a date taken from the clock would make
the same inputs give different files); without signers the block has the two usual
places, "prepared by" and "approved by", with room for a hand-written name.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import Field, field_validator

from ..load.read import one_document, validate
from ..model.common import StrictModel
from ..model.errors import Invalid, found_text
from ..sources import nfc

__all__ = ["ReportSettings", "Signer", "load_report_settings"]


def _text(value: str) -> str:
    value = nfc(value).strip()
    if not value:
        raise Invalid("model.empty")
    return value


class Signer(StrictModel):
    """One place in the signature block: the role (one or more lines) and, when known, the name."""

    role: str = Field(description="e.g. 'NGƯỜI LẬP' or 'T/M BAN THƯỜNG VỤ\\nBÍ THƯ'")
    name: str | None = None

    @field_validator("role", "name")
    @classmethod
    def _clean(cls, value: str | None) -> str | None:
        return None if value is None else _text(value)

    def role_lines(self) -> list[str]:
        return [line.strip() for line in self.role.splitlines() if line.strip()]


class ReportSettings(StrictModel):
    """The report's date, place and signers; every field may be left out (nothing is guessed)."""

    date: dt.date | None = None
    place: str | None = None
    signers: tuple[Signer, ...] | None = None

    @field_validator("place")
    @classmethod
    def _clean(cls, value: str | None) -> str | None:
        return None if value is None else _text(value)

    @field_validator("signers")
    @classmethod
    def _how_many(cls, value: tuple[Signer, ...] | None) -> tuple[Signer, ...] | None:
        if value is not None and not 1 <= len(value) <= 4:
            raise Invalid("model.signers", count=len(value))
        return value

    @field_validator("date", mode="before")
    @classmethod
    def _iso(cls, value: object) -> object:
        # Only YYYY-MM-DD: "12/10/2025" reads one way in Vietnamese and another in English.
        if isinstance(value, str) and not (len(value) == 10 and value[4] == "-" and value[7] == "-"):
            raise Invalid("model.iso_date", found=found_text(value))
        return value


def load_report_settings(path: str | Path) -> ReportSettings:
    """Read a report settings file; every problem is a located :class:`DefinitionError`."""
    doc, _ = one_document(Path(path))
    settings: ReportSettings = validate(ReportSettings, doc)
    return settings
