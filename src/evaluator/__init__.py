"""evaluator — rate grassroots organisations against criteria written in YAML.

Criteria and classification schemes are read from YAML, compiled to rules that a backend
(:mod:`evaluator.backends`) runs on unit scorecards; every unit gets a level, a rank and its reasons.

Typical use::

    import evaluator

    run = evaluator.rate("criteria/qd366-collective.yaml", ["examples/scorecards"])
    for d in run.results:
        print(d.unit, d.level, d.score, d.rank)
    print(run.to_json(lang="en"))

Scorecards can also be given as mappings (records from a database)::

    run = evaluator.rate("criteria/qd366-collective.yaml", [{"unit": "u1", ...}, ...])

Errors (all subclasses of :class:`EvaluatorError`) carry located, bilingual problems.
Every function exported here raises nothing else: an unexpected exception inside one
becomes an :class:`InternalError` chained to the original (see :mod:`evaluator.errors`).
"""

from . import load as _load
from . import records as _records
from . import scorecards as _scorecards
from .api import default_scheme_path as _default_scheme_path
from .api import evaluate, guarded, rate
from .decision import Decision, Finding, GapItem, Reason, Run
from .errors import (
    DefinitionError,
    EngineInvariantError,
    EvaluatorError,
    InternalError,
    Location,
    OutputError,
    ParameterMissingError,
    Problem,
    RecordsFileError,
    ScorecardError,
    UsageError,
)
from .load import BoundScheme, Criteria
from .options import Link, RunOptions
from .scorecards import CheckOptions, Submitted
from .tabular import TABULAR_SUFFIXES as _TABULAR  # noqa: F401  (registers the .xlsx and .csv readers)

# The public face: these raise only EvaluatorError subclasses (see evaluator.api.guarded).
bind_scheme = guarded(_load.bind_scheme)
check_records = guarded(_records.check_records)
check_scorecards = guarded(_scorecards.check_scorecards)
default_scheme_path = guarded(_default_scheme_path)
load_criteria = guarded(_load.load_criteria)
load_overrides = guarded(_load.load_overrides)
read_scorecards = guarded(_scorecards.read_scorecards)

__version__ = "0.1.0"

__all__ = [
    "BoundScheme",
    "CheckOptions",
    "Criteria",
    "Decision",
    "DefinitionError",
    "EngineInvariantError",
    "EvaluatorError",
    "Finding",
    "GapItem",
    "InternalError",
    "Link",
    "Location",
    "OutputError",
    "ParameterMissingError",
    "Problem",
    "Reason",
    "RecordsFileError",
    "Run",
    "RunOptions",
    "ScorecardError",
    "Submitted",
    "UsageError",
    "bind_scheme",
    "check_records",
    "check_scorecards",
    "default_scheme_path",
    "evaluate",
    "load_criteria",
    "load_overrides",
    "rate",
    "read_scorecards",
]
