"""evaluator — rate grassroots organisations against criteria written in YAML.

Criteria and classification schemes are read from YAML, compiled to durable_rules
rules, run on unit scorecards; every unit gets a level, a rank and its reasons.

Typical use::

    import evaluator

    run = evaluator.rate("criteria/qd366-collective.yaml", ["examples/scorecards"])
    for d in run.results:
        print(d.unit, d.level, d.score, d.rank)
    print(run.to_json(lang="en"))

Errors (all subclasses of :class:`EvaluatorError`) carry located, bilingual problems.
"""

from .api import default_scheme_path, evaluate, rate
from .decision import Decision, Finding, GapItem, Reason, Run
from .errors import (
    DefinitionError,
    EngineInvariantError,
    EvaluatorError,
    Location,
    ParameterMissingError,
    Problem,
    ScorecardError,
)
from .load import BoundScheme, Criteria, bind_scheme, load_criteria, load_overrides
from .scorecards import Submitted, check_scorecards, read_scorecards
from .tabular import TABULAR_SUFFIXES as _TABULAR  # noqa: F401  (registers the .xlsx and .csv readers)

__version__ = "0.1.0"

__all__ = [
    "BoundScheme",
    "Criteria",
    "Decision",
    "DefinitionError",
    "EngineInvariantError",
    "EvaluatorError",
    "Finding",
    "GapItem",
    "Location",
    "ParameterMissingError",
    "Problem",
    "Reason",
    "Run",
    "ScorecardError",
    "Submitted",
    "bind_scheme",
    "check_scorecards",
    "default_scheme_path",
    "evaluate",
    "load_criteria",
    "load_overrides",
    "rate",
    "read_scorecards",
]
