"""The criteria library mechanics: new-rural thresholds by region and year, overlays, linked ratings,
version picking, what-if and diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import EXAMPLES, QD366, ROOT
from evaluator import DefinitionError, ParameterMissingError, bind_scheme, evaluate, load_criteria
from evaluator.catalog import choose_criteria
from evaluator.cli import main
from evaluator.links import check_cycles
from evaluator.scorecards import check_scorecards
from evaluator.whatif import diff_runs, with_parameters

NTM = ROOT / "criteria" / "ntm-2016-commune.yaml"
# The national file leaves regional values open; the illustrative overlay fills them (made-up values).
NTM_FILLED = ROOT / "examples" / "overlays" / "ntm-2016-illustrative.yaml"
NTM_EXAMPLES = ROOT / "examples" / "ntm-2020"
LINKS = Path(__file__).parent / "fixtures" / "links"

INCOME_2020 = {"TDMNPB": 36, "DBSH": 50, "BTB": 36, "DHNTB": 41, "TN": 41, "DNB": 59, "DBSCL": 50}
STUNTING = {"TDMNPB": 26.7, "DBSH": 13.9, "BTB": 24.2, "DHNTB": 24.2, "TN": 31.4, "DNB": 14.3, "DBSCL": 20.5}


def commune(unit: str, region: str, year: int = 2020, **changes) -> dict:
    ind = {f"c{n:02d}_met": True for n in (1, 2, 3, 4, 5, 6, 7, 8, 13, 14, 16, 19)}
    ind.update(
        c11_poverty_target_met=True,
        c17_other_met=True,
        c18_political_orgs_good=True,
        c18_other_met=True,
        standard_houses_pct=85,
        temporary_houses=0,
        employment_pct=91,
        health_insurance_pct=90,
        c15_health_standard_met=True,
        hygienic_water_pct=96,
        clean_water_pct=65,
        party_committee_rating="htt",
        government_rating="htt",
        income_per_capita=INCOME_2020[region],
        stunting_under5_pct=STUNTING[region],
    )
    ind.update(changes)
    return {
        "unit": unit,
        "name": f"Xã {unit}",
        "kind": "commune",
        "region": region,
        "year": year,
        "indicators": {k: v for k, v in ind.items() if v is not None},
    }


def rate(criteria, cards, links=()):
    from conftest import raw

    scheme = bind_scheme(ROOT / "rules" / "ntm.yaml", criteria)
    return evaluate(criteria, check_scorecards([raw(c) for c in cards], criteria), scheme, links=links)


@pytest.fixture(scope="module")
def ntm():
    return load_criteria(NTM_FILLED)


@pytest.fixture(scope="module")
def ntm_national():
    return load_criteria(NTM)


@pytest.mark.parametrize("region", sorted(INCOME_2020))
def test_income_and_stunting_thresholds_of_every_region_in_2020(ntm, region: str) -> None:
    inc, st = INCOME_2020[region], STUNTING[region]
    cards = [
        commune("at", region),
        commune("income_below", region, income_per_capita=round(inc - 0.1, 1)),
        commune("stunting_above", region, stunting_under5_pct=round(st + 0.1, 1)),
    ]
    run = rate(ntm, cards)
    at = run.result("at")
    assert (at.level, at.criteria_met) == ("dat_chuan", (19, 19))
    c10, c15 = at.finding("c10"), at.finding("c15")
    assert c10.threshold == f"income_per_capita ≥ {inc}"
    assert f"stunting_under5_pct ≤ {st:g}" in c15.threshold
    [income_min] = c10.parameters
    assert income_min.value == inc and [d.entry.region for d in income_min.via] == [region]
    low = run.result("income_below")
    assert (low.level, low.criteria_met, low.finding("c10").status) == ("chua_dat", (18, 19), "fail")
    assert run.result("stunting_above").finding("c15").status == "fail"


def test_the_json_of_the_shipped_ntm_examples_follows_the_core_schema() -> None:
    result = CliRunner().invoke(main, ["rank", "--criteria", str(NTM_FILLED), str(NTM_EXAMPLES), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["criteria"]["id"] == "ntm-2016-illustrative" and len(out["results"]) == 8
    assert out["criteria"]["extends"][0]["id"] == "ntm-2016-commune"
    regions = {r["region"] for r in out["results"]}
    assert regions == set(INCOME_2020)
    for r in out["results"]:
        assert r["criteria_met"]["of"] == 19 and r["level"] in ("dat_chuan", "chua_dat")
        c10 = next(f for f in r["findings"] if f["criterion"] == "c10")
        assert c10["threshold"] == f"income_per_capita ≥ {INCOME_2020[r['region']]}"


def test_years_before_2020_need_the_province_to_fill_the_2015_base(ntm_national) -> None:
    with pytest.raises(ParameterMissingError) as err:
        rate(ntm_national, [commune("u", "DBSCL", year=2018)])
    by_name = {p.params["name"].split()[0]: p for p in err.value.problems}
    assert {p.code for p in err.value.problems} == {"param.missing"}
    p = by_name["income_base_2015"]
    assert p.params["region"] == "DBSCL" and p.params["year"] == 2018
    assert p.params["name"].startswith("income_base_2015") and p.params["file"] == str(NTM)
    assert "hãy điền vào" in p.message("vi")


def test_the_regional_values_the_sources_do_not_confirm_are_left_to_the_province(ntm_national) -> None:
    # Employment (12), water (17) and standard houses (9): the national figure stays, each region's
    # value is open — rating a commune stops, naming every value its province must fill.
    with pytest.raises(ParameterMissingError) as err:
        rate(ntm_national, [commune("u", "TN")])
    named = sorted(p.params["name"] for p in err.value.problems)
    assert named == ["clean_water_min_pct", "employment_min_pct", "hygienic_water_min_pct", "standard_houses_min_pct"]
    assert {(p.params["region"], p.params["year"]) for p in err.value.problems} == {("TN", 2020)}
    national = ntm_national.model.parameters["employment_min_pct"].values[0]
    assert (national.region, national.value) == (None, 90)  # the national figure stays, for the record


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def overlay(tmp_path: Path, body: str, name: str = "overlay.yaml", base: Path = NTM_FILLED) -> Path:
    head = (
        f"overlay: {base}\nid: ntm-2016-commune-test\nversion: '1'\n"
        "title: {vi: Lớp bổ sung thử, en: Test overlay}\nreferences: [Quyết định thử của UBND tỉnh]\n"
    )
    return write(tmp_path, name, head + body)


def test_an_overlay_fills_the_base_and_the_yearly_rise_follows(tmp_path: Path) -> None:
    regional = "".join(
        f"  {name}: {{values: [{{region: DBSCL, value: {value}, reference: 'Quyết định thử của tỉnh'}}]}}\n"
        for name, value in (
            ("employment_min_pct", 90),
            ("hygienic_water_min_pct", 95),
            ("clean_water_min_pct", 60),
            ("standard_houses_min_pct", 80),
        )
    )
    path = overlay(
        tmp_path,
        "parameters:\n  income_base_2015:\n    values:\n"
        "      - {region: DBSCL, value: 29, reference: 'Số liệu thống kê năm 2015 của tỉnh'}\n" + regional,
        base=NTM,
    )
    crit = load_criteria(path)
    assert crit.meta()["extends"][0]["id"] == "ntm-2016-commune"
    run = rate(
        crit,
        [
            commune("u", "DBSCL", year=2016, income_per_capita=33.2),
            commune("v", "DBSCL", year=2016, income_per_capita=33.1),
        ],
    )
    u = run.result("u").finding("c10")
    assert run.result("u").finding("c12").parameters[0].entry.source == str(path)
    assert u.status == "pass" and u.threshold == "income_per_capita ≥ 33.2"  # 29 + (50 − 29) / 5 × 1
    base = next(d for d in u.parameters[0].via if d.name == "income_base_2015")
    assert base.entry.source == str(path) and base.entry.reference == "Số liệu thống kê năm 2015 của tỉnh"
    assert run.result("v").finding("c10").status == "fail"
    with pytest.raises(ParameterMissingError):  # other regions are still unfilled
        rate(crit, [commune("w", "TN", year=2017)])


def test_an_overlay_may_tighten_but_not_loosen_without_saying_why(tmp_path: Path) -> None:
    tight = overlay(tmp_path, "parameters:\n  health_insurance_min_pct: {value: 87}\n", "tight.yaml")
    crit = load_criteria(tight)
    assert rate(crit, [commune("u", "DBSH", health_insurance_pct=86)]).result("u").finding("c15").status == "fail"

    loose = overlay(tmp_path, "parameters:\n  health_insurance_min_pct: {value: 80}\n", "loose.yaml")
    with pytest.raises(DefinitionError) as err:
        load_criteria(loose)
    [p] = err.value.problems
    assert p.code == "overlay.loosen" and p.location.file == str(loose) and p.location.line == 7
    assert p.params["national"] == "85" and p.params["value"] == "80"

    allowed = overlay(
        tmp_path,
        "parameters:\n  health_insurance_min_pct: {value: 80}\n"
        "allow:\n  loosen: {health_insurance_min_pct: 'Quyết định thử của Thủ tướng cho phép tỉnh miền núi'}\n",
        "allowed.yaml",
    )
    assert (
        rate(load_criteria(allowed), [commune("u", "DBSH", health_insurance_pct=81)]).result("u").finding("c15").status
        == "pass"
    )

    stunting = overlay(
        tmp_path, "parameters:\n  stunting_max_pct:\n    values: [{region: DBSH, value: 15}]\n", "st.yaml"
    )
    with pytest.raises(DefinitionError) as err:
        load_criteria(stunting)  # a higher maximum is looser
    assert err.value.problems[0].code == "overlay.loosen"


def test_an_overlay_adds_criteria_but_does_not_redefine_silently(tmp_path: Path) -> None:
    added = overlay(
        tmp_path,
        "indicators:\n  markets_pct: {type: percent, title: {vi: Chợ đạt chuẩn, en: Standard markets}}\n"
        "criteria:\n  - {id: p01, title: {vi: Tiêu chí riêng của tỉnh, en: Provincial criterion}, "
        "condition: 'markets_pct >= 50', reference: 'Quyết định thử'}\n",
    )
    crit = load_criteria(added)
    assert crit.ids()[-1] == "p01"
    d = rate(crit, [commune("u", "DBSH", markets_pct=40)]).result("u")
    assert d.finding("p01").status == "fail" and d.level == "dat_chuan"  # the national scheme requires c01–c19

    redefined = overlay(
        tmp_path,
        "criteria:\n  - {id: c10, title: {vi: Thu nhập, en: Income}, condition: 'income_per_capita >= 10'}\n",
        "redefine.yaml",
    )
    with pytest.raises(DefinitionError) as err:
        load_criteria(redefined)
    p = err.value.problems[0]
    assert (p.code, p.location.file, p.location.line) == ("overlay.redefine", str(redefined), 7)


def test_linked_ratings_come_from_the_linked_run(ntm) -> None:
    from conftest import raw

    party = load_criteria(LINKS / "party.yaml")
    party_run = evaluate(
        party,
        check_scorecards(
            [raw(c) for c in yaml.safe_load((LINKS / "party-2020.yaml").read_text(encoding="utf-8"))], party
        ),
        bind_scheme(LINKS / "party-scheme.yaml", party),
    )
    cards = [
        commune("mh-dbsh", "DBSH", party_committee_rating=None, government_rating=None),
        commune("mh-tn", "TN", party_committee_rating=None, government_rating=None),
        commune("mh-btb", "BTB", party_committee_rating=None, government_rating=None),
    ]
    run = rate(ntm, cards, links=[party_run])
    dbsh, tn, btb = run.result("mh-dbsh"), run.result("mh-tn"), run.result("mh-btb")
    assert dbsh.finding("c18").value["party_committee_rating"] == "htt"
    assert dbsh.finding("c18").value["government_rating"] == "ht"
    assert dbsh.finding("c18").status == "fail" and dbsh.level == "chua_dat"
    assert tn.finding("c18").status == "pass" and tn.level == "dat_chuan"
    linked = [r.text("en") for r in tn.reasons if r.code == "reason.linked"]
    basis = ", under criteria party-test (reference: QĐ 132-QĐ/TW — xếp loại chất lượng hằng năm từ năm 2018)"
    assert linked == [
        "Rating of the commune party committee is 'Excellent': the official level of Đảng bộ xã (mh-tn/dang-uy) "
        "in 2020" + basis,
        "Rating of the commune government is 'Good': the official level of Chính quyền xã (mh-tn/chinh-quyen) "
        "in 2020" + basis,
    ]
    assert run.warnings == []  # nothing declared on the scorecards, so nothing contradicted
    assert btb.status == "incomplete" and btb.missing == ["party_committee_rating", "government_rating"]


def test_linked_ratings_through_the_command_line() -> None:
    cards = NTM_EXAMPLES / "communes-2020.yaml"
    data = yaml.safe_load(cards.read_text(encoding="utf-8"))
    result = CliRunner().invoke(
        main,
        [
            "rank",
            "--criteria",
            str(NTM_FILLED),
            "--link",
            f"{LINKS / 'party.yaml'}={LINKS / 'party-2020.yaml'}",
            str(cards),
            "--format",
            "json",
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert len(out["results"]) == len(data["scorecards"])
    by_unit = {r["unit"]: r for r in out["results"]}
    # The examples declare the ratings themselves. Where the linked run rates the unit, the official
    # level prevails: the same level reads as linked; a different one as a conflict, with a warning.
    dbsh = {c["code"]: c["text"] for c in by_unit["mh-dbsh"]["reasons"]}
    assert "reason.linked_conflict" in dbsh
    assert "Rating of the commune government is 'Completed': the official level" in dbsh["reason.linked_conflict"]
    c18 = next(f for f in by_unit["mh-dbsh"]["findings"] if f["criterion"] == "c18")
    assert c18["value"]["government_rating"] == "ht"  # official (60 points), not the 'htt' declared
    unrated = [c["code"] for c in by_unit["cn-phu-hung"]["reasons"]]
    assert "reason.linked_field" in unrated and "reason.linked" not in unrated  # no official rating: the card's
    warned = [(w["unit"], w["code"]) for w in out["warnings"]]
    assert warned and all(code == "warning.linked_conflict" for _, code in warned)
    assert ("mh-dbsh", "warning.linked_conflict") in warned
    lines = [line for line in result.stderr.splitlines() if line.startswith("Warning: ")]
    assert len(lines) == len(warned) and "official level" in lines[0]
    assert "communes-2020.yaml" in lines[0]  # where the declared value was written


def test_a_cycle_of_links_is_an_error() -> None:
    with pytest.raises(DefinitionError) as err:
        check_cycles([load_criteria(LINKS / "a.yaml"), load_criteria(LINKS / "b.yaml")])
    assert err.value.problems[0].code == "link.cycle"
    assert "link-a → link-b → link-a" in err.value.problems[0].message("en")


def test_the_version_in_force_is_picked_by_year_or_as_of(tmp_path: Path) -> None:
    import datetime as dt

    assert choose_criteria(ROOT / "criteria", [2025], family="party-collective") == QD366
    assert choose_criteria(ROOT / "criteria", [2019], family="ntm-commune") == NTM
    with pytest.raises(DefinitionError) as err:
        choose_criteria(ROOT / "criteria", [2030], family="ntm-commune")
    assert err.value.problems[0].code == "catalog.none"
    assert choose_criteria(ROOT / "criteria", [2019], dt.date(2025, 12, 31), family="party-collective") == QD366
    with pytest.raises(DefinitionError) as err:
        choose_criteria(ROOT / "criteria", [2025], family="party-colective")
    assert err.value.problems[0].suggestion == "party-collective"


def test_rank_with_a_folder_picks_the_version_for_the_scorecards_year() -> None:
    result = CliRunner().invoke(
        main,
        [
            "rank",
            "--criteria",
            str(ROOT / "criteria"),
            "--family",
            "party-collective",
            str(EXAMPLES),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["criteria"]["id"] == "qd366-collective"


def test_what_if_marks_the_changed_threshold(ntm) -> None:
    changed = with_parameters(ntm, {"employment_min_pct": 92})
    run = rate(changed, [commune("u", "DBSH", employment_pct=91)])
    f = run.result("u").finding("c12")
    assert f.status == "fail" and f.threshold == "employment_pct ≥ 92" and f.parameters[0].entry.source == "--set"
    result = CliRunner().invoke(
        main,
        [
            "rank",
            "--criteria",
            str(NTM_FILLED),
            str(NTM_EXAMPLES),
            "--set",
            "employment_min_pct=93",
            "--format",
            "json",
            "--lang",
            "en",
        ],
    )
    out = json.loads(result.stdout)
    assert out["options"]["what_if"] == {"employment_min_pct": 93.0}
    texts = [c["text"] for c in out["results"][0]["reasons"] if c["code"] == "reason.what_if"]
    assert texts == ["What-if (--set): the threshold 'Minimum employment rate' is 93 instead of 90"]
    bad = CliRunner().invoke(main, ["rank", "--criteria", str(NTM), str(NTM_EXAMPLES), "--set", "employment_min=93"])
    assert bad.exit_code == 2 and "employment_min_pct" in bad.stderr
    levels = CliRunner().invoke(
        main, ["rank", "--criteria", str(NTM), str(NTM_EXAMPLES), "--set", "clean_strong_levels=1", "--lang", "en"]
    )
    assert levels.exit_code == 2 and "'clean_strong_levels' holds a list of levels" in levels.stderr


def test_diff_lists_the_units_that_change_and_why(tmp_path: Path) -> None:
    stricter = ROOT / "examples" / "overlays" / "qd366-stricter-example.yaml"
    result = CliRunner().invoke(
        main, ["diff", "--old", str(QD366), "--new", str(stricter), str(EXAMPLES), "--format", "json", "--lang", "en"]
    )
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    # Raising the exceeded-tasks bar from 30% to 35% changes nothing for the examples except units near it.
    for change in out["changes"]:
        assert change["old"]["level"] != change["new"]["level"] or change["old"]["rank"] != change["new"]["rank"]
    old = load_criteria(QD366)
    new = with_parameters(old, {"tasks_exceeded_min_pct": 36})
    from conftest import EXCELLENT, make_card, raw

    cards = [make_card("a", **{**EXCELLENT, "tasks_exceeded_pct": 35}), *[make_card(f"g{i}") for i in range(4)]]
    runs = [
        evaluate(c, check_scorecards([raw(x) for x in cards], c), bind_scheme(ROOT / "rules" / "qd366.yaml", c))
        for c in (old, new)
    ]
    [change] = diff_runs(*runs)
    assert change.unit == "a" and change.responsible == ["tasks_exceeded"]
    assert [r.text("en") for r in change.what] == ["level 'Excellent' → 'Good'"]
    assert [r.text("en") for r in change.why] == [
        "under the new version: the share of tasks exceeded must be at least 36%, now 35%"
    ]


def test_a_form_for_the_version_in_force_on_a_date(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "form.xlsx"
    result = CliRunner().invoke(
        main, ["template", "--criteria", "party-collective", "--as-of", "2024-06-01", "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    cells = [c.value for ws in openpyxl.load_workbook(out) for row in ws.iter_rows() for c in row]
    text = json.dumps(cells, default=str, ensure_ascii=False)
    assert "qd124-collective" in text and "rating_general_1" in text  # Regulation 124 was in force then, not 366
    assert "qd366-collective" not in text
    missing = CliRunner().invoke(main, ["template", "--criteria", "party-collective", "-o", str(out)])
    assert missing.exit_code == 3 and "--as-of" in missing.stderr
