"""Django settings for OASIS.

Everything comes from environment variables (see the configuration table in README.md).
With nothing set, OASIS runs embedded: SQLite and files under OASIS_DATA_DIR, an in-memory broker
and channel layer, and a worker inside the web process. With REDIS_URL (and usually DATABASE_URL) it
runs distributed: daphne web processes, Celery workers on any number of hosts, Redis as broker and
channel layer.
"""

from __future__ import annotations

import gc
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .config import env_bool, env_float, env_int, env_json, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = BASE_DIR.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DEBUG=true for a development key).")
    SECRET_KEY = "oasis-development-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

DATA_DIR = Path(env_str("OASIS_DATA_DIR", str(REPO_DIR / "var"))).resolve()
REDIS_URL = env_str("REDIS_URL")
#: Embedded mode: no external broker; the web process runs the worker (see oasis.embedded).
EMBEDDED = not REDIS_URL

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "channels",
    "strawberry_django",
    "oasis.accounts",
    "oasis.images",
    "oasis.algorithms",
    "oasis.datasets",
    "oasis.tasks",
    "oasis.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "oasis.accounts.middleware.BearerTokenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "oasis.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
WSGI_APPLICATION = None
ASGI_APPLICATION = "oasis.asgi.application"

DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'oasis.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded worker writes from threads while the web process reads: WAL and a busy timeout
    # keep SQLite from answering "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static-collected"
STATIC_ROOT.mkdir(exist_ok=True)
FRONTEND_DIST = REPO_DIR / "frontend" / "dist"
STATICFILES_DIRS = [FRONTEND_DIST] if (FRONTEND_DIST / "assets").is_dir() else []
WHITENOISE_ROOT = FRONTEND_DIST if FRONTEND_DIST.is_dir() else None

# --- Files ---------------------------------------------------------------------------------------
# Uploads land on disk (hashed while they are written), never in memory.
FILE_UPLOAD_HANDLERS = ["oasis.datasets.uploads.HashingUploadHandler"]
# Django's ASGI handler spools request bodies past this size to disk (0 would keep them in memory);
# uploaded files themselves always go to disk through the hashing handler.
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
FILE_UPLOAD_TEMP_DIR = str(DATA_DIR / "tmp")
Path(FILE_UPLOAD_TEMP_DIR).mkdir(parents=True, exist_ok=True)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("OASIS_MAX_FILES_PER_REQUEST", 1000)

S3_BUCKET = env_str("OASIS_S3_BUCKET")
if S3_BUCKET:
    BLOB_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_str("OASIS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("OASIS_S3_REGION") or None,
            "access_key": env_str("OASIS_S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("OASIS_S3_SECRET_ACCESS_KEY") or None,
            "location": env_str("OASIS_S3_PREFIX", "oasis"),
            "file_overwrite": True,
            "default_acl": None,
            "querystring_auth": True,
        },
    }
else:
    BLOB_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(DATA_DIR / "storage"), "file_permissions_mode": 0o640},
    }
