"""Message catalogue: every error and reason text, in Vietnamese and English.

A message is chosen by its stable code and filled from named parameters, so
programs match on codes and people read sentences. Vietnamese is the default.

The texts live in one module per area (``core``, ``model``, ``lint``, ``store``…), each holding
only a ``MESSAGES`` dict of ``code -> (Vietnamese, English)``. This module imports every one of
them by name and merges them into :data:`CATALOGUE`, refusing a code defined twice, so which
messages exist never depends on what else was imported. To add a message: put it in its area's
``MESSAGES`` (a new area is a new module here, imported and listed in ``_AREAS``), with a natural
Vietnamese text and a clean English one using the same ``{placeholders}``;
``tests/test_messages.py`` checks that every code the code uses is there and every one there is used.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from .casetests import MESSAGES as CASETESTS
from .catalog import MESSAGES as CATALOG
from .cli import MESSAGES as CLI
from .core import MESSAGES as CORE
from .links import MESSAGES as LINKS
from .lint import MESSAGES as LINT
from .model import MESSAGES as MODEL
from .output import MESSAGES as OUTPUT
from .overlay import MESSAGES as OVERLAY
from .records import MESSAGES as RECORDS
from .render import MESSAGES as RENDER
from .service import MESSAGES as SERVICE
from .store import MESSAGES as STORE
from .sweep import MESSAGES as SWEEP
from .tabular import MESSAGES as TABULAR
from .whatif import MESSAGES as WHATIF
from .wording import MESSAGES as WORDING

__all__ = ["CATALOGUE", "LANGS", "Lang", "render"]

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")

# Each area's texts, by the area's name (the module in this package).
_AREAS: dict[str, Mapping[str, tuple[str, str]]] = {
    "core": CORE,
    "model": MODEL,
    "wording": WORDING,
    "overlay": OVERLAY,
    "links": LINKS,
    "whatif": WHATIF,
    "sweep": SWEEP,
    "records": RECORDS,
    "catalog": CATALOG,
    "tabular": TABULAR,
    "render": RENDER,
    "output": OUTPUT,
    "cli": CLI,
    "lint": LINT,
    "casetests": CASETESTS,
    "store": STORE,
    "service": SERVICE,
}


def _merge(areas: Mapping[str, Mapping[str, tuple[str, str]]]) -> dict[str, tuple[str, str]]:
    """One catalogue of every area's texts; a code defined in two areas is a bug, refused at import."""
    out: dict[str, tuple[str, str]] = {}
    where: dict[str, str] = {}
    for area, entries in areas.items():
        for code, texts in entries.items():
            if code in where:
                raise KeyError(f"message code {code!r} is defined twice: in {where[code]} and in {area}")
            where[code] = area
            out[code] = texts
    return out


# code -> (Vietnamese, English)
CATALOGUE: dict[str, tuple[str, str]] = _merge(_AREAS)


def render(code: str, lang: Lang = "vi", **params: Any) -> str:
    """The message for ``code`` in ``lang``, filled from ``params``."""
    try:
        vi, en = CATALOGUE[code]
    except KeyError:
        raise KeyError(f"no message for code {code!r}") from None
    template = vi if lang == "vi" else en
    try:
        return template.format(**params)
    except (KeyError, IndexError) as exc:  # a catalogue bug, not a user error
        raise KeyError(f"message {code!r} needs parameter {exc}") from None
