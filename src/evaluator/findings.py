"""Running the compiled criteria over checked scorecards: one finding per criterion per unit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import expr as E
from .backends import Card
from .decision import POINTS_DECIMALS, Failing, Finding, show_value
from .errors import DefinitionError, Location, ParameterMissingError, Problem, ScorecardError
from .ir import CriterionIR, Match, rule_id
from .limits import BOUND, exact
from .load import Criteria
from .params import Resolved, region_text, resolve
from .scorecards import Submitted
from .wording import Observed, Requirement, Vocabulary

__all__ = ["FindingBuilder"]

# Per criterion, for one region and year: the threshold as an expression, the parameters, the threshold in words.
_Static = tuple[str | None, tuple[Resolved, ...], Requirement | None]


class _Overflow(Exception):
    """A points formula gave no usable number for one scorecard (located by the caller)."""

    def __init__(self, criterion: str):
        super().__init__(criterion)
        self.criterion = criterion


class _NoBand(Exception):
    """A value that no band of a ``bands:`` criterion covers (located by the caller)."""

    def __init__(self, it: CriterionIR, value: Any):
        super().__init__(it.id)
        self.it = it
        self.value = value


class FindingBuilder:
    """Findings for scorecards under one criteria set, from the matches a backend gives."""

    def __init__(self, criteria: Criteria, extra_params: tuple[str, ...] = ()):
        self.criteria = criteria
        self.used_params = frozenset(p for it in criteria.items for p in it.params)
        self.all_params = self.used_params | frozenset(extra_params)  # those the scheme uses too
        self.vocab = criteria.vocabulary
        self._params: dict[tuple[str | None, int], dict[str, Resolved]] = {}
        self._thresholds: dict[tuple[Any, ...], str] = {}
        self._words: dict[tuple[Any, ...], Requirement] = {}
        self._per_context: dict[tuple[str | None, int], list[_Static]] = {}

    # -- parameters

    def parameters(self, region: str | None, year: int) -> dict[str, Resolved]:
        key = (region, year)
        if key not in self._params:
            model = self.criteria.model
            self._params[key] = {
                name: resolve(name, model.parameters[name], region, year, model.parameters)
                for name in sorted(self.all_params)
            }
        return self._params[key]

    def check_parameters(self, cards: Sequence[Submitted]) -> None:
        """Refuse to rate when a threshold has no value for some unit's region and year."""
        problems: list[Problem] = []
        seen: set[tuple[str, str | None, int]] = set()
        for sub in cards:
            for name, res in self.parameters(sub.card.region, sub.card.year).items():
                for root in res.missing_roots():
                    key = (root.name, sub.card.region, sub.card.year)
                    if key in seen:
                        continue
                    seen.add(key)
                    source = root.entry.source if root.entry is not None and root.entry.source else self.criteria.path
                    params = {
                        "name": root.name,
                        "region": sub.card.region,
                        "where": region_text(sub.card.region),
                        "year": sub.card.year,
                        "file": source,
                    }
                    if root.name != name:
                        params["name"] = f"{root.name} ({name})"
                    problems.append(
                        Problem("param.missing", Location(file=source, field=f"parameters.{root.name}"), params)
                    )
        if problems:
            raise ParameterMissingError(problems)

    # -- what backends are given

    def card(self, sub: Submitted) -> Card:
        """``sub`` as a backend sees it: its indicators and the values of the parameters the criteria use."""
        params = self.parameters(sub.card.region, sub.card.year)
        return Card(sub.card.unit, sub.values, {n: r.value for n, r in params.items() if n in self.used_params})

    # -- findings

    def _static(self, region: str | None, year: int) -> list[_Static]:
        """Per criterion: its threshold (as an expression and in words) and the parameter values,
        for one region and year."""
        key = (region, year)
        if key not in self._per_context:
            params = self.parameters(region, year)
            rows = []
            for it in self.criteria.items:
                used = tuple(params[p] for p in it.params if not it.assumed or p in E.names(it.node))
                rows.append((self.threshold(it, used), used, self.requirement(it, used)))
            self._per_context[key] = rows
        return self._per_context[key]

    def findings(self, sub: Submitted, metas: Sequence[Match]) -> list[Finding]:
        params = self.parameters(sub.card.region, sub.card.year)
        static = self._static(sub.card.region, sub.card.year)
        values = sub.values
        try:
            return [
                self._finding(it, meta, values, params, row)
                for it, meta, row in zip(self.criteria.items, metas, static, strict=True)
            ]
        except _Overflow as exc:
            where = sub.location
            raise ScorecardError(
                Problem(
                    "points.overflow",
                    where,
                    {"criterion": exc.criterion, "unit": sub.card.unit, "year": sub.card.year, "bound": BOUND},
                )
            ) from None
        except _NoBand as exc:
            # The criteria's fault (a gap between bands), met by this unit's value.
            it = exc.it
            raise DefinitionError(
                Problem(
                    "points.no_band",
                    self.criteria.locate(("criteria", it.index, "bands")),
                    {
                        "criterion": it.id,
                        "value": show_value(exc.value),
                        "unit": sub.card.unit,
                        "year": sub.card.year,
                        "bands": self._bands_text(it, params),
                    },
                )
            ) from None

    def _finding(
        self,
        it: CriterionIR,
        meta: Match,
        values: dict[str, Any],
        params: dict[str, Resolved],
        row: _Static,
    ) -> Finding:
        threshold, used, words = row
        fields = it.fields
        if len(fields) == 1:
            value: Any = values.get(fields[0])
        elif fields:
            value = {f: values.get(f) for f in fields}
        else:
            value = None
        absent: tuple[str, ...] = ()
        status, by_absence = meta.status, False
        if status == "missing":
            absent = tuple(f for f in fields if f not in values)
            if it.if_missing != "missing":
                status, by_absence = it.if_missing, True
        points = None
        if status == "noband":
            raise _NoBand(it, value)
        if status == "scored":
            scope = {**values, **{n: r.value for n, r in params.items()}} if it.params else values
            raw = float(it.term_formulas[meta.term](scope) if it.stepped else it.compute(scope))
            if not exact(raw):  # inf, nan, or beyond ±2**53: never 'Infinity' in a score
                raise _Overflow(it.id)
            points = round(raw, POINTS_DECIMALS)
            if it.stepped:
                threshold, words = self._band(it, meta.term, used)
        assumed: dict[str, Any] = {}
        if it.assumed and status in ("pass", "fail"):
            left_out = it.absent_for(status, meta.term)
            if left_out:
                assumed = it.assumed_values(left_out, {n: r.value for n, r in params.items()})
                absent = tuple(f for f in fields if f in left_out)
                threshold, used = self.assumed_threshold(it, assumed, params)
                words = Requirement(it.node, {**{r.name: r.value for r in used}, **assumed}, self.vocab)
                values = {**values, **assumed}
        failing: tuple[Failing, ...] = ()
        if meta.status == "fail" and isinstance(it.node, E.And):
            failing = self.failing_parts(it, values, params, self.vocab)
        return Finding(
            it.id,
            it.kind,
            status,
            value,
            threshold,
            used,
            points,
            it.model.reference,
            absent,
            by_absence,
            rule_id(meta),
            failing,
            tuple(assumed.items()),
            words,
        )

    def assumed_threshold(
        self, it: CriterionIR, assumed: dict[str, Any], params: dict[str, Resolved]
    ) -> tuple[str | None, tuple[Resolved, ...]]:
        """The condition with the assumed values and the parameters written in, and the parameters used."""
        names = set(E.names(it.node)) | {v for n, v in it.assumed if n in assumed and isinstance(v, str)}
        used = tuple(params[p] for p in it.params if p in names)
        return E.render(it.node, {**{r.name: r.value for r in used}, **assumed}), used

    @staticmethod
    def failing_parts(
        it: CriterionIR, values: dict[str, Any], params: dict[str, Resolved], vocab: Vocabulary
    ) -> tuple[Failing, ...]:
        """For a failed ``a and b and c``: each part that fails, with thresholds written in, the
        observed values, and both in words.

        Explanation only: the status itself always comes from the rules engine.
        """
        assert isinstance(it.node, E.And)
        scope = {**values, **{n: r.value for n, r in params.items()}}
        subst = {n: r.value for n, r in params.items() if n in it.params}
        out = []
        for part in it.node.items:
            if not E.evaluate(part, scope):
                used = [n for n in E.names(part) if n in values]
                now = values[used[0]] if len(used) == 1 else {n: values[n] for n in used}
                observed = Observed(tuple((n, values[n]) for n in used), vocab)
                out.append(Failing(E.render(part, subst), now, Requirement(part, subst, vocab), observed))
        return tuple(out)

    def _band(self, it: CriterionIR, term: int, used: tuple[Resolved, ...]) -> tuple[str, Requirement]:
        """The band (or ``if`` branch) a points criterion's value fell in, with this unit's
        parameter values written in: the conditions of the rule that matched (and in words)."""
        key = (it.index, -1 - term, tuple(_hashable(r.value) for r in used))
        if key not in self._thresholds:
            from .ir import band_text

            subst = {r.name: r.value for r in used}
            if it.term_bands and it.band_value is not None:
                cond = it.band_conds[it.term_bands[term]]
                text = band_text(it.band_value, cond, subst)
                words = Requirement(cond, subst, self.vocab, must=False, band_value=it.band_value)
            else:
                literals = it.scored_terms[term]
                text = " and ".join(E.render(lit, subst) for lit in literals)
                node = E.And(tuple(literals)) if len(literals) != 1 else literals[0]
                words = Requirement(node if literals else E.Bool(True), subst, self.vocab, must=False)
            self._thresholds[key] = text
            self._words[key] = words
        return self._thresholds[key], self._words[key]

    def _bands_text(self, it: CriterionIR, params: dict[str, Resolved]) -> str:
        """The bands of a ``bands:`` criterion as they apply to one unit (for the no-band error)."""
        from .ir import band_text

        subst = {n: params[n].value for n in it.params}
        assert it.band_value is not None  # only 'bands:' has values in no band
        return "; ".join(band_text(it.band_value, cond, subst) for cond in it.band_conds)

    def requirement(self, it: CriterionIR, used: tuple[Resolved, ...]) -> Requirement | None:
        """The condition in words with this unit's parameter values written in."""
        if it.kind != "condition":
            return None
        key = (it.index, tuple(_hashable(r.value) for r in used))
        if key not in self._words:
            self._words[key] = Requirement(it.node, {r.name: r.value for r in used}, self.vocab)
        return self._words[key]

    def threshold(self, it: CriterionIR, used: tuple[Resolved, ...]) -> str | None:
        """The condition with this unit's parameter values written in."""
        if it.kind != "condition":
            return None
        key = (it.index, tuple(_hashable(r.value) for r in used))
        if key not in self._thresholds:
            self._thresholds[key] = E.render(it.node, {r.name: r.value for r in used})
        return self._thresholds[key]


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value
