"""Hostile YAML and JSON: alias bombs, re-typing tags, numbers beyond what the engine compares exactly,
very long and deeply nested input, control characters — each a located error, never a traceback or a
silent mis-rating."""

from __future__ import annotations

import json
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, QD366, ROOT, make_card, raw
from evaluator import (
    DefinitionError,
    EvaluatorError,
    ScorecardError,
    check_scorecards,
    load_criteria,
    read_scorecards,
)
from evaluator.limits import MAX_EXACT, YAML_MAX_ALIAS_NODES
from evaluator.sources import read_documents

CRIT = load_criteria(QD366)

# 9 anchors, each a list of 9 aliases of the one before: 9**9 = 387,420,489 strings once expanded.
BILLION_LAUGHS = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(
            f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} [{','.join(['*' + chr(ord('a') + i - 1)] * 9)}]"
            for i in range(1, 9)
        ),
        "",
    ]
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def card_yaml(**indicators: str) -> str:
    """A valid 366 scorecard as YAML, with some indicator values written as raw YAML text."""
    card = make_card("u")
    lines = ["unit: u", "name: Phường U", "kind: ward", "parent: p", "year: 2025", "indicators:"]
    for key, value in card["indicators"].items():
        raw = indicators.get(key, json.dumps(value))
        lines.append(f"  {key}: {raw}")
    return "\n".join(lines) + "\n"


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def only(err: pytest.ExceptionInfo[EvaluatorError]):
    assert len(err.value.problems) == 1, err.value.render("en")
    return err.value.problems[0]


# --- aliases


def test_yaml_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    assert len(BILLION_LAUGHS.encode()) < 600
    path = write(tmp_path, "bomb.yaml", BILLION_LAUGHS)
    # Time first, without tracemalloc (which slows every allocation several times over).
    start = time.perf_counter()
    with pytest.raises(ScorecardError) as err:
        read_scorecards([path], CRIT)
    elapsed = time.perf_counter() - start
    p = only(err)
    assert p.code == "yaml.aliases" and p.location.file == str(path) and p.location.line is not None
    assert str(YAML_MAX_ALIAS_NODES) in p.message("en")
    # Unbounded expansion takes minutes and gigabytes; the bound stops it in milliseconds.
    assert elapsed < 0.9, elapsed
    tracemalloc.start()
    try:
        with pytest.raises(ScorecardError):
            read_scorecards([path], CRIT)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024, peak


def test_yaml_alias_bomb_in_a_criteria_file_is_refused_too(tmp_path: Path) -> None:
    path = write(tmp_path, "crit.yaml", BILLION_LAUGHS)
    with pytest.raises(DefinitionError) as err:
        load_criteria(path)
    assert only(err).code == "yaml.aliases"


def test_yaml_the_shipped_files_use_no_anchors() -> None:
    found = []
    for path in sorted(ROOT.glob("*/**/*.yaml")):
        if ".venv" in path.parts:
            continue
        for event in yaml.parse(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                found.append(f"{path.relative_to(ROOT)}:{event.start_mark.line + 1}")
    assert found == []


def test_yaml_a_few_anchors_are_still_read(tmp_path: Path) -> None:
    # An author may share a title or a block: within the bound, aliases work.
    path = write(tmp_path, "a.yaml", "x: &t {vi: Tiêu đề, en: Title}\ny: *t\nz: [*t, *t]\n")
    [doc] = read_documents(path, DefinitionError)
    assert doc.data["y"] == doc.data["x"] == doc.data["z"][1] == {"vi": "Tiêu đề", "en": "Title"}


def test_yaml_alias_loop_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "loop.yaml", "a: &a [1, *a]\n")
    with pytest.raises(ScorecardError) as err:
        read_documents(path, ScorecardError)
    p = only(err)
    assert (p.code, p.location.line) == ("yaml.alias_loop", 1)


# --- tags


