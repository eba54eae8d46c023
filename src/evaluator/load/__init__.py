"""Reading criteria sets, schemes and overrides: file → model → checked intermediate form.

:mod:`.read` reads one document into its model; :mod:`.checked` checks and compiles a criteria
set; :mod:`.overlay` applies a provincial overlay; :mod:`.criteria` loads a criteria file (either
kind); :mod:`.scheme` reads, checks and binds a scheme; :mod:`.decisions` reads the recorded
decisions of an overrides file.
"""

from __future__ import annotations

from .checked import Criteria
from .criteria import load_criteria
from .decisions import load_overrides, load_quota_grants, load_tie_settlements
from .scheme import BoundScheme, bind_scheme, load_scheme, read_scheme, scheme_problems

__all__ = [
    "BoundScheme",
    "Criteria",
    "bind_scheme",
    "load_criteria",
    "load_overrides",
    "load_quota_grants",
    "load_scheme",
    "load_tie_settlements",
    "read_scheme",
    "scheme_problems",
]
