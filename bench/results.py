"""Statistics over repeated runs, and the rows of the benchmarks' tables."""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0..100), linear between closest ranks."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass
class Stat:
    values: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)

    def p(self, q: float) -> float:
        return percentile(self.values, q)

    def summary(self) -> dict:
        return {
            "n": len(self.values),
            "median": self.median,
            "min": self.low,
            "max": self.high,
            "p25": self.p(25),
            "p75": self.p(75),
            "values": self.values,
        }


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"
    if unit == "ms":
        return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"
    if unit == "us":
        return f"{value:.2f} us"
    if unit == "MB/s":
        return f"{value:.0f} MB/s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:g} {unit}".strip()


def fmt_stat(stat: Stat, unit: str, scale: float = 1.0) -> tuple[str, str]:
    """``(median, "min-max")`` as text."""
    return (
        fmt(stat.median * scale, unit),
        f"{fmt(stat.low * scale, unit)} - {fmt(stat.high * scale, unit)}",
    )


@dataclass
class Row:
    """One line of a benchmark's table (and of the final summary)."""

    bench: str
    mode: str
    case: str
    value: str
    spread: str = ""
    baseline: str = ""
    ratio: float | None = None
    target: str = ""
    met: bool | None = None
    data: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


COLUMNS = [
    ("bench", "Bench"),
    ("mode", "Mode"),
    ("case", "Case"),
    ("value", "OASIS (median)"),
    ("spread", "Spread (min - max)"),
    ("baseline", "Raw Docker (median)"),
    ("ratio", "Ratio"),
    ("target", "Target"),
    ("met", "Met"),
]


def _cell(row: Row, key: str) -> str:
    value = getattr(row, key)
    if key == "ratio":
        return "-" if value is None else f"{value:.2f}"
    if key == "met":
        return {None: "", True: "yes", False: "NO"}[value]
    return str(value)


def table(rows: list[Row], *, markdown: bool = False) -> str:
    cells = [[title for _, title in COLUMNS]] + [[_cell(r, key) for key, _ in COLUMNS] for r in rows]
    if markdown:
        lines = ["| " + " | ".join(cells[0]) + " |", "|" + "|".join("---" for _ in COLUMNS) + "|"]
        lines += ["| " + " | ".join(c.replace("|", "/") for c in row) + " |" for row in cells[1:]]
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in cells) for i in range(len(COLUMNS))]
    out = ["  ".join(c.ljust(w) for c, w in zip(cells[0], widths, strict=True))]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells[1:]]
    return "\n".join(out)


def say(message: str) -> None:
    print(message, flush=True)
