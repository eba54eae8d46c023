"""Alembic migrations of the store's schema (run by :meth:`evaluator.store.db.Store.migrate`)."""
