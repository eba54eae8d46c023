"""The columnar backend (``--engine columnar``): the criteria compiled from the intermediate form
(:mod:`evaluator.ir`) to numpy functions over columns, matched a batch at a time.

Same shape as the other backends: :func:`compile_matcher` (the intermediate form and the
parameters read → a matcher), :meth:`ColumnarMatcher.match` (a batch → findings per scorecard),
:meth:`ColumnarMatcher.describe`.
"""

from .matcher import BACKEND, ColumnarMatcher, compile_matcher

__all__ = ["BACKEND", "ColumnarMatcher", "compile_matcher"]
