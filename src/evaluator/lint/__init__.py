"""Static checks of criteria and scheme files: what loads fine but is probably wrong.

``evaluator lint criteria/ rules/`` reads every criteria and scheme file (a criteria
file is paired with the scheme its ``default_scheme`` names) and reports findings, each
with a stable code, a severity, file:line and a suggested fix, in Vietnamese or English.

Level bands. Levels are listed best first; a unit gets the first level whose
``min_score`` and required criteria hold, and the last level is the fallback. The score
band of a level is [its min_score, the min_score of the level above); a level without
``min_score`` has no floor. On that reading:

============================  ========  ===================================================
code                          severity  finding
============================  ========  ===================================================
lint.band_overlap             error     a level needs a higher score than a better level
                                        (or the better level has no floor): the bands cross
lint.band_empty               warning   two adjacent levels need the same score: the worse
                                        one's band is empty, only its criteria tell them apart
lint.band_gap                 warning   a level requires a criterion the level above neither
                                        requires nor implies: a unit meeting the better
                                        level's criteria but scoring in this band falls
                                        through to a lower level
lint.level_unreachable        error     whenever a level's conditions hold, a better level's
                                        hold too (its floor is no higher and its criteria are
                                        required or implied here): the level is never given
                                        (a level that vetoes or the quota move units to is
                                        reached that way and is not reported)
lint.score_unreachable        error     min_score is above the highest score the points
                                        criteria can give (their ``max_points`` or the
                                        formula over the indicators' ranges)
lint.max_points               warning   ``max_points`` differs from what the formula can give
                                        over the indicators' ranges
lint.points_band_gap          error     values of a ``bands:`` criterion's value that no band
                                        holds (a unit with one stops the rating)
lint.points_band_overlap      error     two bands of a ``bands:`` criterion hold the same values
                                        (the first listed gives the points)
lint.points_band_empty        warning   a band holds no value of the range of its value
lint.unused_indicator         warning   an indicator no criterion uses and no sort key names
lint.unused_parameter         warning   a parameter no criterion uses
lint.threshold_range          error     a condition compares an indicator with a constant
                                        outside the indicator's range (``pct >= 120``)
lint.param_range              error     a parameter value lies outside the range of an
                                        indicator it is compared with
lint.condition_constant       warning   a condition on one indicator holds always, or never,
                                        over the indicator's range
lint.param_open               info      a national set leaves a parameter ``null`` for some
                                        regions/years: a province must fill it (in its overlay)
                                        before units there can be rated — by design, not a defect
lint.param_missing            warning   a parameter has no value for a declared region or a year
                                        in force: no entry applies, or an overlay leaves a
                                        national ``null`` open
lint.reference_missing        warning   a criterion, parameter (value), level, veto or quota
                                        has no legal ``reference``
lint.reference_unsourced      warning   in a file that names its sources list (``sources:``),
                                        a reference carries no ``[src:ID]`` tag
lint.reference_unknown        error     a ``[src:ID]`` tag names no entry of the sources list
lint.sources_invalid          error     the sources list the file names cannot be read, has
                                        no entry, or gives an id twice
lint.sources_missing          warning   references carry ``[src:ID]`` tags but the file does
                                        not say where its sources list is (``sources:``)
lint.order_not_total          error     ``ranking`` or ``keep_order`` does not end with ``unit``
lint.band_not_finite          error     a ``min_score`` is ``.inf`` or ``.nan``
lint.veto_best_level          error     a veto names the best level
lint.veto_raises              error     a veto forces a level other than the lowest (it would
                                        raise a unit rated below it)
lint.quota_empty_base         error     ``quota.counted_against`` is empty
lint.demote_not_lower         error     ``quota.demote_to`` is not below the quota level
lint.duplicate_entry          error     an entry listed twice in ``score``, ``counted_against``,
                                        ``keep_order`` or ``ranking``
============================  ========  ===================================================

The last seven are what :func:`evaluator.load.load_scheme` refuses (``scheme.*``, exit 3);
lint reports them with the loader's message rather than stopping at the file.

Which "implies" is decided exactly for conditions on one and the same indicator
(comparisons with constants and parameters, per region and year); otherwise only a
criterion implies itself. Exit status (CLI): 1 on any error, and on warnings too with
``--strict`` (notes never fail); 3 when a file does not load at all (its problems are listed).
"""

from __future__ import annotations

from .criteria import lint_criteria
from .paths import lint_paths
from .report import SEVERITY, LintReport, finding
from .scheme import lint_scheme
from .sources import lint_sources

__all__ = ["SEVERITY", "LintReport", "finding", "lint_criteria", "lint_paths", "lint_scheme", "lint_sources"]
