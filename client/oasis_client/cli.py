"""The ``oasis`` command: OASIS from a terminal.

    oasis login http://127.0.0.1:8000
    oasis images register busybox --file busybox.tar
    oasis algorithms create count --image busybox --command "/bin/sh -c 'ls input > output/list.txt'"
    oasis run count --input ./scans --follow --download-output ./out

Exit codes: 0 success; a task's own exit code when it failed with one; 65 the server refused the
request (its messages are printed, field by field); 69 OASIS unreachable, or a task failed without
an exit code of its own (image, engine, time limit, lost worker); 77 not signed in; 130 cancelled;
2 a usage error. Every error is one line on stderr, never a traceback.

Over 400 lines on purpose: one command per function, grouped by the product's objects; a
split per group would scatter the shared output helpers (tables, bars, exit codes).
"""

from __future__ import annotations

import getpass
import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.table import Table

from . import config
from .client import Client, LogLine, Task, number
from .errors import EXIT_CANCELLED, EXIT_UNAVAILABLE, OasisError
from .uploads import local_files

app = typer.Typer(no_args_is_help=True, add_completion=False, help="OASIS: run algorithms on datasets.")
images_app = typer.Typer(no_args_is_help=True, help="Container images.")
algorithms_app = typer.Typer(no_args_is_help=True, help="Algorithms: an image and how to run it.")
datasets_app = typer.Typer(no_args_is_help=True, help="Datasets: named collections of files.")
tasks_app = typer.Typer(no_args_is_help=True, help="Tasks: runs of an algorithm on a dataset.")
app.add_typer(images_app, name="images")
app.add_typer(algorithms_app, name="algorithms")
app.add_typer(datasets_app, name="datasets")
app.add_typer(tasks_app, name="tasks")

err = Console(stderr=True)
out = Console()
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


class _State:
    url: str | None = None
    token: str | None = None


state = _State()


@app.callback()
def _options(
    url: Annotated[
        str | None, typer.Option(envvar="OASIS_URL", help="The server (default: from `oasis login`).")
    ] = None,
    token: Annotated[
        str | None, typer.Option(envvar="OASIS_TOKEN", help="An API token.", show_default=False)
    ] = None,
) -> None:
    state.url, state.token = url, token


def client() -> Client:
    return Client(state.url, state.token)


def _dump(data: Any) -> None:
    if hasattr(data, "model_dump"):
        data = data.model_dump(mode="json", by_alias=True)
    out.print_json(json.dumps(data, default=str))


def _table(columns: list[str], rows: list[list[Any]]) -> None:
    table = Table(*columns, show_edge=False, header_style="bold")
    for row in rows:
        table.add_row(*("" if cell is None else str(cell) for cell in row))
    out.print(table)


def _bar(total: int, description: str) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal and total == 0,
    )


def _with_bar(total: int, description: str, action: Callable[[Callable[[int], None]], Any]) -> Any:
    with _bar(total, description) as progress:
        bar = progress.add_task(description, total=total or None)
        return action(lambda n: progress.advance(bar, n))


# --- login ---------------------------------------------------------------------------------------
@app.command()
def login(
    url: Annotated[str, typer.Argument(help="e.g. http://127.0.0.1:8000")],
    username: Annotated[str | None, typer.Option(help="Sign in as this user (asks the password).")] = None,
    token: Annotated[str | None, typer.Option(help="Store this API token instead of signing in.")] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin.")
    ] = False,
) -> None:
    """Sign in and store a new API token for URL (or store a given one)."""
    url = url.rstrip("/")
    if token is None:
        username = username or typer.prompt("Username")
        password = sys.stdin.readline().rstrip("\n") if password_stdin else getpass.getpass("Password: ")
        token = _new_token(url, username, password)
    with Client(url, token) as checked:
        name = checked.username()
    where = config.save(url=url, token=token)
    err.print(f"Signed in to {url} as {name}; the token is kept in {where}.")


