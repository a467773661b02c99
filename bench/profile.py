"""Profile the stack's processes with py-spy while one benchmark scenario runs (needs root).

    python bench/profile.py logs --lines 1000000          # B2: the worker storing a big log
    python bench/profile.py dispatch --tasks 20           # B1: many `true` tasks, one after another
    python bench/profile.py latency --subscribers 100     # B3: the web server fanning out lines
    python bench/profile.py upload --size-mb 512          # B5: the web server taking an upload

Writes collapsed stacks (``*.txt``, for flamegraph tools or speedscope) to bench/results/profiles/
and prints the functions with the most samples, inclusive and self, per process.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import b2_logs, b3_latency, b5_datasets
from bench.engine import leftover_containers, remove_containers
from bench.memory import process_tree
from bench.results import say
from bench.stack import Watcher, oasis
from oasis_testing.stack import REPO

OUT = REPO / "bench" / "results" / "profiles"
PY_SPY = str(Path(sys.executable).with_name("py-spy"))


def start_py_spy(pid: int, name: str, *, rate: int = 200) -> tuple[subprocess.Popen, Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}-{time.strftime('%H%M%S')}.txt"
    argv = [PY_SPY, "record", "--pid", str(pid), "--rate", str(rate), "--format", "raw", "--threads"]
    argv += ["--subprocesses", "--nonblocking", "--output", str(path)]
    return subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE), path


def stop_py_spy(proc: subprocess.Popen) -> None:
    proc.send_signal(2)  # SIGINT: py-spy writes its output and exits
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def summarize(path: Path, top: int = 25) -> str:
    """Top functions by inclusive and self samples, from py-spy's collapsed stacks."""
    inclusive: collections.Counter = collections.Counter()
    own: collections.Counter = collections.Counter()
    threads: collections.Counter = collections.Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack:
            continue
        n = int(count)
        frames = stack.split(";")
        total += n
        threads[frames[0]] += n
        seen = set()
        for frame in frames[1:]:
            key = frame.split(" (")[0] + " (" + frame.split(" (")[-1].split(":")[0].split("/")[-1] + ")"
            if key not in seen:
                inclusive[key] += n
                seen.add(key)
        if len(frames) > 1:
            last = frames[-1]
            own[last.split(" (")[0] + " (" + last.split(" (")[-1].split(":")[0].split("/")[-1] + ")"] += n
    out = [f"{path.name}: {total} samples"]
    out.append("  by thread: " + ", ".join(f"{k} {v / total:.0%}" for k, v in threads.most_common(8)))
    out.append("  inclusive:")
    out += [f"    {v / total:6.1%}  {k}" for k, v in inclusive.most_common(top)]
    out.append("  self:")
    out += [f"    {v / total:6.1%}  {k}" for k, v in own.most_common(top)]
    return "\n".join(out)


async def _dispatch(env, tasks: int) -> None:
    algorithm = env.algorithm("true")
    async with Watcher(env) as watcher:
        for _ in range(tasks):
            await watcher.run(algorithm)


async def _logs(env, lines: int) -> None:
    algorithm = env.algorithm(f"awk '{b2_logs.script(lines)}'")
    async with Watcher(env) as watcher:
        status, seconds, _ = await watcher.run(algorithm, timeout=900)
    say(f"  {lines:,} lines: {status} in {seconds:.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("scenario", choices=["dispatch", "logs", "latency", "upload"])
    parser.add_argument("--mode", default="distributed", choices=["distributed", "embedded"])
    parser.add_argument(
        "--lines", type=int, help="lines printed (logs: 1,000,000; latency: 3,000, at 100 lines/s)"
    )
    parser.add_argument("--tasks", type=int, default=20)
    parser.add_argument("--subscribers", type=int, default=100)
    parser.add_argument("--size-mb", type=int, default=512)
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the stack")
    args = parser.parse_args()
    extra = dict(item.split("=", 1) for item in args.env)
    with oasis(args.mode, extra_env=extra) as env:
        targets = {"web": env.pid("web")}
        if args.mode == "distributed":
            targets["worker"] = env.pid("worker")
        say("processes: " + ", ".join(f"{k} {process_tree(v)}" for k, v in targets.items()))
        spies = {
            name: start_py_spy(pid, f"{args.scenario}-{args.mode}-{name}") for name, pid in targets.items()
        }
        time.sleep(1)
        try:
            if args.scenario == "dispatch":
                asyncio.run(_dispatch(env, args.tasks))
            elif args.scenario == "logs":
                asyncio.run(_logs(env, args.lines or 1_000_000))
            elif args.scenario == "latency":
                # OASIS only: B3's raw baseline paces itself at 100 lines/s like the task does.
                asyncio.run(b3_latency._measure(env, args.subscribers, 1, args.lines or 3000))
            else:
                with tempfile.TemporaryDirectory() as folder:
                    path = Path(folder) / "big.bin"
                    b5_datasets.make_file(path, args.size_mb)
                    seconds, _ = b5_datasets.upload(env, path)
                    say(f"  upload of {args.size_mb} MB: {seconds:.1f} s")
        finally:
            for proc, _ in spies.values():
                stop_py_spy(proc)
            remove_containers(leftover_containers())  # an interrupted scenario leaves none running
    for _, path in spies.values():
        if path.exists():
            say(summarize(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
