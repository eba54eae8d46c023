"""What every renderer shows of a decision, in one place: the terminal table, the explanation,
the results workbook and the printable report all read their texts from here.

A level reads as its title ("Hoàn thành tốt nhiệm vụ"), a score and points in the language's
number form (``87,5``), a finding as its criterion's title, its result, the values the unit gave
(by indicator title), its condition in words and its legal reference; a threshold as its
title, value and why it applied (region, years, reference, file).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..decision import Decision, Finding
from ..load import Criteria
from ..messages import Lang, render
from ..params import Resolved
from ..text import number, years_text
from ..wording import Formula

__all__ = ["FindingRow", "finding_rows", "gap_texts", "level_text", "param_text", "reason_texts", "score_text"]


def level_text(d: Decision, lang: Lang) -> str:
    """The unit's level by its title, or "chưa đủ số liệu" for an incomplete unit."""
    if d.status != "rated" or d.level is None:
        return render("ui.incomplete", lang)
    return d.level_titles[d.level].get(lang)


def score_text(d: Decision, lang: Lang) -> str:
    """The score (``87,5``), or the criteria met (``17/19``) where the scheme counts them instead."""
    if d.score is not None:
        return number(d.score, lang)
    if d.criteria_met is not None:
        return f"{d.criteria_met[0]}/{d.criteria_met[1]}"
    return ""


@dataclass(frozen=True)
class FindingRow:
    """One finding as people read it."""

    criterion: str  # the id, for programs and colours; never shown to people on its own
    title: str
    status: str
    result: str
    values: list[str]  # one line per indicator ("Tiêu chí chung 1 …: 4") or the value alone
    condition: str
    points: str
    reference: str


def _values(f: Finding, criteria: Criteria, lang: Lang) -> list[str]:
    """The values the unit gave, by indicator: the value alone for one indicator, else a line each;
    a value left out and taken as the criterion assumes says so."""
    vocab = criteria.vocabulary
    fields = criteria.item(f.criterion).fields
    taken = dict(f.assumed)
    given = {fields[0]: f.value} if len(fields) == 1 else dict(f.value or {})

    def shown(name: str) -> str:
        if name in taken:
            return render("value.taken", lang, value=vocab.value(name, taken[name], lang))
        return vocab.value(name, given.get(name), lang)

    if len(fields) == 1:
        return [shown(fields[0])]
    return [render("ui.value_line", lang, name=short_title(vocab.title(n, lang)), value=shown(n)) for n in fields]


def short_title(title: str) -> str:
    """A title's head, before its explanation: "Tiêu chí chung 1" of "Tiêu chí chung 1 — xây dựng Đảng…"."""
    head = title.split(" — ", 1)[0].strip()
    return head or title


def finding_rows(d: Decision, criteria: Criteria, lang: Lang) -> list[FindingRow]:
    return [
        FindingRow(
            criterion=f.criterion,
            title=criteria.item(f.criterion).model.title.get(lang),
            status=f.status,
            result=render("word." + f.status, lang),
            values=_values(f, criteria, lang),
            condition="" if f.words is None else f.words.get(lang),
            points="" if f.points is None else number(f.points, lang),
            reference=f.reference or "",
        )
        for f in d.findings
    ]


def reason_texts(d: Decision, lang: Lang) -> list[str]:
    return [r.text(lang) for r in d.reasons]


def gap_texts(d: Decision, lang: Lang) -> list[str]:
    return [g.get(lang) for g in d.gap]


def param_text(p: Resolved, criteria: Criteria, lang: Lang) -> str:
    """A threshold that applied: its title and value, and why (region, years, reference, file)."""
    vocab = criteria.vocabulary
    e = p.entry
    why: list[str] = []
    if e is not None and e.region:
        why.append(render("ui.param_region", lang, region=e.region))
    if e is not None and (e.from_year is not None or e.to_year is not None):
        why.append(years_text(e.from_year, e.to_year, lang))
    if not why:
        why.append(render("ui.param_everywhere", lang))
    if e is not None and e.formula:
        if e.formula.strip() in criteria.model.parameters:  # one parameter's value, by another name
            why.append(render("ui.param_same", lang, name=vocab.quoted(e.formula.strip(), lang)))
        else:
            why.append(render("ui.param_formula", lang, formula=Formula(e.formula, vocab).get(lang)))
    if e is not None and e.reference:
        why.append(render("ui.param_reference", lang, reference=e.reference))
    if e is not None and e.source:
        why.append(render("ui.param_file", lang, file=e.source))
    param = criteria.model.parameters.get(p.name)
    unit = param.unit if param is not None else None
    if isinstance(p.value, tuple):  # a list of levels: by the titles a rating gives them
        rating = next((n for n, t in vocab.terms.items() if t.choices and set(p.value) <= set(t.choices)), None)
        value = vocab.choice_list(rating, p.value, lang)
    elif isinstance(p.value, (int, float)):
        value = number(p.value, lang)
    else:
        value = vocab.value(None, p.value, lang)
    if isinstance(p.value, (int, float)) and unit is not None:
        text_unit = unit if isinstance(unit, str) else unit.get(lang)
        value += text_unit if text_unit == "%" else f" {text_unit}"
    text = render("ui.param_source", lang, name=vocab.title(p.name, lang), value=value, why="; ".join(why))
    return text + "".join(f"\n      ← {param_text(dep, criteria, lang)}" for dep in p.via)
