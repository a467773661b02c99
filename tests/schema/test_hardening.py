"""Hardening of /graphql: depth, alias and token limits, a page-size cap, and - only without DEBUG -
no introspection, no GraphiQL, and masked unexpected errors (validation messages stay readable).

The module-level schema and the GraphiQL switch are built from settings.DEBUG at import, and a schema's
types cannot be built into a second schema in one process; so the DEBUG on/off behaviour is proven in
fresh interpreters with the production settings (``oasis.settings``).
"""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from oasis.datasets.models import Dataset
from tests.oasis.factories import make_dataset

BACKEND = Path(__file__).resolve().parents[2] / "backend"


def _post(client, query: str):
    return client.http.post("/graphql", data=json.dumps({"query": query}), content_type="application/json")


def _error(client, query: str) -> str:
    body = _post(client, query).json()
    assert body.get("errors"), body
    return body["errors"][0]["message"]


def test_the_limits_are_settings_with_sane_defaults():
    assert django_settings.OASIS_QUERY_MAX_DEPTH == 10
    assert django_settings.OASIS_QUERY_MAX_ALIASES == 15
    assert django_settings.OASIS_QUERY_MAX_TOKENS == 2000
    assert django_settings.OASIS_PAGE_SIZE_MAX == 100


def test_the_deepest_query_the_dashboard_needs_is_allowed(gql_as, alice):
    make_dataset(alice, {"a/b.txt": b"1"})
    query = """{ tasks { edges { node { algorithm { image { owner { username } } } inputDataset {
      files { edges { node { path } } } } } } } datasets { edges { node { files { edges { node { path } } } } } } }"""
    assert not _post(gql_as(alice), query).json().get("errors")


def test_a_query_deeper_than_the_limit_is_refused(gql_as, alice, settings):
    settings.OASIS_QUERY_MAX_DEPTH = 3  # read per request; root fields are at depth 0
    client = gql_as(alice)
    assert not _post(client, "{ algorithms { edges { node { name } } } }").json().get("errors")
    message = _error(client, "{ algorithms { edges { node { image { name } } } } }")
    assert message == "'anonymous' exceeds maximum operation depth of 3"


def test_fragments_do_not_hide_depth(gql_as, alice, settings):
    settings.OASIS_QUERY_MAX_DEPTH = 3
    query = """query Deep { algorithms { edges { ...E } } }
      fragment E on AlgorithmEdge { node { image { owner { username } } } }"""
    assert _error(gql_as(alice), query) == "'Deep' exceeds maximum operation depth of 3"


def test_a_repeated_operation_is_parsed_and_validated_once(gql_as, alice, monkeypatch):
    import strawberry.schema.schema as strawberry_schema

    calls = []
    validate = strawberry_schema.validate
    monkeypatch.setattr(strawberry_schema, "validate", lambda *a, **k: calls.append(1) or validate(*a, **k))
    client = gql_as(alice)
    query = "{ me { username } } # repeated-operation test"
    for _ in range(3):
        assert _post(client, query).json() == {"data": {"me": {"username": "alice"}}}
    assert len(calls) == 1


def test_a_cached_document_still_answers_to_the_current_limits(gql_as, alice, settings):
    client = gql_as(alice)
    query = "{ algorithms { edges { node { image { name } } } } }"
    assert not _post(client, query).json().get("errors")
    settings.OASIS_QUERY_MAX_DEPTH = 3
    assert _error(client, query) == "'anonymous' exceeds maximum operation depth of 3"
    settings.OASIS_QUERY_MAX_DEPTH = 10
    assert not _post(client, query).json().get("errors")


def test_a_nul_is_refused_even_when_the_document_was_validated_before(gql_as, alice):
    client = gql_as(alice)
    query = "query($q: String) { datasets(filters: {name: {contains: $q}}) { edges { node { name } } } }"
    ok = client.http.post(
        "/graphql",
        data=json.dumps({"query": query, "variables": {"q": "a"}}),
        content_type="application/json",
    )
    assert not ok.json().get("errors"), ok.json()
    nul = client.http.post(
        "/graphql",
        data=json.dumps({"query": query, "variables": {"q": "a\x00"}}),
        content_type="application/json",
    )
    assert nul.json()["errors"][0]["message"] == "Text input must not contain NUL characters."


