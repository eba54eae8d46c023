"""The API fuzzed against its own OpenAPI description (schemathesis, in process): whatever a client
sends, no answer is a server error, and every answer — status, content type, body — is one the
description declares."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from service_support import Service

_DIR = Path(os.environ.get("TMPDIR", "/tmp")) / f"evaluator-fuzz-{os.getpid()}"
_DIR.mkdir(parents=True, exist_ok=True)
SERVICE = Service(_DIR)
TOKEN = SERVICE.token("can-tho", "committee")
schema = schemathesis.openapi.from_asgi("/openapi.json", SERVICE.app)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = int(os.environ.get("EVALUATOR_FUZZ_API_EXAMPLES", "40"))


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_answers_as_described(case: schemathesis.Case) -> None:
    case.call_and_validate(headers=SERVICE.auth(TOKEN), checks=CHECKS)


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer evt.nope.nope"}])
def test_no_route_but_health_answers_without_a_valid_token(headers: dict[str, str]) -> None:
    for route in SERVICE.app.openapi()["paths"]:
        if route == "/v1/health":
            continue
        for method in SERVICE.app.openapi()["paths"][route]:
            path = route.replace("{criteria_id}", "qd366-collective").replace("{unit}", "tn-thanh-hoa")
            answer = SERVICE.client.request(method, path, headers=headers)
            assert answer.status_code == 401, (method, path, answer.text)
            assert answer.json()["problems"][0]["code"] in ("service.unauthenticated", "service.token_invalid")
