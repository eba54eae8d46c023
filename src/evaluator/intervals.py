"""Intervals of a value, for finding the gaps and overlaps of the bands of a points criterion.

A band of ``bands:`` holds the values between its bounds (``min`` ≥, ``above`` >, ``max`` ≤,
``below`` <). With the bounds' values for one region and year, each band is an
:class:`Interval`; within the range the value can take (an indicator's ``min``/``max``, whole
numbers for a count), :func:`band_report` finds the values no band holds, the values two bands
both hold, and the bands that hold no value. ``evaluator lint`` reports them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .text import format_number

__all__ = ["BandReport", "Interval", "band_report"]


@dataclass(frozen=True)
class Interval:
    """The values from ``lo`` to ``hi``, each end included when ``*_closed`` (``±inf``: unbounded)."""

    lo: float
    lo_closed: bool
    hi: float
    hi_closed: bool
    whole: bool = False  # only whole numbers (a count)

    def empty(self) -> bool:
        if self.lo == math.inf or self.hi == -math.inf:
            return True
        if self.whole:
            return _first_whole(self.lo, self.lo_closed) > _last_whole(self.hi, self.hi_closed)
        if self.lo < self.hi:
            return False
        return not (self.lo == self.hi and self.lo_closed and self.hi_closed)

    def meet(self, other: Interval) -> Interval:
        """The values both hold."""
        if self.lo > other.lo or (self.lo == other.lo and not self.lo_closed):
            lo, lo_c = self.lo, self.lo_closed
        else:
            lo, lo_c = other.lo, other.lo_closed
        if self.hi < other.hi or (self.hi == other.hi and not self.hi_closed):
            hi, hi_c = self.hi, self.hi_closed
        else:
            hi, hi_c = other.hi, other.hi_closed
        return Interval(lo, lo_c, hi, hi_c, self.whole or other.whole)

    def minus(self, other: Interval) -> list[Interval]:
        """The values this holds and ``other`` does not (at most two pieces, none empty)."""
        if self.meet(other).empty():
            return [] if self.empty() else [self]
        pieces = [
            Interval(self.lo, self.lo_closed, other.lo, not other.lo_closed, self.whole),
            Interval(other.hi, not other.hi_closed, self.hi, self.hi_closed, self.whole),
        ]
        return [p for p in pieces if not p.empty()]

    def text(self, name: str) -> str:
        """As people read it: ``85 ≤ x < 90``, ``x < 80``, ``x = 5`` (whole numbers: ``6 ≤ x ≤ 9``)."""
        if self.whole:
            lo, hi = _first_whole(self.lo, self.lo_closed), _last_whole(self.hi, self.hi_closed)
            return Interval(lo, True, hi, True).text(name)
        if self.lo == self.hi:
            return f"{name} = {format_number(self.lo)}"
        parts = []
        if not math.isinf(self.lo):
            parts.append(f"{format_number(self.lo)} {'≤' if self.lo_closed else '<'}")
        parts.append(name)
        if not math.isinf(self.hi):
            parts.append(f"{'≤' if self.hi_closed else '<'} {format_number(self.hi)}")
        return " ".join(parts)


def _first_whole(lo: float, closed: bool) -> float:
    if lo == -math.inf:
        return lo
    first = math.ceil(lo)
    return first + 1 if first == lo and not closed else first


def _last_whole(hi: float, closed: bool) -> float:
    if hi == math.inf:
        return hi
    last = math.floor(hi)
    return last - 1 if last == hi and not closed else last


@dataclass(frozen=True)
class BandReport:
    """What the bands of one criterion leave out or hold twice, for one set of bound values."""

    gaps: list[Interval]
    overlaps: list[tuple[int, int, Interval]]  # (first band, second band, the values both hold)
    empty: list[int]  # bands that hold no value of the range


def band_report(bands: list[Interval], whole_range: Interval) -> BandReport:
    """Gaps, overlaps and empty bands of ``bands`` within ``whole_range``."""
    within = [b.meet(whole_range) for b in bands]
    empty = [k for k, b in enumerate(within) if b.empty()]
    overlaps = []
    for i, a in enumerate(within):
        for j in range(i + 1, len(within)):
            both = a.meet(within[j])
            if not both.empty():
                overlaps.append((i, j, both))
    left = [] if whole_range.empty() else [whole_range]
    for b in within:
        left = [piece for part in left for piece in part.minus(b)]
    return BandReport(left, overlaps, empty)
