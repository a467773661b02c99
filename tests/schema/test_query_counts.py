"""Lists resolve in a constant number of queries, however many rows and relations they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from oasis.algorithms.models import Algorithm
from oasis.datasets.models import Blob, Dataset, DatasetFile
from oasis.images.models import DockerImage
from oasis.tasks.models import AlgorithmTask, TaskStatus

TASKS = """{ tasks(first: 100) { totalCount edges { node { id status createdAt
  algorithm { name image { name } } inputDataset { name } outputDataset { name } } } } }"""
# The tasks list as the dashboard asks for it when searched and sorted by a column (a join each).
TASKS_SEARCHED = """{ tasks(first: 100, filters: {search: "ds"}, ordering: [{algorithm: {name: ASC}}, {createdAt: DESC}])
  { totalCount edges { node { id status algorithm { name image { name } } inputDataset { name } } } } }"""
DATASETS = """{ datasets(first: 50) { totalCount edges { node { name size fileCount downloadUrl
  files(first: 10) { edges { node { id path size sha256 downloadUrl } } } } } } }"""
ALGORITHMS = "{ algorithms(first: 100) { totalCount edges { node { name owner { username } image { name owner { username } } } } } }"
IMAGES = "{ images(first: 100) { totalCount edges { node { name source owner { username } } } } }"


def _tasks(owner, count: int) -> None:
    first = DockerImage.objects.count()  # image names are unique per owner: the second build goes on
    images = DockerImage.objects.bulk_create(
        DockerImage(name=f"img{first + i}", image_ref=f"alpine:{i}", owner=owner) for i in range(count)
    )
    algorithms = Algorithm.objects.bulk_create(
        Algorithm(name=f"algo{i}", image=image, owner=owner, memory_mb=64, cpus=1, timeout_s=10)
        for i, image in enumerate(images)
    )
    datasets = Dataset.objects.bulk_create(Dataset(name=f"ds{i}", owner=owner) for i in range(2 * count))
    AlgorithmTask.objects.bulk_create(
        AlgorithmTask(
            algorithm=algorithm,
            owner=owner,
            status=TaskStatus.SUCCEEDED,
            input_dataset=datasets[i],
            output_dataset=datasets[count + i],
        )
        for i, algorithm in enumerate(algorithms)
    )


def _datasets(owner, count: int, files_each: int = 12) -> None:
    datasets = Dataset.objects.bulk_create(Dataset(name=f"ds{i}", owner=owner) for i in range(count))
    blobs = Blob.objects.bulk_create(
        [Blob(sha256=f"{i:064x}", size=i) for i in range(files_each)], ignore_conflicts=True
    )
    DatasetFile.objects.bulk_create(
        DatasetFile(dataset=dataset, path=f"dir/f{j}.bin", blob=blobs[j])
        for dataset in datasets
        for j in range(files_each)
    )


def _count(client, query: str) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as captured:
        data = client.data(query)
    return len(captured.captured_queries), data


@pytest.mark.parametrize(
    ("query", "build"),
    [(TASKS, _tasks), (TASKS_SEARCHED, _tasks), (ALGORITHMS, _tasks), (IMAGES, _tasks)],
)
def test_lists_with_their_relations_take_a_constant_number_of_queries(gql_as, alice, query, build):
    client = gql_as(alice)
    build(alice, 3)
    few, _ = _count(client, query)
    build(alice, 150)
    many, data = _count(client, query)
    assert many == few, f"{few} queries for a few rows, {many} for many: an N+1"
    assert many <= 5, many  # session, user, count, rows (+ one prefetch at most)
    assert len(next(iter(data.values()))["edges"]) == 100


def test_tasks_of_150_show_their_algorithm_image_and_datasets_in_at_most_5_queries(gql_as, alice):
    _tasks(alice, 150)
    client = gql_as(alice)
    queries, data = _count(client, TASKS)
    assert queries <= 5
    node = data["tasks"]["edges"][0]["node"]
    assert node["algorithm"]["image"]["name"].startswith("img")
    assert node["inputDataset"]["name"].startswith("ds")
    assert node["outputDataset"]["name"].startswith("ds")


def test_datasets_with_a_page_of_their_files_take_a_constant_number_of_queries(gql_as, alice):
    client = gql_as(alice)
    _datasets(alice, 3)
    few, _ = _count(client, DATASETS)
    _datasets(alice, 60)
    many, data = _count(client, DATASETS)
    assert many == few, f"{few} queries for a few datasets, {many} for many: an N+1"
    assert many <= 5, many
    edges = data["datasets"]["edges"]
    assert len(edges) == 50
    assert all(len(edge["node"]["files"]["edges"]) == 10 for edge in edges)
    for edge in edges[0]["node"]["files"]["edges"]:
        node = edge["node"]
        assert node["size"] == int(node["path"].removeprefix("dir/f").removesuffix(".bin"))


def test_a_page_of_files_per_dataset_is_cut_in_sql_not_after_loading_every_file(gql_as, alice):
    """With 50 datasets of 100k files each, loading all files to show 10 per dataset would be 5M rows."""
    _datasets(alice, 5)
    with CaptureQueriesContext(connection) as captured:
        gql_as(alice).data(DATASETS)
    [files_sql] = [q["sql"] for q in captured.captured_queries if "datasets_datasetfile" in q["sql"]]
    assert "ROW_NUMBER() OVER (PARTITION BY" in files_sql


def test_one_dataset_with_its_files_is_constant_too(gql_as, alice):
    from tests.oasis.factories import gid

    client = gql_as(alice)
    _datasets(alice, 1, files_each=3)
    small = Dataset.objects.get()
    query = "query($id: ID!) { dataset(id: $id) { name files(first: 100) { totalCount edges { node { path size sha256 } } } } }"
    with CaptureQueriesContext(connection) as few:
        client.data(query, {"id": gid(small)})
    Dataset.objects.all().delete()
    _datasets(alice, 1, files_each=80)
    big = Dataset.objects.get()
    with CaptureQueriesContext(connection) as many:
        data = client.data(query, {"id": gid(big)})
    assert len(data["dataset"]["files"]["edges"]) == 80
    assert len(many.captured_queries) == len(few.captured_queries) <= 5
