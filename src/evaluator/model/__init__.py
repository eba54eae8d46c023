"""Validated models of what users write: criteria sets, schemes, scorecards, overrides."""

from .common import StrictModel, Titles
from .criteria import CriteriaSet, Criterion, Indicator, Parameter, ParameterValue
from .scheme import Level, Quota, Scheme, SortKey, Veto
from .scorecard import Override, OverridesFile, QuotaGrant, Scorecard, TieSettlement

__all__ = [
    "CriteriaSet",
    "Criterion",
    "Indicator",
    "Level",
    "Override",
    "OverridesFile",
    "Parameter",
    "ParameterValue",
    "Quota",
    "QuotaGrant",
    "Scheme",
    "Scorecard",
    "SortKey",
    "StrictModel",
    "TieSettlement",
    "Titles",
    "Veto",
]
