"""Conditions, values and orders in words: what each form says, in both languages, and that no
condition ever shows an indicator's id or a missing value as None — over conditions hypothesis writes."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator import expr as E
from evaluator.text import Bilingual, number, years_text
from evaluator.wording import Observed, Order, Requirement, Term, Value, Vocabulary

VOCAB = Vocabulary(
    {
        "late_pct": Term(Bilingual("Tỷ lệ nhiệm vụ chậm tiến độ", "Share of tasks late"), "percent", low=0, high=100),
        "pts_total": Term(Bilingual("Tổng điểm đánh giá", "Total points"), "pts_total", low=0, high=100),
        "n_members": Term(Bilingual("Số đảng viên", "Members"), "count", low=0),
        "n_weak": Term(Bilingual("Số tổ chức yếu kém", "Weak sub-organisations"), "count", low=0),
        "income_pc": Term(
            Bilingual("Thu nhập bình quân", "Income per capita"),
            "number",
            unit=Bilingual("triệu đồng/người/năm", "million VND per person per year"),
        ),
        "disunity_yn": Term(Bilingual("Có kết luận mất đoàn kết", "Disunity concluded"), "yesno"),
        "rating_lv": Term(
            Bilingual("Mức xếp loại của Đảng bộ", "Rating of the party committee"),
            "rating",
            choices={
                "htt": Bilingual("Hoàn thành tốt nhiệm vụ", "Good"),
                "ht": Bilingual("Hoàn thành nhiệm vụ", "Completed"),
            },
        ),
    },
    {"limit_p": Bilingual("Ngưỡng", "Limit")},
)


def said(text: str, lang: str = "vi", subst: dict | None = None, must: bool = True) -> str:
    return Requirement(E.parse(text), subst or {}, VOCAB, must).get(lang)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "vi", "en"),
    [
        (
            "late_pct >= 30",
            "Tỷ lệ nhiệm vụ chậm tiến độ phải từ 30% trở lên",
            "The share of tasks late must be at least 30%",
        ),
        ("late_pct > 30", "Tỷ lệ nhiệm vụ chậm tiến độ phải trên 30%", "The share of tasks late must be more than 30%"),
        (
            "late_pct <= 20",
            "Tỷ lệ nhiệm vụ chậm tiến độ không được quá 20%",
            "The share of tasks late must be at most 20%",
        ),
        ("late_pct < 20", "Tỷ lệ nhiệm vụ chậm tiến độ phải dưới 20%", "The share of tasks late must be less than 20%"),
        ("late_pct == 0", "Tỷ lệ nhiệm vụ chậm tiến độ phải bằng 0%", "The share of tasks late must be 0%"),
        ("late_pct != 5", "Tỷ lệ nhiệm vụ chậm tiến độ phải khác 5%", "The share of tasks late must not be 5%"),
        (
            "30 <= late_pct",
            "Tỷ lệ nhiệm vụ chậm tiến độ phải từ 30% trở lên",
            "The share of tasks late must be at least 30%",
        ),
        ("late_pct >= 100", "Tỷ lệ nhiệm vụ chậm tiến độ phải bằng 100%", "The share of tasks late must be 100%"),
        ("n_members <= 0", "Số đảng viên phải bằng 0", "The number of members must be 0"),
        (
            "income_pc >= 45.5",
            "Thu nhập bình quân phải từ 45,5 triệu đồng/người/năm trở lên",
            "The income per capita must be at least 45.5 million VND per person per year",
        ),
        (
            "n_members >= n_weak",
            "Số đảng viên phải không ít hơn số tổ chức yếu kém",
            "The number of members must be at least the number of weak sub-organisations",
        ),
        (
            "3 * n_weak <= n_members",
            "3 × số tổ chức yếu kém không được nhiều hơn số đảng viên",
            "3 × the number of weak sub-organisations must be at most the number of members",
        ),
        ("not disunity_yn", "«Có kết luận mất đoàn kết» phải là Không", "'Disunity concluded' must be No"),
        ("disunity_yn", "«Có kết luận mất đoàn kết» phải là Có", "'Disunity concluded' must be Yes"),
        (
            "rating_lv == 'htt'",
            "Mức xếp loại của Đảng bộ phải là «Hoàn thành tốt nhiệm vụ»",
            "The rating of the party committee must be 'Good'",
        ),
        (
            "rating_lv != 'ht'",
            "Mức xếp loại của Đảng bộ không được là «Hoàn thành nhiệm vụ»",
            "The rating of the party committee must not be 'Completed'",
        ),
        (
            "rating_lv in ['htt', 'ht']",
            "Mức xếp loại của Đảng bộ phải là «Hoàn thành tốt nhiệm vụ» hoặc «Hoàn thành nhiệm vụ»",
            "The rating of the party committee must be 'Good' or 'Completed'",
        ),
        (
            "not (late_pct > 10 or n_members > 5)",
            "Tỷ lệ nhiệm vụ chậm tiến độ không được quá 10% và số đảng viên không được quá 5",
            "The share of tasks late must be at most 10% and the number of members must be at most 5",
        ),
    ],
)
def test_each_form_of_condition_in_both_languages(text: str, vi: str, en: str) -> None:
    assert said(text, "vi") == vi
    assert said(text, "en") == en


def test_thresholds_are_written_in_and_the_list_of_levels_reads_by_titles() -> None:
    assert said("pts_total >= limit_p", subst={"limit_p": 90.0}) == "Tổng điểm đánh giá phải từ 90 trở lên"
    listed = said("rating_lv in levels_p", subst={"levels_p": ("htt",)})
    assert listed == "Mức xếp loại của Đảng bộ phải là «Hoàn thành tốt nhiệm vụ»"


def test_a_band_is_one_range_and_says_what_holds() -> None:
    cond = E.And((E.Cmp(">=", E.Name("late_pct"), E.Num(90)), E.Cmp("<", E.Name("late_pct"), E.Num(95))))
    band = Requirement(cond, {}, VOCAB, must=False, band_value=E.Name("late_pct"))
    assert band.get("vi") == "Tỷ lệ nhiệm vụ chậm tiến độ từ 90% đến dưới 95%"
    assert band.get("en") == "The share of tasks late is from 90% to below 95%"


def test_a_long_condition_names_indicators_by_the_head_of_their_titles() -> None:
    vocab = Vocabulary(
        {
            f"g{i}": Term(Bilingual(f"Tiêu chí {i} — phần giải thích dài", f"Item {i} — long"), "pts_total")
            for i in range(3)
        }
    )
    text = Requirement(E.parse("g0 >= 1 and g1 >= 1 and g2 >= 1"), {}, vocab).get("vi")
    assert text == "Tiêu chí 0 phải từ 1 trở lên và tiêu chí 1 phải từ 1 trở lên và tiêu chí 2 phải từ 1 trở lên"
    assert "phần giải thích" in Requirement(E.parse("g0 >= 1"), {}, vocab).get("vi")


def test_values_as_people_write_them() -> None:
    assert Observed((("late_pct", 96.5),), VOCAB).get("vi") == "96,5%"
    assert (
        Observed((("n_members", 6826),), VOCAB).get("vi") == "6.826"
        and Observed((("n_members", 6826),), VOCAB).get("en") == "6826"
    )
    assert Observed((("late_pct", None),), VOCAB).get("vi") == "không có số liệu"
    two = Observed((("n_members", 7), ("n_weak", None)), VOCAB)
    assert two.get("vi") == "số đảng viên 7; số tổ chức yếu kém không có số liệu"
    taken = Observed((("n_members", 4),), VOCAB, (("n_weak", 5),))
    assert taken.get("vi") == "4 (không có số liệu «Số tổ chức yếu kém», lấy 5)"
    assert (
        Value("rating_lv", "htt", VOCAB).get("en") == "'Good'"
        and Value("disunity_yn", False, VOCAB).get("vi") == "Không"
    )
    assert Value("rating_lv", "kem", VOCAB).get("vi") == "«kem»"  # a choice with no title: quoted as written


def test_orders_and_years_in_words() -> None:
    order = Order((("score", True), ("late_pct", False), ("unit", False)), VOCAB)
    assert (
        order.get("vi")
        == "tổng điểm cao hơn, rồi tỷ lệ nhiệm vụ chậm tiến độ thấp hơn, rồi mã đơn vị theo bảng chữ cái"
    )
    assert order.get("en") == "higher total score, then lower share of tasks late, then unit id in alphabetical order"
    assert years_text(2020, 2020, "vi") == "năm 2020" and years_text(2016, 2019, "vi") == "2016–2019"
    assert years_text(2018, None, "en") == "from 2018" and years_text(None, None, "vi") == "mọi năm"
    assert number(-1234567.25, "vi") == "-1.234.567,25" and number(0.1 + 0.2, "en") == "0.30000000000000004"


NUMERIC = ["late_pct", "pts_total", "n_members", "n_weak", "income_pc"]


@st.composite
def conditions(draw: st.DrawFn, depth: int = 0) -> str:
    kind = draw(st.sampled_from(["cmp", "cmp", "yesno", "rating_lv"] + (["and", "or", "not"] if depth < 2 else [])))
    if kind == "cmp":
        left = draw(st.sampled_from(NUMERIC))
        op = draw(st.sampled_from([">=", ">", "<=", "<", "==", "!="]))
        right = draw(st.one_of(st.sampled_from(NUMERIC), st.integers(0, 10_000).map(str), st.just("limit_p")))
        return f"{left} {op} {right}"
    if kind == "yesno":
        return draw(st.sampled_from(["disunity_yn", "not disunity_yn", "disunity_yn == false"]))
    if kind == "rating_lv":
        return draw(
            st.sampled_from(
                ["rating_lv == 'htt'", "rating_lv != 'ht'", "rating_lv in ['htt', 'ht']", "rating_lv not in ['ht']"]
            )
        )
    if kind == "not":
        return f"not ({draw(conditions(depth + 1))})"
    parts = draw(st.lists(conditions(depth + 1), min_size=2, max_size=3))
    return "(" + f" {kind} ".join(parts) + ")"


@settings(max_examples=300, deadline=None)
@given(conditions(), st.floats(0, 1e6, allow_nan=False).map(lambda v: round(v, 2)))
def test_no_condition_shows_an_id_or_none_and_every_indicator_is_named(text: str, limit: float) -> None:
    node = E.parse(text)
    for lang in ("vi", "en"):
        words = Requirement(node, {"limit_p": limit}, VOCAB).get(lang)  # type: ignore[arg-type]
        assert not re.search(r"[a-z]+_[a-z]+", words), words  # every id here holds an underscore
        assert "None" not in words and "null" not in words and "—" not in words
        for name in E.names(node):
            if name in VOCAB.terms:
                title = VOCAB.terms[name].title.get(lang).split(" — ")[0]  # type: ignore[arg-type]
                assert title.lower() in words.lower(), (name, words)
        if lang == "vi":  # numbers in Vietnamese form: a decimal comma, never a point
            assert not re.search(r"\d\.\d{1,2}(?!\d)", words), words
