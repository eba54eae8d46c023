"""The columnar backend gives the same bytes as durable_rules: drawn criteria sets, schemes and
scorecards rated by both through `evaluator rank --format json`, the whole output compared."""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from columnar_strategies import runs
from evaluator import EngineInvariantError, load_criteria
from evaluator.cli import main
from evaluator.columnar import compile_matcher
from evaluator.findings import Evaluator

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


def _rank(crit: Path, cards: Path, engine: str, *extra: str, lang: str = "vi") -> tuple[int, str, str]:
    args = ["rank", "--criteria", str(crit), str(cards), "--format", "json", "--engine", engine, "--lang", lang]
    result = CliRunner().invoke(main, [*args, *extra])
    return result.exit_code, result.stdout, result.stderr


def _same_but_engine(durable: tuple[int, str, str], columnar: tuple[int, str, str]) -> None:
    assert columnar[0] == durable[0], (durable, columnar)
    assert columnar[2] == durable[2]
    shown = '"backend": "columnar"'
    assert (shown in columnar[1]) == (durable[0] == 0)
    assert columnar[1].replace(shown, '"backend": "durable_rules"') == durable[1]


@settings(max_examples=320, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(runs())
def test_columnar_and_durable_give_the_same_json(drawn) -> None:
    with tempfile.TemporaryDirectory() as folder:
        crit, cards = drawn.write(Path(folder))
        extra = [a for s in drawn.sets for a in ("--set", s)]
        durable = _rank(crit, cards, "durable", *extra)
        columnar = _rank(crit, cards, "columnar", *extra)
    assert durable[0] in (0, 3, 4), durable  # rated, or stopped on the criteria's or scorecards' fault
    _same_but_engine(durable, columnar)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_shipped_examples_rate_alike_on_both_engines(lang: str) -> None:
    crit, cards = ROOT / "criteria" / "qd366-collective.yaml", ROOT / "examples" / "scorecards"
    durable = _rank(crit, cards, "durable", lang=lang)
    assert durable[0] == 0
    _same_but_engine(durable, _rank(crit, cards, "columnar", lang=lang))
    assert json.loads(_rank(crit, cards, "columnar", lang=lang)[1])["engine"]["backend"] == "columnar"


def test_the_synthetic_set_matches_durable_rules_finding_for_finding() -> None:
    """Every construct of the language (see the fixture), 3,000 random scorecards: each criterion's
    rule (status and term) is the one the engine fires."""
    from test_engine import SYNTHETIC, random_card, submitted

    rng = random.Random(4417)
    subs = submitted([random_card(rng, i) for i in range(3000)])
    durable, columnar = Evaluator(SYNTHETIC), Evaluator(SYNTHETIC, "columnar")
    with durable.session() as eng:
        want = [eng.findings(durable.fact(sub), sub.card.unit) for sub in subs]
    got = list(columnar.all_metas(None, subs))
    assert got == want
    # and the sample is not trivial: every status of every criterion is met
    seen = {(m.criterion, m.status) for metas in got for m in metas}
    assert len({s for _, s in seen}) >= 4 and len({c for c, _ in seen}) == len(SYNTHETIC.items)


def test_rows_are_matched_in_chunks_and_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    import evaluator.columnar.matcher as m
    from test_engine import SYNTHETIC, random_card, submitted

    rng = random.Random(7)
    subs = submitted([random_card(rng, i) for i in range(50)])
    whole = list(Evaluator(SYNTHETIC, "columnar").all_metas(None, subs))
    monkeypatch.setattr(m, "CHUNK", 7)
    assert list(Evaluator(SYNTHETIC, "columnar").all_metas(None, subs)) == whole


def test_two_rules_holding_at_once_stop_the_run() -> None:
    """The matcher checks what the engine driver checks: exactly one rule per criterion."""
    from test_engine import SYNTHETIC, random_card, submitted

    matcher = compile_matcher(SYNTHETIC.items, frozenset(p for it in SYNTHETIC.items for p in it.params))
    first = matcher.criteria[0]
    first.rules.extend(first.rules)  # each rule twice: two hold wherever one does
    card = random_card(random.Random(1), 1)
    card["indicators"]["income"] = 100
    sub = submitted([card])[0]
    ev = Evaluator(SYNTHETIC, "columnar")
    with pytest.raises(EngineInvariantError) as info:
        list(matcher.match([ev._values(sub)], ["u1"]))
    assert info.value.problems[0].code == "engine.finding_count"
    assert info.value.problems[0].params == {"criterion": 0, "count": 2, "unit": "u1"}


def test_describe_names_the_backend() -> None:
    crit = load_criteria(FIXTURES / "synthetic-criteria.yaml")
    info = compile_matcher(crit.items, frozenset()).describe()
    assert info["backend"] == "columnar" and info["criteria"] == len(crit.items) and info["rules"] > info["criteria"]


def test_an_unknown_engine_is_refused_with_a_suggestion() -> None:
    crit = load_criteria(FIXTURES / "synthetic-criteria.yaml")
    from evaluator.errors import UsageError

    with pytest.raises(UsageError) as info:
        Evaluator(crit, "columnr")
    assert info.value.problems[0].suggestion == "columnar"
