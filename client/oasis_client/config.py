"""Where `oasis login` keeps the server and token: ``$OASIS_CONFIG`` or ``~/.config/oasis/config.json``
(readable by its owner only). ``OASIS_URL`` and ``OASIS_TOKEN`` take precedence over it."""

from __future__ import annotations

import json
import os
from pathlib import Path


def path() -> Path:
    if os.environ.get("OASIS_CONFIG"):
        return Path(os.environ["OASIS_CONFIG"])
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "oasis" / "config.json"


def load() -> dict:
    try:
        data = json.loads(path().read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(*, url: str, token: str) -> Path:
    target = path()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as file:
        json.dump({"url": url, "token": token}, file)
    os.chmod(target, 0o600)
    return target


def _uploads_path() -> Path:
    return path().with_name("uploads.json")


def load_uploads() -> dict:
    """Unfinished uploads, so that running the same upload again resumes it."""
    try:
        data = json.loads(_uploads_path().read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_upload(key: str, state: dict | None) -> None:
    uploads = load_uploads()
    if state is None:
        uploads.pop(key, None)
    else:
        uploads[key] = state
    target = _uploads_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.with_suffix(".tmp")
    fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as file:
        json.dump(uploads, file)
    os.replace(scratch, target)
