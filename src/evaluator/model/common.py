"""Shared pieces of the models: strictness, titles in two languages, error mapping."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError, field_validator

from ..errors import Problem, did_you_mean
from ..messages import Lang
from ..refsources import reference_text
from ..sources import Document, nfc

ID_PATTERN = r"^[a-z][a-z0-9_]*$"

# A legal reference as written ("QĐ 366-QĐ/TW — mức HTXS [src:qd366-htxs]"), kept as the text
# people read: the [src:…] tags name entries of the sources list and are checked by lint.
Reference = Annotated[str, AfterValidator(reference_text)]


class StrictModel(BaseModel):
    """Unknown keys are errors; models are frozen once read."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Titles(StrictModel):
    """A text in Vietnamese and English."""

    vi: str
    en: str

    @field_validator("vi", "en")
    @classmethod
    def _nfc(cls, value: str) -> str:
        value = nfc(value).strip()
        if not value:
            raise ValueError("must not be empty")
        return value

    def get(self, lang: Lang) -> str:
        return self.vi if lang == "vi" else self.en


def field_names(model: type[BaseModel], seen: set[type] | None = None) -> set[str]:
    """Every field name of ``model`` and of the models nested in it (for "did you mean")."""
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    out: set[str] = set()
    for name, info in model.model_fields.items():
        out.add(name)
        for arg in _nested_models(info.annotation):
            out |= field_names(arg, seen)
    return out


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        found.append(annotation)
    for arg in getattr(annotation, "__args__", ()) or ():
        found.extend(_nested_models(arg))
    return found


def problems_from(
    exc: ValidationError,
    doc: Document,
    prefix: Sequence[Any] = (),
    vocabulary: set[str] | None = None,
) -> list[Problem]:
    """pydantic's errors as located :class:`Problem` items (file, line, field)."""
    out: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = [*prefix, *_clean_loc(err["loc"])]
        kind = err["type"]
        if kind == "extra_forbidden":
            key = str(loc[-1]) if loc else "?"
            out.append(
                Problem(
                    "key.unknown",
                    doc.locate(loc),
                    {"key": key},
                    did_you_mean(key, vocabulary or ()) if vocabulary else None,
                )
            )
        elif kind == "missing":
            out.append(Problem("key.missing", doc.locate(loc)))
        else:
            msg = err["msg"]
            if msg.startswith("Value error, "):
                msg = msg[len("Value error, ") :]
            detail = (
                f"{msg} (found {err.get('input')!r})"
                if "input" in err and not isinstance(err.get("input"), (dict, list))
                else msg
            )
            out.append(Problem("type.invalid", doc.locate(loc), {"detail": detail}))
    return out


def _clean_loc(loc: Sequence[Any]) -> list[Any]:
    # pydantic adds the names of union members and validator functions to locations.
    return [p for p in loc if not (isinstance(p, str) and ("[" in p or p.startswith("function-")))]
