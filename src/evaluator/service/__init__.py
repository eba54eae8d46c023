"""The HTTP API and the committees' web page (``evaluator serve``): FastAPI on uvicorn, over the library.

Installed with the ``service`` extra; nothing here is imported by ``import evaluator``.
"""
