"""What is wrong with a value, in the reader's language: pydantic's errors by their ``type``, and
the refusals of the models' own validators.

pydantic says "Input should be a valid integer"; a committee's secretary reads "cần một số
nguyên, gặp «2025»". Every error type the models can raise has a message here, filled from
pydantic's ``ctx`` and the value found (:func:`detail`); a validator of the models refuses with
:class:`Invalid` — a catalogue code and its facts — never with English text. A type not listed
here still reads in the chosen language ("giá trị không hợp lệ").
"""

from __future__ import annotations

import re
from typing import Any

from ..messages import render
from ..text import Phrase, bi, joined, show_value

__all__ = ["Invalid", "detail", "union_detail"]


class Invalid(ValueError):
    """A model validator's refusal: a message code of the catalogue and the facts that fill it."""

    def __init__(self, code: str, **params: Any):
        self.code = code
        self.params = params
        super().__init__(render(code, "en", **params))


_TYPES = {
    "string_type": "pyd.string_type",
    "string_too_long": "pyd.string_too_long",
    "int_type": "pyd.int_type",
    "int_parsing": "pyd.int_type",
    "int_parsing_size": "pyd.int_type",
    "int_from_float": "pyd.int_from_float",
    "float_type": "pyd.float_type",
    "float_parsing": "pyd.float_type",
    "decimal_type": "pyd.float_type",
    "decimal_parsing": "pyd.float_type",
    "decimal_max_digits": "pyd.float_type",
    "finite_number": "pyd.finite_number",
    "bool_type": "pyd.bool_type",
    "bool_parsing": "pyd.bool_type",
    "greater_than_equal": "pyd.greater_than_equal",
    "greater_than": "pyd.greater_than",
    "less_than_equal": "pyd.less_than_equal",
    "less_than": "pyd.less_than",
    "too_short": "pyd.too_short",
    "too_long": "pyd.too_long",
    "list_type": "pyd.list_type",
    "tuple_type": "pyd.list_type",
    "set_type": "pyd.list_type",
    "iterable_type": "pyd.list_type",
    "dict_type": "pyd.dict_type",
    "mapping_type": "pyd.dict_type",
    "model_type": "pyd.dict_type",
    "model_attributes_type": "pyd.dict_type",
    "dataclass_type": "pyd.dict_type",
    "date_type": "pyd.date_type",
    "date_parsing": "pyd.date_type",
    "date_from_datetime_parsing": "pyd.date_type",
    "date_from_datetime_inexact": "pyd.date_type",
    "datetime_type": "pyd.date_type",
    "datetime_parsing": "pyd.date_type",
}

# What each union member expects, by the tag pydantic gives it in the location.
_MEMBER_KINDS = {
    "str": "pyd.kind.text",
    "float": "pyd.kind.number",
    "int": "pyd.kind.number",
    "decimal": "pyd.kind.number",
    "bool": "pyd.kind.bool",
    "tuple": "pyd.kind.list",
    "list": "pyd.kind.list",
    "dict": "pyd.kind.mapping",
    "none": "pyd.kind.null",
}

_ID_PATTERNS = {r"^[a-z][a-z0-9_]*$": "pyd.id_pattern", r"^[a-z][a-z0-9_-]*$": "pyd.id_dash_pattern"}


def found_text(value: Any) -> str | Phrase:
    """A value found in the data, as it was written: «2025» for text, 7, true, null; a list or a
    mapping by what it is."""
    if value is None or isinstance(value, (bool, int, float)):
        return show_value(value)
    if isinstance(value, str):
        return bi("quote.value", value=value[:60])
    if isinstance(value, (list, tuple)):
        return bi("pyd.kind.list")
    if isinstance(value, dict):
        return bi("pyd.kind.mapping")
    return bi("pyd.kind.other")


def detail(err: Any) -> Phrase:
    """One pydantic error (a dict from ``ValidationError.errors()``) as a message in either language."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "value_error":
        cause = ctx.get("error")
        said = bi(cause.code, **cause.params) if isinstance(cause, Invalid) else bi("pyd.other")
        found = err.get("input")
        if "found" in getattr(cause, "params", {}) or isinstance(found, (dict, list, tuple)) or "input" not in err:
            return said
        return bi("pyd.found", what=said, found=found_text(found))
    what: Phrase
    if kind == "string_too_short":
        minimum = ctx.get("min_length", 1)
        what = bi("pyd.string_empty") if minimum == 1 else bi("pyd.string_too_short", min_length=minimum)
    elif kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        code = _ID_PATTERNS.get(pattern)
        what = bi(code) if code else bi("pyd.string_pattern_mismatch", pattern=pattern)
    elif kind == "literal_error":
        what = bi("pyd.literal_error", expected=_expected(str(ctx.get("expected", ""))))
    elif kind in _TYPES:
        what = bi(_TYPES[kind], **{k: v for k, v in ctx.items() if isinstance(v, (int, float, str))})
    else:
        what = bi("pyd.other")
    if "input" in err and not isinstance(err.get("input"), dict) and kind != "string_too_short":
        return bi("pyd.found", what=what, found=found_text(err["input"]))
    return what


def union_detail(tags: list[str], value: Any) -> Phrase:
    """Several errors at one place, one per member of a union (``float | str``): what it may be."""
    kinds = list(dict.fromkeys(_MEMBER_KINDS.get(_base(t), "pyd.kind.mapping") for t in tags))
    what = bi("pyd.union", kinds=joined([bi(k) for k in kinds], ", ", bi("pyd.or")))
    return bi("pyd.found", what=what, found=found_text(value))


def union_tag(part: Any) -> bool:
    """Whether a location part is the tag pydantic gives a union member: ``float``, ``str``, a
    model's name, ``tuple[Link, ...]``."""
    return isinstance(part, str) and (_base(part) in _MEMBER_KINDS or part[:1].isupper())


def _base(tag: str) -> str:
    return tag.split("[", 1)[0].lower()


def _expected(text: str) -> Any:
    """pydantic's "'a', 'b' or 'c'" as the values in the language's quotation marks."""
    values = re.findall(r"'([^']*)'", text)
    if not values:
        return text
    return joined([bi("quote.value", value=v) for v in values], ", ", bi("pyd.or"))
