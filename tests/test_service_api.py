"""The HTTP API: the same bytes as the command line, errors with statuses that say what they mean,
limits, roles, tokens, the documentation page without the network, and the criteria cache."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from sqlalchemy import select

from evaluator.cli import main
from evaluator.errors import (
    DefinitionError,
    EngineInvariantError,
    InternalError,
    Location,
    OutputError,
    ParameterMissingError,
    Problem,
    ScorecardError,
    UsageError,
)
from evaluator.service.errors import Forbidden, NotFound, TooLarge, Unauthenticated, Unsupported, status_of
from evaluator.service.library import Library
from evaluator.service.tables import tokens
from evaluator.store.db import StoreError
from service_support import ROOT, Service, TestClient, cards_of
from tabular_support import fill, make_template

CAN_THO = cards_of("can-tho")


@pytest.fixture
def svc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Service:
    monkeypatch.chdir(ROOT)  # criteria named as the command line names them: criteria/qd366-collective.yaml
    return Service(tmp_path, criteria=(Path("criteria"),))


def _cli(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_rating_json_is_byte_for_byte_the_command_line(svc: Service, tmp_path: Path, lang: str) -> None:
    cards = tmp_path / "can-tho.json"
    cards.write_text(json.dumps({"scorecards": CAN_THO}, ensure_ascii=False), "utf-8")
    cli = _cli("rank", "--criteria", "criteria/qd366-collective.yaml", str(cards), "--format", "json", "--lang", lang)
    assert cli.exit_code == 0, cli.output
    token = svc.token("can-tho", "submitter")
    answer = svc.client.post(
        "/v1/rate", headers=svc.auth(token), json={"criteria": "qd366-collective", "scorecards": CAN_THO, "lang": lang}
    )
    assert answer.status_code == 200, answer.text
    assert answer.content == cli.stdout_bytes
    # by family: the version in force at the end of the scorecards' year is the same file
    by_family = svc.client.post(
        "/v1/rate", headers=svc.auth(token), json={"criteria": "party-collective", "scorecards": CAN_THO, "lang": lang}
    )
    assert by_family.content == cli.stdout_bytes


def test_an_uploaded_workbook_rates_as_the_command_line_rates_it(svc: Service, tmp_path: Path) -> None:
    book = fill(make_template(tmp_path / "form.xlsx"), tmp_path / "can-tho.xlsx", CAN_THO)
    cli = _cli("rank", "--criteria", "criteria/qd366-collective.yaml", str(book), "--format", "json")
    assert cli.exit_code == 0, cli.output
    files = {"file": ("Phiếu Cần Thơ.xlsx", book.read_bytes(), "application/octet-stream")}
    answer = svc.client.post(
        "/v1/rate/upload", headers=svc.auth(svc.token("can-tho")), data={"criteria": "qd366-collective"}, files=files
    )
    assert answer.status_code == 200, answer.text
    assert answer.content == cli.stdout_bytes
    levels = {r["unit"]: r["level"] for r in answer.json()["results"]}
    assert levels["tn-thuan-hung"] == "ht" and levels["ct-hop-nhat"] is None


def test_every_answer_names_the_engine_and_ratings_name_the_criteria(svc: Service) -> None:
    token = svc.token("can-tho")
    rated = svc.client.post("/v1/rate", headers=svc.auth(token), json={"criteria": "qd366-collective",
                                                                        "scorecards": CAN_THO})  # fmt: skip
    crit = rated.json()["criteria"]
    assert rated.headers["X-Evaluator-Criteria"] == f"qd366-collective 2025.1 sha256={crit['sha256']}"
    assert rated.headers["X-Evaluator-Scheme"].startswith("qd366 2025.1 sha256=")
    for answer in (rated, svc.client.get("/v1/health"), svc.client.get("/v1/whoami"), svc.client.get("/nowhere")):
        assert answer.headers["X-Evaluator-Engine"].startswith("evaluator/0.1.0 durable_rules/2.0.28")


def test_invalid_scorecards_are_422_located_at_the_record_and_field(svc: Service) -> None:
    bad = [dict(CAN_THO[0], indicators={**CAN_THO[0]["indicators"], "tasks_done_pct": 140})]
    answer = svc.client.post("/v1/rate", headers=svc.auth(svc.token("can-tho")),
                             json={"criteria": "qd366-collective", "scorecards": bad, "lang": "en"})  # fmt: skip
    assert answer.status_code == 422
    body = answer.json()
    assert body["error"] == "ScorecardError" and body["exit_code"] == 4
    assert body["problems"][0]["location"] == {"field": "scorecards[0].indicators.tasks_done_pct"}


def test_an_upload_is_located_under_its_own_name_never_a_server_path(svc: Service) -> None:
    text = yaml.safe_dump({"scorecards": [dict(CAN_THO[0], year="2025")]}, allow_unicode=True)
    files = {"file": ("phieu.yaml", text.encode("utf-8"), "application/yaml")}
    answer = svc.client.post("/v1/rate/upload", headers=svc.auth(svc.token("can-tho")),
                             data={"criteria": "qd366-collective"}, files=files)  # fmt: skip
    assert answer.status_code == 422
    locations = [p["location"] for p in answer.json()["problems"]]
    assert locations and all(loc["file"] == "phieu.yaml" and loc["line"] >= 1 for loc in locations)
    assert "/tmp" not in answer.text and "upload" not in answer.text


def test_an_unknown_criteria_set_is_404_with_did_you_mean(svc: Service) -> None:
    answer = svc.client.post("/v1/rate", headers=svc.auth(svc.token("can-tho")),
                             json={"criteria": "qd366-colective", "scorecards": CAN_THO})  # fmt: skip
    assert answer.status_code == 404
    assert answer.json()["problems"][0]["suggestion"] == "qd366-collective"
    # a path is never a criteria name
    answer = svc.client.post("/v1/rate", headers=svc.auth(svc.token("can-tho")),
                             json={"criteria": "criteria/qd366-collective.yaml", "scorecards": CAN_THO})  # fmt: skip
    assert answer.status_code == 404


def test_an_upload_of_another_kind_is_415(svc: Service) -> None:
    files = {"file": ("notes.txt", b"hello", "text/plain")}
    answer = svc.client.post("/v1/rate/upload", headers=svc.auth(svc.token("can-tho")),
                             data={"criteria": "qd366-collective"}, files=files)  # fmt: skip
    assert answer.status_code == 415
    assert answer.json()["problems"][0]["code"] == "service.media"


def test_a_body_over_the_limit_is_413_declared_or_streamed(tmp_path: Path) -> None:
    svc = Service(tmp_path, max_body=2000)
    token = svc.token("can-tho")
    body = json.dumps({"criteria": "qd366-collective", "scorecards": CAN_THO}).encode()
    assert len(body) > 2000
    declared = svc.client.post("/v1/rate", headers={**svc.auth(token), "Content-Type": "application/json"},
                               content=body)  # fmt: skip
    assert declared.status_code == 413 and declared.json()["problems"][0]["code"] == "service.too_large"

    def pieces() -> Any:
        for i in range(0, len(body), 500):
            yield body[i : i + 500]

    streamed = svc.client.post("/v1/rate", headers={**svc.auth(token), "Content-Type": "application/json"},
                               content=pieces())  # fmt: skip
    assert streamed.status_code == 413
    files = {"file": ("big.yaml", b"#" * 5000, "application/yaml")}
    upload = svc.client.post("/v1/rate/upload", headers=svc.auth(token), data={"criteria": "x"}, files=files)
    assert upload.status_code == 413


def test_a_bug_is_500_in_one_line_without_a_traceback(svc: Service, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kw: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(Library, "rate", broken)
    client = TestClient(svc.app, raise_server_exceptions=False)
    answer = client.post("/v1/rate", headers=svc.auth(svc.token("can-tho")),
                             json={"criteria": "qd366-collective", "scorecards": CAN_THO})  # fmt: skip
    assert answer.status_code == 500
    assert answer.json()["error"] == "InternalError" and "RuntimeError: boom" in answer.text
    assert "Traceback" not in answer.text
    assert answer.headers["X-Evaluator-Engine"].startswith("evaluator/")


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (UsageError(Problem("file.empty")), 400),
        (OutputError(Problem("file.empty")), 400),
        (Unauthenticated(Problem("file.empty")), 401),
        (Forbidden(Problem("file.empty")), 403),
        (NotFound(Problem("file.empty")), 404),
        (ScorecardError(Problem("explain.unit_unknown", Location(), {"unit": "u"})), 404),
        (TooLarge(Problem("file.empty")), 413),
        (Unsupported(Problem("file.empty")), 415),
        (ScorecardError(Problem("file.empty")), 422),
        (DefinitionError(Problem("file.empty")), 422),
        (ParameterMissingError(Problem("file.empty")), 422),
        (InternalError(Problem("file.empty")), 500),
        (EngineInvariantError(Problem("file.empty")), 500),
        (StoreError(Problem("store.busy", Location(), {"seconds": 30})), 503),
    ],
)
def test_statuses_say_what_an_error_means(error: Any, status: int) -> None:
    assert status_of(error) == status


def test_a_store_out_of_use_is_503_with_retry_after(svc: Service, monkeypatch: pytest.MonkeyPatch) -> None:
    def busy(*args: Any, **kw: Any) -> Any:
        raise StoreError(Problem("store.busy", Location(), {"seconds": 30}))

    token = svc.token("can-tho")
    monkeypatch.setattr("evaluator.service.auth.authenticate", busy)
    answer = svc.client.get("/v1/whoami", headers=svc.auth(token))
    assert answer.status_code == 503 and answer.headers["Retry-After"] == "30"
    assert answer.json()["exit_code"] == 6


def test_roles_reader_submitter_committee(svc: Service) -> None:
    body = {"criteria": "qd366-collective", "scorecards": CAN_THO}
    reader, submitter, committee = (svc.token("can-tho", r) for r in ("reader", "submitter", "committee"))
    assert svc.client.post("/v1/rate", headers=svc.auth(reader), json=body).status_code == 403
    assert svc.client.post("/v1/rate", headers=svc.auth(submitter), json=body).status_code == 200
    refused = svc.client.post("/v1/runs", headers=svc.auth(submitter), json=body)
    assert refused.status_code == 403 and refused.json()["problems"][0]["code"] == "service.role"
    recorded = svc.client.post("/v1/runs", headers=svc.auth(committee), json=body)
    assert recorded.status_code == 200 and recorded.json()["added"] is True
    assert svc.client.get("/v1/units/tn-thanh-hoa/history", headers=svc.auth(reader)).status_code == 200


def test_tokens_from_the_command_line_hashed_listed_and_revoked(svc: Service) -> None:
    made = _cli("token", "create", "--scope", "can-tho/tn-thanh-hoa", "--role", "reader", "--label", "Phường",
                "--store", svc.url)  # fmt: skip
    assert made.exit_code == 0, made.output
    text = made.stdout.strip()
    assert text.startswith("evt.") and len(text) > 50
    token_id, secret = text.split(".")[1:]
    with svc.store.reading() as conn:
        row = conn.execute(select(tokens).where(tokens.c.id == token_id)).one()
    assert row.secret_sha256 == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in json.dumps([str(v) for v in row])
    assert svc.client.get("/v1/whoami", headers=svc.auth(text)).json()["scope"] == "can-tho/tn-thanh-hoa"
    listed = _cli("token", "list", "--store", svc.url, "--format", "json")
    assert token_id in listed.stdout and secret not in listed.stdout
    assert _cli("token", "revoke", token_id, "--store", svc.url).exit_code == 0
    assert svc.client.get("/v1/whoami", headers=svc.auth(text)).status_code == 401
    assert _cli("token", "revoke", "nope", "--store", svc.url).exit_code == 2
    assert _cli("token", "list", "--store", str(Path(svc.url).with_name("none.sqlite"))).exit_code == 6
    assert _cli("token", "create", "--scope", "can tho", "--role", "reader", "--store", svc.url).exit_code == 2
    forged = f"evt.{token_id}.{secret[:-1]}x"
    assert svc.client.get("/v1/whoami", headers=svc.auth(forged)).status_code == 401


def test_docs_load_nothing_from_the_network(svc: Service) -> None:
    spec = svc.client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    for page in ("/docs", "/redoc"):
        html = svc.client.get(page).text
        assert "http://" not in html and "https://" not in html and "//cdn" not in html
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js"):
        assert svc.client.get(f"/docs-assets/{asset}").status_code == 200


def test_criteria_are_loaded_once_and_again_when_a_file_changes(tmp_path: Path) -> None:
    folder = tmp_path / "criteria"
    folder.mkdir()
    shutil.copy(ROOT / "criteria" / "qd366-collective.yaml", folder)
    rules = tmp_path / "rules"
    rules.mkdir()
    shutil.copy(ROOT / "rules" / "qd366.yaml", rules)
    shutil.copy(ROOT / "docs" / "sources.md", tmp_path / "sources.md")
    text = (folder / "qd366-collective.yaml").read_text("utf-8").replace("../docs/sources.md", "../sources.md")
    (folder / "qd366-collective.yaml").write_text(text, "utf-8")
    lib = Library([folder])
    first = lib.load(lib.choose("qd366-collective", []).path)
    assert lib.load(lib.choose("qd366-collective", []).path) is first
    (folder / "qd366-collective.yaml").write_text(text.replace('version: "2025.1"', 'version: "2025.2"'), "utf-8")
    again = lib.load(lib.choose("qd366-collective", []).path)
    assert again is not first and again.criteria.model.version == "2025.2"


def test_web_forms_need_the_csrf_token_and_the_cookie_is_strict(svc: Service) -> None:
    token = svc.token("can-tho")
    login = svc.client.post("/login", data={"token": token}, follow_redirects=False)
    cookie = login.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    files = {"file": ("c.yaml", yaml.safe_dump({"scorecards": CAN_THO}, allow_unicode=True).encode(), "text/yaml")}
    forged = svc.client.post("/upload", data={"criteria": "qd366-collective", "csrf": "0" * 40}, files=files)
    assert forged.status_code == 403 and "service.csrf" not in forged.text  # a page, in words
    assert svc.client.post("/login", data={"token": "evt.x.y"}).status_code == 401


def test_web_page_escapes_what_people_typed(svc: Service) -> None:
    from evaluator.service.web import csrf_for

    token = svc.token("can-tho")
    svc.client.cookies.set("evaluator_session", token)
    cards = [dict(CAN_THO[0], name="<script>alert(1)</script> Phường"), *CAN_THO[1:]]
    files = {"file": ("c.yaml", yaml.safe_dump({"scorecards": cards}, allow_unicode=True).encode(), "text/yaml")}
    page = svc.client.post("/upload", data={"criteria": "qd366-collective", "csrf": csrf_for(token)}, files=files)
    assert page.status_code == 200, page.text
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;alert(1)" in page.text
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    english = svc.client.get(str(page.url) + "?lang=en")
    assert "Peer group can-tho/ward/2025" in english.text
    assert "Nhóm so sánh can-tho/ward/2025" in page.text


def test_web_upload_problems_are_shown_on_the_page(svc: Service) -> None:
    from evaluator.service.web import csrf_for

    token = svc.token("can-tho")
    svc.client.cookies.set("evaluator_session", token)
    files = {"file": ("sai.yaml", io.BytesIO(b"scorecards: [{unit: x}]"), "text/yaml")}
    page = svc.client.post("/upload", data={"criteria": "qd366-collective", "csrf": csrf_for(token)}, files=files)
    assert page.status_code == 422 and "sai.yaml" in page.text