def _new_token(url: str, username: str, password: str) -> str:
    """Sign in with a session (as the dashboard does) and create an API token with it."""
    try:
        with httpx.Client(base_url=url, timeout=30) as http:
            csrf = http.get("/api/csrf").json()["csrfToken"]
            headers = {"X-CSRFToken": csrf, "Referer": url + "/", "Origin": url}

            def call(query: str, variables: dict) -> dict:
                response = http.post(
                    "/graphql", json={"query": query, "variables": variables}, headers=headers
                )
                body = response.json()
                if body.get("errors"):
                    raise OasisError(body["errors"][0]["message"])
                return body["data"]

            signed = call(
                "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { __typename "
                "... on OperationInfo { messages { message } } } }",
                {"u": username, "p": password},
            )["login"]
            if signed["__typename"] == "OperationInfo":
                raise OasisError("; ".join(m["message"] for m in signed["messages"]))
            headers["X-CSRFToken"] = http.cookies.get("csrftoken", csrf)
            made = call(
                "mutation($n: String!) { createApiToken(name: $n) { __typename ... on ApiTokenCreated { token } "
                "... on OperationInfo { messages { message } } } }",
                {"n": "oasis command"},
            )["createApiToken"]
            if made["__typename"] == "OperationInfo":
                raise OasisError("; ".join(m["message"] for m in made["messages"]))
            return made["token"]
    except httpx.HTTPError as exc:
        from .errors import Unavailable

        raise Unavailable(f"cannot reach OASIS at {url}: {exc}") from None


# --- images --------------------------------------------------------------------------------------
def _image_row(image) -> list:
    detail = image.failure_reason or image.progress or (image.image_id[:19] if image.image_id else "")
    return [
        number(image.id),
        image.name,
        image.source.value.lower(),
        image.image_ref,
        image.status.value,
        detail,
    ]


