"""Settings for the in-process tests: the real Postgres when it is reachable, SQLite otherwise.

The choice is made once, here, and reported in one line at the top of the run (see conftest). With
CI=true a missing Postgres is an error, not a fallback. Tests that need the whole stack start real
processes (daphne, Celery workers) with their own environment; see tests/fixtures/stack.py.
"""

import os
import tempfile

from oasis_testing.stack import port_open
from tests.fixtures.services import IN_CI

_DATA = tempfile.mkdtemp(prefix="oasis-test-data-")
os.environ.setdefault("OASIS_DATA_DIR", _DATA)
os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key")
os.environ.setdefault("DEBUG", "true")
os.environ.pop("REDIS_URL", None)  # in-process tests use the in-memory broker and layer

POSTGRES_URL = os.environ.get("OASIS_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/oasis")
if "DATABASE_URL" not in os.environ:
    if port_open("127.0.0.1", 5432):
        os.environ["DATABASE_URL"] = POSTGRES_URL
    elif IN_CI:
        raise RuntimeError("CI=true but no PostgreSQL answers on 127.0.0.1:5432")

from oasis.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

# Several test runs may share one PostgreSQL (developers' parallel runs): each gets its own database.
if "postgresql" in DATABASES["default"]["ENGINE"]:  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": f"test_oasis_{os.getpid()}"}  # noqa: F405
