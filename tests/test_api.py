"""The Python API as an embedding tool uses it."""

from __future__ import annotations

import gc
import json

import evaluator
from conftest import EXAMPLES, QD366


def test_rate_gives_the_same_json_as_the_command_line() -> None:
    from click.testing import CliRunner

    from evaluator.cli import main

    run = evaluator.rate(QD366, [EXAMPLES])
    cli = CliRunner().invoke(main, ["rank", "--criteria", str(QD366), str(EXAMPLES), "--format", "json"])
    assert json.loads(run.to_json("vi")) == json.loads(cli.stdout)
    assert run.to_json("en") == "".join(run.iter_json("en"))
    d = run.result("tn-thuan-hung")
    assert (d.level, d.score, d.rank) == ("ht", 72.0, 4)
    assert [g.reason.text("en") for g in d.gap] == ["The share of tasks completed behind schedule must be 0%, now 10%"]


def test_the_garbage_collector_is_left_as_it_was() -> None:
    assert gc.isenabled()
    evaluator.rate(QD366, [EXAMPLES]).to_json()
    assert gc.isenabled()
    gc.disable()
    try:
        evaluator.rate(QD366, [EXAMPLES]).to_json()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_public_names_exist() -> None:
    for name in evaluator.__all__:
        assert getattr(evaluator, name) is not None, name
