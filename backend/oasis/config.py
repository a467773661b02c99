"""Reading settings from the environment (12-factor); every variable is listed in the README."""

from __future__ import annotations

import json
import os

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def _parsed(name: str, default, parse, what: str):
    """Variable ``name`` as ``parse`` reads it, ``default`` when unset or empty; a value ``parse`` refuses
    (ValueError) is a configuration error saying what it must be."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return parse(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be {what}, not {raw!r}") from exc


def _bool(raw: str) -> bool:
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ValueError(raw)


def env_bool(name: str, default: bool = False) -> bool:
    return _parsed(name, default, _bool, "true or false")


def env_int(name: str, default: int) -> int:
    return _parsed(name, default, int, "an integer")


def env_float(name: str, default: float) -> float:
    return _parsed(name, default, float, "a number")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_json(name: str, default):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be JSON: {exc}") from exc
