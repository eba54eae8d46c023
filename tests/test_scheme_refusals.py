"""What a scheme may not say: each refused when the scheme is loaded (exit 3, located), and
reported by `evaluator lint` under the same name (tests/fixtures/lint/refused/ shows them all)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import QD366, QD366_SCHEME, ROOT
from evaluator import DefinitionError, bind_scheme, load_criteria
from evaluator.cli import main
from evaluator.lint import lint_paths
from evaluator.load import load_scheme

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "scorecards"


def scheme_with(tmp_path: Path, old: str, new: str) -> Path:
    """rules/qd366.yaml with one text replaced (which must occur exactly once)."""
    text = QD366_SCHEME.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "scheme.yaml"
    text = text.replace("sources: ../docs/sources.md", f"sources: {ROOT / 'docs' / 'sources.md'}")
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def refusal(path: Path) -> list[tuple[str, str | None, int | None]]:
    with pytest.raises(DefinitionError) as info:
        load_scheme(path)
    assert info.value.exit_code == 3
    return [(p.code, p.location.field, p.location.line) for p in info.value.problems]


def line_of(path: Path, text: str) -> int:
    """The first line that holds ``text`` (the whole line, stripped, when ``text`` ends with '$')."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if text.endswith("$"):
        return next(n for n, line in enumerate(lines, 1) if line.strip() == text[:-1])
    return next(n for n, line in enumerate(lines, 1) if text in line)


def lint_codes(path: Path) -> list[str]:
    report = lint_paths([path])
    assert report.errors == []
    return [f.code for f in report.findings]


def test_ranking_not_ending_in_unit_is_refused(tmp_path: Path) -> None:
    path = scheme_with(tmp_path, "ranking: [level, score desc, unit asc]", "ranking: [level, score desc]")
    assert refusal(path) == [("scheme.order_not_total", "ranking.1", line_of(path, "ranking:"))]
    assert lint_codes(path) == ["lint.order_not_total"]


def test_keep_order_not_ending_in_unit_is_refused(tmp_path: Path) -> None:
    path = scheme_with(
        tmp_path,
        "keep_order: [score desc, tasks_exceeded_pct desc, unit asc]",
        "keep_order: [score desc, tasks_exceeded_pct desc]",
    )
    assert refusal(path) == [("scheme.order_not_total", "quota.keep_order.1", line_of(path, "keep_order:"))]


def test_a_key_after_unit_is_refused(tmp_path: Path) -> None:
    path = scheme_with(tmp_path, "ranking: [level, score desc, unit asc]", "ranking: [level, unit asc, score desc]")
    ((code, field, _),) = refusal(path)
    assert (code, field) == ("scheme.order_not_total", "ranking.2")


def test_demote_to_above_the_quota_level_is_refused(tmp_path: Path) -> None:
    path = scheme_with(tmp_path, "  level: htxs\n  counted_against", "  level: htt\n  counted_against")
    path.write_text(path.read_text(encoding="utf-8").replace("demote_to: htt", "demote_to: htxs"), encoding="utf-8")
    assert refusal(path) == [("scheme.demote_not_lower", "quota.demote_to", line_of(path, "demote_to:"))]
    assert lint_codes(path) == ["lint.demote_not_lower"]


def test_demote_to_the_quota_level_itself_is_refused(tmp_path: Path) -> None:
    path = scheme_with(tmp_path, "demote_to: htt", "demote_to: htxs")
    assert [c for c, _, _ in refusal(path)] == ["scheme.demote_not_lower"]


def first_veto(tmp_path: Path, effect: str, level: str) -> Path:
    """rules/qd366.yaml with its first veto (disunity) given ``effect`` and ``level``."""
    old = "criterion: no_disunity\n    effect: force\n    level: kht"
    return scheme_with(tmp_path, old, f"criterion: no_disunity\n    effect: {effect}\n    level: {level}")


def test_a_veto_to_the_best_level_is_refused(tmp_path: Path) -> None:
    path = first_veto(tmp_path, "cap", "htxs")
    assert refusal(path) == [("scheme.veto_best_level", "vetoes.0.level", line_of(path, "level: htxs"))]
    assert lint_codes(path) == ["lint.veto_best_level"]


def test_a_veto_forcing_a_level_above_the_lowest_is_refused(tmp_path: Path) -> None:
    # Forced to 'ht', a unit rated 'kht' would be raised by the veto.
    path = first_veto(tmp_path, "force", "ht")
    assert refusal(path) == [("scheme.veto_raises", "vetoes.0.level", line_of(path, "level: ht$"))]
    assert lint_codes(path) == ["lint.veto_raises"]


def test_a_veto_capping_a_middle_level_is_accepted(tmp_path: Path) -> None:
    path = first_veto(tmp_path, "cap", "ht")
    assert load_scheme(path)[0].vetoes[0].effect == "cap"


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan"])
def test_a_non_finite_band_is_refused(tmp_path: Path, value: str) -> None:
    path = scheme_with(tmp_path, "min_score: 90", f"min_score: {value}")
    ((code, field, line),) = refusal(path)
    assert (code, field, line) == ("scheme.band_not_finite", "levels.0.min_score", line_of(path, f"min_score: {value}"))
    assert lint_codes(path) == ["lint.band_not_finite"]


def test_an_empty_counted_against_is_refused(tmp_path: Path) -> None:
    path = scheme_with(tmp_path, "counted_against: [htxs, htt]", "counted_against: []")
    assert refusal(path) == [("scheme.quota_empty_base", "quota.counted_against", line_of(path, "counted_against:"))]
    assert lint_codes(path) == ["lint.quota_empty_base"]


def test_a_duplicate_score_entry_is_refused(tmp_path: Path) -> None:
    path = scheme_with(tmp_path, "score: [general, task_points]", "score: [general, general]")
    assert refusal(path) == [("scheme.duplicate_entry", "score.1", line_of(path, "score:"))]
    assert lint_codes(path) == ["lint.duplicate_entry"]


def test_a_duplicate_counted_against_entry_is_refused(tmp_path: Path) -> None:
    path = scheme_with(tmp_path, "counted_against: [htxs, htt]", "counted_against: [htxs, htt, htt]")
    assert [(c, f) for c, f, _ in refusal(path)] == [("scheme.duplicate_entry", "quota.counted_against.2")]


def test_a_refused_scheme_stops_rating_with_exit_3_and_says_where(tmp_path: Path) -> None:
    path = scheme_with(tmp_path, "score: [general, task_points]", "score: [general, general]")
    crit = load_criteria(QD366)
    with pytest.raises(DefinitionError):
        bind_scheme(path, crit)
    result = CliRunner().invoke(
        main, ["rank", "--criteria", str(QD366), "--scheme", str(path), str(EXAMPLES), "--lang", "en"]
    )
    assert result.exit_code == 3
    assert f"{path}:{line_of(path, 'score:')}" in result.output
    assert "'general' is listed twice in 'score' (first at position 1)" in result.output
    assert "Traceback" not in result.output


def test_refusals_read_in_vietnamese(tmp_path: Path) -> None:
    path = scheme_with(tmp_path, "ranking: [level, score desc, unit asc]", "ranking: [level, score desc]")
    with pytest.raises(DefinitionError) as info:
        load_scheme(path)
    assert "phải kết thúc bằng «unit»" in info.value.render("vi")


def test_the_shipped_schemes_are_not_refused() -> None:
    for path in sorted(QD366_SCHEME.parent.glob("*.yaml")):
        load_scheme(path)
