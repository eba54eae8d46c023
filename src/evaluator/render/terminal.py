"""Text from users shown on a terminal exactly as written, and nothing more.

Names, evidence, reasons and messages can carry what a terminal would act on: rich
markup (``[/b]`` in a unit's name), escape sequences (``ESC [ … m`` colours, ``ESC ] …``
titles, cursor moves), BEL and other C0 and C1 control characters. :func:`terminal_safe`
removes escape sequences and control characters (a tab becomes a space; line breaks
stay); :func:`literal` makes a rich ``Text`` that is never read as markup.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

__all__ = ["literal", "terminal_safe"]

_SEQUENCES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: ESC [ parameters intermediates final
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: ESC ] … BEL or ST
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC: ESC P|X|^|_ … ST
    r"|\x1b[ -/]*[0-~]?"  # any other escape: ESC, intermediates, final
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """``text`` without escape sequences or control characters (tabs become spaces; newlines stay)."""
    if text.isprintable():
        return text
    return _CONTROLS.sub("", _SEQUENCES.sub("", text.replace("\t", " ")))


def literal(text: str, style: str = "") -> Text:
    from rich.text import Text

    """``text`` for a rich table or console: shown as written, markup and controls inert."""
    return Text(terminal_safe(text), style=style)
