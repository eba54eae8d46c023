"""The columnar backend gives the same bytes as durable_rules: drawn criteria sets, schemes and
scorecards rated by both through `evaluator rank --format json`, the whole output compared."""

from __future__ import annotations

import json
import random
import re
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from columnar_strategies import runs
from evaluator import EngineInvariantError, backends, load_criteria
from evaluator.backends.columnar import compile_matcher
from evaluator.cli import main
from evaluator.findings import FindingBuilder

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


def _rank(crit: Path, cards: Path, engine: str, *extra: str, lang: str = "vi") -> tuple[int, str, str]:
    args = ["rank", "--criteria", str(crit), str(cards), "--format", "json", "--engine", engine, "--lang", lang]
    result = CliRunner().invoke(main, [*args, *extra])
    return result.exit_code, result.stdout, result.stderr


_ENGINE = re.compile(r'^  "engine": \{.*\},\n', re.M)  # the header's engine line


def _same_but_engine(durable: tuple[int, str, str], columnar: tuple[int, str, str]) -> None:
    """The same exit, the same errors and, when rated, the same JSON but for the header's engine part
    (each backend describes itself); the rest is compared as bytes, the engine part put back."""
    assert columnar[0] == durable[0], (durable, columnar)
    assert columnar[2] == durable[2]
    assert (columnar[1] == "") == (durable[1] == "")
    if durable[0] != 0:
        assert columnar[1] == durable[1]
        return
    theirs, ours = json.loads(durable[1])["engine"], json.loads(columnar[1])["engine"]
    assert ours["backend"] == "columnar" and theirs["backend"] == "durable_rules"
    assert _ENGINE.sub("", columnar[1], count=1) == _ENGINE.sub("", durable[1], count=1)


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


def _matches(name: str, subs: list) -> list:
    """Each scorecard's matches through backend ``name``, as the rating pipeline asks for them."""
    from test_engine import SYNTHETIC

    builder = FindingBuilder(SYNTHETIC)
    with backends.session(name, SYNTHETIC, builder.used_params) as (_, matcher):
        return matcher.match([builder.card(sub) for sub in subs])


def test_the_synthetic_set_matches_durable_rules_finding_for_finding() -> None:
    """Every construct of the language (see the fixture), 3,000 random scorecards: each criterion's
    rule (status and term) is the one the engine fires."""
    from test_engine import SYNTHETIC, random_card, submitted

    rng = random.Random(4417)
    subs = submitted([random_card(rng, i) for i in range(3000)])
    want = _matches("durable", subs)
    got = _matches("columnar", subs)
    assert got == want
    # and the sample is not trivial: every status of every criterion is met
    seen = {(m.criterion, m.status) for metas in got for m in metas}
    assert len({s for _, s in seen}) >= 4 and len({c for c, _ in seen}) == len(SYNTHETIC.items)


def test_rows_are_matched_in_chunks_and_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    import evaluator.backends.columnar.matcher as m
    from test_engine import random_card, submitted

    rng = random.Random(7)
    subs = submitted([random_card(rng, i) for i in range(50)])
    whole = _matches("columnar", subs)
    monkeypatch.setattr(m, "CHUNK", 7)
    assert _matches("columnar", subs) == whole


def test_two_rules_holding_at_once_stop_the_run() -> None:
    """The matcher checks what the engine driver checks: exactly one rule per criterion."""
    from test_engine import SYNTHETIC, random_card, submitted

    matcher = compile_matcher(SYNTHETIC.items, frozenset(p for it in SYNTHETIC.items for p in it.params))
    first = matcher.criteria[0]
    first.rules.extend(first.rules)  # each rule twice: two hold wherever one does
    card = random_card(random.Random(1), 1)
    card["indicators"]["income"] = 100
    sub = submitted([card])[0]
    card_seen = FindingBuilder(SYNTHETIC).card(sub)
    with pytest.raises(EngineInvariantError) as info:
        matcher.match([backends.Card("u1", card_seen.values, card_seen.params)])
    assert info.value.problems[0].code == "engine.finding_count"
    assert info.value.problems[0].params == {"criterion": 0, "count": 2, "unit": "u1"}


def test_describe_names_the_backend() -> None:
    crit = load_criteria(FIXTURES / "synthetic-criteria.yaml")
    info = compile_matcher(crit.items, frozenset()).describe()
    assert info["backend"] == "columnar" and info["criteria"] == len(crit.items) and info["rules"] > info["criteria"]


def test_an_unknown_engine_is_refused_with_a_suggestion() -> None:
    from evaluator.errors import UsageError

    with pytest.raises(UsageError) as info:
        backends.get("columnr")
    assert info.value.problems[0].suggestion == "columnar"
