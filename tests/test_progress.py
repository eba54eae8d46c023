"""Progress on long runs: a bar on a terminal above a few thousand scorecards, nothing otherwise."""

from __future__ import annotations

import io

import pytest

from evaluator import bind_scheme, default_scheme_path, evaluate, load_criteria, read_scorecards
from evaluator import progress as progress_mod
from evaluator.progress import THRESHOLD, progress_bar, wanted
from tabular_support import CRITERIA, EXAMPLES, cli


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_only_on_a_terminal_above_the_threshold_and_not_for_json() -> None:
    assert wanted(THRESHOLD + 1, quiet=False, stream=Tty())
    assert not wanted(THRESHOLD, quiet=False, stream=Tty())
    assert not wanted(THRESHOLD + 1, quiet=True, stream=Tty())  # JSON output
    assert not wanted(THRESHOLD + 1, quiet=False, stream=io.StringIO())  # a pipe or a file


def test_no_bar_means_no_callback() -> None:
    with progress_bar(10 * THRESHOLD) as cb:  # stderr is captured by pytest: not a terminal
        assert cb is None


def test_the_bar_follows_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress_mod, "wanted", lambda total, quiet, stream=None: True)
    with progress_bar(THRESHOLD + 500, "en") as cb:
        assert cb is not None
        for done in range(1, THRESHOLD + 501):
            cb(done, THRESHOLD + 500)


def test_evaluate_reports_each_scorecard() -> None:
    crit = load_criteria(CRITERIA)
    scheme = bind_scheme(default_scheme_path(crit), crit)
    cards = read_scorecards([EXAMPLES], crit)
    seen: list[tuple[int, int]] = []
    evaluate(crit, cards, scheme, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(i, len(cards)) for i in range(1, len(cards) + 1)]


def test_the_command_line_asks_for_a_bar_except_for_json(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[int, bool]] = []

    def spy(total: int, *, quiet: bool, stream: object = None) -> bool:
        asked.append((total, quiet))
        return False

    monkeypatch.setattr(progress_mod, "wanted", spy)
    for fmt in ("json", "table"):
        result = cli("rank", "--criteria", CRITERIA, EXAMPLES, "--format", fmt)
        assert result.exit_code == 0, result.output
        assert result.stderr == ""
    assert asked == [(10, True), (10, False)]


def test_above_the_threshold_into_a_pipe_nothing_extra_is_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress_mod, "THRESHOLD", 3)  # the 10 examples count as a long run
    for fmt in ("json", "table"):
        result = cli("rank", "--criteria", CRITERIA, EXAMPLES, "--format", fmt)
        assert result.exit_code == 0, result.output
        assert result.stderr == ""