def test_yaml_explicit_bool_tag_is_refused_so_a_veto_cannot_be_silenced(tmp_path: Path) -> None:
    # '!!bool yes' is *false* in YAML: the disunity veto would not fire.
    text = card_yaml(disunity_concluded="!!bool yes")
    path = write(tmp_path, "card.yaml", text)
    with pytest.raises(ScorecardError) as err:
        read_scorecards([path], CRIT)
    p = only(err)
    assert p.code == "yaml.tag"
    assert (p.location.file, p.location.line) == (str(path), line_of(text, "!!bool"))
    assert "!!bool" in p.message("vi") and "!!bool" in p.message("en")


def test_yaml_int_tag_is_refused(tmp_path: Path) -> None:
    text = card_yaml(leaders_disciplined="!!int 1_000")
    path = write(tmp_path, "card.yaml", text)
    with pytest.raises(ScorecardError) as err:
        read_scorecards([path], CRIT)
    p = only(err)
    assert (p.code, p.location.line) == ("yaml.tag", line_of(text, "!!int"))


@pytest.mark.parametrize(
    "tagged",
    [
        "!!str 5",
        "!!float 5",
        "!!null ''",
        "!!map {a: 1}",
        "!!seq [1]",
        "!!set {a}",
        "!!omap [a: 1]",
        "!!binary aGVsbG8=",
        "!!timestamp 2025-01-01",
        "!custom 5",
        "!<tag:example.com,2025:x> 5",
    ],
)
def test_yaml_any_explicit_or_custom_tag_is_refused(tmp_path: Path, tagged: str) -> None:
    path = write(tmp_path, "x.yaml", f"unit: u\nvalue: {tagged}\n")
    with pytest.raises(DefinitionError) as err:
        read_documents(path, DefinitionError)
    p = only(err)
    assert (p.code, p.location.line) == ("yaml.tag", 2)


# --- numbers


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
@pytest.mark.parametrize("number", [str(MAX_EXACT + 1), str(-MAX_EXACT - 1), "18446744073709551617", "1e20", "1.5e300"])
def test_integer_beyond_2_53_is_refused_in_scorecard_files(tmp_path: Path, suffix: str, number: str) -> None:
    card = make_card("u")
    text = json.dumps(card, indent=1).replace('"leaders_disciplined": 0', f'"leaders_disciplined": {number}')
    assert number in text
    path = write(tmp_path, "card" + suffix, text)
    with pytest.raises(ScorecardError) as err:
        read_scorecards([path], CRIT)
    p = only(err)
    assert p.code == "number.too_large"
    assert (p.location.file, p.location.line) == (str(path), line_of(text, number))
    assert "9.007.199.254.740.992" in p.message("vi") and "9,007,199,254,740,992" in p.message("en")


def test_the_bound_itself_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "x.yaml", f"a: {MAX_EXACT}\nb: -{MAX_EXACT}\nc: 0000000000000000000001\n")
    [doc] = read_documents(path, ScorecardError)
    assert doc.data == {"a": MAX_EXACT, "b": -MAX_EXACT, "c": 1}


def test_integer_beyond_2_53_is_refused_in_any_definition_number(tmp_path: Path) -> None:
    text = QD366.read_text(encoding="utf-8")
    assert "    max: 70\n" in text
    text = text.replace("    max: 70\n", "    max: 99999999999999999999\n", 1)
    path = write(tmp_path, "crit.yaml", text)
    with pytest.raises(DefinitionError) as err:
        load_criteria(path)
    p = only(err)
    assert (p.code, p.location.line) == ("number.too_large", line_of(text, "99999999999999999999"))


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_very_long_integer_is_a_located_error(tmp_path: Path, suffix: str) -> None:
    # Python refuses to convert more than 4,300 digits (ValueError); the reader never tries.
    digits = "7" * 5000
    text = f'{{"unit": "u",\n "value": {digits}}}'
    path = write(tmp_path, "long" + suffix, text)
    start = time.perf_counter()
    with pytest.raises(ScorecardError) as err:
        read_documents(path, ScorecardError)
    assert time.perf_counter() - start < 0.5
    p = only(err)
    assert (p.code, p.location.line, p.location.column) == ("number.too_large", 2, 11)
    assert "5000" in p.message("en") and len(p.message("en")) < 300


