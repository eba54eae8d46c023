"""The library does all that ``evaluator rank`` does: ``evaluator.rate`` with :class:`RunOptions`
(links, what-if values, a version chosen by date or by the scorecards' years) gives the bytes the
command line writes; a run is plain data that pickles."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

import evaluator
from evaluator.cli import main

ROOT = Path(__file__).resolve().parent.parent
LINKS = ROOT / "tests" / "fixtures" / "links"
NTM = ROOT / "examples" / "overlays" / "ntm-2016-illustrative.yaml"
PARTY = f"{LINKS / 'party.yaml'}={LINKS / 'party-2020.yaml'}"


def cli_json(*args: str) -> str:
    result = CliRunner().invoke(main, ["rank", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_links_and_what_if_through_the_library_alone() -> None:
    options = evaluator.RunOptions(
        links=(evaluator.Link(LINKS / "party.yaml", LINKS / "party-2020.yaml"),),
        what_if=(("employment_min_pct", 80.0),),
    )
    run = evaluator.rate(NTM, [ROOT / "examples" / "ntm-2020"], options)
    expected = cli_json(
        "--criteria", str(NTM), "--link", PARTY, "--set", "employment_min_pct=80", str(ROOT / "examples" / "ntm-2020")
    )
    assert "".join(run.iter_json("vi")) == expected
    assert run.options["what_if"] == {"employment_min_pct": 80.0}


def test_as_of_and_a_family_folder_through_the_library_alone() -> None:
    options = evaluator.RunOptions(family="party-collective", as_of=dt.date(2025, 9, 1), exceptional_quota=True)
    run = evaluator.rate(ROOT / "criteria", ROOT / "examples" / "scorecards", options)
    expected = cli_json(
        "--criteria", str(ROOT / "criteria"), "--family", "party-collective", "--as-of", "2025-09-01",
        "--exceptional-quota", str(ROOT / "examples" / "scorecards"),
    )  # fmt: skip
    assert "".join(run.iter_json("vi")) == expected
    assert run.criteria["id"] == "qd366-collective" and run.options["as_of"] == "2025-09-01"


def test_the_version_follows_the_scorecards_years_records_included() -> None:
    by_file = evaluator.rate(ROOT / "criteria", [ROOT / "examples" / "scorecards-2023"], family="party-collective")
    assert by_file.criteria["id"] == "qd124-collective"


def test_a_keyword_changes_one_field_and_an_unknown_engine_is_refused() -> None:
    with pytest.raises(evaluator.UsageError) as err:
        evaluator.rate(ROOT / "criteria" / "qd366-collective.yaml", ROOT / "examples" / "scorecards", backend="durabel")
    assert err.value.problems[0].suggestion == "durable"


def test_a_run_pickles_and_renders_the_same() -> None:
    run = evaluator.rate(ROOT / "criteria" / "qd366-collective.yaml", ROOT / "examples" / "scorecards")
    again = pickle.loads(pickle.dumps(run))
    assert again.to_json("vi") == run.to_json("vi") and again.to_json("en") == run.to_json("en")
    assert again.results[0].lacking(again.results[0].level or "") == run.results[0].lacking(run.results[0].level or "")
