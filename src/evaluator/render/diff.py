"""The changes between two runs (``evaluator diff``) as a table or as JSON: each unit whose level
or rank changes, what changed and why. Text from the inputs is shown literally."""

from __future__ import annotations

import json
from collections.abc import Sequence

from rich.table import Table

from ..decision import Run
from ..messages import Lang, render
from ..whatif import Change
from .terminal import literal

__all__ = ["diff_json", "diff_table"]


def diff_table(changes: Sequence[Change], lang: Lang) -> Table:
    """One row per changed unit: the unit, its name, what changed, why."""
    table = Table(show_lines=True)
    for label in ("ui.unit", "ui.name", "ui.changes", "ui.why"):
        table.add_column(render(label, lang), overflow="fold")
    for c in changes:
        table.add_row(
            literal(f"{c.unit} ({c.year})"),
            literal(c.name),
            literal("\n".join(r.text(lang) for r in c.what)),
            literal("\n".join(r.text(lang) for r in c.why)),
        )
    return table


def diff_json(changes: Sequence[Change], old: Run, new: Run, lang: Lang) -> str:
    """The two versions compared and every change, as JSON (no final newline)."""
    out = {
        "old": {**old.criteria, "scheme": old.scheme},
        "new": {**new.criteria, "scheme": new.scheme},
        "changes": [c.to_dict(lang) for c in changes],
    }
    return json.dumps(out, ensure_ascii=False, indent=2)