STORAGES = {
    "default": BLOB_STORAGE,
    "blobs": BLOB_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# --- Limits (defaults and caps for algorithms, uploads, logs, the API) ---------------------------
OASIS_MAX_UPLOAD_BYTES = env_int("OASIS_MAX_UPLOAD_BYTES", 20 * 1024**3)
# Resumable uploads (issue 13): parts of 5 MiB (S3's smallest but the last) to 5 GiB, at most 10,000.
OASIS_UPLOAD_PART_BYTES = env_int("OASIS_UPLOAD_PART_BYTES", 64 * 1024**2)
OASIS_UPLOAD_PART_MIN_BYTES = env_int("OASIS_UPLOAD_PART_MIN_BYTES", 5 * 1024**2)
OASIS_UPLOAD_PART_MAX_BYTES = env_int("OASIS_UPLOAD_PART_MAX_BYTES", 1024**3)
OASIS_MAX_UPLOAD_SESSIONS = env_int("OASIS_MAX_UPLOAD_SESSIONS", 20)
#: An open upload session no part reached for this long is aborted by the storage sweep.
OASIS_UPLOAD_SESSION_TTL_S = env_int("OASIS_UPLOAD_SESSION_TTL_S", 24 * 3600)
#: Lifetime of presigned S3 URLs: a part's upload URL, a file's download redirect.
OASIS_S3_UPLOAD_URL_TTL_S = env_int("OASIS_S3_UPLOAD_URL_TTL_S", 3600)
OASIS_S3_DOWNLOAD_URL_TTL_S = env_int("OASIS_S3_DOWNLOAD_URL_TTL_S", 300)
#: The S3 endpoint as clients reach it, for presigned URLs (default: OASIS_S3_ENDPOINT_URL).
OASIS_S3_PUBLIC_ENDPOINT_URL = env_str("OASIS_S3_PUBLIC_ENDPOINT_URL") or None
#: The data plane (local storage): ``manage.py serve`` also listens on this port (default: the web
#: port + 1; 0 turns it off) for presigned file, zip and upload-part URLs, served without Django's
#: request cycle. ``OASIS_DATA_URL``: its origin as clients reach it (e.g. a proxy routing ``/data/``
#: there); by default the host the client used for the API, at the data port.
OASIS_DATA_PORT = env_str("OASIS_DATA_PORT")
OASIS_DATA_URL = env_str("OASIS_DATA_URL").rstrip("/")
#: Connections the data plane serves at once (more wait in the listen backlog, then get a 503).
OASIS_DATA_MAX_CONNECTIONS = env_int("OASIS_DATA_MAX_CONNECTIONS", 256)
OASIS_MAX_FILES_PER_DATASET = env_int("OASIS_MAX_FILES_PER_DATASET", 100_000)
OASIS_MAX_IMAGE_BYTES = env_int("OASIS_MAX_IMAGE_BYTES", 10 * 1024**3)
OASIS_WORKER_ARCHITECTURES = env_list("OASIS_WORKER_ARCHITECTURES", ["amd64"])
OASIS_DEFAULT_MEMORY_MB = env_int("OASIS_DEFAULT_MEMORY_MB", 1024)
OASIS_MAX_MEMORY_MB = env_int("OASIS_MAX_MEMORY_MB", 16 * 1024)
OASIS_DEFAULT_CPUS = env_float("OASIS_DEFAULT_CPUS", 1.0)
OASIS_MAX_CPUS = env_float("OASIS_MAX_CPUS", 4.0)
OASIS_DEFAULT_TIMEOUT_S = env_int("OASIS_DEFAULT_TIMEOUT_S", 3600)
OASIS_MAX_TIMEOUT_S = env_int("OASIS_MAX_TIMEOUT_S", 24 * 3600)
OASIS_ALLOW_NETWORK = env_bool("OASIS_ALLOW_NETWORK", True)
OASIS_PIDS_LIMIT = env_int("OASIS_PIDS_LIMIT", 256)
OASIS_LOG_MAX_BYTES = env_int("OASIS_LOG_MAX_BYTES", 50 * 1024**2)
OASIS_PAGE_SIZE_MAX = env_int("OASIS_PAGE_SIZE_MAX", 100)
OASIS_QUERY_MAX_DEPTH = env_int("OASIS_QUERY_MAX_DEPTH", 10)
OASIS_QUERY_MAX_ALIASES = env_int("OASIS_QUERY_MAX_ALIASES", 15)
OASIS_QUERY_MAX_TOKENS = env_int("OASIS_QUERY_MAX_TOKENS", 2000)
OASIS_MAX_SUBSCRIPTIONS_PER_CONNECTION = env_int("OASIS_MAX_SUBSCRIPTIONS_PER_CONNECTION", 20)

# Abuse limits (issue 12) -------------------------------------------------------------------------
#: Log text one GraphQL request may return through outputLog and logLines together (aliases, lists).
OASIS_REQUEST_LOG_MAX_BYTES = env_int("OASIS_REQUEST_LOG_MAX_BYTES", 4 * 1024**2)
#: The longest one logSearch may run (seconds); a pattern that needs more is stopped with an error.
OASIS_LOG_SEARCH_BUDGET_S = env_float("OASIS_LOG_SEARCH_BUDGET_S", 3.0)
#: A task's outputs: total bytes (as read from the engine, so a sparse file counts in full).
OASIS_MAX_OUTPUT_BYTES = env_int("OASIS_MAX_OUTPUT_BYTES", 10 * 1024**3)
#: Sign-in attempts allowed per username and client address in OASIS_LOGIN_WINDOW_S before the login
#: mutation refuses with when to try again; and per address alone (many usernames, one password).
OASIS_LOGIN_MAX_FAILURES = env_int("OASIS_LOGIN_MAX_FAILURES", 5)
OASIS_LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("OASIS_LOGIN_MAX_FAILURES_PER_ADDRESS", 50)
OASIS_LOGIN_WINDOW_S = env_int("OASIS_LOGIN_WINDOW_S", 15 * 60)
#: Trust X-Forwarded-For/-Port/-Proto (the client's address and scheme): only behind a reverse proxy
#: that sets them, since otherwise any client can claim any address.
OASIS_PROXY_HEADERS = env_bool("OASIS_PROXY_HEADERS", False)
#: A CSRF refusal is a JSON error like every other (Django's is an HTML page).
CSRF_FAILURE_VIEW = "oasis.http_errors.csrf_failure"
#: An HTTP connection with nothing coming in (between requests, or a stalled head or body) is closed.
OASIS_HTTP_IDLE_TIMEOUT_S = env_float("OASIS_HTTP_IDLE_TIMEOUT_S", 30.0)
#: A request's line and headers must be complete this long after its first byte (else 408).
OASIS_HTTP_HEADER_TIMEOUT_S = env_float("OASIS_HTTP_HEADER_TIMEOUT_S", 10.0)
#: A larger request body (or one of unknown length) is read only from a sender with a valid API token
#: or a signed-in session passing the CSRF check; anyone else is refused from the head, nothing stored.
OASIS_ANONYMOUS_BODY_MAX_BYTES = env_int("OASIS_ANONYMOUS_BODY_MAX_BYTES", 64 * 1024)
#: On SIGTERM the server stops accepting at once, then waits at most this long for the tasks it runs
#: (embedded mode) before handing the rest back for recovery and exiting.
OASIS_SHUTDOWN_GRACE_S = env_float("OASIS_SHUTDOWN_GRACE_S", 5.0)
# The login throttle's counters: in Redis when there is one, so every web process counts together.
CACHES = (
    {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("OASIS_CHANNEL_PREFIX", "asgi"),
            # A Redis that hangs must not hang sign-ins (the throttle then lets them through).
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    if REDIS_URL
    else {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
)

# --- Runner --------------------------------------------------------------------------------------
OASIS_RUNNER = env_str("OASIS_RUNNER", "runners.docker.DockerRunner")
OASIS_ALLOW_LOCAL_RUNNER = env_bool("OASIS_ALLOW_LOCAL_RUNNER", False)
OASIS_DOCKER_HOST = env_str("DOCKER_HOST") or None
# --- Images and registries (pinned runs) ---------------------------------------------------------
#: Registry logins of the installation, by registry host: {"host:port": {"username": .., "password": ..}}.
#: A login is only ever sent to its own host.
OASIS_REGISTRY_CREDENTIALS = env_json("OASIS_REGISTRY_CREDENTIALS", {})
if env_str("OASIS_REGISTRY_USERNAME"):
    # The older single login: it now needs the host it belongs to.
    if not env_str("OASIS_REGISTRY_HOST"):
        raise ImproperlyConfigured(
            "OASIS_REGISTRY_USERNAME needs OASIS_REGISTRY_HOST: a registry login is sent to its own host only"
        )
    OASIS_REGISTRY_CREDENTIALS.setdefault(
        env_str("OASIS_REGISTRY_HOST"),
        {"username": env_str("OASIS_REGISTRY_USERNAME"), "password": env_str("OASIS_REGISTRY_PASSWORD")},
    )
if not isinstance(OASIS_REGISTRY_CREDENTIALS, dict) or not all(
    isinstance(v, dict) and isinstance(v.get("username"), str) and isinstance(v.get("password"), str)
    for v in OASIS_REGISTRY_CREDENTIALS.values()
):
    raise ImproperlyConfigured('OASIS_REGISTRY_CREDENTIALS is {"host": {"username": "..", "password": ".."}}')
#: Registry hosts images may come from (docker.io for names without a host); empty: any.
OASIS_ALLOWED_REGISTRIES = env_list("OASIS_ALLOWED_REGISTRIES", [])
#: Lets staff register an image the engine already holds (pinned by its id); off: every image is
#: pulled from a registry or uploaded.
OASIS_ALLOW_LOCAL_IMAGES = env_bool("OASIS_ALLOW_LOCAL_IMAGES", False)
#: Encrypts users' stored registry passwords; defaults to one derived from DJANGO_SECRET_KEY.
OASIS_CREDENTIALS_KEY = env_str("OASIS_CREDENTIALS_KEY")
OASIS_CONTAINER_USER = env_str("OASIS_CONTAINER_USER", "1000:1000")
OASIS_STOP_GRACE_S = env_int("OASIS_STOP_GRACE_S", 5)
#: Names this installation's containers; installations sharing one engine then never touch each
#: other's containers (the sweep only removes its own scope's).
OASIS_RUNNER_SCOPE = env_str("OASIS_RUNNER_SCOPE") or None
#: A running task whose worker has not renewed its lease for this long is recovered by another worker.
OASIS_TASK_LEASE_S = env_int("OASIS_TASK_LEASE_S", 30)

# Reliability (issue 11) -------------------------------------------------------------------------
#: How long a worker waits out an unreachable database on the runner path before failing the task.
OASIS_DB_OUTAGE_S = env_int("OASIS_DB_OUTAGE_S", 60)
#: Every this many seconds recovery re-enqueues tasks the broker lost (and takes over dead workers').
OASIS_RECOVERY_INTERVAL_S = env_int("OASIS_RECOVERY_INTERVAL_S", 15)
#: A QUEUED task re-sent by recovery is sent again only after this long without being claimed.
OASIS_REQUEUE_AFTER_S = env_int("OASIS_REQUEUE_AFTER_S", 3600)
#: Recovery, the sweeps and other housekeeping run on their own queue, so a task backlog cannot starve them.
OASIS_HOUSEKEEPING_QUEUE = "housekeeping"
#: Containers of finished or vanished tasks are removed this often.
OASIS_CONTAINER_SWEEP_S = env_int("OASIS_CONTAINER_SWEEP_S", 60)
#: Upload temp files, unreferenced blobs and abandoned output datasets older than this are removed by
#: the storage sweep, which runs at start and every OASIS_STORAGE_SWEEP_S.
OASIS_STORAGE_GRACE_S = env_int("OASIS_STORAGE_GRACE_S", 3600)
OASIS_STORAGE_SWEEP_S = env_int("OASIS_STORAGE_SWEEP_S", 900)

# --- Celery --------------------------------------------------------------------------------------
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 2 * OASIS_MAX_TIMEOUT_S,
    # Installations sharing one Redis server keep their queues apart with a prefix of their own.
    "global_keyprefix": env_str("OASIS_BROKER_PREFIX"),
}
if EMBEDDED:
    # kombu's in-memory transport polls its queues, by default once a second: every task then waited
    # up to a second to start, and two worker threads ran at most ~2 tasks a second (B1 and B4 in
    # docs/benchmarks.md). Looking at a queue in memory costs next to nothing.
    CELERY_BROKER_TRANSPORT_OPTIONS["polling_interval"] = 0.05
CELERY_WORKER_CONCURRENCY = env_int("OASIS_WORKER_CONCURRENCY", 2)


def _housekeeping(task: str, every: float) -> dict:
    # A message older than its interval is dropped, so an unconsumed queue never piles them up.
    return {"task": task, "schedule": every, "options": {"queue": OASIS_HOUSEKEEPING_QUEUE, "expires": every}}


CELERY_BEAT_SCHEDULE = {
    "recover-orphaned-tasks": _housekeeping(
        "oasis.tasks.tasks.recover_tasks", float(OASIS_RECOVERY_INTERVAL_S)
    ),
    "sweep-containers": _housekeeping("oasis.tasks.tasks.sweep_containers", float(OASIS_CONTAINER_SWEEP_S)),
    "sweep-storage": _housekeeping("oasis.tasks.tasks.sweep_storage", float(OASIS_STORAGE_SWEEP_S)),
    # Pulls and verifications of images whose message or worker was lost (the row says PENDING).
    "recover-images": _housekeeping("oasis.images.tasks.recover_images", 60.0),
}
CELERY_TASK_ROUTES = {
    f"oasis.tasks.tasks.{name}": {"queue": OASIS_HOUSEKEEPING_QUEUE}
    for name in ("recover_tasks", "sweep_containers", "sweep_storage", "remove_container")
} | {"oasis.images.tasks.recover_images": {"queue": OASIS_HOUSEKEEPING_QUEUE}}

# --- Channels ------------------------------------------------------------------------------------
#: Which channels-redis layer carries live events in the distributed mode. "pubsub" publishes each
#: event once per group and every web process fans it out to its own subscribers; "core" stores a
#: copy per subscriber channel in Redis. docs/benchmarks.md (B3) measures both at 100 viewers.
OASIS_CHANNEL_LAYER = env_str("OASIS_CHANNEL_LAYER", "pubsub")
_CHANNEL_LAYER_BACKENDS = {
    "pubsub": "channels_redis.pubsub.RedisPubSubChannelLayer",
    "core": "channels_redis.core.RedisChannelLayer",
}
if OASIS_CHANNEL_LAYER not in _CHANNEL_LAYER_BACKENDS:
    raise ImproperlyConfigured(f"OASIS_CHANNEL_LAYER must be pubsub or core, not {OASIS_CHANNEL_LAYER!r}")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": _CHANNEL_LAYER_BACKENDS[OASIS_CHANNEL_LAYER],
            "CONFIG": {
                # The core layer blocks in BZPOPMIN for 5 s, exactly redis-py 8's default socket
                # timeout, which then fails the consumer: let reads wait longer than that.
                "hosts": [{"address": REDIS_URL, "socket_timeout": 30}]
                if OASIS_CHANNEL_LAYER == "core"
                else [REDIS_URL],
                # Redis pub/sub channels ignore the database number in REDIS_URL: installations
                # sharing one Redis server need their own prefix, or they get each other's events.
                "prefix": env_str("OASIS_CHANNEL_PREFIX", "asgi"),
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Security ------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# --- Garbage collection --------------------------------------------------------------------------
#: CPython collects its youngest generation every 700 net allocations. Serving 100 live viewers, the
#: web server then ran a full collection every second or two, each stopping its event loop for
#: 100-300 ms: the p99 of live log latency (B3 in docs/benchmarks.md). Collecting less often costs a
#: few MB of garbage cycles waiting longer.
OASIS_GC_THRESHOLDS = [int(x) for x in env_list("OASIS_GC_THRESHOLDS", ["50000", "20", "100"])]
gc.set_threshold(*OASIS_GC_THRESHOLDS)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

#: Keyword arguments for each runner class, keyed by its dotted path.
OASIS_RUNNER_OPTIONS = {
    "runners.docker.DockerRunner": {
        "base_url": OASIS_DOCKER_HOST,
        "user": OASIS_CONTAINER_USER,
        "stop_grace_s": OASIS_STOP_GRACE_S,
        "scope": OASIS_RUNNER_SCOPE,
    },
    "runners.local.LocalRunner": {"enabled": OASIS_ALLOW_LOCAL_RUNNER},
}
