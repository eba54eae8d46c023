"""The history store: runs and every unit's result, official decisions, unit lineage, shortcomings.

SQLite by default (``./evaluator.sqlite``), PostgreSQL by URL; one schema through SQLAlchemy,
migrated by Alembic when opened (:mod:`.db`); every record chained by hashes (:mod:`.ledger`,
:mod:`.verify`). Importing this package loads no database library: the modules that need one
(:mod:`.db`, :mod:`.record`, :mod:`.query`, :mod:`.verify`) are imported where they are used.
"""
