"""The printable HTML report: self-contained, complete, bilingual, A4 — and what Chromium shows of it."""

from __future__ import annotations

import html
import json
import re
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from browser_support import launch
from evaluator import load_criteria, rate
from evaluator.render.html import css_content, css_string, report_html
from evaluator.render.labels import number_text
from evaluator.tabular.numbers import parse_number
from tabular_support import CRITERIA, EXAMPLES, ROOT, cli, example_cards, rank_json


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "report.html"
    result = cli("rank", "--criteria", CRITERIA, EXAMPLES, "--format", "html", "-o", out)
    assert result.exit_code == 0, result.output
    return out


def visible_text(markup: str) -> str:
    """The text of the body, tags and styles removed, entities decoded, spaces collapsed."""
    body = markup.split("<body", 1)[1]
    body = re.sub(r"<(style|title)[^>]*>.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def test_the_report_stands_alone(report: Path) -> None:
    text = report.read_text("utf-8")
    assert text.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in text
    assert "<script" not in text and "<link" not in text and "@import" not in text and "url(" not in text
    for attr in re.findall(r'(?:src|href)="([^"]*)"', text):
        pytest.fail(f"the report refers to {attr}")
    assert set(re.findall(r"https?://[^\"' )]+", text)) == {"http://www.w3.org/2000/svg"}  # a namespace, not a fetch


def test_the_report_holds_the_ranking_the_distribution_the_pass_rates_and_each_unit(report: Path) -> None:
    markup = report.read_text("utf-8")
    text = visible_text(markup)
    results = rank_json(EXAMPLES)["results"]
    for r in results:
        assert r["name"] in text and (r["level_title"] or "chưa đủ số liệu") in text
    assert text.count("Kết quả từng tiêu chí") == len(results)  # one section per unit
    assert len(re.findall(r'<section class="unit"', markup)) == len(results)
    for group in {r["peer_group"] for r in results}:
        assert f"Nhóm so sánh {group}" in text
    assert "Phân bố mức xếp loại theo nhóm so sánh" in text and "Tỷ lệ đạt từng tiêu chí" in text
    crit = load_criteria(CRITERIA)
    conditions = [it for it in crit.items if it.model.condition is not None]
    charts = re.findall(r"<svg.*?</svg>", markup, flags=re.S)
    assert len(charts) == 3  # levels by group, pass rates, average points
    for item in conditions:
        assert html.escape(item.model.title.vi, quote=False)[:40] in charts[1]
    # 3 of 10 units have enough tasks exceeded; 7 of 10 have none late
    assert "30% (3/10 đạt)" in text and "70% (7/10 đạt)" in text
    # the evidence a unit cites
    assert "Minh chứng" in text and "Bộ phận một cửa: 6.826 hồ sơ, 100% đúng hạn" in text
    # the gap to the next level, per unit
    assert "Để đạt mức «Hoàn thành tốt nhiệm vụ»" in text
    assert "Tỷ lệ nhiệm vụ hoàn thành chậm tiến độ phải bằng 0%, hiện 10%" in text


def test_the_report_prints_on_a4_one_unit_per_page(report: Path) -> None:
    css = report.read_text("utf-8")
    assert re.search(r"@page\s*\{\s*size:\s*A4", css)
    assert re.search(r"\.unit\s*\{[^}]*break-before:\s*page", css)
    assert "print-color-adjust: exact" in css
    assert re.search(r"thead\s*\{\s*display:\s*table-header-group", css)


def test_english_and_the_same_bytes_every_time() -> None:
    run = rate(CRITERIA, [EXAMPLES])
    crit = load_criteria(CRITERIA)
    assert report_html(run, crit) == report_html(run, crit)
    text = visible_text(report_html(run, crit, "en"))
    assert "Quality rating report" in text and "Pass rate of each criterion" in text
    assert "Good" in text and "Not completed" in text
    assert "Hoàn thành tốt nhiệm vụ" not in text


def test_text_from_scorecards_is_escaped(tmp_path: Path) -> None:
    card = example_cards()[0]
    card["name"] = "Xã <b>Phú</b> & Hưng"
    (tmp_path / "c.json").write_text(json.dumps(card, ensure_ascii=False), "utf-8")
    out = tmp_path / "r.html"
    assert cli("rank", "--criteria", CRITERIA, tmp_path / "c.json", "--format", "html", "-o", out).exit_code == 0
    markup = out.read_text("utf-8")
    assert "<b>Phú</b>" not in markup and "Xã &lt;b&gt;Phú&lt;/b&gt; &amp; Hưng" in markup


def test_the_date_place_and_signers_come_from_the_report_settings(tmp_path: Path) -> None:
    config = tmp_path / "report.yaml"
    config.write_text(
        "date: 2025-12-01\nplace: Cần Thơ\nsigners:\n"
        "  - {role: NGƯỜI LẬP, name: Nguyễn Văn An}\n"
        '  - {role: "T/M BAN THƯỜNG VỤ\\nBÍ THƯ", name: Trần Thị Bình}\n',
        "utf-8",
    )
    out = tmp_path / "r.html"
    args = ("rank", "--criteria", CRITERIA, EXAMPLES, "--format", "html", "-o", out, "--report-config", config)
    assert cli(*args).exit_code == 0
    text = visible_text(out.read_text("utf-8"))
    assert "Cần Thơ, ngày 01 tháng 12 năm 2025" in text and "Ngày lập báo cáo: 01/12/2025" in text
    assert "T/M BAN THƯỜNG VỤ BÍ THƯ" in text and "Nguyễn Văn An" in text and "Trần Thị Bình" in text
    assert "NGƯỜI PHÊ DUYỆT" not in text
    # --report-date replaces the file's date
    assert cli(*args, "--report-date", "2026-01-05").exit_code == 0
    text = visible_text(out.read_text("utf-8"))
    assert "Cần Thơ, ngày 05 tháng 01 năm 2026" in text and "01/12/2025" not in text


def test_without_a_date_the_report_leaves_it_to_be_written_by_hand(report: Path) -> None:
    markup = report.read_text("utf-8")
    text = visible_text(markup)
    assert "Ngày lập báo cáo: …/…/……" in text and "Ngày …… tháng …… năm ………" in text
    assert "NGƯỜI LẬP" in text and "NGƯỜI PHÊ DUYỆT" in text and "(Ký, ghi rõ họ tên)" in text
    # the same in the page margins, where the browser prints it on every page
    assert re.search(r"@bottom-left \{ content: \"Ngày lập báo cáo: …/…/……\"", markup)
    assert re.search(r'@bottom-right \{ content: "Trang " counter\(page\) "/" counter\(pages\);', markup)


def test_english_margins_and_signature_block(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    args = ("rank", "--criteria", CRITERIA, EXAMPLES, "--format", "html", "-o", out, "--lang", "en")
    assert cli(*args, "--report-date", "2025-12-15").exit_code == 0
    markup = out.read_text("utf-8")
    text = visible_text(markup)
    assert "PREPARED BY" in text and "APPROVED BY" in text and "Report date: 15/12/2025" in text
    assert '"Page " counter(page) " of " counter(pages)' in markup


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("date: 15/12/2025\n", "report.yaml:1:7, field 'date': invalid value: expected a date written YYYY-MM-DD"),
        ("signer: []\n", "report.yaml:1:9, field 'signer': unknown key 'signer'. Did you mean 'signers'?"),
        ("signers: [{name: An}]\n", "report.yaml:1:11, field 'signers.0.role': required field is missing"),
        ("signers: []\n", "report.yaml:1:10, field 'signers': invalid value: give 1 to 4 signers"),
        ("place: '  '\n", "report.yaml:1:8, field 'place': invalid value: must not be empty"),
    ],
)
def test_a_bad_report_settings_file_is_refused_with_where_and_why(tmp_path: Path, content: str, expected: str) -> None:
    config = tmp_path / "report.yaml"
    config.write_text(content, "utf-8")
    out = tmp_path / "r.html"
    result = cli(
        "rank",
        "--criteria",
        CRITERIA,
        EXAMPLES,
        "--format",
        "html",
        "-o",
        out,
        "--report-config",
        config,
        "--lang",
        "en",
    )
    assert result.exit_code == 3, result.output
    assert expected in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_report_settings_go_with_the_html_report_only() -> None:
    result = cli("rank", "--criteria", CRITERIA, EXAMPLES, "--report-date", "2025-12-15", "--lang", "en")
    assert result.exit_code == 2 and "go with --format html" in result.output


