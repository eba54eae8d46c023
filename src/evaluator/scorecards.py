"""Reading submitted scorecards (files or folders) and checking them against a criteria set.

Nothing is rated unless every scorecard is valid: all problems are gathered and
raised together as one :class:`ScorecardError`, each naming file, line and field.
Other formats plug in through :data:`READERS` (suffix → reader).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import Location, Problem, ScorecardError, did_you_mean
from .gcpause import gc_paused
from .limits import BOUND, MAX_EXACT, control_char, exact
from .load import Criteria
from .model import Scorecard
from .model.common import field_names, problems_from
from .model.criteria import NUMERIC_TYPES, Indicator
from .sources import read_documents
from .text import Bilingual

__all__ = ["READERS", "CheckOptions", "RawCard", "Submitted", "check_scorecards", "raw_cards", "read_scorecards"]

Locator = Callable[[Sequence[Any]], Location]


@dataclass(frozen=True)
class RawCard:
    """One scorecard as read, before checking, with a way to locate its fields."""

    data: Any
    locate: Locator


@dataclass(frozen=True)
class Submitted:
    """A checked scorecard: the model, its indicator values (absent = missing), where it came from."""

    card: Scorecard
    values: dict[str, Any]
    locate: Locator = field(repr=False, compare=False)

    @property
    def location(self) -> Location:
        """Where the scorecard is; found only when asked (a JSON file's positions cost a re-read)."""
        return self.locate(())

    @property
    def key(self) -> tuple[str, int]:
        return (self.card.unit, self.card.year)


def _read_structured(path: Path, criteria: Criteria | None) -> Iterator[RawCard]:
    for doc in read_documents(path, ScorecardError):
        data = doc.data
        prefix: tuple[Any, ...] = ()
        if isinstance(data, dict) and "scorecards" in data and "unit" not in data:
            extra = sorted(set(data) - {"scorecards", "comment"})
            if extra:
                raise ScorecardError(Problem("key.unknown", doc.locate((extra[0],)), {"key": extra[0]}))
            data, prefix = data["scorecards"], ("scorecards",)
        if isinstance(data, dict):
            yield RawCard(data, doc.locator(prefix))
        elif isinstance(data, list):
            for i, item in enumerate(data):
                yield RawCard(item, doc.locator((*prefix, i)))
        else:
            raise ScorecardError(Problem("scorecard.shape", doc.locate(prefix), {"found": type(data).__name__}))
        # Every scorecard's locator holds the document (to find positions if a problem needs
        # one), not its data: once checked, the scorecards as read can be freed.
        doc.data = data = None


# suffix -> reader(path, criteria); a reader of typed-by-hand formats (spreadsheets) may
# use the criteria to convert text to each indicator's type and to match column titles.
READERS: dict[str, Callable[[Path, Criteria | None], Iterator[RawCard]]] = {
    ".yaml": _read_structured,
    ".yml": _read_structured,
    ".json": _read_structured,
}


def _files(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READERS)
            if not found:
                raise ScorecardError(
                    Problem("folder.empty", Location(file=str(path)), {"expected": ", ".join(sorted(READERS))})
                )
            out.extend(found)
        elif not path.exists():
            raise ScorecardError(Problem("file.not_found", Location(file=str(path))))
        elif path.suffix.lower() not in READERS:
            raise ScorecardError(
                Problem(
                    "file.unsupported",
                    Location(file=str(path)),
                    {"suffix": path.suffix or path.name, "expected": ", ".join(sorted(READERS))},
                )
            )
        else:
            out.append(path)
    return out


def raw_cards(paths: Iterable[str | Path], criteria: Criteria | None = None) -> list[RawCard]:
    """Every scorecard in ``paths`` (files or folders), unchecked, in file then document order."""
    cards: list[RawCard] = []
    for path in _files(paths):
        cards.extend(READERS[path.suffix.lower()](path, criteria))
    return cards


@dataclass(frozen=True)
class CheckOptions:
    """How strictly to check. The defaults are the product's; the others serve explicit user choices."""

    check_year: bool = True  # False under --as-of: the user chose the version in force on a date
    ignore_unknown: bool = False  # True for diff: each version reads the indicators it knows


def read_scorecards(
    paths: Iterable[str | Path], criteria: Criteria, options: CheckOptions | None = None
) -> list[Submitted]:
    """Read and check every scorecard in ``paths``; raise :class:`ScorecardError` listing all problems."""
    paths = list(paths)
    cards = raw_cards(paths, criteria)
    if not cards:  # files that hold none (an empty list): say which
        raise ScorecardError([Problem("scorecard.none", Location(file=str(p))) for p in _files(paths)])
    return check_scorecards(cards, criteria, options)


_VOCAB = field_names(Scorecard)


def check_scorecards(
    cards: Sequence[RawCard], criteria: Criteria, options: CheckOptions | None = None
) -> list[Submitted]:
    """Check raw scorecards against ``criteria``; all or nothing."""
    options = options or CheckOptions()
    with gc_paused():
        return _check_all(cards, criteria, options)


def _check_all(cards: Sequence[RawCard], criteria: Criteria, options: CheckOptions) -> list[Submitted]:
    problems: list[Problem] = []
    out: list[Submitted] = []
    first_seen: dict[tuple[str, int], Submitted] = {}
    if not cards:
        raise ScorecardError(Problem("scorecard.none"))
    for raw in cards:
        checked = _check_one(raw, criteria, problems, options)
        if checked is None:
            continue
        if checked.key in first_seen:
            first = first_seen[checked.key].location
            problems.append(
                Problem(
                    "scorecard.duplicate",
                    raw.locate(("unit",)),
                    {"unit": checked.card.unit, "year": checked.card.year, "first": first},
                )
            )
            continue
        first_seen[checked.key] = checked
        out.append(checked)
    if problems:
        raise ScorecardError(problems)
    return out


def _check_one(raw: RawCard, criteria: Criteria, problems: list[Problem], options: CheckOptions) -> Submitted | None:
    if not isinstance(raw.data, dict):
        problems.append(Problem("scorecard.shape", raw.locate(()), {"found": type(raw.data).__name__}))
        return None
    try:
        card = Scorecard.model_validate(raw.data)
    except ValidationError as exc:
        problems.extend(_relocate(problems_from(exc, _NoDoc(), (), _VOCAB), raw.locate))
        return None
    model = criteria.model
    before = len(problems)
    if card.kind not in model.unit_kinds:
        problems.append(
            Problem(
                "scorecard.kind",
                raw.locate(("kind",)),
                {"kind": card.kind, "kinds": ", ".join(model.unit_kinds)},
                did_you_mean(card.kind, model.unit_kinds),
            )
        )
    if model.regions is not None:
        if card.region is None:
            problems.append(Problem("key.missing", raw.locate(("region",))))
        elif card.region not in model.regions:
            problems.append(
                Problem(
                    "scorecard.region",
                    raw.locate(("region",)),
                    {"region": card.region, "regions": ", ".join(model.regions)},
                    did_you_mean(card.region, model.regions),
                )
            )
    if options.check_year and not model.in_force(card.year):
        problems.append(
            Problem(
                "scorecard.year",
                raw.locate(("year",)),
                {"year": card.year, "criteria": model.id, "period": model.period()},
            )
        )
    _check_text(card, raw.locate, problems)
    values: dict[str, Any] = {}
    for name, value in card.indicators.items():
        loc = ("indicators", name)
        ind = model.indicators.get(name)
        if ind is None and options.ignore_unknown:
            continue
        if ind is None:
            problems.append(
                Problem(
                    "indicator.unknown",
                    raw.locate(loc),
                    {"name": name, "criteria": model.id},
                    did_you_mean(name, model.indicators),
                )
            )
            continue
        if value is None:
            continue  # missing, said so in the result
        problem = check_value(name, ind, value)
        if problem is not None:
            code, params, hint = problem
            problems.append(Problem(code, raw.locate(loc), params, hint))
            continue
        values[name] = value
    for name, ind in criteria.bounded_by.items():
        other = ind.at_most
        if name in values and other in values and values[name] > values[other]:
            params = {"name": name, "value": values[name], "other": other, "limit": values[other]}
            problems.append(Problem("indicator.above", raw.locate(("indicators", name)), params))
    known_keys = criteria.known_keys
    for name in card.evidence:
        if name not in known_keys and not options.ignore_unknown:
            problems.append(
                Problem(
                    "indicator.unknown",
                    raw.locate(("evidence", name)),
                    {"name": name, "criteria": model.id},
                    did_you_mean(name, known_keys),
                )
            )
    if len(problems) > before:
        return None
    return Submitted(card, values, raw.locate)


_ONE_LINE = ("unit", "name", "kind", "region", "parent", "peer_group")


def _check_text(card: Scorecard, locate: Locator, problems: list[Problem]) -> None:
    """No control characters in a scorecard's text; ids and names are one line."""
    fields = [(f, v) for f in _ONE_LINE if isinstance(v := getattr(card, f), str)]
    if control_char("".join(v for _, v in fields), one_line=True) is not None:
        for f, v in fields:
            char = control_char(v, one_line=True)
            if char is not None:
                code = "text.one_line" if char in _LINE_BREAKS else "text.control"
                problems.append(Problem(code, locate((f,)), {"char": char}))
    if card.evidence and control_char("".join(card.evidence.values())) is not None:
        for key, text in card.evidence.items():
            char = control_char(text)
            if char is not None:
                problems.append(Problem("text.control", locate(("evidence", key)), {"char": char}))


_LINE_BREAKS = ("U+0009", "U+000A", "U+000D")


def check_value(name: str, ind: Indicator, value: Any) -> tuple[str, dict[str, Any], str | None] | None:
    """``None`` if ``value`` fits indicator ``ind``; else (code, params, suggestion)."""
    kind = type(value)
    if ind.type in NUMERIC_TYPES and (kind is int or (kind is float and math.isfinite(value))):
        # The common case first: a plain number within its range (and within ±2**53).
        lo, hi = ind.limits
        if (
            (lo is None or value >= lo)
            and (hi is None or value <= hi)
            and (ind.type != "count" or kind is int)
            and -MAX_EXACT <= value <= MAX_EXACT
        ):
            return None
    if isinstance(value, str) and control_char(value, one_line=True) is not None:
        return "text.control", {"char": control_char(value, one_line=True)}, None  # never echoed to a terminal
    if ind.type in NUMERIC_TYPES:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return "indicator.type", {"name": name, "expected": _expected(ind), "found": _found(value)}, None
        if not math.isfinite(value):
            return "indicator.type", {"name": name, "expected": EXPECT["finite"], "found": value}, None
        if not exact(value):
            return "indicator.too_large", {"name": name, "value": _big(value), "bound": BOUND}, None
        if ind.type == "count" and not float(value).is_integer():
            return "indicator.type", {"name": name, "expected": EXPECT["count"], "found": value}, None
        lo, hi = ind.limits
        if ind.type == "percent" and not 0 <= value <= 100:
            return "indicator.percent", {"name": name, "value": value}, None
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            return (
                "indicator.range",
                {"name": name, "value": value, "min": _num(lo, "-∞"), "max": _num(hi, "+∞")},
                None,
            )
        return None
    if ind.type == "yesno":
        if not isinstance(value, bool):
            return "indicator.type", {"name": name, "expected": EXPECT["yesno"], "found": _found(value)}, None
        return None
    choices = ind.choices or ()
    if isinstance(value, (list, dict)):
        return "indicator.type", {"name": name, "expected": ", ".join(choices), "found": _found(value)}, None
    if not isinstance(value, str) or value not in choices:
        return (
            "indicator.choice",
            {"name": name, "value": value, "choices": ", ".join(choices)},
            did_you_mean(str(value), choices),
        )
    return None


EXPECT = {
    "number": Bilingual("một số", "a number"),
    "count": Bilingual("một số nguyên", "a whole number"),
    "percent": Bilingual("một tỷ lệ phần trăm 0–100", "a percentage 0–100"),
    "finite": Bilingual("một số hữu hạn", "a finite number"),
    "yesno": Bilingual("true/false (có/không)", "true/false"),
}


def _found(value: Any) -> Any:
    """A value as a message shows it: a list or mapping by its kind (it may be large or deep)."""
    if isinstance(value, list):
        return Bilingual("một danh sách", "a list")
    if isinstance(value, dict):
        return Bilingual("một ánh xạ", "a mapping")
    return value


def _expected(ind: Indicator) -> Bilingual:
    return EXPECT.get(ind.type, EXPECT["number"])


def _big(v: float) -> str:
    text = str(v) if isinstance(v, int) else f"{v:.6g}"
    return text if len(text) <= 24 else f"{text[:12]}…({len(text)})"


def _num(v: float | None, absent: str) -> str:
    if v is None:
        return absent
    return str(int(v)) if float(v).is_integer() else str(v)


class _NoDoc:
    """Stands in for a document while mapping pydantic errors; locations are fixed after."""

    def locate(self, loc: Sequence[Any]) -> Location:
        return Location(field=".".join(str(p) for p in loc) or None)


def _relocate(problems: list[Problem], locate: Locator) -> list[Problem]:
    out = []
    for p in problems:
        parts = tuple(p.location.field.split(".")) if p.location.field else ()
        out.append(Problem(p.code, locate(parts), p.params, p.suggestion))
    return out
