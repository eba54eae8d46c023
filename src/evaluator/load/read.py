"""Reading a definition file: one YAML document, validated into its model, located.

A merged criteria set (a national set with overlays) is located through :class:`Origins`:
each part in the file that wrote it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import DefinitionError, Location, Problem
from ..model.common import field_names, problems_from
from ..sources import Document, read_documents
from ..text import bi


def one_document(path: Path) -> tuple[Document, str]:
    docs = read_documents(path, DefinitionError)
    if len(docs) != 1:
        raise DefinitionError(Problem("yaml.syntax", docs[1].locate(()), {"detail": bi("detail.one_document")}))
    return docs[0], hashlib.sha256(path.read_bytes()).hexdigest()


def validate(model: type[BaseModel], doc: Document) -> Any:
    if not isinstance(doc.data, dict):
        raise DefinitionError(Problem("type.invalid", doc.locate(()), {"detail": bi("detail.top_mapping")}))
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise DefinitionError(problems_from(exc, doc, (), field_names(model))) from None


class Origins:
    """Locates a path of a merged criteria set in the file that wrote it (national file or overlay)."""

    def __init__(self, default: Document, parent: Origins | None = None):
        self.default = default
        self.map: dict[tuple[Any, ...], tuple[Document, tuple[Any, ...]]] = dict(parent.map) if parent else {}
        if parent is not None:
            self.default = parent.default

    def add(self, prefix: tuple[Any, ...], doc: Document, doc_prefix: tuple[Any, ...]) -> None:
        self.map[prefix] = (doc, doc_prefix)

    def locate(self, loc: Sequence[Any]) -> Location:
        loc = tuple(loc)
        for n in range(len(loc), 0, -1):
            hit = self.map.get(loc[:n])
            if hit is not None:
                doc, doc_prefix = hit
                return doc.locate((*doc_prefix, *loc[n:]))
        return self.default.locate(loc)