@images_app.command("register")
def images_register(
    name: str,
    ref: Annotated[str | None, typer.Option("--ref", help="A registry reference, e.g. alpine:3.20.")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="A `docker save` archive (.tar/.tar.gz).")
    ] = None,
    public: Annotated[bool, typer.Option(help="Let everybody run it.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Register an image and wait until a worker has pulled or verified it."""
    if (ref is None) == (file is None):
        raise typer.BadParameter("give either --ref or --file")
    with client() as oasis:
        status = err.status("Registering", spinner="dots")
        status.start()

        def show(image) -> None:
            status.update(f"{image.name}: {image.status.value} {image.progress}".rstrip())

        try:
            if file is not None:
                status.stop()
                image = _with_bar(
                    file.stat().st_size,
                    f"Uploading {file.name}",
                    lambda tick: oasis.register_image(
                        name, file=file, public=public, wait=False, on_upload=tick
                    ),
                )
                status.start()
                image = oasis.wait_image(image.id, on_status=show)
            else:
                image = oasis.register_image(name, ref=ref, public=public, on_status=show)
        finally:
            status.stop()
    if as_json:
        _dump(image)
    else:
        _table(["#", "Name", "Source", "Reference", "Status", "Id / reason"], [_image_row(image)])
    if image.status.value == "FAILED":
        raise typer.Exit(EXIT_UNAVAILABLE)


@images_app.command("list")
def images_list(as_json: JsonOption = False) -> None:
    """Your images and public ones."""
    with client() as oasis:
        images = oasis.images()
    if as_json:
        _dump([image.model_dump(mode="json", by_alias=True) for image in images])
        return
    _table(["#", "Name", "Source", "Reference", "Status", "Id / reason"], [_image_row(i) for i in images])


@images_app.command("pull-again")
def images_pull_again(image: str, as_json: JsonOption = False) -> None:
    """Pull a registry image's reference again and pin what it names now."""
    with client() as oasis:
        pending = oasis.pull_image_again(image)
        done = oasis.wait_image(pending.id)
    _dump(done) if as_json else _table(
        ["#", "Name", "Source", "Reference", "Status", "Id / reason"], [_image_row(done)]
    )


# --- algorithms ----------------------------------------------------------------------------------
def _algorithm_row(a) -> list:
    return [number(a.id), a.name, a.image.name, a.command, a.memory_mb, a.cpus, a.timeout_s, a.owner.username]


ALGORITHM_COLUMNS = ["#", "Name", "Image", "Command", "MB", "CPUs", "Timeout s", "Owner"]


@algorithms_app.command("list")
def algorithms_list(as_json: JsonOption = False) -> None:
    """Your algorithms and public ones."""
    with client() as oasis:
        found = oasis.algorithms()
    if as_json:
        _dump([a.model_dump(mode="json", by_alias=True) for a in found])
    else:
        _table(ALGORITHM_COLUMNS, [_algorithm_row(a) for a in found])


@algorithms_app.command("show")
def algorithms_show(algorithm: str, as_json: JsonOption = False) -> None:
    """One algorithm, by name or number."""
    with client() as oasis:
        found = oasis.algorithm(algorithm)
    if as_json:
        _dump(found)
    else:
        _table(ALGORITHM_COLUMNS, [_algorithm_row(found)])


@algorithms_app.command("create")
def algorithms_create(
    name: str,
    image: Annotated[str, typer.Option(help="The image's name or number.")],
    command: Annotated[str | None, typer.Option(help="Split like a shell; default: the image's CMD.")] = None,
    entrypoint: Annotated[str | None, typer.Option(help="Default: the image's ENTRYPOINT.")] = None,
    env: Annotated[list[str] | None, typer.Option("--env", "-e", help="NAME=value (repeatable).")] = None,
    gpu: bool = False,
    memory_mb: Annotated[int | None, typer.Option(help="Memory limit in MB.")] = None,
    cpus: Annotated[float | None, typer.Option(help="CPU limit.")] = None,
    timeout_s: Annotated[int | None, typer.Option(help="Time limit in seconds.")] = None,
    network: bool = False,
    cache_results: Annotated[bool, typer.Option(help="Reuse an identical earlier run's result.")] = False,
    public: bool = False,
    as_json: JsonOption = False,
) -> None:
    """Define how to run an image."""
    environment = {}
    for item in env or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise typer.BadParameter(f"{item!r} is not NAME=value", param_hint="--env")
        environment[key] = value
    fields = {
        "command": command,
        "entrypoint": entrypoint,
        "environment": environment or None,
        "gpu": gpu,
        "memory_mb": memory_mb,
        "cpus": cpus,
        "timeout_s": timeout_s,
        "network": network,
        "cache_results": cache_results,
        "is_public": public,
    }
    with client() as oasis:
        made = oasis.create_algorithm(name, image=image, **{k: v for k, v in fields.items() if v is not None})
    _dump(made) if as_json else _table(ALGORITHM_COLUMNS, [_algorithm_row(made)])


# --- datasets ------------------------------------------------------------------------------------
def _dataset_row(d) -> list:
    return [number(d.id), d.name, d.file_count, d.size, number(d.produced_by.id) if d.produced_by else ""]


DATASET_COLUMNS = ["#", "Name", "Files", "Bytes", "Made by task"]


@datasets_app.command("upload")
def datasets_upload(
    name: str,
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (folders keep relative paths).")],
    part_size_mb: Annotated[int | None, typer.Option(help="Part size of resumable uploads (MB).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Upload files and folders as a new dataset; run it again to resume an interrupted upload."""
    total = sum(path.stat().st_size for _, path in local_files(list(paths)))
    part_size = part_size_mb * 1024 * 1024 if part_size_mb else None
    with client() as oasis:
        made = _with_bar(
            total,
            f"Uploading {name}",
            lambda tick: oasis.upload_dataset(
                name, list(paths), on_progress=tick, on_note=_note, part_size=part_size
            ),
        )
    _dump(made) if as_json else _table(DATASET_COLUMNS, [_dataset_row(made)])


def _note(text: str) -> None:
    err.print(text, highlight=False, markup=False)


@datasets_app.command("download")
def datasets_download(
    dataset: str,
    dest: Path,
    as_zip: Annotated[bool, typer.Option("--zip", help="One zip file at DEST instead of the files.")] = False,
) -> None:
    """Download a dataset's files into the folder DEST (or as one zip)."""
    with client() as oasis:
        found = oasis.dataset(dataset)
        _with_bar(
            found.size,
            f"Downloading {found.name}",
            lambda tick: oasis.download_dataset(found.id, dest, as_zip=as_zip, on_progress=tick),
        )
    err.print(f"{found.name}: {found.file_count} files in {dest}")


@datasets_app.command("list")
def datasets_list(as_json: JsonOption = False) -> None:
    """Your datasets."""
    with client() as oasis:
        found = oasis.datasets()
    if as_json:
        _dump([d.model_dump(mode="json", by_alias=True) for d in found])
    else:
        _table(DATASET_COLUMNS, [_dataset_row(d) for d in found])


# --- tasks ---------------------------------------------------------------------------------------
TASK_COLUMNS = ["#", "Status", "Algorithm", "Input", "Exit", "Reason", "Created"]


def _task_row(task: Task) -> list:
    d = task.data
    algorithm = d.algorithm.name if d.algorithm else d.spec.algorithm_name
    return [
        task.number,
        task.status,
        algorithm,
        d.input_dataset.name if d.input_dataset else "",
        d.exit_code,
        d.failure_reason,
        d.created_at.strftime("%Y-%m-%d %H:%M:%S"),
    ]


def _print_line(line: LogLine, *, raw: bool) -> None:
    text = line.text if raw else _ANSI.sub("", line.text)
    if line.stream == "STDOUT":
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    elif line.stream == "STDERR":
        sys.stderr.write(text + "\n")
        sys.stderr.flush()
    else:
        err.print(f"[dim][oasis] {_escape(text)}[/dim]" if raw else f"[oasis] {text}", highlight=False)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _follow(lines: Iterator[LogLine]) -> None:
    raw = sys.stdout.isatty()
    for line in lines:
        _print_line(line, raw=raw)


def _exit_for(task: Task) -> int:
    if task.status == "SUCCEEDED":
        return 0
    if task.status == "CANCELLED":
        return EXIT_CANCELLED
    if task.exit_code:
        return task.exit_code
    return EXIT_UNAVAILABLE


def _finish(task: Task, *, follow: bool, download_output: Path | None, as_json: bool) -> None:
    if follow:
        _follow(task.follow())
    if follow or download_output is not None:
        task.wait()
    if download_output is not None and task.status == "SUCCEEDED":
        dataset = task.data.output_dataset
        _with_bar(
            dataset.size if dataset else 0,
            "Downloading the output",
            lambda tick: task.download_output(download_output, on_progress=tick),
        )
    if as_json:
        _dump(task.data)
    elif not follow:
        _table(TASK_COLUMNS, [_task_row(task)])
    if task.finished:
        if task.status != "SUCCEEDED":
            err.print(f"task {task.number} {task.status.lower()}: {task.failure_reason}", highlight=False)
        raise typer.Exit(_exit_for(task))


@app.command()
def run(
    algorithm: Annotated[str, typer.Argument(help="The algorithm's name or number.")],
    input: Annotated[
        str, typer.Option("--input", "-i", help="A dataset (name or number) or a local folder or file.")
    ],
    follow: Annotated[
        bool, typer.Option("--follow", "-f", help="Stream the log until the task ends.")
    ] = False,
    download_output: Annotated[
        Path | None, typer.Option(help="Download the output dataset to this folder.")
    ] = None,
    reuse: Annotated[
        bool | None,
        typer.Option(
            "--reuse/--no-reuse", help="Take an identical earlier result (default: the algorithm's setting)."
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Run an algorithm; with --follow, exit with the task's exit code."""
    with client() as oasis:
        local = Path(input)
        if local.exists():
            total = sum(path.stat().st_size for _, path in local_files([local]))
            task = _with_bar(
                total,
                f"Uploading {local.name}",
                lambda tick: oasis.run(algorithm, input=local, reuse=reuse, on_progress=tick),
            )
        else:
            task = oasis.run(algorithm, input=input, reuse=reuse)
        err.print(f"task {task.number} {task.status.lower()}", highlight=False)
        _finish(task, follow=follow, download_output=download_output, as_json=as_json)


@app.command()
def logs(
    task: str,
    follow: Annotated[
        bool, typer.Option("--follow", "-f", help="Keep streaming until the task ends.")
    ] = False,
    from_line: Annotated[int, typer.Option(help="Start at this line (0 is the first).")] = 0,
) -> None:
    """Print a task's log (stdout to stdout, stderr to stderr)."""
    with client() as oasis:
        found = oasis.task(task)
        if follow:
            _follow(found.follow(from_line=from_line))
            found.wait()
            raise typer.Exit(_exit_for(found))
        for line in oasis.logs(found.id, from_line=from_line):
            _print_line(line, raw=sys.stdout.isatty())


@tasks_app.command("list")
def tasks_list(
    status: Annotated[str | None, typer.Option(help="Only tasks in this status.")] = None,
    limit: int = 20,
    as_json: JsonOption = False,
) -> None:
    """Your tasks, newest first."""
    with client() as oasis:
        found = oasis.tasks(status=status, limit=limit)
    if as_json:
        _dump([t.data.model_dump(mode="json", by_alias=True) for t in found])
    else:
        _table(TASK_COLUMNS, [_task_row(t) for t in found])


@tasks_app.command("show")
def tasks_show(task: str, as_json: JsonOption = False) -> None:
    """One task, with its run spec."""
    with client() as oasis:
        found = oasis.task(task)
    if as_json:
        _dump(found.data)
        return
    _table(TASK_COLUMNS, [_task_row(found)])
    spec = found.data.spec
    argv = " ".join(spec.command) if spec.command is not None else "(image CMD)"
    out.print(
        f"image {spec.image_name} {spec.image_id[:19]} {spec.repo_digest}\ncommand {argv}\n"
        f"limits {spec.memory_mb} MB, {spec.cpus} CPUs, {spec.timeout_s} s; gpu {spec.gpu}; network {spec.network}\n"
        f"spec {spec.digest}",
        highlight=False,
    )


@tasks_app.command("cancel")
def tasks_cancel(task: str, as_json: JsonOption = False) -> None:
    """Cancel a task that has not finished."""
    with client() as oasis:
        found = oasis.cancel(task)
    _dump(found.data) if as_json else _table(TASK_COLUMNS, [_task_row(found)])


@tasks_app.command("rerun")
def tasks_rerun(
    task: str,
    current: Annotated[
        bool, typer.Option("--current", help="Run the algorithm's current definition.")
    ] = False,
    follow: Annotated[bool, typer.Option("--follow", "-f")] = False,
    as_json: JsonOption = False,
) -> None:
    """Run a task's recorded spec again on the same input."""
    with client() as oasis:
        again = oasis.rerun(task, use_current_algorithm=current)
        err.print(
            f"task {again.number} {again.status.lower()} (a re-run of task {number(again.data.rerun_of.id) if again.data.rerun_of else task})",
            highlight=False,
        )
        _finish(again, follow=follow, download_output=None, as_json=as_json)


def main() -> None:
    """The console script: errors are one line and an exit code, never a traceback."""
    try:
        code = app(standalone_mode=False)
    except OasisError as exc:
        err.print(f"error: {exc}", highlight=False, markup=False)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err.print("aborted", markup=False)
        sys.exit(EXIT_CANCELLED)
    except KeyboardInterrupt:
        sys.exit(EXIT_CANCELLED)
    except Exception as exc:  # click's usage errors and anything unforeseen: still one line
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        err.print(f"error: {type(exc).__name__}: {exc}", highlight=False, markup=False)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
