"""Scorecards from memory: records from an administration tool's own database get the checks files get."""

from __future__ import annotations

import copy
import datetime as dt
import json
import unicodedata
from decimal import Decimal
from typing import Any

import pytest
import yaml

import evaluator
from conftest import EXAMPLES, QD366, make_card


def example_records() -> list[dict[str, Any]]:
    """The shipped example scorecards as plain dicts, as a database would hand them over."""
    out: list[dict[str, Any]] = []
    for path in sorted(EXAMPLES.iterdir()):
        data = (
            json.loads(path.read_text("utf-8")) if path.suffix == ".json" else yaml.safe_load(path.read_text("utf-8"))
        )
        data = data["scorecards"] if isinstance(data, dict) and "scorecards" in data else data
        out.extend(data if isinstance(data, list) else [data])
    return out


def problems_of(records: list[Any], **kw: Any) -> list[tuple[str, str | None, str | None]]:
    with pytest.raises(evaluator.ScorecardError) as info:
        evaluator.check_records(records, evaluator.load_criteria(QD366), **kw)
    assert all(p.location.file is None for p in info.value.problems)
    return [(p.code, p.location.field, p.suggestion) for p in info.value.problems]


def test_records_are_rated_like_the_same_scorecards_from_files() -> None:
    records = example_records()
    assert len(records) == 10  # every example unit
    from_files = evaluator.rate(QD366, [EXAMPLES])
    from_records = evaluator.rate(QD366, records)
    assert from_records.to_json("vi") == from_files.to_json("vi")
    assert from_records.to_json("en") == from_files.to_json("en")


def test_every_problem_in_records_is_reported_at_once_with_index_and_field() -> None:
    records: list[Any] = [make_card(f"u{i}") for i in range(8)]
    records[1]["indicators"]["tasks_done_pct"] = 101
    records[2]["indicators"]["genral_1"] = records[2]["indicators"].pop("general_1")
    del records[3]["name"]
    records[4] = ["not", "a", "mapping"]
    records[5]["indicators"][7] = 1
    records[6]["unit"] = "u0"
    records[7]["kind"] = "wrad"
    assert problems_of(records) == [
        ("record.shape", "scorecards[4]", None),
        ("record.key_type", "scorecards[5].indicators", None),
        ("indicator.percent", "scorecards[1].indicators.tasks_done_pct", None),
        ("indicator.unknown", "scorecards[2].indicators.genral_1", "general_1"),
        ("key.missing", "scorecards[3].name", None),
        ("scorecard.duplicate", "scorecards[6].unit", None),
        ("scorecard.kind", "scorecards[7].kind", "ward"),
    ]


def test_a_problem_in_a_record_reads_well_in_both_languages() -> None:
    card = make_card("u1")
    card["indicators"]["tasks_done_pct"] = 101
    with pytest.raises(evaluator.ScorecardError) as info:
        evaluator.check_records([card], evaluator.load_criteria(QD366), source="db")
    assert info.value.problems[0].render("en").startswith("field 'db[0].indicators.tasks_done_pct': ")
    assert info.value.problems[0].render("vi").startswith("trường «db[0].indicators.tasks_done_pct»: ")
    assert info.value.exit_code == 4


def test_records_get_the_same_text_normalisation_as_files() -> None:
    # "Hoà" (new tone placement), decomposed: the same unit as "Hòa" once read, so a duplicate.
    a = make_card("thạnh-hòa")
    b = make_card(unicodedata.normalize("NFD", "thạnh-hoà"))
    assert problems_of([a, b]) == [("scorecard.duplicate", "scorecards[1].unit", None)]
    (sub,) = evaluator.check_records([b], evaluator.load_criteria(QD366))
    assert sub.card.unit == "thạnh-hòa" and unicodedata.is_normalized("NFC", sub.card.unit)


def test_records_are_not_modified() -> None:
    records = example_records()
    records[0]["name"] = unicodedata.normalize("NFD", records[0]["name"])
    before = copy.deepcopy(records)
    evaluator.rate(QD366, records)
    assert records == before


@pytest.mark.parametrize(
    ("where", "value", "code"),
    [
        (("indicators", "general_1"), Decimal("5"), "indicator.type"),
        (("indicators", "general_1"), "5", "indicator.type"),
        (("indicators", "disunity_concluded"), 0, "indicator.type"),
        (("indicators", "general_1"), float("nan"), "indicator.type"),
        (("year",), dt.date(2025, 1, 1), "type.invalid"),
        (("year",), "2025", "type.invalid"),
        (("indicators",), {1, 2}, "type.invalid"),
    ],
)
def test_values_no_file_could_hold_are_refused_at_their_field(where: tuple[str, ...], value: Any, code: str) -> None:
    card = make_card("u1")
    target = card
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    ((found, field, _),) = problems_of([card])
    assert found == code and field == "scorecards[0]." + ".".join(where)


def test_a_record_that_contains_itself_is_refused() -> None:
    card = make_card("u1")
    card["evidence"] = {"tasks_done_pct": "x"}
    card["evidence"]["self"] = card  # type: ignore[assignment]
    codes = [code for code, _, _ in problems_of([card])]
    assert codes[0] == "record.too_deep"


def test_records_and_files_can_be_given_together() -> None:
    extra = make_card("extra-unit", parent="another")
    run = evaluator.rate(QD366, [EXAMPLES, extra])
    assert {d.unit for d in run.results} == {r["unit"] for r in example_records()} | {"extra-unit"}
    bad = make_card("bad")
    bad["indicators"]["general_1"] = 9
    with pytest.raises(evaluator.ScorecardError) as info:
        evaluator.rate(QD366, [EXAMPLES, bad])
    assert [p.location.field for p in info.value.problems] == ["scorecards[1].indicators.general_1"]


def test_step_by_step_with_records_as_the_readme_shows() -> None:
    crit = evaluator.load_criteria(QD366)
    scheme = evaluator.bind_scheme(evaluator.default_scheme_path(crit), crit)
    cards = evaluator.check_records(example_records(), crit)
    run = evaluator.evaluate(crit, cards, scheme)
    d = run.result("tn-thuan-hung")
    assert (d.level, d.score, d.rank) == ("ht", 72.0, 4)
    with pytest.raises(evaluator.ScorecardError) as info:
        evaluator.check_records([], crit)
    assert info.value.problems[0].code == "scorecard.none"
