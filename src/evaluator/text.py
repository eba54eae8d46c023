"""The text toolkit: texts rendered when read, in the language asked for, and numbers as people write them.

A reason, a gap or a threshold is built once from facts and read in Vietnamese or English
later (the JSON in one language, the report in another). The pieces here are the lazy
texts that make that possible — :class:`Bilingual` (two fixed texts), :class:`Phrase` (a
catalogue message and its parameters), :class:`Joined` (texts with a separator),
:class:`Quoted` (a title in the language's quotation marks), :class:`Lower` (a sentence after a
colon); every one is a :class:`Lazy`, read with :func:`rendered` (a value or a lazy text, as
text in a language) or :func:`resolve` (the same, with numbers as people read them) — and the
formatting every
rendered number, yes/no and span of years goes through:

- numbers in Vietnamese form where people read them: a decimal comma and a dot between
  thousands (``96,5``; ``6.826``), in English the plain form (``96.5``; ``6826``);
- yes/no as *Có*/*Không* (*Yes*/*No*);
- a span of years as ``2016–2019``, a single year as ``năm 2020`` (``in 2020``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from .messages import Lang, render

__all__ = [
    "Bilingual",
    "Joined",
    "Lazy",
    "Lower",
    "Phrase",
    "Quoted",
    "bi",
    "format_number",
    "joined",
    "lower_first",
    "number",
    "rendered",
    "resolve",
    "show_value",
    "upper_first",
    "years_text",
    "yes_no",
]


class Lazy:
    """A text that is rendered only when read, in the language asked for.

    Subclasses define ``get(lang)``. (A plain class, not an ABC: ``isinstance`` against an
    ABC costs several times more, and reasons are rendered by the hundred thousand.)
    A message's parameter that is a lazy text is rendered in the message's language.
    """

    __slots__ = ()

    def get(self, lang: Lang) -> str:
        raise TypeError(f"{type(self).__name__} does not say how to render itself")

    def __str__(self) -> str:  # for a log or an exception's one-line text: the English
        return self.get("en")


@dataclass(frozen=True, slots=True)
class Bilingual(Lazy):
    """A value that reads differently by language (a title, a joined list of titles)."""

    vi: str
    en: str

    def get(self, lang: Lang) -> str:
        return self.vi if lang == "vi" else self.en


@dataclass(frozen=True, slots=True)
class Phrase(Lazy):
    """A message rendered only when it is read, in the language asked for."""

    code: str
    params: dict[str, Any]

    def get(self, lang: Lang) -> str:
        return render(self.code, lang, **{k: resolve(v, lang) for k, v in self.params.items()})


@dataclass(frozen=True, slots=True)
class Joined(Lazy):
    """Texts joined by a separator when read; ``last`` joins the last two (``A, B hoặc C``)."""

    parts: tuple[Any, ...]
    sep: str = "; "
    last: Any = None  # a Lazy or text placed between the last two parts instead of ``sep``

    def get(self, lang: Lang) -> str:
        texts = [str(resolve(p, lang)) for p in self.parts]
        if self.last is not None and len(texts) > 1:
            return self.sep.join(texts[:-1]) + str(resolve(self.last, lang)) + texts[-1]
        return self.sep.join(texts)


@dataclass(frozen=True, slots=True)
class Quoted(Lazy):
    """A title between the language's quotation marks: «…» in Vietnamese, '…' in English."""

    inner: Any

    def get(self, lang: Lang) -> str:
        text = resolve(self.inner, lang)
        return f"«{text}»" if lang == "vi" else f"'{text}'"


def bi(code: str, **params: Any) -> Phrase:
    """The message ``code``, rendered in either language when read."""
    return Phrase(code, params)


def joined(parts: list[Any], sep: str = "; ", last: Any = None) -> Joined:
    return Joined(tuple(parts), sep, last)


