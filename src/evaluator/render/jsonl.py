"""``rank --format jsonl``: JSON Lines — the run's header on the first line, then one unit per line.

The first line is ``{"header": {...}}`` with exactly the keys the JSON output has before its
results (criteria, scheme, engine, options, parameters, ties, warnings); every following line
is one unit's record exactly as in the JSON output's ``results`` array, in the same order
(``tail -n +2`` gives the records alone). Each line is ``json.dumps`` with ``ensure_ascii=False``:
UTF-8, no line breaks inside a record.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator

from ..decision import Run
from ..gcpause import gc_paused
from ..messages import Lang
from ..unitjson import UnitEncoder

__all__ = ["iter_jsonl"]


def iter_jsonl(run: Run, lang: Lang) -> Iterator[str]:
    """The lines of the JSON Lines output, each ending in a newline, a unit at a time."""
    dump = functools.partial(json.dumps, ensure_ascii=False)
    unit = UnitEncoder(lang).unit
    with gc_paused():
        yield dump({"header": run.to_dict_header(lang)}) + "\n"
        for d in run.results:
            yield unit(d) + "\n"
