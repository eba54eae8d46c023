"""Loading a criteria file: a national set, or an overlay on one (:mod:`.overlay`)."""

from __future__ import annotations

from pathlib import Path

from ..model import CriteriaSet
from .checked import Criteria, finish_criteria
from .overlay import apply_overlay
from .read import Origins, one_document, validate


def load_criteria(path: str | Path) -> Criteria:
    """Read, validate and compile to intermediate form one criteria file (or an overlay on one)."""
    return _load_criteria(Path(path), ())


def _load_criteria(path: Path, stack: tuple[Path, ...]) -> Criteria:
    doc, digest = one_document(path)
    if isinstance(doc.data, dict) and "overlay" in doc.data:
        return apply_overlay(path, doc, digest, stack, _load_criteria)
    model: CriteriaSet = validate(CriteriaSet, doc)
    return finish_criteria(model, Origins(doc), path, digest, doc)
