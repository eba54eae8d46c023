"""What the service's tests share: an application on a fresh store, tokens, and the example scorecards."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from evaluator.service.app import ServiceConfig, create_app
from evaluator.service.tokens import create_token
from evaluator.store.db import Store
from tabular_support import ROOT, example_cards

with warnings.catch_warnings():
    # starlette's test client warns that it would rather use httpx2; httpx is what FastAPI documents.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

__all__ = ["ROOT", "Service", "TestClient", "cards_of", "example_cards"]


def cards_of(parent: str) -> list[dict[str, Any]]:
    """The shipped 2025 example scorecards of one province."""
    return [c for c in example_cards() if c["parent"] == parent]


class Service:
    """An application on a new store, with a client and tokens made on demand."""

    def __init__(self, tmp: Path, **config: Any):
        self.url = str(tmp / "service.sqlite")
        self.store = Store.open(self.url)
        config.setdefault("criteria", (ROOT / "criteria",))
        self.app = create_app(ServiceConfig(store=self.url, **config))
        self.client = TestClient(self.app)

    def token(self, scope: str, role: str = "committee", label: str = "test") -> str:
        return create_token(self.store, scope, role, label=label, by="tests")[1]

    @staticmethod
    def auth(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}
