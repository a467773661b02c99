"""The committed SDL (backend/schema/schema.graphql) is the schema the code builds."""

import pytest
from django.core.management import CommandError, call_command

from oasis.site.management.commands import graphql_schema


def test_the_committed_schema_is_up_to_date():
    assert graphql_schema.SDL_PATH.read_text() == graphql_schema.current_sdl(), (
        "backend/schema/schema.graphql is out of date: run `make schema` and commit it"
    )


def test_the_check_command_fails_on_a_stale_file(tmp_path, monkeypatch):
    stale = tmp_path / "schema.graphql"
    stale.write_text(graphql_schema.current_sdl().replace("type Query", "type Querry"))
    monkeypatch.setattr(graphql_schema, "SDL_PATH", stale)
    with pytest.raises(CommandError, match="out of date"):
        call_command("graphql_schema", "--check")


@pytest.mark.parametrize(
    "name",
    ["me", "images", "image", "algorithms", "algorithm", "datasets", "dataset", "tasks", "task"],
)
def test_the_contract_queries_exist(name):
    assert f"\n  {name}(" in graphql_schema.current_sdl() or f"\n  {name}:" in graphql_schema.current_sdl()


@pytest.mark.parametrize(
    "name",
    [
        "login",
        "logout",
        "registerImage",
        "createAlgorithm",
        "updateAlgorithm",
        "deleteAlgorithm",
        "createDataset",
        "addDatasetFiles",
        "removeDatasetFiles",
        "deleteDataset",
        "runAlgorithm",
        "cancelTask",
        "createApiToken",
    ],
)
def test_the_contract_mutations_exist(name):
    assert f"\n  {name}(" in graphql_schema.current_sdl() or f"\n  {name}:" in graphql_schema.current_sdl()


def test_the_contract_types_have_their_fields():
    sdl = graphql_schema.current_sdl()
    dataset_file = sdl[sdl.index("type DatasetFile implements Node") :].split("}")[0]
    for field in ("id: ID!", "path: String!", "size: BigInt!", "sha256: String!", "downloadUrl: String!"):
        assert field in dataset_file
    task = sdl[sdl.index("type AlgorithmTask implements Node") :].split("\n}")[0]
    for field in (
        "algorithm: Algorithm\n",
        "status: TaskStatus!",
        "inputDataset: Dataset",
        "outputDataset: Dataset",
        "exitCode: Int",
        "failureReason: String!",
        "createdAt: DateTime!",
        "queuedAt: DateTime",
        "startedAt: DateTime",
        "finishedAt: DateTime",
        "outputLog: String!",
        "logLines(",
    ):
        assert field in task, field
    dataset = sdl[sdl.index("type Dataset implements Node") :].split("\n}")[0]
    for field in ("files(", "size: BigInt!", "fileCount: Int!", "downloadUrl: String!"):
        assert field in dataset, field
    assert "enum TaskStatus {\n  CREATED\n  QUEUED\n  RUNNING\n  SUCCEEDED\n  FAILED\n  CANCELLED\n}" in sdl
