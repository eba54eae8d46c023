"""Hypothesis strategies for whole runs: a criteria set, a scheme and scorecards, written as files.

The criteria draw on every form the expression language has (comparisons of arithmetic, yes/no
names, ratings in lists and in a *levels* parameter, ``and``/``or``/``not``), parameters that
vary by region and year, ``if_missing``, ``assume_when_missing``, points as a formula, by
``bands:`` (a bound a parameter, gaps possible) and by ``if``; the scheme has levels with score
bands and required criteria, sometimes a veto and a quota; the scorecards take values at and
beside every constant the criteria use, and leave some out. Every draw shrinks toward a small
set of criteria and few scorecards.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

T = {"vi": "x", "en": "x"}
NUMERIC = ("n1", "n2", "c1")
OPTIONAL_NUMERIC = ("n2", "c1")  # may be assumed when missing
FLAGS = ("f1", "f2")
CHOICES = ("a", "b", "c", "d")
CONSTANTS = (0, 1, 5, 10, 49.5, 50, 70, 90, 100)
T1 = {"default": 50, "south": 70}  # the parameter t1: its value everywhere, and in the south


def _indicators() -> dict[str, Any]:
    return {
        "n1": {"type": "number", "title": {"vi": "Số một", "en": "Number one"}, "min": 0, "max": 100},
        "n2": {"type": "percent", "title": {"vi": "Tỷ lệ hai", "en": "Share two"}, "required": False},
        "c1": {"type": "count", "title": {"vi": "Đếm", "en": "Count"}, "max": 100, "required": False},
        "f1": {"type": "yesno", "title": {"vi": "Cờ một", "en": "Flag one"}},
        "f2": {"type": "yesno", "title": {"vi": "Cờ hai", "en": "Flag two"}, "required": False},
        "r": {"type": "rating", "title": {"vi": "Mức", "en": "Grade"}, "choices": list(CHOICES)},
    }


def _parameters() -> dict[str, Any]:
    return {
        "t1": {
            "title": {"vi": "Ngưỡng một", "en": "Threshold one"},
            "values": [{"value": T1["default"]}, {"region": "south", "value": T1["south"]}],
        },
        "lv": {
            "title": {"vi": "Các mức được tính", "en": "Grades counted"},
            "values": [{"to_year": 2020, "value": ["a"]}, {"from_year": 2021, "value": ["a", "b", "c"]}],
        },
    }


numbers = st.sampled_from(CONSTANTS)


@st.composite
def arithmetic(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(NUMERIC))
    form = draw(st.integers(0, 4))
    if form == 0:
        return name
    if form == 1:
        return f"{name} * {draw(st.sampled_from([2, 0.5, 3]))}"
    if form == 2:
        return f"{name} + {draw(st.sampled_from(NUMERIC))}"
    if form == 3:
        return f"{name} - {draw(st.sampled_from(NUMERIC))} / 2"
    return f"-{name}"


@st.composite
def atom(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 6))
    op = draw(st.sampled_from(["<", "<=", ">", ">=", "==", "!="]))
    if kind <= 2:
        right = draw(st.one_of(numbers.map(str), st.just("t1"), st.sampled_from(NUMERIC)))
        left = draw(arithmetic())
        if left.startswith("-") and right.startswith("-"):
            right = "0"
        return f"{left} {op} {right}"
    if kind == 3:
        flag = draw(st.sampled_from(FLAGS))
        return draw(st.sampled_from([flag, f"not {flag}", f"{flag} == true", f"{flag} != false"]))
    if kind == 4:
        return f"r {draw(st.sampled_from(['==', '!=']))} '{draw(st.sampled_from(CHOICES))}'"
    if kind == 5:
        picked = draw(st.lists(st.sampled_from(CHOICES), min_size=1, max_size=3, unique=True))
        neg = draw(st.sampled_from(["in", "not in"]))
        return f"r {neg} [{', '.join(repr(c) for c in picked)}]"
    return f"r {draw(st.sampled_from(['in', 'not in']))} lv"


@st.composite
def condition(draw: st.DrawFn) -> str:
    parts = draw(st.lists(atom(), min_size=1, max_size=3))
    text = parts[0]
    for part in parts[1:]:
        join = draw(st.sampled_from(["and", "or"]))
        text = f"({text}) {join} {part}" if draw(st.booleans()) else f"{text} {join} ({part})"
    return f"not ({text})" if draw(st.integers(0, 5)) == 0 else text


@st.composite
def condition_criterion(draw: st.DrawFn, i: int) -> dict[str, Any]:
    crit: dict[str, Any] = {"id": f"k{i}", "title": {"vi": f"Tiêu chí {i}", "en": f"Criterion {i}"}}
    crit["condition"] = draw(condition())
    way = draw(st.integers(0, 5))
    used = [n for n in OPTIONAL_NUMERIC if _mentions(crit["condition"], n)]
    if way == 0:
        crit["if_missing"] = draw(st.sampled_from(["pass", "fail"]))
        crit["missing_note"] = {"vi": "thiếu số liệu", "en": "no figure"}
    elif way == 1 and used:
        names = draw(st.lists(st.sampled_from(used), min_size=1, unique=True))
        crit["assume_when_missing"] = {n: draw(st.sampled_from([0, 10, 50, "t1"])) for n in names}
        crit["missing_note"] = {"vi": "không ghi thì lấy mức giả định", "en": "left out means the assumed value"}
    return crit


def _mentions(text: str, name: str) -> bool:
    import re

    return re.search(rf"\b{name}\b", text) is not None


@st.composite
def points_criterion(draw: st.DrawFn, i: int) -> dict[str, Any]:
    crit: dict[str, Any] = {"id": f"p{i}", "title": {"vi": f"Điểm {i}", "en": f"Points {i}"}}
    form = draw(st.integers(0, 2))
    if form == 0:
        crit["points"] = draw(st.sampled_from(["n1 / 10", "n1 / 4 + c1 / 10", "n2 / 5", "10"]))
    elif form == 1:
        value = draw(st.sampled_from(["n1", "n2", "n1 + c1"]))
        cut = draw(st.sampled_from(["t1", "50", "49.5"]))
        steps = [{"min": cut, "points": draw(st.sampled_from([40, 30, "n1 / 5"]))}]
        steps.append({"min": draw(st.sampled_from([10, 0, 5])), "below": cut, "points": 20})
        if draw(st.booleans()):  # else a gap below the lowest band: a value there stops the run
            steps.append({"below": steps[-1]["min"], "points": 0})
        crit["bands"] = {"value": value, "steps": steps}
    else:
        cond = draw(atom())
        crit["points"] = f"(if {cond} then {draw(st.sampled_from([30, 45]))} else {draw(st.sampled_from([0, 20]))})"
    return crit


@dataclass
class Drawn:
    criteria: dict[str, Any]
    scheme: dict[str, Any]
    cards: list[dict[str, Any]]
    sets: list[str]

    def write(self, folder: Path) -> tuple[Path, Path]:
        (folder / "scheme.yaml").write_text(yaml.safe_dump(self.scheme, allow_unicode=True), encoding="utf-8")
        crit = folder / "criteria.yaml"
        crit.write_text(yaml.safe_dump(self.criteria, allow_unicode=True, sort_keys=False), encoding="utf-8")
        cards = folder / "cards.yaml"
        cards.write_text(yaml.safe_dump({"scorecards": self.cards}, allow_unicode=True), encoding="utf-8")
        return crit, cards


@st.composite
def value_of(draw: st.DrawFn, name: str) -> Any:
    if name in FLAGS:
        return draw(st.booleans())
    if name == "r":
        return draw(st.sampled_from(CHOICES))
    base = draw(st.sampled_from([*CONSTANTS, T1["south"], 25]))
    shifted = base + draw(st.sampled_from([0, 0, 0, 1, -1, 0.5]))
    if name == "c1":
        return int(min(100, max(0, round(shifted))))
    return min(100, max(0, shifted))


@st.composite
def scorecard(draw: st.DrawFn, i: int) -> dict[str, Any]:
    indicators = {}
    for name in (*NUMERIC, *FLAGS, "r"):
        if name in ("n1", "f1", "r") or draw(st.integers(0, 4)) > 0:  # the optional ones are left out at times
            indicators[name] = draw(value_of(name))
    return {
        "unit": f"u{i:02d}",
        "name": f"Phường {i}",
        "kind": "ward_pc",
        "region": draw(st.sampled_from(["north", "south"])),
        "parent": draw(st.sampled_from(["p1", "p2"])),
        "year": draw(st.sampled_from([2020, 2022])),
        "indicators": indicators,
    }


@st.composite
def runs(draw: st.DrawFn) -> Drawn:
    conditions = [draw(condition_criterion(i)) for i in range(draw(st.integers(1, 4)))]
    points = [draw(points_criterion(i)) for i in range(draw(st.integers(0, 2)))]
    criteria = {
        "id": "drawn",
        "version": "1",
        "title": {"vi": "Bộ tiêu chí sinh ngẫu nhiên", "en": "Drawn criteria"},
        "valid_from": "2016-01-01",
        "unit_kinds": ["ward_pc"],
        "regions": ["north", "south"],
        "default_scheme": "scheme.yaml",
        "indicators": _indicators(),
        "parameters": _parameters(),
        "criteria": conditions + points,
    }
    ids = [c["id"] for c in conditions]
    top_needs = draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
    mid_needs = draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
    levels: list[dict[str, Any]] = [
        {"id": "top", "title": {"vi": "Xuất sắc", "en": "Top"}, "requires": top_needs},
        {"id": "mid", "title": {"vi": "Tốt", "en": "Middle"}, "requires": mid_needs},
        {"id": "low", "title": {"vi": "Còn lại", "en": "Low"}},
    ]
    if points:
        levels[0]["min_score"] = draw(st.sampled_from([20, 40, 60]))
        levels[1]["min_score"] = draw(st.sampled_from([0, 10, 20]))
    scheme: dict[str, Any] = {
        "id": "drawn",
        "version": "1",
        "title": {"vi": "Xếp loại", "en": "Rating"},
        "levels": levels,
        "ranking": ["level", "score desc", "unit asc"] if points else ["level", "unit asc"],
    }
    if draw(st.booleans()):
        scheme["vetoes"] = [
            {
                "id": "veto",
                "title": {"vi": "Phủ quyết", "en": "Veto"},
                "criterion": draw(st.sampled_from(ids)),
                "effect": draw(st.sampled_from(["force", "cap"])),
                "level": draw(st.sampled_from(["mid", "low"])),
            }
        ]
    if draw(st.booleans()):
        scheme["quota"] = {
            "level": "top",
            "counted_against": ["top", "mid"],
            "base": draw(st.sampled_from(["before_selection", "final"])),
            "rate": draw(st.sampled_from(["0.2", "0.5"])),
            "demote_to": "mid",
            "keep_order": ["score desc", "unit asc"] if points else ["unit asc"],
        }
    cards = [draw(scorecard(i)) for i in range(draw(st.integers(1, 10)))]
    sets = [f"t1={draw(st.sampled_from([10, 49.5, 90]))}"] if draw(st.integers(0, 3)) == 0 else []
    return Drawn(criteria, scheme, cards, sets)
