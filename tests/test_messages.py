"""The message catalogue against the code: every code the code names has a message in both
languages with the same placeholders, and every message in the catalogue is said somewhere.

The code is read as text (its syntax tree and the web pages' templates), not run: a code named
in a branch no test reaches is checked as well as one every run meets. A code the code builds
from pieces (``f"word.{status}"``) cannot be read whole; the few prefixes it builds them from are
listed in ``DYNAMIC`` and each must really be built so in the code.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from evaluator import messages
from evaluator.messages import CATALOGUE

SRC = Path(__file__).resolve().parent.parent / "src" / "evaluator"
CATALOGUE_DIR = SRC / "messages"

# Callables whose first argument is a message code (the catalogue's render, the lazy texts, the
# problem record and its makers, the reasons and warnings of a decision, the refusals of models,
# readers and formulas).
TAKES_CODE = {
    "AssumptionError",
    "CellError",
    "ExprError",
    "Invalid",
    "Phrase",
    "Problem",
    "Reason",
    "RunWarning",
    "bi",
    "fail",
    "finding",
    "problem",
    "render",
}
# What a code looks like: dotted lower-case words, the last part may hold an operator (cond.is.>=).
CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_<>=!]+)+$")
# A web page's template names a text as t("code", …); any quoted code in it may be one (t(a if b else "c")).
TEMPLATE_CODE = re.compile(r"""\bt\(\s*["']([^"']+)["']\s*[,)]""")
TEMPLATE_TEXT = re.compile(r"""["']([^"'\s]+)["']""")
# A template builds a code as t("prefix" ~ value).
TEMPLATE_BUILT = re.compile(r"""["']([^"'\s]+)["']\s*~""")

# Codes built from pieces, matched by prefix (or suffix, for lint's fixes): each one's builder.
DYNAMIC = {
    "casetest.item.quota_": "casetests/coverage.py: one coverage item per quota outcome",
    "casetest.what.": "casetests/run.py: the field of a unit a case expects",
    "cond.": "wording.py: a condition said as a requirement (cond.must.*) or a fact (cond.is.*) by operator",
    "expr.kind.": "expr.py: the kind of a formula's value",
    "kind.": "store/verify.py: what kind of record the ledger holds",
    "lineage.": "cli/store.py, store/imports.py, history.html.j2: a lineage event and its shape",
    "lint.always.": "lint/criteria.py: a condition that holds always or never",
    "lint.severity.": "errors.py: a graded problem's severity",
    "order.": "wording.py: a sort key and its direction",
    "reason.quota_kept": "quota.py: kept by the quota, on a provisional or a final base",
    "report.col.": "render/xlsx.py: a workbook's column headings",
    "template.": "tabular/: the fill-in template's columns, fields, helps and types",
    "web.role_": "service/templates/base.html.j2: the role of the signed-in token",
    "what.": "history.py and rollup.py: what a roll-up or history measure counts",
    "word.": "classify.py, gap.py, rows.py…: a finding's status or a veto's effect in words",
}
SUFFIXES = {".fix": "lint/report.py: a finding's fix is its code + '.fix'"}
# Messages whose languages fill in different facts, on purpose.
OWN_PLACEHOLDERS = {
    # The English also shows the decimal reading with a decimal point, the form an English reader writes.
    "tabular.ambiguous_number",
}


def _python_files() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if CATALOGUE_DIR not in p.parents)


def _trees() -> list[tuple[Path, ast.AST]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in _python_files()]


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def named_codes() -> dict[str, str]:
    """Every literal code the code passes as a message code, and where."""
    out: dict[str, str] = {}
    for path, tree in _trees():
        for node in ast.walk(tree):
            arg: ast.expr | None = None
            if isinstance(node, ast.Call) and node.args and _callee(node) in TAKES_CODE:
                arg = node.args[0]
            elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id.endswith("code") for t in node.targets
            ):  # title_code = "error.definition"
                arg = node.value
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and CODE.match(arg.value):
                out.setdefault(arg.value, f"{path.relative_to(SRC)}:{node.lineno}")
    for path in sorted(SRC.rglob("*.j2")):
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for code in TEMPLATE_CODE.findall(line):
                out.setdefault(code, f"{path.relative_to(SRC)}:{i}")
    return out


def literal_texts() -> set[str]:
    """Every string literal of the code, and every text the web pages' templates name."""
    out: set[str] = set()
    for _, tree in _trees():
        out.update(n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str))
    for path in SRC.rglob("*.j2"):
        out.update(TEMPLATE_TEXT.findall(path.read_text(encoding="utf-8")))
    return out


