"""The site: what serves OASIS as a whole rather than belonging to one app (issue 16).

``manage.py serve`` (daphne for the API, websockets and dashboard; the data plane for file bytes; the
embedded worker) and ``manage.py graphql_schema`` (the schema's SDL, checked in ``make test``). Both sit
above every app; nothing imports from here.
"""
