"""Errors wholly in the chosen language: pydantic's messages by error type, the models' own refusals,
the YAML and JSON readers' complaints — no English in a Vietnamese error, clean English in an English one.

The oracle is a heuristic written from what an English sentence is made of: common English words
("the", "must", "expected", "found", "valid", "input"…) that are not Vietnamese words. A Vietnamese
message quotes the data and the keys as written («signer», «2025», true), so those are taken out before
looking: the file's own words are not the tool's.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pydantic import BaseModel, ValidationError

import evaluator.authoring
import evaluator.casetests.run
import evaluator.cli
import evaluator.lint
import evaluator.render.html
import evaluator.render.xlsx
import evaluator.tabular.template  # noqa: F401  (each registers its messages)
from evaluator.cli import main
from evaluator.errors import EvaluatorError, Problem, full_stop
from evaluator.messages import CATALOGUE
from evaluator.model import CriteriaSet, Override, Scheme, Scorecard
from evaluator.model.errors import _TYPES, detail
from evaluator.render.report_settings import ReportSettings

ROOT = Path(__file__).resolve().parent.parent
QD366 = ROOT / "criteria" / "qd366-collective.yaml"

ENGLISH = {
    "the",
    "is",
    "are",
    "be",
    "must",
    "should",
    "expected",
    "found",
    "input",
    "valid",
    "invalid",
    "field",
    "required",
    "missing",
    "not",
    "allowed",
    "or",
    "and",
    "of",
    "to",
    "an",
    "at",
    "least",
    "most",
    "number",
    "string",
    "integer",
    "list",
    "mapping",
    "dictionary",
    "error",
    "with",
    "extra",
    "inputs",
    "permitted",
    "greater",
    "less",
    "than",
    "equal",
    "match",
    "pattern",
    "character",
    "characters",
    "value",
    "values",
    "needs",
    "give",
    "either",
    "both",
    "only",
    "unknown",
    "key",
    "did",
    "you",
    "mean",
    "whole",
    "date",
    "after",
    "before",
    "level",
    "levels",
    "criterion",
    "criteria",
    "scheme",
    "parameter",
    "indicator",
}


def english_words(text: str) -> set[str]:
    """The common English words in ``text``, once the quoted data («…», '…', `…`) and file paths are out."""
    text = re.sub(r"«[^»]*»|'[^']*'|`[^`]*`|\"[^\"]*\"", " ", text)
    text = re.sub(r"\S*[/\\]\S*|\S+\.(?:yaml|json|xlsx|csv)\b", " ", text)
    return {w for w in re.findall(r"[A-Za-z]+", text) if w.lower() in ENGLISH}


def problems(exc: EvaluatorError, lang: str) -> list[str]:
    return [p.message(lang) for p in exc.problems]


# --- pydantic's error types, one by one -------------------------------------------------------

# Invalid data for each model, chosen so that together they raise every error type the models can raise:
# the types of the fields (text, whole numbers, numbers, decimals, yes/no, dates, lists, mappings,
# nested models, fixed choices) and their constraints (minimum length, bounds, id patterns), unknown and
# missing keys, unions (a number or a parameter's name), and the models' own validators.
CARD = {"unit": "u", "name": "n", "kind": "ward", "year": 2025, "indicators": {}}
INVALID: list[tuple[type[BaseModel], dict[str, Any]]] = [
    (Scorecard, {**CARD, "unit": ""}),  # string_too_short
    (Scorecard, {**CARD, "name": None}),  # string_type
    (Scorecard, {**CARD, "year": "2025"}),  # int_type (strict)
    (Scorecard, {**CARD, "year": 1800}),  # greater_than_equal
    (Scorecard, {**CARD, "year": 2200}),  # less_than_equal
    (Scorecard, {**CARD, "indicators": []}),  # dict_type
    (Scorecard, {**CARD, "colour": "red"}),  # extra_forbidden
    (Scorecard, {"unit": "u", "kind": "ward", "year": 2025, "indicators": {}}),  # missing
    (Override, {"unit": "u", "year": "x", "decided_by": "", "decision": "y", "reason": "z"}),
    (
        Scheme,
        {
            "id": "Bad Id",  # string_pattern_mismatch
            "version": "1",
            "title": "x",  # model_type
            "levels": [{"id": "a", "title": {"vi": " ", "en": "x"}, "min_score": [1]}],  # value_error, union
            "ranking": ["score up"],  # value_error (a sort key)
            "quota": {
                "level": "a",
                "counted_against": "a",  # tuple_type
                "base": "fin",  # literal_error
                "rate": "abc",  # decimal_parsing
                "demote_to": "a",
                "keep_order": [],
            },
        },
    ),
    (Scheme, {"id": "s", "version": "1", "title": {"vi": "a", "en": "b"}, "levels": [], "ranking": []}),
    (
        CriteriaSet,
        {
            "id": "x",
            "version": "1",
            "title": {"vi": "a", "en": "b"},
            "valid_from": "2025-13-01",  # date_from_datetime_parsing
            "unit_kinds": ["ward"],
            "indicators": {
                "a": {"type": "foo", "title": {"vi": "a", "en": "b"}},  # literal_error
                "b": {"type": "number", "title": {"vi": "a", "en": "b"}, "min": 5, "max": 1},  # value_error
                "c": {"type": "yesno", "title": {"vi": "a", "en": "b"}, "required": [1]},  # bool_type
                "d": {"type": "number", "title": {"vi": "a", "en": "b"}, "min": "five"},  # float_parsing
            },
            "parameters": {"p": {"title": {"vi": "a", "en": "b"}, "value": "thirty"}},  # value_error
            "criteria": [
                {"id": "c", "title": {"vi": "a", "en": "b"}, "condition": 5},  # string_type
                {"id": "d", "title": {"vi": "a", "en": "b"}, "bands": {"value": "a", "steps": []}},  # too_short
            ],
        },
    ),
    (ReportSettings, {"date": "12/10/2025", "signers": [{"role": "A"}] * 5}),  # value_error
]


def raised(model: type[BaseModel], data: dict[str, Any]) -> list[dict[str, Any]]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return [dict(e) for e in info.value.errors(include_url=False)]


ALL_ERRORS = [err for model, data in INVALID for err in raised(model, data)]


def test_the_corpus_raises_the_error_types_people_meet() -> None:
    kinds = {e["type"] for e in ALL_ERRORS}
    assert kinds >= {
        "missing",
        "extra_forbidden",
        "string_type",
        "string_too_short",
        "string_pattern_mismatch",
        "int_type",
        "greater_than_equal",
        "less_than_equal",
        "literal_error",
        "dict_type",
        "model_type",
        "tuple_type",
        "decimal_parsing",
        "float_parsing",
        "bool_type",
        "date_from_datetime_parsing",
        "too_short",
        "value_error",
    }


@pytest.mark.parametrize("err", ALL_ERRORS, ids=lambda e: f"{e['type']}@{'.'.join(map(str, e['loc']))}")
def test_every_error_type_the_models_raise_is_said_in_either_language(err: dict[str, Any]) -> None:
    if err["type"] in ("missing", "extra_forbidden"):
        return  # said by key.missing / key.unknown, which name the key
    said = detail(err)
    assert said.code != "pyd.other" and "pyd.other" not in repr(said.params), err  # a message of its own
    vi, en = said.get("vi"), said.get("en")
    assert not english_words(vi), (vi, err)
    assert vi != en and en.strip() and not re.search(r"[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]", en), en


def test_each_mapped_type_has_a_message_in_both_languages() -> None:
    for kind, code in {**_TYPES, "value_error": "pyd.other"}.items():
        vi, en = CATALOGUE[code]
        assert vi and en, kind
        assert not english_words(re.sub(r"\{[^}]*\}", " ", vi)), (kind, vi)


# --- whole documents through the command line ---------------------------------------------------

BAD_DOCUMENTS = {
    "scorecards.yaml": (
        "- {unit: '', name: 5, kind: ward, parent: p, year: '2025', indicators: {tasks_done_pct: 'nhiều'}}\n"
        "- {unit: b, name: B, kind: ward, parent: p, year: 1800, colour: red, indicators: []}\n"
    ),
    "criteria.yaml": (
        "id: Bad Id\nversion: '1'\ntitle: x\nvalid_from: 2025-13-01\nunit_kinds: [ward]\n"
        "indicators: {a: {type: foo, title: {vi: a, en: b}}, b: {type: number, title: {vi: a, en: b}, min: 5, max: 1}}\n"
        "criteria: [{id: c, title: {vi: a, en: b}, condition: 5}]\n"
    ),
    "scheme.yaml": (
        "id: s\nversion: '1'\ntitle: {vi: a, en: b}\nlevels: []\nranking: [score up]\n"
        "quota: {level: a, counted_against: a, base: fin, rate: abc, demote_to: a, keep_order: []}\n"
    ),
    "overrides.yaml": "overrides:\n  - {unit: u, year: x, decided_by: '', decision: d, reason: r, lifts: v}\n",
    "syntax.yaml": "id: x\n  title: {vi: a\n",
    "syntax.json": '{"unit": "a",, "year": 2025}',
    "tabs.yaml": "id: x\ntitle:\n\t- a\n",
}


@pytest.mark.parametrize("name", sorted(BAD_DOCUMENTS))
def test_a_vietnamese_error_holds_no_english(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(BAD_DOCUMENTS[name], encoding="utf-8")
    runner = CliRunner()
    vi = runner.invoke(main, ["validate", str(path), "--criteria", str(QD366)])
    en = runner.invoke(main, ["validate", str(path), "--criteria", str(QD366), "--lang", "en"])
    assert vi.exit_code in (3, 4) and en.exit_code == vi.exit_code, vi.output
    lines = [line for line in vi.stderr.splitlines() if line.strip()]
    assert len(lines) >= 2
    for line in lines:
        assert not english_words(line), line
    assert english_words(en.stderr)  # the heuristic sees English where there is some


def test_the_heuristic_can_fail() -> None:
    assert english_words("giá trị không hợp lệ: Input should be a valid integer") >= {"valid", "should"}
    assert not english_words("cần một số nguyên, gặp «the value»; tệp a/b.yaml")


# --- "Did you mean" after a full stop -----------------------------------------------------------


def test_a_suggestion_follows_a_full_stop_in_both_languages() -> None:
    p = Problem("key.unknown", params={"key": "signer"}, suggestion="signers")
    assert p.message("vi") == "khóa không được phép «signer». Có phải ý bạn là «signers»?"
    assert p.message("en") == "unknown key 'signer'. Did you mean 'signers'?"
    assert full_stop("hết câu.") == "hết câu." and full_stop("hỏi?") == "hỏi?" and full_stop("chưa hết ") == "chưa hết."


def test_every_catalogue_template_formats_with_its_own_fields() -> None:
    """A stray brace would break a message at the moment an error is shown."""
    for pair in CATALOGUE.values():
        for template in pair:
            fields = [f for _, f, _, _ in string.Formatter().parse(template) if f]
            template.format(**{f.split(".")[0].split("[")[0].split("!")[0]: "x" for f in fields})
