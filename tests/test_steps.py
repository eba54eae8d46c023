"""Points by steps (``if … then … else`` and ``bands:``) and lists of levels (``x in P``): the language,
the rules durable_rules runs against an oracle written from what a band table says, the errors, lint,
criteria-test coverage and boundary cases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, raw
from evaluator import DefinitionError, bind_scheme, check_scorecards, evaluate, load_criteria
from evaluator import expr as E
from evaluator.casetests import load_suite, run_suite
from evaluator.casetests.boundaries import write_boundaries
from evaluator.cli import main
from evaluator.limits import DNF_MAX_RULES
from evaluator.lint import lint_paths

NUM = E.NUMBER
ENV = {
    "a": NUM,
    "b": NUM,
    "x": E.BOOL,
    "r": E.Type("choice", ("tsvm", "htxs", "htt", "ht")),
    "ok": E.Type("levels", (E.set_key(["tsvm"]), E.set_key(["htxs", "htt"]))),
    "n": NUM,
}


def check(text: str) -> E.Type:
    return E.typecheck(E.parse(text), ENV, text, lambda n: None)


# ---------------------------------------------------------------- the language


@pytest.mark.parametrize(
    ("text", "shown", "kind"),
    [
        ("if a >= 95 then 20 else if a >= 90 then 15 else 0", "if a ≥ 95 then 20 else if a ≥ 90 then 15 else 0", NUM),
        ("b + (if x then 2 else 1) * 3", "b + (if x then 2 else 1) * 3", NUM),
        ("r in ok", "r in ok", E.BOOL),
        ("r not in ok or x", "r not in ok or x", E.BOOL),
    ],
)
def test_parse_render_and_type(text: str, shown: str, kind: E.Type) -> None:
    assert E.render(E.parse(text)) == shown
    assert check(text) == kind


@pytest.mark.parametrize(
    ("text", "code", "fragment"),
    [
        ("if a then 1 else 2", "expr.type", "yes/no condition"),
        ("if a > 1 then x else 2", "expr.type", "each give a number"),
        ("if (if a > 1 then 1 else 0) > 0 then 1 else 0", "expr.type", "cannot hold another 'if'"),
        ("if a > 1 then 1", "expr.syntax", "'else'"),
        ("if a > 1 else 2", "expr.syntax", "'then'"),
        ("r in a", "expr.type", "list of levels"),
        ("a in ok", "expr.type", "takes a rating"),
        ("r in nowhere", "expr.unknown_name", ""),
    ],
)
def test_rejected(text: str, code: str, fragment: str) -> None:
    with pytest.raises(E.ExprError) as err:
        check(text)
    assert err.value.code == code
    assert fragment in str(err.value.params.get("detail", "")) + str(err.value.params)


def test_a_level_list_naming_a_level_the_rating_lacks_says_which_and_suggests() -> None:
    env = {**ENV, "ok": E.Type("levels", (E.set_key(["htxx"]),))}
    with pytest.raises(E.ExprError) as err:
        E.typecheck(E.parse("r in ok"), env, "r in ok", lambda n: None)
    detail = str(err.value.params["detail"])
    assert "'htxx' is not one of" in detail and "did you mean 'htxs'" in detail


def test_x_in_a_list_of_levels_expands_to_disjoint_exact_terms() -> None:
    node = E.parse("r in ok")
    doms = E.domains(ENV)
    passes = E.disjoint_dnf(E.nnf(node, ENV), doms=doms)
    fails = E.disjoint_dnf(E.nnf(E.Not(node), ENV), doms=doms)
    lists = {E.set_key(["tsvm"]): {"tsvm"}, E.set_key(["htxs", "htt"]): {"htxs", "htt"}}
    for key, members in lists.items():
        for r in ENV["r"].choices:
            values = {"r": r, "ok": key}
            held = (
                sum(all(E.evaluate(lit, values) for lit in t) for t in passes),
                sum(all(E.evaluate(lit, values) for lit in t) for t in fails),
            )
            assert held == ((1, 0) if r in members else (0, 1)), values
            assert E.evaluate(node, {"r": r, "ok": tuple(members)}) == (r in members)
    # No term excludes every list (it could never hold): each names the list it is about.
    assert all(any(lit.left == E.Name("ok") and lit.op == "==" for lit in t) for t in passes + fails)


def test_branches_of_nested_ifs_exclude_each_other() -> None:
    node = E.parse("(if a > 1 then 1 else 2) + (if x then 10 else 20)")
    ways = E.branches(node)
    assert len(ways) == E.branch_count(node) == 4
    for a in (0, 1, 2):
        for x in (True, False):
            values = {"a": a, "x": x}
            taken = [f for conds, f in ways if all(E.evaluate(c, values) for c in conds)]
            assert len(taken) == 1 and E.evaluate(taken[0], values) == E.evaluate(node, values)


# ---------------------------------------------------------------- criteria files with steps

BASE: dict[str, Any] = {
    "id": "steps",
    "version": "1",
    "title": {"vi": "Thử tính điểm theo khung", "en": "Steps test"},
    "valid_from": "2016-01-01",
    "unit_kinds": ["ward_pc"],
    "regions": ["north", "south"],
    "indicators": {
        "pct": {"type": "percent", "title": {"vi": "Tỷ lệ", "en": "Share"}},
        "late": {"type": "count", "title": {"vi": "Trễ", "en": "Late"}},
        "r": {"type": "rating", "title": {"vi": "Mức", "en": "Level"}, "choices": ["tsvm", "htxs", "htt", "ht"]},
    },
    "parameters": {
        "top": {
            "title": {"vi": "Khung trên", "en": "Top band"},
            "values": [{"value": 95}, {"region": "south", "value": 92.5}],
        },
        "ok": {
            "title": {"vi": "Mức được tính", "en": "Levels counted"},
            "values": [{"to_year": 2017, "value": ["tsvm"]}, {"from_year": 2018, "value": ["htxs", "htt"]}],
        },
    },
    "criteria": [],
}
SCHEME = {
    "id": "steps",
    "version": "1",
    "title": {"vi": "Xếp hạng", "en": "Ranking"},
    "levels": [{"id": "ranked", "title": {"vi": "Xếp hạng", "en": "Ranked"}}],
    "ranking": ["score desc", "unit asc"],
}


def write_set(tmp_path: Path, criteria: list[dict[str, Any]], name: str = "steps.yaml") -> Path:
    (tmp_path / "scheme.yaml").write_text(yaml.safe_dump(SCHEME, allow_unicode=True), encoding="utf-8")
    data = {**BASE, "default_scheme": "scheme.yaml", "criteria": criteria}
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def card(unit: str, year: int = 2020, region: str = "north", **ind: Any) -> dict[str, Any]:
    values = {"pct": 100, "late": 0, "r": "htt", **ind}
    return {
        "unit": unit,
        "name": unit,
        "kind": "ward_pc",
        "region": region,
        "parent": unit,
        "year": year,
        "indicators": {k: v for k, v in values.items() if v is not None},
    }


def rate(path: Path, cards: list[dict[str, Any]], backend: str = "durable"):
    crit = load_criteria(path)
    scheme = bind_scheme(path.parent / "scheme.yaml", crit)
    return evaluate(crit, check_scorecards([raw(c) for c in cards], crit), scheme, backend=backend)


# A band as the YAML writes it, and what it means, written out here from the words: "min" is ≥,
# "above" is >, "max" is ≤, "below" is <, and the first band (in the order written) holding the value
# gives its points.
BOUNDS = {
    "min": lambda v, t: v >= t,
    "above": lambda v, t: v > t,
    "max": lambda v, t: v <= t,
    "below": lambda v, t: v < t,
}


def oracle(bands: list[dict[str, Any]], value: float) -> float | None:
    for band in bands:
        if all(BOUNDS[k](value, t) for k, t in band.items() if k in BOUNDS):
            return float(band["points"])
    return None  # no band holds it


EDGES = st.sampled_from([0, 10, 20, 49.5, 50, 80, 89.9, 90, 95, 99.9, 100])


@st.composite
def band(draw: st.DrawFn) -> dict[str, Any]:
    """A band with at most one lower and one upper bound (any of them may be left out)."""
    out: dict[str, Any] = {"points": draw(st.integers(0, 20))}
    lower = draw(st.sampled_from([None, "min", "above"]))
    upper = draw(st.sampled_from([None, "max", "below"]))
    for key in (lower, upper):
        if key is not None:
            out[key] = draw(EDGES)
    return out


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(
    bands=st.lists(band(), min_size=1, max_size=5),
    values=st.lists(
        st.sampled_from([0, 0.1, 10, 19.9, 20, 49.5, 49.6, 50, 50.1, 80, 89.9, 90, 94.9, 95, 99.9, 100]),
        min_size=1,
        max_size=8,
    ),
)
def test_bands_give_the_points_of_the_first_band_holding_the_value(tmp_path: Path, bands, values) -> None:
    # Any band table — with gaps, overlaps and empty bands — through durable_rules and the reference:
    # the points are the oracle's, and a value in no band stops the rating (points.no_band).
    path = write_set(
        tmp_path, [{"id": "steps", "title": {"vi": "Khung", "en": "Bands"}, "bands": {"value": "pct", "steps": bands}}]
    )
    cards = [card(f"u{i}", pct=v) for i, v in enumerate(values)]
    expected = [oracle(bands, v) for v in values]
    for backend in ("durable", "reference"):
        if any(p is None for p in expected):
            with pytest.raises(DefinitionError) as err:
                rate(path, cards, backend)
            assert {p.code for p in err.value.problems} == {"points.no_band"}
            continue
        run = rate(path, cards, backend)
        got = [run.result(f"u{i}").finding("steps").points for i in range(len(values))]
        assert got == expected, (backend, values)


def test_a_band_edge_that_is_a_parameter_follows_the_region(tmp_path: Path) -> None:
    steps = [{"min": "top", "points": 20}, {"min": 90, "below": "top", "points": 15}, {"below": 90, "points": 0}]
    path = write_set(
        tmp_path, [{"id": "steps", "title": {"vi": "Khung", "en": "Bands"}, "bands": {"value": "pct", "steps": steps}}]
    )
    run = rate(path, [card("n", pct=93), card("s", region="south", pct=93)])
    n, s = run.result("n").finding("steps"), run.result("s").finding("steps")
    assert (n.points, n.threshold) == (15, "90 ≤ pct < 95")
    assert (s.points, s.threshold) == (20, "pct ≥ 92.5")
    assert [p.name for p in s.parameters] == ["top"] and s.parameters[0].entry.region == "south"


def test_a_value_in_no_band_stops_the_rating_naming_the_criterion_value_and_bands(tmp_path: Path) -> None:
    steps = [{"min": 95, "points": 20}, {"min": 85, "below": 90, "points": 10}, {"below": 85, "points": 0}]
    path = write_set(
        tmp_path, [{"id": "steps", "title": {"vi": "Khung", "en": "Bands"}, "bands": {"value": "pct", "steps": steps}}]
    )
    with pytest.raises(DefinitionError) as err:
        rate(path, [card("u", pct=92)])
    [p] = err.value.problems
    assert p.code == "points.no_band" and p.location.file == str(path) and p.location.field == "criteria.0.bands"
    text = p.message("en")
    assert "'steps'" in text and "92" in text and "unit u" in text and "85 ≤ pct < 90" in text
    assert "không có khung điểm nào chứa giá trị 92" in p.message("vi")
    result = CliRunner().invoke(
        main, ["rank", "--criteria", str(path), str(_cards_file(tmp_path, [card("u", pct=92)]))]
    )
    assert result.exit_code == 3 and "points.no_band" not in result.stderr and "92" in result.stderr


def _cards_file(tmp_path: Path, cards: list[dict[str, Any]]) -> Path:
    path = tmp_path / "cards" / "c.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(yaml.safe_dump(cards, allow_unicode=True), encoding="utf-8")
    return path


def test_if_formulas_and_levels_agree_between_engine_and_reference(tmp_path: Path) -> None:
    path = write_set(
        tmp_path,
        [
            {
                "id": "late_points",
                "title": {"vi": "Trễ", "en": "Late"},
                "points": "if late == 0 then 10 else if late <= 5 then 5 else 0",
            },
            {
                "id": "mixed",
                "title": {"vi": "Trộn", "en": "Mixed"},
                "points": "(if r in ok then 3 else 1) * (if pct >= top then 2 else 1)",
            },
            {"id": "rated", "title": {"vi": "Mức", "en": "Level"}, "condition": "r in ok"},
        ],
    )
    cards = [
        card(f"u{late}-{r}-{pct}-{year}", year=year, late=late, r=r, pct=pct)
        for late in (0, 5, 6)
        for r in ("tsvm", "htxs", "htt", "ht")
        for pct in (94.9, 95)
        for year in (2017, 2018)
    ]
    durable, reference = rate(path, cards), rate(path, cards, "reference")
    for c in cards:
        a, b = durable.result(c["unit"]), reference.result(c["unit"])
        assert [(f.status, f.rule, f.points) for f in a.findings] == [(f.status, f.rule, f.points) for f in b.findings]
        ind, year = c["indicators"], c["year"]
        counted = {"tsvm"} if year <= 2017 else {"htxs", "htt"}  # the parameter's two values, by year
        late = ind["late"]
        assert a.finding("late_points").points == (10 if late == 0 else 5 if late <= 5 else 0)
        assert a.finding("mixed").points == (3 if ind["r"] in counted else 1) * (2 if ind["pct"] >= 95 else 1)
        assert a.finding("rated").status == ("pass" if ind["r"] in counted else "fail")
    f = durable.result("u6-htt-95-2018").finding("rated")
    assert f.threshold == "r in ['htxs', 'htt']" and f.parameters[0].to_dict()["value"] == ("htxs", "htt")
    assert durable.result("u6-htt-95-2017").finding("rated").threshold == "r in ['tsvm']"
    assert durable.to_dict("en")["parameters"]["ok#1"]["value"] == ("htxs", "htt")


def test_if_inside_a_condition_is_refused_at_its_line(tmp_path: Path) -> None:
    path = write_set(
        tmp_path, [{"id": "bad", "title": {"vi": "Sai", "en": "Bad"}, "condition": "(if pct > 1 then 1 else 0) > 0"}]
    )
    with pytest.raises(DefinitionError) as err:
        load_criteria(path)
    [p] = err.value.problems
    assert p.code == "expr.type" and p.location.field == "criteria.0.condition" and "gives points" in p.message("en")


@pytest.mark.parametrize(
    ("steps", "fragment"),
    [
        ([{"min": 90, "above": 80, "points": 1}], "at most one lower bound"),
        ([{"max": 90, "below": 80, "points": 1}], "at most one upper bound"),
        ([{"min": "late", "points": 1}], "not the indicator 'late'"),
        ([{"min": "r", "points": 1}], "must be a number"),
        ([{"min": 1, "points": "if pct > 1 then 1 else 0"}], "no 'if' inside a band"),
        ([], "at least 1"),
    ],
)
def test_bad_bands_are_refused_with_their_place(tmp_path: Path, steps: list[dict[str, Any]], fragment: str) -> None:
    path = write_set(
        tmp_path, [{"id": "steps", "title": {"vi": "Khung", "en": "Bands"}, "bands": {"value": "pct", "steps": steps}}]
    )
    with pytest.raises(DefinitionError) as err:
        load_criteria(path)
    texts = [p.render("en") for p in err.value.problems]
    assert any(fragment in t and "criteria.0.bands" in t for t in texts), texts


def test_step_scoring_is_bounded_like_conditions(tmp_path: Path) -> None:
    # Seven 'if's added: 2^7 ways through them; a chain of 70 bands: 70 rules. Both refused at once.
    many = " + ".join(f"(if pct > {i} then 1 else 0)" for i in range(7))
    chain = [{"min": i, "below": i + 1, "points": i} for i in range(70)]
    for crit, key in (({"points": many}, "points"), ({"bands": {"value": "pct", "steps": chain}}, "bands")):
        path = write_set(tmp_path, [{"id": "big", "title": {"vi": "Lớn", "en": "Big"}, **crit}])
        with pytest.raises(DefinitionError) as err:
            load_criteria(path)
        [p] = err.value.problems
        assert (
            p.code == "expr.too_many_rules"
            and p.params["max"] == DNF_MAX_RULES
            and p.location.field == f"criteria.0.{key}"
        )
    deep = "if pct > 1 then " * 101 + "1" + " else 0" * 101
    with pytest.raises(E.ExprError) as err:
        E.parse(deep)
    assert err.value.code == "expr.too_deep"


# ---------------------------------------------------------------- lists of levels in the model


@pytest.mark.parametrize(
    ("values", "fragment"),
    [
        ([{"value": ["tsvm"]}, {"region": "south", "value": 3}], "either numbers or lists of levels"),
        ([{"value": []}], "at least one level"),
        ([{"value": ["htt", "htt"]}], "names a level twice"),
        ([{"value": ["htt", 3]}], "holds texts"),
        ([{"value": True}], "a number, a list of levels, or null"),
        ([{"value": ["htt"]}, {"region": "south", "formula": "1 + 1"}], "takes no 'formula'"),
    ],
)
def test_a_list_of_levels_is_checked_when_read(tmp_path: Path, values: list[dict[str, Any]], fragment: str) -> None:
    data = {
        **BASE,
        "parameters": {"ok": {"title": {"vi": "Mức", "en": "Levels"}, "values": values}},
        "criteria": [{"id": "rated", "title": {"vi": "Mức", "en": "Level"}, "condition": "r in ['htt']"}],
    }
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DefinitionError) as err:
        load_criteria(path)
    assert any(fragment in p.message("en") for p in err.value.problems), [p.message("en") for p in err.value.problems]


def test_an_overlay_adding_a_level_loosens_and_removing_one_tightens(tmp_path: Path) -> None:
    path = write_set(
        tmp_path,
        [{"id": "rated", "title": {"vi": "Mức", "en": "Level"}, "condition": "r in ok", "reference": "Văn bản thử"}],
    )
    head = f"overlay: {path}\nid: steps-ov\nversion: '1'\ntitle: {{vi: Thử, en: Test}}\n"
    tighter = tmp_path / "tighter.yaml"
    tighter.write_text(head + "parameters:\n  ok: {values: [{from_year: 2018, value: [htxs]}]}\n", encoding="utf-8")
    assert load_criteria(tighter).model.parameters["ok"].values[1].value == ("htxs",)
    looser = tmp_path / "looser.yaml"
    looser.write_text(
        head + "parameters:\n  ok: {values: [{from_year: 2018, value: [htxs, htt, ht]}]}\n", encoding="utf-8"
    )
    with pytest.raises(DefinitionError) as err:
        load_criteria(looser)
    [p] = err.value.problems
    assert (
        p.code == "overlay.loosen" and p.params["national"] == "[htxs, htt]" and p.params["value"] == "[htxs, htt, ht]"
    )


# ---------------------------------------------------------------- lint, coverage, boundary cases


def test_the_shipped_overlays_with_bands_lint_clean() -> None:
    report = lint_paths([ROOT / "examples" / "overlays", ROOT / "rules"])
    assert not report.errors and [f for f in report.findings if f.severity != "info"] == [], report.render("en")


def test_coverage_asks_for_every_band_and_never_for_the_gap(tmp_path: Path) -> None:
    steps = [{"min": 95, "points": 20}, {"min": 90, "below": 95, "points": 15}, {"min": 80, "below": 85, "points": 5}]
    write_set(
        tmp_path, [{"id": "steps", "title": {"vi": "Khung", "en": "Bands"}, "bands": {"value": "pct", "steps": steps}}]
    )
    suite = tmp_path / "steps.test.yaml"
    suite.write_text(
        yaml.safe_dump(
            {
                "criteria": "steps.yaml",
                "defaults": {
                    "kind": "ward_pc",
                    "parent": "p",
                    "year": 2020,
                    "region": "north",
                    "indicators": {"late": 0, "r": "htt"},
                },
                "cases": [
                    {
                        "name": "top and middle bands",
                        "scorecards": [
                            {"unit": "a", "indicators": {"pct": 96}},
                            {"unit": "b", "indicators": {"pct": 91}},
                        ],
                        "expect": {
                            "a": {"findings": {"steps": {"status": "scored", "points": 20}}},
                            "b": {"findings": {"steps": {"points": 15}}},
                        },
                    },
                    {
                        "name": "a value in the gap stops the rating",
                        "scorecards": [{"unit": "c", "indicators": {"pct": 87}}],
                        "expect_error": "points.no_band",
                    },
                ],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    result = run_suite(load_suite(suite))
    assert all(c.ok for c in result.cases), [f.render("en") for c in result.cases for f in c.failures]
    uncovered = [it.id for it in result.coverage.uncovered()]
    assert uncovered == ["c000__scored__2", "c000__missing__0"]
    assert not any("noband" in it.id for it in result.coverage.items)  # the gaps are lint's, not coverage's
    label = next(it for it in result.coverage.items if it.id == "c000__scored__2").label.get("en")
    assert "where 80 ≤ pct < 85: 5 points" in label


def test_boundary_cases_stand_at_and_beside_every_band_edge(tmp_path: Path) -> None:
    steps = [
        {"min": "top", "points": 20},
        {"min": 90, "below": "top", "points": 15},
        {"min": 80, "below": 85, "points": 5},
        {"below": 80, "points": 0},
    ]
    path = write_set(
        tmp_path, [{"id": "steps", "title": {"vi": "Khung", "en": "Bands"}, "bands": {"value": "pct", "steps": steps}}]
    )
    out, gen = write_boundaries(path)
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    by_edge: dict[str, dict[str, Any]] = {c["name"]: c for c in data["cases"]}
    names = list(by_edge)
    assert any(n.startswith("steps: pct ≥ 95 (top = 95, north") for n in names)
    assert any(n.startswith("steps: pct ≥ 92.5 (top = 92.5, south") for n in names)  # the southern edge too
    at_95 = next(c for n, c in by_edge.items() if n.startswith("steps: pct ≥ 95"))
    points = {u: e["findings"]["steps"]["points"] for u, e in at_95["expect"].items()}
    assert points == {"below": 15, "at": 20, "above": 20}
    # 85 is the top of the third band and no band starts there: 85 and 85.1 fall in the gap.
    gap = [c for c in data["cases"] if c.get("expect_error") == "points.no_band"]
    assert {c["scorecards"][0]["indicators"]["pct"] for c in gap} == {85, 85.1, 89.9}
    result = run_suite(load_suite(out))
    assert all(c.ok for c in result.cases), [f.render("en") for c in result.cases for f in c.failures]
    assert gen.cases == len(data["cases"]) and gen.thresholds == 4  # top, 90, 85 and 80


def test_minus_an_if_and_its_size_are_followed_through_the_branches() -> None:
    node = E.parse("-(if a > 1 then 2 else 3)")
    assert E.branch_count(node) == 2
    assert [E.evaluate(f, {}) for _, f in E.branches(node)] == [-2, -3]
    assert E.magnitude(E.parse("if a > 1 then 2 * a else 3"), {"a": 10}) == 20
    steps = E.If(E.parse("a > 1"), E.Num(5), E.NoPoints())
    assert E.render(steps) == "if a > 1 then 5 else —"
    with pytest.raises(E.NoBand):
        E.evaluate(steps, {"a": 0})


@pytest.mark.parametrize(
    ("criterion", "code", "field"),
    [
        ({"bands": {"value": "r", "steps": [{"points": 1}]}}, "expr.type", "bands"),
        # 20 factors of an unbounded count could reach infinity, and infinity minus infinity matches no rule.
        ({"points": "if " + " * ".join(["late"] * 20) + " > 1 then 1 else 0"}, "expr.overflow", "points"),
        # 64 ways through (within the bound), but their conditions need more than 64 rules once listed.
        (
            {
                "points": " + ".join(f"(if pct > {i} or late > {i} then 1 else 0)" for i in range(5))
                + " + (if r == 'htt' then 1 else 0)"
            },
            "expr.too_many_rules",
            "points",
        ),
    ],
)
def test_points_by_steps_are_refused_where_their_rules_could_not_be_exact(
    tmp_path: Path, criterion: dict[str, Any], code: str, field: str
) -> None:
    path = write_set(tmp_path, [{"id": "big", "title": {"vi": "Lớn", "en": "Big"}, **criterion}])
    with pytest.raises(DefinitionError) as err:
        load_criteria(path)
    assert [(p.code, p.location.field) for p in err.value.problems] == [(code, f"criteria.0.{field}")]


def test_a_score_band_cannot_name_a_list_of_levels(tmp_path: Path) -> None:
    path = write_set(tmp_path, [{"id": "p", "title": {"vi": "Điểm", "en": "Points"}, "points": "pct"}])
    scheme = {
        **SCHEME,
        "levels": [
            {"id": "top", "title": {"vi": "Cao", "en": "Top"}, "min_score": "ok"},
            {"id": "rest", "title": {"vi": "Còn lại", "en": "Rest"}},
        ],
    }
    (tmp_path / "bad-scheme.yaml").write_text(yaml.safe_dump(scheme, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DefinitionError) as err:
        bind_scheme(tmp_path / "bad-scheme.yaml", load_criteria(path))
    [p] = err.value.problems
    assert p.code == "value.unknown_ref" and "not a declared numeric parameter of 'steps'" in p.message("en")