@pytest.mark.parametrize("depth", [100, 1_000, 100_000])
def test_deeply_nested_json_is_a_located_error(tmp_path: Path, depth: int) -> None:
    path = write(tmp_path, "deep.json", '{"unit":\n' + "[" * depth + "]" * depth + "}")
    with pytest.raises(ScorecardError) as err:
        read_scorecards([path], CRIT)
    p = only(err)
    assert p.code == "yaml.too_deep"
    assert (p.location.file, p.location.line) == (str(path), 2)


def test_deeply_nested_yaml_is_a_located_error(tmp_path: Path) -> None:
    path = write(tmp_path, "deep.yaml", "a:\n  b: " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(DefinitionError) as err:
        read_documents(path, DefinitionError)
    assert (only(err).code, only(err).location.line) == ("yaml.too_deep", 2)


# --- text


@pytest.mark.parametrize(
    ("suffix", "written"),
    [
        (".yaml", '"Phường \\e[31mĐỏ"'),
        (".yaml", '"Phường\\x07"'),
        (".yaml", '"Phường \\u0085"'),
        (".json", '"Phường \\u001b[2J"'),
        (".json", '"Phường \\u007f"'),
        (".json", '"Phường \u009b31m"'),
    ],
)
def test_control_characters_are_refused_in_yaml_and_json(tmp_path: Path, suffix: str, written: str) -> None:
    text = '{"unit": "u", "kind": "ward", "parent": "p", "year": 2025,\n "name": ' + written + ',\n "indicators": {}}'
    path = write(tmp_path, "card" + suffix, text)
    with pytest.raises(ScorecardError) as err:
        read_scorecards([path], CRIT)
    p = only(err)
    assert p.code == "text.control" and (p.location.file, p.location.line) == (str(path), 2)
    assert "U+00" in p.message("vi")


def test_control_characters_are_refused_in_scorecards_from_memory() -> None:
    # Scorecards given as dicts (an admin tool's database) are checked like files.
    card = make_card("u", parent="p\x07")
    card["evidence"] = {"tasks_done_pct": "Báo cáo \x9b2J"}
    with pytest.raises(ScorecardError) as err:
        check_scorecards([raw(card)], CRIT)
    assert [(p.code, p.location.field) for p in err.value.problems] == [
        ("text.control", "parent"),
        ("text.control", "evidence.tasks_done_pct"),
    ]


def test_tabs_and_line_breaks_are_text_but_not_in_a_name(tmp_path: Path) -> None:
    card = make_card("u")
    card["evidence"] = {"tasks_done_pct": "Báo cáo số 12\n\tphụ lục 3"}
    ok = write(tmp_path, "ok.json", json.dumps(card, ensure_ascii=False))
    [sub] = read_scorecards([ok], CRIT)
    assert sub.card.evidence["tasks_done_pct"] == "Báo cáo số 12\n\tphụ lục 3"
    card["name"] = "Phường\nU"
    bad = write(tmp_path, "bad.json", json.dumps(card, ensure_ascii=False, indent=1))
    with pytest.raises(ScorecardError) as err:
        read_scorecards([bad], CRIT)
    p = only(err)
    assert p.code == "text.one_line" and p.location.field == "name"
    assert p.location.line == line_of(bad.read_text(), '"name"')


def test_the_shipped_examples_still_read_the_same(tmp_path: Path) -> None:
    # The checks above cost nothing on ordinary files: every shipped example reads as before.
    cards = read_scorecards([EXAMPLES], CRIT)
    assert len(cards) == 10
