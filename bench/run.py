"""Run the OASIS benchmarks against raw Docker: ``make bench`` or ``python bench/run.py``.

    python bench/run.py                      # everything, both modes (~15 min on 2 cores)
    python bench/run.py --only B1,B3 --quick # a subset, fewer repetitions and smaller sizes
    python bench/run.py --modes distributed  # one mode

Prints each benchmark's table and a final summary; writes ``bench/results/<time>.json`` (and
``latest.json``); a full run also rewrites the results section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import (
    b1_dispatch,
    b2_logs,
    b3_latency,
    b4_concurrency,
    b5_datasets,
    b5_s3,
    b6_api,
    b7_reuse,
    b8_log_search,
    b9_dashboard,
)
from bench.engine import Unavailable, leftover_containers, remove_containers
from bench.memory import machine
from bench.results import Row, say, table
from bench.stack import REDIS, check_services, oasis
from oasis_testing.stack import REPO

ALL = ["B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9"]
MODES = ["distributed", "embedded"]
RESULTS = REPO / "bench" / "results"
DOCS = REPO / "docs" / "benchmarks.md"
START, END = "<!-- bench:results:start -->", "<!-- bench:results:end -->"


def plan(quick: bool) -> dict:
    """Repetitions and sizes. The full plan fits ~15 minutes on a 2-core machine."""
    if quick:
        return {
            "B1": {"reps": 5, "warmup": 1},
            "B2": {"sizes": [100_000, 1_000_000], "reps": 5, "warmup": 1},
            "B3": {"subscribers": [1, 10, 100], "reps": 5, "lines": 200},
            "B4": {"tasks": 50, "reps": 1},
            "B5": {"size_mb": 256, "reps": 2},
            "B6": {"rows": 2_000, "reps": 10},
            "B7": {"reps": 5},
            "B8": {"lines": 1_000_000, "reps": 5},
            "B9": {"reps": 1},
        }
    return {
        "B1": {"reps": 7, "warmup": 2},
        "B2": {"sizes": [100_000, 1_000_000, 2_000_000], "reps": 5, "warmup": 1},
        "B3": {"subscribers": [1, 10, 100], "reps": 5, "lines": 300},
        "B4": {"tasks": 200, "reps": 1},
        "B5": {"size_mb": 1024, "reps": 1},
        "B6": {"rows": 10_000, "reps": 20},
        "B7": {"reps": 15},
        "B8": {"lines": 1_000_000, "reps": 15},
        "B9": {"reps": 3},
    }


def run_mode(mode: str, only: list[str], settings: dict) -> list[Row]:
    rows: list[Row] = []
    if "B9" in only:  # built before the stack starts: the server serves the assets it finds then
        try:
            b9_dashboard.build()
        except Exception as exc:  # reported as B9's row; the others still run
            say(f"B9 ({mode}): {exc}")
            skipped = isinstance(exc, Unavailable)
            rows.append(
                Row(
                    "B9",
                    mode,
                    "skipped" if skipped else "FAILED",
                    str(exc)[:200],
                    met=None if skipped else False,
                )
            )
            only = [b for b in only if b != "B9"]
    shared = [b for b in ("B1", "B2", "B3", "B4", "B6", "B7", "B8", "B9") if b in only]
    if shared:
        with oasis(mode) as env:
            for name, module in (
                ("B1", b1_dispatch),
                ("B2", b2_logs),
                ("B3", b3_latency),
                ("B4", b4_concurrency),
                ("B6", b6_api),
                ("B7", b7_reuse),
                ("B8", b8_log_search),
                ("B9", b9_dashboard),
            ):
                if name in only:
                    rows += guarded(name, mode, lambda m=module, n=name: m.run(env, **settings[n]))
    if "B5" in only:
        rows += guarded("B5", mode, lambda: b5_datasets.run(mode, **settings["B5"]))
        if mode == "distributed":  # the S3 mode is the distributed deployment's storage
            rows += guarded("B5", f"{mode}+S3", lambda: b5_s3.run(mode, size_mb=settings["B5"]["size_mb"]))
    return rows


def guarded(name: str, mode: str, action) -> list[Row]:
    """Run one benchmark; a failure is reported as a row and the others still run."""
    started = time.perf_counter()
    try:
        rows = action()
    except Unavailable as exc:
        say(f"{name} ({mode}) SKIPPED: {exc}")
        return [Row(name, mode, "skipped", str(exc))]
    except Exception as exc:
        traceback.print_exc()
        say(f"{name} ({mode}) FAILED: {exc}")
        return [Row(name, mode, "FAILED", f"{type(exc).__name__}: {str(exc)[:200]}", met=False)]
    say(table(rows))
    say(f"  ({name} {mode}: {time.perf_counter() - started:.0f} s)\n")
    return rows


def layer_comparison(only: list[str], settings: dict, modes: list[str]) -> list[Row]:
    """B3 at 100 subscribers with the core RedisChannelLayer instead of the pub/sub one."""
    if "B3" not in only or "distributed" not in modes:
        return []
    rows: list[Row] = []
    with oasis("distributed", extra_env={"OASIS_CHANNEL_LAYER": "core"}) as env:
        opts = {**settings["B3"], "subscribers": [100]}
        rows += guarded(
            "B3", "distributed", lambda: b3_latency.run(env, **opts, layer="core", per_line_form=False)
        )
    return rows


def update_docs(rows: list[Row], info: dict, command: str) -> None:
    text = DOCS.read_text() if DOCS.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    if START not in text or END not in text:
        text += f"\n{START}\n{END}\n"
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    load = ", ".join(f"{x:.2f}" for x in info["load_before"])
    busy = ", ".join(f"{x:.2f}" for x in info["load_after"])
    section = "\n".join(
        [
            START,
            f"_Generated by `{command}` on {info['finished']} ({info['duration_s'] / 60:.1f} min)._",
            "",
            f"Machine: {info['cores']} cores ({info['cpu']}), {info['memory_gb']} GB memory, "
            f"Linux {info['kernel']}, Docker Engine {info['docker']}, Python {info['python']}. "
            f"Load average before the run: {load}; after: {busy}."
            + (
                " The machine was shared with other work during this run (load above half the cores):"
                " treat differences under ~20% as noise."
                if max(info["load_before"][0], info["load_after"][0]) > info["cores"] / 2
                else ""
            ),
            "",
            table(rows, markdown=True),
            END,
        ]
    )
    DOCS.write_text(head + section + tail)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", default=",".join(ALL), help="comma-separated: B1,B2,B3,B4,B5,B6")
    parser.add_argument("--modes", default=",".join(MODES), help="distributed,embedded")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, smaller sizes")
    parser.add_argument(
        "--docs", action="store_true", help="update docs/benchmarks.md even for a partial run"
    )
    parser.add_argument("--no-docs", action="store_true", help="never update docs/benchmarks.md")
    args = parser.parse_args(argv)
    only = [b.strip().upper() for b in args.only.split(",") if b.strip()]
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    unknown = [b for b in only if b not in ALL] + [m for m in modes if m not in MODES]
    if unknown:
        parser.error(f"unknown: {', '.join(unknown)}")
    settings = plan(args.quick)
    info = machine()
    info["load_before"] = info.pop("load_average")
    say(f"Machine: {info['cores']} cores, {info['memory_gb']} GB, {info['cpu']}, Docker {info['docker']}")
    say(f"Load average: {info['load_before']}; benchmarks {','.join(only)}; modes {','.join(modes)}\n")

    started = time.perf_counter()
    rows: list[Row] = []
    try:
        for mode in modes:
            try:
                check_services(mode)
            except Unavailable as exc:
                say(f"{mode} mode SKIPPED: {exc}")
                rows.append(Row("-", mode, "skipped", str(exc)))
                continue
            rows += run_mode(mode, only, settings)
        rows += layer_comparison(only, settings, modes)
    finally:
        REDIS.stop()
        with contextlib.suppress(Exception):
            left = leftover_containers()
            if left:
                say(f"Removing {len(left)} container(s) the run left behind")
                remove_containers(left)

    info["load_after"] = list(__import__("os").getloadavg())
    info["duration_s"] = time.perf_counter() - started
    info["finished"] = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    command = (
        "make bench"
        if argv is None and len(sys.argv) == 1
        else "python bench/run.py " + " ".join(sys.argv[1:] if argv is None else argv)
    )
    rows.sort(key=lambda r: (r.bench, MODES.index(r.mode) if r.mode in MODES else 9))
    say("\n=== Summary ===")
    say(table(rows))
    say(f"\n{info['duration_s'] / 60:.1f} min; load average now {info['load_after']}")

    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    payload = {"command": command, "quick": args.quick, "only": only, "modes": modes, "machine": info}
    payload["plan"] = settings
    payload["rows"] = [r.as_dict() for r in rows]
    for path in (RESULTS / f"{stamp}.json", RESULTS / "latest.json"):
        path.write_text(json.dumps(payload, indent=2, default=str))
    say(f"Results: {RESULTS / f'{stamp}.json'}")
    full = set(only) == set(ALL) and set(modes) == set(MODES) and not args.quick
    if not args.no_docs and (full or args.docs):
        update_docs(rows, info, command)
        say(f"Updated {DOCS.relative_to(REPO)}")
    missed = [r for r in rows if r.met is False]
    return 1 if any(r.case == "FAILED" for r in missed) else 0


if __name__ == "__main__":
    sys.exit(main())
