"""The dashboard in a real browser: Playwright drives Debian's Chromium against the real stack
(daphne, a Celery worker, Redis, Postgres, dockerd). The scenario lives in tests/e2e/*.spec.ts."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.fixtures.services import missing_service
from tests.fixtures.stack import start_stack

REPO = Path(__file__).resolve().parents[2]
FRONTEND = REPO / "frontend"
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def built_frontend():
    if shutil.which("npm") is None:
        missing_service("npm is not installed, so the dashboard cannot be built")
    if not CHROMIUM.exists():
        missing_service("no browser at /usr/bin/chromium (Debian package chromium)")
    if not (FRONTEND / "node_modules").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=FRONTEND, check=True, timeout=600)
    subprocess.run(["npm", "run", "build"], cwd=FRONTEND, check=True, timeout=600)
    return FRONTEND / "dist"


@pytest.mark.timeout(900)  # the scenario is long; Playwright's own timeout (480 s) ends it first
def test_dashboard_end_to_end(built_frontend, docker_client, busybox_tarball):
    # 5 MiB parts (the smallest), so that the large-file uploads of uploads.spec.ts have several.
    stack = start_stack("distributed", extra_env={"OASIS_UPLOAD_PART_BYTES": str(5 * 1024 * 1024)})
    try:
        stack.create_user("e2e-alice", "alice-password-1")
        stack.create_user("e2e-bob", "bob-password-1")
        artifacts = REPO / "test-artifacts"
        artifacts.mkdir(exist_ok=True)
        env = {
            **os.environ,
            "OASIS_E2E_URL": stack.url,
            "OASIS_E2E_USER": "e2e-alice",
            "OASIS_E2E_PASSWORD": "alice-password-1",
            "OASIS_E2E_USER2": "e2e-bob",
            "OASIS_E2E_PASSWORD2": "bob-password-1",
            "OASIS_E2E_IMAGE_TAR": str(busybox_tarball),
            "OASIS_E2E_ARTIFACTS": str(artifacts),
        }
        result = subprocess.run(
            ["npm", "run", "--silent", "e2e"],
            cwd=FRONTEND,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert result.returncode == 0, (
            f"{result.stdout[-8000:]}\n{result.stderr[-4000:]}\n{stack.logs()[-6000:]}"
        )
        for page in (
            "images",
            "algorithms",
            "datasets",
            "tasks",
            "task-detail",
            "task-rerun",
            "tasks-search-sort",
            "tasks-after-300-changes",
        ):
            assert any(artifacts.glob(f"*{page}*.png")), f"no screenshot of the {page} page"
    finally:
        stack.stop()
