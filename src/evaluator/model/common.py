"""Shared pieces of the models: strictness, titles in two languages, error mapping."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Protocol

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError, field_validator

from ..errors import Location, Problem, did_you_mean
from ..messages import Lang
from ..sources import nfc
from .errors import Invalid, detail, union_detail, union_tag
from .references import reference_text

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
            raise Invalid("model.empty")
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


class Locates(Protocol):
    """What locates a path of keys and indexes: a document, or a stand-in fixed up later."""

    def locate(self, loc: Sequence[Any]) -> Location: ...


def problems_from(
    exc: ValidationError,
    doc: Locates,
    prefix: Sequence[Any] = (),
    vocabulary: set[str] | None = None,
) -> list[Problem]:
    """pydantic's errors as located :class:`Problem` items (file, line, field), each said in the
    reader's language by its error type (:mod:`evaluator.model.errors`)."""
    out: list[Problem] = []
    groups: dict[tuple[Any, ...], list[tuple[dict[str, Any], str | None]]] = {}
    for err in exc.errors(include_url=False):
        whole = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
        tag = None
        if whole and err["type"] not in ("missing", "extra_forbidden") and union_tag(whole[-1]):
            tag, whole = str(whole[-1]), whole[:-1]
        # a model member of a union names itself inside the location ("Link", "tuple[Link, ...]")
        loc = tuple(p for p in whole if not (isinstance(p, str) and ("[" in p or p[:1].isupper())))
        groups.setdefault(loc, []).append((dict(err), tag))
    for loc_key, items in groups.items():
        where = [*prefix, *loc_key]
        tagged = [(e, t) for e, t in items if t is not None]
        specific = [(e, t) for e, t in items if not e["type"].endswith("_type") or t is None]
        if len(tagged) > 1 and not any(t is None for _, t in items):
            if len(specific) < len(items) and specific:
                items = specific  # one member's own refusal says more than "expected a number or text"
            else:
                tags = [t for _, t in tagged if t is not None]
                found = items[0][0].get("input")
                out.append(Problem("type.invalid", doc.locate(where), {"detail": union_detail(tags, found)}))
                continue
        for item, _ in items:
            out.append(_problem(item, where, doc, vocabulary))
    return out


def _problem(err: dict[str, Any], loc: list[Any], doc: Locates, vocabulary: set[str] | None) -> Problem:
    kind = err["type"]
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        suggestion = did_you_mean(key, vocabulary or ()) if vocabulary else None
        return Problem("key.unknown", doc.locate(loc), {"key": key}, suggestion)
    if kind == "missing":
        return Problem("key.missing", doc.locate(loc))
    return Problem("type.invalid", doc.locate(loc), {"detail": detail(err)})
