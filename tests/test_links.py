"""Linked ratings: the link in force each year, the official level prevailing over a declared one (with a
reason and a warning), and links that are refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, raw
from evaluator import DefinitionError, bind_scheme, check_scorecards, evaluate, load_criteria

LINKS = Path(__file__).parent / "fixtures" / "links"
PARTY_2020 = yaml.safe_load((LINKS / "party-2020.yaml").read_text(encoding="utf-8"))


def party_run(cards: list[dict[str, Any]]):
    party = load_criteria(LINKS / "party.yaml")
    return evaluate(
        party, check_scorecards([raw(c) for c in cards], party), bind_scheme(LINKS / "party-scheme.yaml", party)
    )


def write_rated(tmp_path: Path, link: Any, choices: tuple[str, ...] = ("tsvm", "htxs", "htt", "ht", "kht")) -> Path:
    """A criteria set with one linked rating indicator."""
    (tmp_path / "scheme.yaml").write_text(
        "id: s\nversion: '1'\ntitle: {vi: S, en: S}\nlevels:\n  - {id: all, title: {vi: Tất cả, en: All}}\n"
        "ranking: [score desc, unit asc]\n",
        encoding="utf-8",
    )
    data = {
        "id": "linked",
        "version": "1",
        "title": {"vi": "Liên kết", "en": "Linked"},
        "valid_from": "2016-01-01",
        "default_scheme": "scheme.yaml",
        "unit_kinds": ["commune"],
        "indicators": {
            "rating": {"type": "rating", "title": {"vi": "Mức", "en": "Level"}, "choices": list(choices), "link": link}
        },
        "criteria": [{"id": "ok", "title": {"vi": "Đạt", "en": "Met"}, "condition": "rating in ['htxs', 'tsvm']"}],
    }
    path = tmp_path / "linked.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def rate(path: Path, cards: list[dict[str, Any]], links: list[Any]):
    crit = load_criteria(path)
    scheme = bind_scheme(path.parent / "scheme.yaml", crit)
    return evaluate(crit, check_scorecards([raw(c) for c in cards], crit), scheme, links=links)


def commune(unit: str, year: int = 2020, rating: str | None = None) -> dict[str, Any]:
    ind = {"rating": rating} if rating is not None else {}
    return {"unit": unit, "name": unit, "kind": "commune", "parent": "p", "year": year, "indicators": ind}


PER_YEAR = [
    {"family": "tsvm-2014", "unit": "{unit}/dang-uy", "from_year": 2016, "to_year": 2017, "reference": "Hướng dẫn thử"},
    {"family": "party-collective", "unit": "{unit}/dang-uy", "from_year": 2018, "reference": "Quy định thử"},
]


def test_each_year_reads_the_scheme_linked_for_it(tmp_path: Path) -> None:
    # A 2016 commune is not fed by the party-collective run (that link starts in 2018), even for its unit.
    path = write_rated(tmp_path, PER_YEAR)
    run16 = party_run([{**PARTY_2020[0], "unit": "old/dang-uy", "year": 2016}])
    run20 = party_run(PARTY_2020[:1])
    run = rate(path, [commune("old", 2016, rating="tsvm"), commune("mh-dbsh")], [run16, run20])
    old, new = run.result("old"), run.result("mh-dbsh")
    assert old.finding("ok").value == "tsvm" and [r.code for r in old.reasons][:1] == ["reason.linked_field"]
    assert new.finding("ok").value == "htt"
    [linked] = [r.text("en") for r in new.reasons if r.code == "reason.linked"]
    assert linked == (
        "Level is 'htt': the official level of Đảng bộ xã (mh-dbsh/dang-uy) in 2020, under criteria party-test "
        "(reference: Quy định thử)"
    )
    assert "(căn cứ: Quy định thử)" in next(r.text("vi") for r in new.reasons if r.code == "reason.linked")


def test_the_official_level_prevails_with_a_reason_and_a_warning(tmp_path: Path) -> None:
    path = write_rated(tmp_path, PER_YEAR)
    run = rate(
        path,
        [commune("mh-dbsh", rating="htxs"), commune("mh-tn", rating="htxs"), commune("none", rating="htt")],
        [party_run(PARTY_2020)],
    )
    claims, agrees, alone = run.result("mh-dbsh"), run.result("mh-tn"), run.result("none")
    # mh-dbsh/dang-uy has 85 points: 'htt' officially; the scorecard's 'htxs' is overruled.
    assert claims.finding("ok").value == "htt"
    [conflict] = [r for r in claims.reasons if r.code == "reason.linked_conflict"]
    assert "the scorecard declares 'htxs' itself" in conflict.text("en") and "Level is 'htt'" in conflict.text("en")
    assert "phiếu chấm điểm tự khai là «htxs»" in conflict.text("vi")
    # mh-tn/dang-uy has 95 points: 'htxs', as declared — no conflict, no warning.
    assert [r.code for r in agrees.reasons if r.code.startswith("reason.linked")] == ["reason.linked"]
    # No official rating of 'none': the scorecard's own value, said so.
    assert alone.finding("ok").value == "htt" and alone.reasons[0].code == "reason.linked_field"
    [warning] = run.warnings
    assert (warning.code, warning.unit, warning.year) == ("warning.linked_conflict", "mh-dbsh", 2020)
    assert warning.text("en") == (
        "<test>: Level is declared 'htxs' but the official level of Đảng bộ xã (mh-dbsh/dang-uy) in 2020, under "
        "criteria party-test, is 'htt'; the official level is used"
    )
    header = run.to_dict("vi")["warnings"]
    assert header == [w.to_dict("vi") for w in run.warnings] and "mức xếp loại chính thức" in header[0]["text"]


def test_a_missing_value_with_no_official_level_says_where_it_looked(tmp_path: Path) -> None:
    path = write_rated(tmp_path, PER_YEAR)
    run = rate(path, [commune("lost")], [party_run(PARTY_2020)])
    lost = run.result("lost")
    assert lost.status == "incomplete" and lost.missing == ["rating"]
    [reason] = [r for r in lost.reasons if r.code == "reason.linked_missing"]
    assert reason.text("en") == (
        "Level: no level for lost/dang-uy in 2020, under the criteria versions of party-collective"
    )


def test_links_whose_years_overlap_are_refused(tmp_path: Path) -> None:
    link = [{**PER_YEAR[0], "to_year": 2018}, PER_YEAR[1]]
    with pytest.raises(DefinitionError) as err:
        load_criteria(write_rated(tmp_path, link))
    [p] = err.value.problems
    assert p.code == "type.invalid" and p.location.field == "indicators.rating.link"
    assert "two links cover the same years (2016–2018 and 2018–…)" in p.message("en")


def test_a_run_no_link_names_is_refused(tmp_path: Path) -> None:
    path = write_rated(tmp_path, [PER_YEAR[0]])
    with pytest.raises(DefinitionError) as err:
        rate(path, [commune("mh-dbsh")], [party_run(PARTY_2020)])
    assert [p.code for p in err.value.problems] == ["link.unused"]


def test_a_linked_level_outside_the_choices_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    path = write_rated(tmp_path, PER_YEAR, choices=("tsvm", "htxs", "hht", "ht", "kht"))
    with pytest.raises(DefinitionError) as err:
        rate(path, [commune("mh-dbsh")], [party_run(PARTY_2020)])
    [p] = err.value.problems
    assert p.code == "link.level" and p.params["level"] == "htt" and p.suggestion in ("ht", "hht")
    assert "not among its choices (tsvm, htxs, hht, ht, kht)" in p.message("en")


def test_the_shipped_new_rural_set_links_each_era() -> None:
    ntm = load_criteria(ROOT / "criteria" / "ntm-2016-commune.yaml").model
    party = ntm.indicators["party_committee_rating"]
    assert [party.link_for(y).family for y in (2016, 2017, 2018, 2020)] == [
        "tsvm-2014",
        "tsvm-2014",
        "party-collective",
        "party-collective",
    ]
    government = ntm.indicators["government_rating"]
    assert government.link_for(2017) is None and government.link_for(2019).family == "party-collective"
    levels = ntm.parameters["clean_strong_levels"].values
    assert [(v.from_year, v.to_year, v.value) for v in levels] == [
        (2016, 2017, ("tsvm",)),
        (2018, None, ("htxs", "htt")),
    ]