_CSS_ESCAPE = re.compile(r"\\([0-9A-F]{1,6}) ")


@given(st.text())
def test_text_in_the_page_margins_is_a_css_string_that_cannot_escape(text: str) -> None:
    css = css_string(text)
    # nothing that ends the string, the declaration or the <style> element, no raw control character
    assert re.fullmatch(r'"([^"\\<>&\x00-\x1f\x7f]|\\[0-9A-F]{1,6} )*"', css)
    # and a CSS reader gets the text back (CSS Syntax §4.3.7: hex digits, then one space, are the code point)
    assert _CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), css[1:-1]) == text


def test_page_number_template_becomes_counters() -> None:
    assert str(css_content("Trang {page}/{pages}", page="page", pages="pages")) == (
        '"Trang " counter(page) "/" counter(pages)'
    )
    assert str(css_content("{page}", page="page")) == "counter(page)"


@given(st.one_of(st.integers(-(10**9), 10**9), st.floats(-1e6, 1e6, allow_nan=False).map(lambda x: round(x, 3))))
def test_numbers_for_people_read_back_the_vietnamese_way(value: float) -> None:
    # The reader of typed numbers (tabular/numbers.py: decimal comma, a dot between thousands) is the oracle.
    text = number_text(value, "vi")
    assert parse_number(text, "number") == value
    assert "." not in text.split(",")[0][-3:] or len(text.split(",")[0].lstrip("-")) > 3


