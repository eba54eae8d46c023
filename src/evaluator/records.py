"""Scorecards given as Python data: records from an administration tool's own database.

A record is a mapping shaped like one scorecard in a JSON file (``unit``, ``name``,
``kind``, ``year``, ``indicators``, …). It goes through exactly the checks a file does —
the same model, the same indicator checks, the same duplicate check — after the same
reading: every text (keys and values) NFC-normalised, lists and tuples read as lists, and
keys that are not text refused. Nothing the caller passed is modified.

Problems name no file: they are located by the record's place in the sequence given and
the field, written ``scorecards[3].indicators.tasks_done_pct`` (``scorecards`` being the
``source`` name; ``[3]`` the 0-based index). All problems of all records are raised together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from .errors import Location, Problem, ScorecardError
from .load import Criteria
from .scorecards import CheckOptions, RawCard, Submitted, check_scorecards
from .sources import nfc

__all__ = ["MAX_DEPTH", "check_raw", "check_records", "raw_record", "record_field"]

MAX_DEPTH = 32  # a scorecard is three levels deep; this leaves room and refuses cycles


def record_field(source: str, index: int, loc: Sequence[Any]) -> str:
    """``scorecards[3].indicators.tasks_done_pct``: where a value is, in the records given."""
    out = f"{source}[{index}]"
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _locator(source: str, index: int) -> Callable[[Sequence[Any]], Location]:
    return lambda loc: Location(field=record_field(source, index, loc))


def _read(value: Any, where: tuple[Any, ...], problems: list[Problem], locate: Callable[..., Location]) -> Any:
    """``value`` as a file reader would give it: NFC text, lists for sequences, text keys only."""
    if len(where) > MAX_DEPTH:
        problems.append(Problem("record.too_deep", locate(where), {"depth": MAX_DEPTH}))
        return None
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                problems.append(Problem("record.key_type", locate(where), {"found": repr(key)}))
                continue
            out[nfc(key)] = _read(item, (*where, nfc(key)), problems, locate)
        return out
    if isinstance(value, (list, tuple)):
        return [_read(item, (*where, i), problems, locate) for i, item in enumerate(value)]
    return value  # numbers, booleans, None; anything else is refused by the checks with its field


def raw_record(index: int, record: Any, problems: list[Problem], source: str = "scorecards") -> RawCard | None:
    """One record as an unchecked scorecard locating its fields as ``source[index].field``;
    what makes it unreadable is added to ``problems``."""
    locate = _locator(source, index)
    if not isinstance(record, Mapping):
        problems.append(Problem("record.shape", locate(()), {"found": type(record).__name__}))
        return None
    return RawCard(_read(record, (), problems, locate), locate)


def check_raw(
    cards: Sequence[RawCard], problems: Sequence[Problem], criteria: Criteria, options: CheckOptions | None = None
) -> list[Submitted]:
    """Check ``cards``; raise every problem at once, those already found in reading first."""
    if problems and not cards:
        raise ScorecardError(list(problems))
    try:
        checked = check_scorecards(cards, criteria, options)
    except ScorecardError as exc:
        raise ScorecardError([*problems, *exc.problems]) from None
    if problems:
        raise ScorecardError(list(problems))
    return checked


def check_records(
    records: Iterable[Mapping[str, Any]],
    criteria: Criteria,
    options: CheckOptions | None = None,
    *,
    source: str = "scorecards",
) -> list[Submitted]:
    """Check scorecards given as mappings, as :func:`evaluator.read_scorecards` checks files; all or nothing.

    Raises :class:`ScorecardError` listing every problem of every record, each located as
    ``source[index].field`` (0-based index).
    """
    problems: list[Problem] = []
    cards = [card for i, r in enumerate(records) if (card := raw_record(i, r, problems, source)) is not None]
    return check_raw(cards, problems, criteria, options)
