"""Bounds on what the readers accept, so that hostile or broken input ends in a located error, quickly.

Every bound here is documented in the README; each is far above anything a real
criteria file, scheme or scorecard needs.

- **Numbers**: every number read (YAML, JSON, spreadsheet cells, expression constants,
  parameter values and what a parameter formula gives) lies within ``±MAX_EXACT`` =
  ±2**53 = ±9,007,199,254,740,992. Every integer in that range is exact as a binary
  double, which is how the product's rules engine does arithmetic; beyond it integers lose exactness,
  and beyond 64 bits the engine clamps them (its integers are int64) — a threshold or a
  value there would be compared wrongly without a sound.
- **YAML**: at most ``YAML_MAX_DEPTH`` nested collections; aliases may repeat at most
  ``YAML_MAX_ALIAS_NODES`` nodes in all (a 600-byte "billion laughs" file would
  otherwise expand to billions); no explicit tags.
- **Expressions**: at most ``EXPR_MAX_CHARS`` characters and ``EXPR_MAX_DEPTH`` levels
  (nested parentheses, ``not``, a chain of ``+``); the disjunctive normal form of a
  condition is estimated before it is built and refused above ``DNF_MAX_TERMS`` terms;
  a criterion compiles to at most ``DNF_MAX_RULES`` rules of each kind; a condition whose
  arithmetic could reach ``ARITH_MAX`` for values in their ranges (overflow, then NaN) is refused.
- **Workbooks**: an ``.xlsx`` file (a zip archive) may hold at most ``XLSX_MAX_MEMBERS``
  members and ``XLSX_MAX_UNCOMPRESSED`` bytes once decompressed, checked before it is read.
"""

from __future__ import annotations

import math
import re

from .text import Bilingual

__all__ = [
    "ARITH_MAX",
    "BOUND",
    "DNF_MAX_RULES",
    "DNF_MAX_TERMS",
    "EXPR_MAX_CHARS",
    "EXPR_MAX_DEPTH",
    "MAX_EXACT",
    "XLSX_MAX_MEMBERS",
    "XLSX_MAX_UNCOMPRESSED",
    "YAML_MAX_ALIAS_NODES",
    "YAML_MAX_DEPTH",
    "control_char",
    "exact",
]

MAX_EXACT = 2**53
# The bound as people write it, for messages.
BOUND = Bilingual("±9.007.199.254.740.992 (2^53)", "±9,007,199,254,740,992 (2^53)")

YAML_MAX_DEPTH = 64
YAML_MAX_ALIAS_NODES = 10_000

EXPR_MAX_CHARS = 4_000
ARITH_MAX = 1e300  # a condition whose arithmetic may reach beyond this (a double tops at 1.8e308) is refused
EXPR_MAX_DEPTH = 100
DNF_MAX_TERMS = 1_024
DNF_MAX_RULES = 64

XLSX_MAX_MEMBERS = 10_000
XLSX_MAX_UNCOMPRESSED = 256 * 1024 * 1024

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_ANY = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def exact(value: int | float) -> bool:
    """Whether ``value`` is a number the rules engine compares exactly (finite, within ±2**53)."""
    if isinstance(value, int):
        return -MAX_EXACT <= value <= MAX_EXACT
    return math.isfinite(value) and -MAX_EXACT <= value <= MAX_EXACT


def control_char(text: str, *, one_line: bool = False) -> str | None:
    """The first control character in ``text`` as ``U+001B``, or ``None``.

    Tab, line feed and carriage return are allowed unless ``one_line`` (an id or a
    name is one line); every other C0 or C1 control and DEL is refused everywhere.
    """
    found = (_CONTROL_ANY if one_line else _CONTROL).search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"
