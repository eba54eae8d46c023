"""The durable_rules backend (the product): rules compiled from the intermediate form
(:mod:`.rules`: rule naming, sharding), run by the lean driver (:mod:`.driver`); the matcher
(:mod:`.matcher`: the fact encoding, the self-test) is what the registry hands out.
"""

from __future__ import annotations

from .matcher import BACKEND, DurableBackend, DurableMatcher, fact, self_test_facts

__all__ = ["BACKEND", "DurableBackend", "DurableMatcher", "fact", "self_test_facts"]
