"""B6 API: the ``tasks`` list (100 of 10,000 tasks, with algorithm, image and datasets) and the
``datasets`` list (100 datasets, with their files): SQL queries per request and latency.

The rows are made with ``bulk_create`` in a ``manage.py shell`` against the stack's database. Queries
are counted in that same shell, through Django's test client and ``CaptureQueriesContext`` (the
request runs the whole middleware stack, so the bearer-token lookup is one of them; a warm-up request
goes first, as the token's ``last_used_at`` is written at most once a minute); the count must not
change between ``first: 10`` and ``first: 100``. Latency is measured over HTTP against the running
server.
"""

from __future__ import annotations

import json
import time

import httpx

from bench.results import Row, Stat, fmt_stat, say
from bench.stack import Oasis

MAX_QUERIES = 5

TASKS = """query($first: Int!) { tasks(first: $first) { edges { node {
  id status createdAt finishedAt exitCode
  algorithm { name image { name } } inputDataset { name } outputDataset { name } } } } }"""
DATASETS = """query($first: Int!) { datasets(first: $first) { edges { node {
  id name size fileCount files(first: 10) { edges { node { path size sha256 } } } } } } }"""

SEED = """
import json, os
from django.contrib.auth import get_user_model
from django.utils import timezone
from oasis.algorithms.models import Algorithm
from oasis.datasets.models import Blob, Dataset, DatasetFile
from oasis.images.models import DockerImage
from oasis.tasks.models import AlgorithmTask

rows = int(os.environ["BENCH_ROWS"])
user = get_user_model().objects.get(username="bench")
image = DockerImage.objects.filter(owner=user).first()
algorithm = Algorithm.objects.create(
    name="listed", image=image, command="true", owner=user, memory_mb=256, cpus=1.0, timeout_s=60
)
blobs = Blob.objects.bulk_create(
    [Blob(sha256=f"{i:064x}", size=1000 + i) for i in range(1, 3)], ignore_conflicts=True
)
inputs = Dataset.objects.bulk_create([Dataset(name=f"input {i}", owner=user) for i in range(10)])
outputs = Dataset.objects.bulk_create(
    [Dataset(name=f"output {i}", owner=user, size=2001, file_count=2) for i in range(rows)], batch_size=2000
)
DatasetFile.objects.bulk_create(
    [DatasetFile(dataset=d, path=p, blob_id=f"{i:064x}") for d in outputs for i, p in ((1, "a.txt"), (2, "b/c.txt"))],
    batch_size=5000,
)
now = timezone.now()
AlgorithmTask.objects.bulk_create(
    [
        AlgorithmTask(
            algorithm=algorithm, owner=user, status="SUCCEEDED", exit_code=0, input_dataset=inputs[i % 10],
            output_dataset=outputs[i], queued_at=now, started_at=now, finished_at=now,
        )
        for i in range(rows)
    ],
    batch_size=2000,
)
print(json.dumps({"tasks": AlgorithmTask.objects.count(), "datasets": Dataset.objects.count()}))
"""

COUNT = """
import json, os
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION="Bearer " + os.environ["BENCH_TOKEN"])
out = {}
for name, query in json.loads(os.environ["BENCH_QUERIES"]).items():
    # Warm-up: the token's last_used_at is written at most once a minute; count steady requests.
    client.post("/graphql", {"query": query, "variables": {"first": 1}}, content_type="application/json")
    for first in (10, 100):
        with CaptureQueriesContext(connection) as captured:
            response = client.post(
                "/graphql", {"query": query, "variables": {"first": first}}, content_type="application/json"
            )
        body = response.json()
        assert response.status_code == 200 and not body.get("errors"), body
        edges = next(iter(body["data"].values()))["edges"]
        out[f"{name}:{first}"] = {"queries": len(captured), "items": len(edges), "sql": [q["sql"][:300] for q in captured]}
print(json.dumps(out))
"""


def _shell(env: Oasis, code: str, **variables: str) -> dict:
    stack = env.stack
    saved = dict(stack.env)
    stack.env.update(variables)
    try:
        out = stack.manage("shell", "-c", code, timeout=600)
    finally:
        stack.env.clear()
        stack.env.update(saved)
    return json.loads(out.strip().splitlines()[-1])


def _latency(env: Oasis, query: str, reps: int) -> list[float]:
    times = []
    with httpx.Client(base_url=env.stack.url, headers={"Authorization": f"Bearer {env.token}"}) as http:
        for i in range(reps + 3):
            started = time.perf_counter()
            response = http.post("/graphql", json={"query": query, "variables": {"first": 100}}, timeout=60)
            seconds = time.perf_counter() - started
            response.raise_for_status()
            body = response.json()
            if body.get("errors") or len(next(iter(body["data"].values()))["edges"]) != 100:
                raise RuntimeError(f"unexpected answer: {str(body)[:300]}")
            if i >= 3:  # warm-up
                times.append(seconds)
    return times


def run(env: Oasis, *, rows: int = 10_000, reps: int = 20) -> list[Row]:
    say(f"B6 API ({env.mode}): {rows:,} tasks and datasets, {reps} timed requests per query")
    started = time.perf_counter()
    counts = _shell(env, SEED, BENCH_ROWS=str(rows))
    say(f"  seeded {counts} in {time.perf_counter() - started:.1f} s")
    queries = {"tasks": TASKS, "datasets": DATASETS}
    captured = _shell(env, COUNT, BENCH_TOKEN=env.token, BENCH_QUERIES=json.dumps(queries))
    out = []
    for name, query in queries.items():
        latency = Stat(_latency(env, query, reps))
        small, large = captured[f"{name}:10"]["queries"], captured[f"{name}:100"]["queries"]
        value, spread = fmt_stat(latency, "ms", 1000)
        what = (
            f"tasks(first: 100) of {counts[name]:,} with algorithm {{ image }} and in/output datasets"
            if name == "tasks"
            else f"datasets(first: 100) of {counts[name]:,} with files(first: 10)"
        )
        out.append(
            Row(
                "B6",
                env.mode,
                what + f": {large} SQL queries (first: 10 -> {small})",
                value,
                spread,
                target=f"<= {MAX_QUERIES} queries, constant",
                met=large <= MAX_QUERIES and large == small,
                data={
                    "rows": counts[name],
                    "queries_first_10": small,
                    "queries_first_100": large,
                    "sql": captured[f"{name}:100"]["sql"],
                    "latency_s": latency.summary(),
                },
            )
        )
        say(f"  {name}: {large} queries, median {value}")
    return out
