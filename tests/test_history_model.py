"""How history and roll-up indicators are written, and the refusals of what cannot mean anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluator import load_criteria
from evaluator.errors import DefinitionError

BASE = """\
id: t
family: t
version: "1"
title: {{vi: T, en: T}}
references: [T]
valid_from: 2000-01-01
unit_kinds: [ward]
indicators:
  x:
    type: {type}
    title: {{vi: X, en: X}}
{extra}    {key}: {spec}
criteria:
  - id: c
    title: {{vi: C, en: C}}
    condition: "{condition}"
    reference: T
"""


def _load(tmp_path: Path, spec: str, *, key: str = "history", type_: str = "count", extra: str = "") -> object:
    condition = "x >= 1" if type_ != "rating" else "x == 'a'"
    path = tmp_path / "c.yaml"
    text = BASE.format(type=type_, key=key, spec=spec, extra=extra, condition=condition)
    path.write_text(text, encoding="utf-8")
    return load_criteria(path)


@pytest.mark.parametrize(
    ("spec", "type_", "key", "message"),
    [
        ("{measure: consecutive_at_least, level: htt}", "count", "history", "needs 'family'"),
        ("{measure: level_years_ago, family: f}", "rating", "history", "needs 'years'"),
        ("{measure: consecutive_at, family: f, level: a, years: 2}", "count", "history", "'years' belongs to"),
        ("{measure: consecutive_at_least, family: f}", "count", "history", "needs 'level'"),
        ("{measure: consecutive_at, family: f}", "count", "history", "one of 'level' or 'levels'"),
        ("{measure: level_years_ago, family: f, years: 1, level: a}", "rating", "history", "takes no 'level'"),
        ("{measure: shortcomings_remedied, family: f}", "percent", "history", "reads the register"),
        ("{measure: consecutive_at, family: f, level: a, order: [a, b]}", "count", "history", "'order' belongs"),
        (
            "{measure: consecutive_at_least, family: f, level: a, order: [a, a]}",
            "count",
            "history",
            "names a level twice",
        ),
        ("{measure: consecutive_at, family: f, level: a, unit: x}", "count", "history", "must contain {unit}"),
        (
            "{measure: consecutive_at, family: f, level: a, sources: [computed]}",
            "count",
            "history",
            "starts with 'official'",
        ),
        ("{measure: consecutive_at, family: f, level: a}", "percent", "history", "gives a 'count' indicator"),
        ("{measure: count, family: f, criteria: c}", "count", "rollup", "exactly one of 'criteria'"),
        ("{measure: share_at, family: f}", "percent", "rollup", "needs 'levels'"),
        ("{measure: count, family: f, levels: [a]}", "count", "rollup", "takes no 'levels'"),
        ("{measure: share_at, family: f, levels: a}", "count", "rollup", "gives a 'percent' indicator"),
        ("{measure: consecutive_at, family: f, level: a, mesure: 1}", "count", "history", "unknown key 'mesure'"),
    ],
)
def test_specs_that_cannot_mean_anything_are_refused_where_written(
    tmp_path: Path, spec: str, type_: str, key: str, message: str
) -> None:
    extra = "    choices: [a, b]\n" if type_ == "rating" else ""
    with pytest.raises(DefinitionError) as err:
        _load(tmp_path, spec, key=key, type_=type_, extra=extra)
    text = err.value.render("en")
    assert message in text and "c.yaml:" in text


def test_one_source_per_indicator(tmp_path: Path) -> None:
    with pytest.raises(DefinitionError) as err:
        _load(tmp_path, "{measure: count, family: f}", key="rollup",
              extra="    history: {measure: consecutive_at, family: f, level: a}\n")  # fmt: skip
    assert "one of 'link', 'history' or 'rollup'" in err.value.render("en")


def test_one_or_many_are_read_alike(tmp_path: Path) -> None:
    one = _load(tmp_path, "{measure: consecutive_at, family: f, levels: a}")
    many = _load(tmp_path, "{measure: consecutive_at, family: [f], levels: [a]}")
    assert one.model.indicators["x"].history == many.model.indicators["x"].history  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("{measure: count_failing, family: f}", "'criterion' goes with"),
        ("{measure: count_at, family: f, levels: [a], criterion: c}", "'criterion' goes with"),
        ("{measure: count_failing, family: f, criterion: c, levels: [a]}", "takes no 'levels'"),
    ],
)
def test_failing_roll_ups_name_their_criterion(tmp_path: Path, spec: str, message: str) -> None:
    with pytest.raises(DefinitionError) as err:
        _load(tmp_path, spec, key="rollup")
    assert message in err.value.render("en")
