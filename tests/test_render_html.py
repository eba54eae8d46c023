"""The printable HTML report: self-contained, complete, bilingual, A4 — and what Chromium shows of it."""

from __future__ import annotations

import html
import json
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from evaluator import load_criteria, rate
from evaluator.render.html import report_html
from tabular_support import CRITERIA, EXAMPLES, cli, example_cards, rank_json

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


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
        assert r["name"] in text and r["level_title"] in text
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
    # 3 of 8 units have enough tasks exceeded; 6 of 8 have none late
    assert "38% (3/8 đạt)" in text and "75% (6/8 đạt)" in text
    # the evidence a unit cites
    assert "Minh chứng" in text and "Bộ phận một cửa: 6.826 hồ sơ, 100% đúng hạn" in text
    # the gap to the next level, per unit
    assert "Để lên mức «Hoàn thành tốt nhiệm vụ»" in text and "tasks_late_pct = 0, hiện 10" in text


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


# --- in a real browser


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium); .ci/run installs it")
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, timeout=180, check=True)


def test_chromium_shows_the_units_and_their_levels_in_vietnamese(report: Path, tmp_path: Path) -> None:
    dom = _chromium(tmp_path, "--dump-dom", report.as_uri()).stdout.decode("utf-8")
    text = visible_text(dom)
    for r in rank_json(EXAMPLES)["results"]:
        assert r["name"] in text
    for level in ("Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ"):
        assert level in text
    assert "Báo cáo đánh giá, xếp loại chất lượng" in text


def test_chromium_screenshot_and_a4_print(report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1240,1754", report.as_uri())
    head = shot.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", head[16:24]) == (1240, 1754)
    assert shot.stat().st_size > 60_000  # a page of text and charts, not a blank or an error page

    pdf = tmp_path / "report.pdf"
    _chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", report.as_uri())
    data = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
    units = len(rank_json(EXAMPLES)["results"])
    assert pages >= units + 2  # the overview, the ranking, then each unit from a new page
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert box is not None
    width, height = float(box.group(1)), float(box.group(2))
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