def test_too_many_aliases_are_refused(gql_as, alice):
    client = gql_as(alice)
    ok = "{ " + " ".join(f"m{i}: me {{ id }}" for i in range(15)) + " }"
    assert not _post(client, ok).json().get("errors")
    too_many = "{ " + " ".join(f"m{i}: me {{ id }}" for i in range(16)) + " }"
    assert _error(client, too_many) == "16 aliases found. Allowed: 15"


def test_an_alias_batch_of_expensive_lists_is_refused(gql_as, alice):
    query = "{ " + " ".join(f"d{i}: datasets(first: 100) {{ totalCount }}" for i in range(50)) + " }"
    assert "aliases found" in _error(gql_as(alice), query)


def test_too_many_tokens_are_refused_before_execution(gql_as, alice):
    query = "{ me { " + " ".join(["id"] * 2100) + " } }"
    message = _error(gql_as(alice), query)
    assert message == "Syntax Error: Document contains more than 2000 tokens. Parsing aborted."


@pytest.mark.parametrize("field", ["images", "algorithms", "datasets"])
def test_a_page_over_the_cap_is_a_readable_error_not_a_dump(gql_as, alice, field):
    message = _error(gql_as(alice), f"{{ {field}(first: 1000) {{ totalCount }} }}")
    assert message == "Argument 'first' cannot be higher than 100; page through the rest with 'after'."
    message = _error(gql_as(alice), f"{{ {field}(last: 101) {{ totalCount }} }}")
    assert message.startswith("Argument 'last' cannot be higher than 100")
    assert _error(gql_as(alice), f"{{ {field}(first: -1) {{ totalCount }} }}").startswith(
        "Argument 'first' must be"
    )


@pytest.mark.parametrize(
    "query",
    [
        "{ tasks(first: 1000) { totalCount edges { node { id } } } }",
        "{ datasets { edges { node { files(first: 5000) { totalCount } } } } }",
    ],
)
def test_a_page_over_the_cap_of_tasks_or_files_is_refused(gql_as, alice, query):
    make_dataset(alice, {"a": b"1"})
    body = _post(gql_as(alice), query).json()
    assert body["data"] is None
    assert body["errors"]


@pytest.mark.parametrize(
    "query",
    [
        "{ tasks(first: 1000) { totalCount } }",
        "{ datasets { edges { node { files(first: 5000) { totalCount } } } } }",
    ],
)
def test_a_page_over_the_cap_of_tasks_or_files_says_so(gql_as, alice, query):
    from strawberry.extensions import DisableIntrospection

    from schema.schema import schema

    if DisableIntrospection not in schema.extensions:
        pytest.skip("the in-process schema was imported with DEBUG on, so nothing is masked")
    make_dataset(alice, {"a": b"1"})
    assert _error(gql_as(alice), query).startswith("Argument 'first' cannot be higher than 100")


def test_without_first_a_list_returns_at_most_one_page(gql_as, alice):
    Dataset.objects.bulk_create(Dataset(owner=alice, name=f"d{i:03}") for i in range(105))
    data = gql_as(alice).data("{ datasets { totalCount pageInfo { hasNextPage } edges { node { name } } } }")
    assert data["datasets"]["totalCount"] == 105
    assert len(data["datasets"]["edges"]) == 100
    assert data["datasets"]["pageInfo"]["hasNextPage"] is True


def test_malformed_requests_are_400_not_500(db):
    from django.test import Client

    client = Client()
    response = client.post("/graphql", data="{not json", content_type="application/json")
    assert response.status_code == 400
    response = client.post("/graphql", data=json.dumps({"variables": {}}), content_type="application/json")
    assert response.status_code == 400
    response = client.post(
        "/graphql", data=json.dumps({"query": "{ nope }"}), content_type="application/json"
    )
    assert response.json()["errors"][0]["message"] == "Cannot query field 'nope' on type 'Query'."


