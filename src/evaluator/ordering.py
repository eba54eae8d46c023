"""The order of units in a peer group: sort keys from a scheme, their values and their words.

Both the quota (which candidates keep the quota level) and the ranking sort by a scheme's keys;
an absent value sorts last whatever the direction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .decision import Decision
from .load import BoundScheme
from .model.scheme import SortKey
from .text import Phrase, bi
from .wording import KeyValue, Order


def key_value(d: Decision, key: str, values: dict[str, Any], scheme: BoundScheme) -> Any:
    if key == "score":
        return d.score
    if key == "unit":
        return d.unit
    if key == "level":
        # best first when ascending
        return None if d.level is None else scheme.level_order[d.level]
    if key == "criteria_met":
        return None if d.criteria_met is None else d.criteria_met[0]
    return values.get(key)


class _Reversed:
    """Wraps a value so that sorting puts larger values first."""

    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value

    def __lt__(self, other: _Reversed) -> bool:
        return bool(other.value < self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Reversed) and self.value == other.value

    def __hash__(self) -> int:
        return hash(self.value)


def sort_key(keys: Sequence[SortKey], value: Callable[[Decision, str], Any]) -> Callable[[Decision], tuple[Any, ...]]:
    """A key function for ``keys``; an absent value sorts last whatever the direction."""

    def key(d: Decision) -> tuple[Any, ...]:
        out: list[Any] = []
        for k in keys:
            v = value(d, k.key)
            if v is None:
                out.append((1, 0))
            elif k.descending:
                out.append((0, -v if isinstance(v, (int, float)) else _Reversed(v)))
            else:
                out.append((0, v))
        return tuple(out)

    return key


def order_text(keys: Sequence[SortKey], scheme: BoundScheme) -> Order:
    """The order in words: "tổng điểm cao hơn, rồi …, rồi mã đơn vị theo thứ tự chữ cái"."""
    return Order(tuple((k.key, k.descending) for k in keys), scheme.vocabulary)


def key_text(d: Decision, key: str, value: Any, scheme: BoundScheme, named: bool = True) -> KeyValue:
    """A sort key's value for ``d`` in words (a level by its title: the order sorts by its place)."""
    shown = d.level if key == "level" else value
    return KeyValue(key, shown, scheme.vocabulary, scheme.level_titles, named)


def unit_named(d: Decision) -> Phrase:
    """A unit as people name it, with its id: "Phường Thạnh Hòa (tn-thanh-hoa)"."""
    return bi("unit.named", name=d.name, unit=d.unit)