def built_prefixes() -> set[str]:
    """The literal beginnings of codes built from pieces: ``f"word.{x}"`` and ``"word." + x``."""
    out: set[str] = set()
    for _, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                out.add(str(node.values[0].value))
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
                for side in (node.left, node.right):
                    if isinstance(side, ast.Constant) and isinstance(side.value, str):
                        out.add(side.value)
    for path in SRC.rglob("*.j2"):
        out.update(TEMPLATE_BUILT.findall(path.read_text(encoding="utf-8")))
    return out


def placeholders(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_code_the_code_names_is_in_the_catalogue() -> None:
    missing = {code: where for code, where in named_codes().items() if code not in CATALOGUE}
    assert not missing, f"message codes with no message: {missing}"


def test_the_scan_finds_the_codes() -> None:
    """The scan can fail: it finds codes of every kind of use, and a code that is not there."""
    named = named_codes()
    for code in ("error.definition", "hint.did_you_mean", "lint.band_gap", "casetest.field", "web.back_home"):
        assert code in named, code
    assert all(CODE.match(c) for c in ("cond.is.>=", "lint.band_gap")) and not CODE.match("en")


def test_each_message_has_both_languages_with_the_same_placeholders() -> None:
    wrong: list[str] = []
    for code, (vi, en) in sorted(CATALOGUE.items()):
        if code not in OWN_PLACEHOLDERS and placeholders(vi) != placeholders(en):
            wrong.append(f"{code}: {sorted(placeholders(vi))} in Vietnamese, {sorted(placeholders(en))} in English")
        if bool(vi.strip()) != bool(en.strip()):  # a text that adds nothing in one language adds nothing in the other
            wrong.append(f"{code}: one language is empty")
    assert not wrong, "\n".join(wrong)
    for code in OWN_PLACEHOLDERS:  # the exceptions do not rot
        vi, en = CATALOGUE[code]
        assert placeholders(vi) != placeholders(en), code


def test_every_message_is_used() -> None:
    used = literal_texts()
    unused = [
        code
        for code in sorted(CATALOGUE)
        if code not in used
        and not any(code.startswith(p) for p in DYNAMIC)
        and not any(code.endswith(s) and code.removesuffix(s) in CATALOGUE for s in SUFFIXES)
    ]
    assert not unused, f"messages no code says (remove them, or list how they are built in DYNAMIC): {unused}"


def test_each_dynamic_prefix_is_built_by_the_code() -> None:
    """The list of built codes does not rot: each prefix is really built, and still names messages."""
    built = built_prefixes()
    for prefix in DYNAMIC:
        assert any(b.startswith(prefix) or (prefix.startswith(b) and b.endswith((".", "_"))) for b in built), prefix
        assert any(code.startswith(prefix) for code in CATALOGUE), prefix
    for suffix in SUFFIXES:
        assert suffix in built, suffix


def test_a_code_defined_twice_is_refused() -> None:
    with pytest.raises(KeyError, match=re.escape("'a.b' is defined twice: in one and in two")):
        messages._merge({"one": {"a.b": ("x", "x")}, "two": {"a.b": ("y", "y")}})


def test_each_area_holds_only_its_texts() -> None:
    """An area's module is data: a dict of code -> (Vietnamese, English), nothing that runs or registers."""
    for path in sorted(CATALOGUE_DIR.glob("*.py")):
        if path.name == "__init__.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = [_callee(n) for n in ast.walk(tree) if isinstance(n, ast.Call)]
        # lint's texts for a refused scheme are the loader's, read from core's dict by their codes
        assert set(calls) <= {"update", "items", "removesuffix", "removeprefix"}, (path.name, calls)
        assert "MESSAGES" in {
            t.id for n in ast.walk(tree) if isinstance(n, ast.AnnAssign) for t in [n.target] if isinstance(t, ast.Name)
        }
