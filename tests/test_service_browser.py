"""The committees' web page in a real browser: ``evaluator serve --demo`` started on 127.0.0.1 in a
subprocess, signed in with the token it prints, a filled workbook of the Cần Thơ example wards
uploaded, the levels the command line gives seen on the page, one unit opened, both reports
downloaded (a workbook openpyxl reads, the HTML report with every unit)."""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from browser_support import launch
from service_support import ROOT, cards_of
from tabular_support import fill, make_template, rank_json

CAN_THO = cards_of("can-tho")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The service on a free port of 127.0.0.1, on a new store; its URL and the demo token it printed."""
    tmp = tmp_path_factory.mktemp("serve")
    port = _free_port()
    evaluator = Path(sys.executable).with_name("evaluator")
    cmd = [str(evaluator), "serve", "--demo", "--port", str(port), "--store", str(tmp / "s.sqlite")]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    log = tmp / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 60
        while "http://" not in log.read_text("utf-8") and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        lines = log.read_text("utf-8").splitlines()
        token = next((ln.rsplit(" ", 1)[-1] for ln in lines if "evt." in ln), "")
        url = next((ln.rsplit(" ", 1)[-1] for ln in lines if "http://" in ln), "")
        assert token.startswith("evt.") and url == f"http://127.0.0.1:{port}/", log.read_text("utf-8")
        while True:
            try:
                with urllib.request.urlopen(url + "v1/health", timeout=2) as answer:
                    assert json.load(answer) == {"status": "ok"}
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.2)
        yield url, token
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:  # pragma: no cover - a server that ignores SIGTERM
            proc.kill()


def test_a_committee_uploads_a_workbook_and_reads_the_results(
    served: tuple[str, str], browser: Any, tmp_path: Path
) -> None:
    url, token = served
    book = fill(make_template(tmp_path / "form.xlsx"), tmp_path / "can-tho-2025.xlsx", CAN_THO)
    expected = {r["unit"]: r for r in rank_json(book)["results"]}
    context = browser.new_context(accept_downloads=True, locale="vi-VN")
    page = context.new_page()
    page.goto(url)
    page.fill("#token", token)
    page.click("button[type=submit]")
    assert "phạm vi can-tho" in page.inner_text("header")
    page.select_option("#criteria", "qd366-collective")
    page.set_input_files("#file", str(book))
    page.click("form[action='/upload'] button[type=submit]")
    page.wait_for_selector("table.ranking")
    page.screenshot(path=str(tmp_path / "results.png"), full_page=True)
    for unit, result in expected.items():
        row = page.locator(f"tr[data-unit='{unit}']")
        level = row.locator("td.level").inner_text()
        if result["level"] is None:
            assert level == "chưa đủ số liệu để xếp loại"
        else:
            assert level == f"{result['level']} — {result['level_title']}"
        if result["rank"] is not None:
            assert row.locator("td.num").first.inner_text() == str(result["rank"])
    assert "Nhóm so sánh can-tho/ward/2025" in page.inner_text("main")

    with page.expect_download() as got:
        page.click("#download-xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(Path(got.value.path()).read_bytes()))
    assert workbook.sheetnames and workbook.worksheets[0].max_row > len(expected)
    with page.expect_download() as got:
        page.click("#download-report")
    report = Path(got.value.path()).read_text("utf-8")
    assert report.startswith("<!DOCTYPE html>") and all(card["name"] in report for card in CAN_THO)

    page.click("tr[data-unit='tn-thuan-hung'] a")
    assert page.inner_text("#level") == f"ht — {expected['tn-thuan-hung']['level_title']}"
    assert "Để đạt mức" in page.inner_text("main")
    page.goto(page.url + "?lang=en")
    assert "Criterion by criterion" in page.inner_text("main")
    context.close()