def rendered(value: Any, lang: Lang) -> Any:
    """``value`` as a message parameter: a lazy text rendered in ``lang``, any other value as it is."""
    return value.get(lang) if isinstance(value, Lazy) else value


def resolve(value: Any, lang: Lang) -> Any:
    """A message parameter as text: lazy texts rendered, floats as numbers people read."""
    kind = type(value)
    if kind is str or kind is int:  # most parameters: nothing to do
        return value
    if kind is float:
        return number(value, lang)
    if isinstance(value, Lazy):
        return value.get(lang)
    text = getattr(value, "text", None)  # a Reason
    if callable(text) and hasattr(value, "code"):
        return text(lang)
    return value


def format_number(v: Any) -> str:
    """A number as people write it: no exponent, no trailing ``.0``."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, int) or float(v).is_integer():
        return str(int(v))
    text = repr(float(v))
    if "e" in text or "E" in text:
        from decimal import Decimal

        text = format(Decimal(text), "f")
    return text


def show_value(v: Any) -> str:
    """A value as written in the files (for programs and for errors that quote the data)."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dict):
        return ", ".join(f"{k}={show_value(x)}" for k, x in v.items())
    if isinstance(v, (int, float)):
        return format_number(v)
    if isinstance(v, (tuple, list)):  # a list of levels
        return "[" + ", ".join(show_value(x) for x in v) + "]"
    return str(v)


def number(value: float | int, lang: Lang) -> str:
    """A number for people: in Vietnamese with a decimal comma and a dot between thousands
    (96,5; 6.826), in English as written in the files (96.5; 6826). Never an exponent.

    Remembered for the last few thousand values (a run writes the same scores and thresholds
    many times); by type too, so ``True`` is never taken for ``1``."""
    try:
        return _number(value, lang)
    except TypeError:  # a value that cannot be a key
        return _number.__wrapped__(value, lang)


@functools.lru_cache(maxsize=8192, typed=True)
def _number(value: float | int, lang: Lang) -> str:
    text = format_number(value)
    if lang != "vi":
        return text
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    if len(whole) > 3:
        head = len(whole) % 3 or 3
        whole = ".".join([whole[:head], *(whole[i : i + 3] for i in range(head, len(whole), 3))])
    return sign + whole + ("," + frac if frac else "")


def yes_no(value: bool, lang: Lang) -> str:
    return render("word.yes" if value else "word.no", lang)


def years_text(start: int | None, end: int | None, lang: Lang) -> str:
    """``2016–2019``, ``năm 2020`` for a single year, ``từ năm 2018`` / ``đến năm 2017`` for an open span."""
    if start is not None and start == end:
        return render("word.year", lang, year=start)
    if start is not None and end is not None:
        return render("word.years", lang, start=start, end=end)
    if start is not None:
        return render("word.years_from", lang, year=start)
    if end is not None:
        return render("word.years_to", lang, year=end)
    return render("word.every_year", lang)


# Words a title may start with that keep their capital inside a sentence (the Party, the State…).
_PROPER = ("Đảng", "Nhà nước", "Mặt trận", "Chính phủ", "Thủ tướng", "Quốc hội", "Bộ Chính trị", "Trung ương")


@functools.lru_cache(maxsize=8192)  # the same gap and reason texts, lowered for unit after unit
def lower_first(text: str) -> str:
    """``text`` as it reads inside a sentence: its first letter in lower case, unless the first
    word is an abbreviation (``HTXS``, ``QĐ``) or a proper noun (``Đảng``)."""
    if not text or not text[0].isupper() or text.startswith(_PROPER):
        return text
    first = text.split(" ", 1)[0]
    if len(first) > 1 and any(c.isupper() for c in first[1:]):
        return text
    return text[0].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True, slots=True)
class Lower(Lazy):
    """A sentence as it reads after a colon or inside another sentence: its first letter in lower case."""

    inner: Any

    def get(self, lang: Lang) -> str:
        return lower_first(str(resolve(self.inner, lang)))
