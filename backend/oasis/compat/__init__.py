"""Where OASIS reaches into a third-party library's internals: one module per library, nowhere else.

Each module names the versions it was written for, checks the installed one when it is installed
(refusing, or warning and leaving the library alone), and has a test that fails if the library
changes under it: ``daphne`` (request and response bodies streamed, installed by ``oasis.asgi``) with
``twisted_http`` (twisted's HTTP channel under daphne: request-head guards), ``uvicorn`` (the data
plane's protocol: head deadline, zero-copy sends) and ``kombu`` (a Redis restart must not end a
worker, installed by ``oasis.celery``). docker-py's internals live with the runner, which imports
nothing of Django: ``runners/engine_api.py``. docs/architecture.md has the table.
"""
