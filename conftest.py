"""Repository-wide pytest set-up: criteria-test files (``*.test.yaml``) are collected as items
(``pytest criteria/``). ``pytest -q`` runs them too, through tests/test_casetests_shipped.py."""

pytest_plugins = ["evaluator.testing"]