def test_numbers_for_people() -> None:
    assert number_text(6826, "vi") == "6.826" and number_text(96.5, "vi") == "96,5"
    assert number_text(-1234567.25, "vi") == "-1.234.567,25" and number_text(100, "vi") == "100"
    assert number_text(96.5, "en") == "96.5"


# --- in a real browser: headless Chromium driven by Playwright, printing to PDF as a user's Print would

A4_PRINTABLE_PX = (210 - 2 * 12) / 25.4 * 96  # A4 less the report's left and right page margins (12 mm each)
DATE = "2025-12-15"

# Each shipped example set with its criteria: the report must give one page per unit on all of them.
EXAMPLE_SETS = [
    ("criteria/qd366-collective", "scorecards"),
    ("criteria/qd124-collective", "scorecards-2023"),
    # The national new-rural file leaves regional values open; the illustrative overlay fills them.
    ("examples/overlays/ntm-2016-illustrative", "ntm-2020"),
    ("examples/overlays/one-stop-illustrative", "one-stop"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch()


def _report_of(criteria: str, folder: str, out: Path, *extra: str) -> Path:
    args = ("--criteria", ROOT / f"{criteria}.yaml", ROOT / "examples" / folder)
    result = cli("rank", *args, "--format", "html", "-o", out, "--report-date", DATE, *extra)
    assert result.exit_code == 0, result.output
    return out


def _print_pdf(browser: Any, html_file: Path, pdf: Path) -> list[str]:
    """Print ``html_file`` to ``pdf`` as Chromium prints (A4 from the page's CSS); the text of each page."""
    from pypdf import PdfReader

    page = browser.new_page()
    try:
        page.goto(html_file.as_uri())
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    finally:
        page.close()
    reader = PdfReader(pdf)
    for p in reader.pages:
        width, height = float(p.mediabox.width), float(p.mediabox.height)
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
    return [re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages]


OVERFLOW_JS = """(limit) => {
  const out = [];
  const name = (n) => {
    const e = n.nodeType === Node.TEXT_NODE ? n.parentElement : n;
    return e.tagName.toLowerCase() + (e.className && typeof e.className === "string" ? "." + e.className : "")
      + (n.nodeType === Node.TEXT_NODE ? " text «" + n.textContent.trim().slice(0, 40) + "»" : "");
  };
  const range = document.createRange();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let n = walker.currentNode; n; n = walker.nextNode()) {
    let rects;
    if (n.nodeType === Node.TEXT_NODE) {
      if (!n.textContent.trim()) continue;
      range.selectNodeContents(n);
      rects = Array.from(range.getClientRects());
    } else {
      rects = [n.getBoundingClientRect()];
    }
    for (const r of rects) {
      if (r.width > 0 && (r.right > limit + 0.5 || r.left < -0.5)) out.push(name(n) + " " + r.left.toFixed(1) + "–" + r.right.toFixed(1));
    }
  }
  const doc = document.documentElement;
  if (doc.scrollWidth > Math.ceil(limit) + 1) out.push("document scrollWidth " + doc.scrollWidth);
  return out;
}"""


def _wider_than_the_page(browser: Any, html_file: Path) -> list[str]:
    """Everything (element or line of text) that reaches past the printable width, laid out for print."""
    page = browser.new_page(viewport={"width": round(A4_PRINTABLE_PX), "height": 1123})
    try:
        page.emulate_media(media="print")
        page.goto(html_file.as_uri())
        return list(page.evaluate(OVERFLOW_JS, A4_PRINTABLE_PX))
    finally:
        page.close()


def test_chromium_shows_the_units_and_their_levels_in_vietnamese(report: Path, browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto(report.as_uri())
        text = page.inner_text("body")
    finally:
        page.close()
    for r in rank_json(EXAMPLES)["results"]:
        assert r["name"] in text
    for level in ("Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ"):
        assert level in text
    assert "Báo cáo đánh giá, xếp loại chất lượng" in text


def test_chromium_screenshot(report: Path, browser: Any, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1240, "height": 1754})
    try:
        page.goto(report.as_uri())
        shot = page.screenshot()
    finally:
        page.close()
    assert shot[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", shot[16:24]) == (1240, 1754)
    assert len(shot) > 60_000  # a page of text and charts, not a blank or an error page


@pytest.mark.parametrize(("criteria", "folder"), EXAMPLE_SETS)
def test_printed_one_overview_page_one_page_per_peer_group_and_one_per_unit(
    browser: Any, tmp_path: Path, criteria: str, folder: str
) -> None:
    report = _report_of(criteria, folder, tmp_path / "r.html")
    pages = _print_pdf(browser, report, tmp_path / "r.pdf")
    ranked = cli("rank", "--criteria", ROOT / f"{criteria}.yaml", ROOT / "examples" / folder, "--format", "json")
    results = json.loads(ranked.stdout)["results"]
    assert _layout(pages, results) == 1  # the overview fits on one page
    model = load_criteria(ROOT / f"{criteria}.yaml").model
    for n, text in enumerate(pages, start=1):
        # the margins of every page: the criteria and their version, the report's date, page n of N
        assert f"Trang {n}/{len(pages)}" in text
        assert "Ngày lập báo cáo: 15/12/2025" in text
        assert f"bộ tiêu chí {model.id}, phiên bản {model.version}" in text
    assert "Báo cáo đánh giá, xếp loại chất lượng" in pages[0]
    assert all("Ngày 15 tháng 12 năm 2025" in pages[k] for k in range(1, 1 + len({r["peer_group"] for r in results})))


def _layout(pages: list[str], results: list[dict[str, Any]]) -> int:
    """Check the printed order — overview, each peer group's summary, each unit — and return the overview's pages.

    Each peer group's summary (its ranking and the signature block) is one page, each unit is one page and
    nothing of it is on another page."""
    groups = list(dict.fromkeys(r["peer_group"] for r in results))
    overview = next(n for n, text in enumerate(pages) if f"Nhóm so sánh {groups[0]} " in text)
    assert len(pages) == overview + len(groups) + len(results), [p[:100] for p in pages]
    for k, group in enumerate(groups, start=overview):
        assert f"Nhóm so sánh {group} " in pages[k]
        assert "NGƯỜI LẬP" in pages[k] and "NGƯỜI PHÊ DUYỆT" in pages[k] and "(Ký, ghi rõ họ tên)" in pages[k]
    for k, r in enumerate(results, start=overview + len(groups)):
        # the unit's page starts with its name and level (other pages may name it in a reason)
        heading = f"{r['name']} ({r['unit']}) Xếp loại:"
        assert [n for n, text in enumerate(pages) if heading in text] == [k]
        assert (r["level_title"] or "chưa đủ số liệu") in pages[k]
    return overview


@pytest.mark.parametrize(("criteria", "folder"), EXAMPLE_SETS)
def test_nothing_is_wider_than_the_printed_page(browser: Any, tmp_path: Path, criteria: str, folder: str) -> None:
    report = _report_of(criteria, folder, tmp_path / "r.html")
    assert _wider_than_the_page(browser, report) == []


def test_long_unbroken_text_wraps_inside_the_page(browser: Any, tmp_path: Path) -> None:
    cards = example_cards()[:3]
    for i, card in enumerate(cards):
        # no space and no hyphen anywhere: nothing for the browser to break at but what the CSS allows
        card["unit"] = f"donvi{i}" + "x" * 80
        card["name"] = "Phường " + "ThạnhHòaThớiThuậnTânHưng" * 8
        card["parent"] = "thanhphocantho" * 10
        card["evidence"] = {"tasks_late_pct": "minhchung" * 40}
    (tmp_path / "c.json").write_text(json.dumps(cards, ensure_ascii=False), "utf-8")
    out = tmp_path / "r.html"
    assert cli("rank", "--criteria", CRITERIA, tmp_path / "c.json", "--format", "html", "-o", out).exit_code == 0
    assert _wider_than_the_page(browser, out) == []


def test_a_larger_run_still_prints_one_page_per_unit(browser: Any, tmp_path: Path) -> None:
    """41 units in 6 peer groups (the examples repeated under 3 parents): no unit spills onto a second page.

    The overview's charts (6 groups, 15 criteria, 2 points criteria) may go on to a second page."""
    base = example_cards()
    cards = []
    for i in range(41):
        card = json.loads(json.dumps(base[i % len(base)]))
        card["unit"] = f"{card['unit']}-{i}"
        card["name"] = f"{card['name']} {i}"
        card["parent"] = f"tinh-{i % 3}"
        cards.append(card)
    (tmp_path / "c.json").write_text(json.dumps(cards, ensure_ascii=False), "utf-8")
    out = tmp_path / "r.html"
    assert cli("rank", "--criteria", CRITERIA, tmp_path / "c.json", "--format", "html", "-o", out).exit_code == 0
    pages = _print_pdf(browser, out, tmp_path / "r.pdf")
    ranked = cli("rank", "--criteria", CRITERIA, tmp_path / "c.json", "--format", "json")
    assert _layout(pages, json.loads(ranked.stdout)["results"]) in (1, 2)
    assert _wider_than_the_page(browser, out) == []
