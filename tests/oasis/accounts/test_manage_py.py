"""manage.py without the server's environment says what to set, in one line (README: oasis_token)."""

import os
import subprocess
import sys
from pathlib import Path

MANAGE = Path(__file__).resolve().parents[3] / "backend" / "manage.py"


def test_a_missing_secret_key_is_one_clear_line(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "DJANGO_SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    env["OASIS_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, str(MANAGE), "oasis_token", "admin"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == "manage.py: Set DJANGO_SECRET_KEY (or DEBUG=true for a development key).\n"
    assert result.stdout == ""
