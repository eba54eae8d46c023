"""Starting the service under uvicorn: the application of each worker process is made from the
configuration the ``serve`` command put in the environment (``EVALUATOR_SERVICE``, JSON), so that
``--workers N`` processes — or processes on several machines sharing one PostgreSQL store — serve
the same thing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .app import ServiceConfig

__all__ = ["ENV", "config_from_env", "config_to_env", "make_app"]

ENV = "EVALUATOR_SERVICE"


def config_to_env(config: ServiceConfig) -> str:
    return json.dumps(
        {
            "store": config.store,
            "criteria": [str(p) for p in config.criteria],
            "targets": str(config.targets) if config.targets else None,
            "max_body": config.max_body,
            "secure_cookies": config.secure_cookies,
        }
    )


def config_from_env() -> ServiceConfig:
    raw: dict[str, Any] = json.loads(os.environ.get(ENV) or "{}")
    return ServiceConfig(
        store=raw.get("store"),
        criteria=tuple(Path(p) for p in raw.get("criteria") or ["criteria"]),
        targets=Path(raw["targets"]) if raw.get("targets") else None,
        max_body=int(raw.get("max_body") or ServiceConfig.max_body),
        secure_cookies=bool(raw.get("secure_cookies")),
    )


def make_app() -> Any:
    """uvicorn's application factory (``evaluator.service.server:make_app``)."""
    from .app import create_app

    return create_app(config_from_env())