# --- DEBUG on and off, each in a fresh interpreter with the production settings ------------------
PROBE = textwrap.dedent(
    """
    import json, django
    django.setup()
    from django.test import Client
    import schema.images.queries

    def boom(*args, **kwargs):
        raise RuntimeError("secret detail: password=hunter2 at /srv/oasis")

    schema.images.queries.visible = boom  # a bug in a resolver
    client = Client(HTTP_HOST="localhost")

    def post(query):
        response = client.post("/graphql", data=json.dumps({"query": query}), content_type="application/json")
        return response.status_code, response.json()

    print(json.dumps({
        "introspection": post("{ __schema { queryType { name } } }"),
        "typename_ok": post("{ __typename }"),
        "graphiql": client.get("/graphql", HTTP_ACCEPT="text/html").status_code,
        "bug": post("{ images { totalCount } }"),
        "page": post("{ datasets(first: 1000) { totalCount } }"),
        "unknown_field": post("{ nope }"),
        "suggested_field": post("{ datasetz { totalCount } }"),
        "suggested_input_field": post('{ datasets(filters: {nme: {exact: "a"}}) { totalCount } }'),
        "aliases": post("{ " + " ".join("m%d: me { id }" % i for i in range(16)) + " }"),
        "anonymous_mutation": post(
            'mutation { createDataset(input: {name: "x", files: []}) { ... on OperationInfo { messages { message } } } }'
        ),
    }))
    """
)


def _probe(tmp_path, debug: bool) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DEBUG", "PYTEST_CURRENT_TEST"}
    } | {
        "DJANGO_SETTINGS_MODULE": "oasis.settings",
        "DEBUG": "true" if debug else "false",
        "DJANGO_SECRET_KEY": "probe-secret",
        "OASIS_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "PYTHONPATH": str(BACKEND),
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=BACKEND, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def production(tmp_path_factory) -> dict:
    return _probe(tmp_path_factory.mktemp("production"), debug=False)


@pytest.fixture(scope="module")
def development(tmp_path_factory) -> dict:
    return _probe(tmp_path_factory.mktemp("development"), debug=True)


def test_production_has_no_introspection_and_no_graphiql(production):
    status, body = production["introspection"]
    assert status == 200
    assert body["data"] is None
    assert "introspection has been disabled" in body["errors"][0]["message"]
    assert production["typename_ok"] == [200, {"data": {"__typename": "Query"}}]
    assert production["graphiql"] == 404


def test_production_masks_unexpected_errors(production):
    status, body = production["bug"]
    assert status == 200
    assert body["errors"][0]["message"] == "Unexpected error."
    assert "hunter2" not in json.dumps(body)


def test_production_keeps_the_messages_meant_for_users(production):
    assert production["page"][1]["errors"][0]["message"].startswith(
        "Argument 'first' cannot be higher than 100"
    )
    assert (
        production["unknown_field"][1]["errors"][0]["message"] == "Cannot query field 'nope' on type 'Query'."
    )
    assert production["aliases"][1]["errors"][0]["message"] == "16 aliases found. Allowed: 15"
    messages = production["anonymous_mutation"][1]["data"]["createDataset"]["messages"]
    assert messages == [{"message": "Sign in first."}]


def test_production_suggests_no_field_names(production):
    assert production["suggested_field"][1]["errors"][0]["message"] == (
        "Cannot query field 'datasetz' on type 'Query'."
    )
    message = production["suggested_input_field"][1]["errors"][0]["message"]
    assert "unknown field 'nme'" in message
    assert "Did you mean" not in message


def test_development_still_suggests_field_names(development):
    assert "Did you mean 'dataset'" in development["suggested_field"][1]["errors"][0]["message"]
    assert "Did you mean 'name'" in development["suggested_input_field"][1]["errors"][0]["message"]


def test_development_has_introspection_graphiql_and_real_error_messages(development):
    status, body = development["introspection"]
    assert status == 200
    assert body == {"data": {"__schema": {"queryType": {"name": "Query"}}}}
    assert development["graphiql"] == 200
    assert "hunter2" in development["bug"][1]["errors"][0]["message"]
    assert development["aliases"][1]["errors"][0]["message"] == "16 aliases found. Allowed: 15"
