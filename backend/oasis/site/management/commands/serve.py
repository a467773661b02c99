"""``python manage.py serve``: the OASIS server (daphne), its data plane (uvicorn, on the next port;
``oasis.datasets.dataplane``), and the embedded worker when no broker is set."""

from __future__ import annotations

import logging
import os
import signal
import sys

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve OASIS over HTTP and websockets; in the embedded mode also execute tasks in-process."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-worker", action="store_true", help="Do not run the embedded worker.")
        parser.add_argument(
            "--data-port",
            type=int,
            default=None,
            help="The data plane's port (default: OASIS_DATA_PORT, else --port + 1; 0: no data plane).",
        )

    def handle(self, *args, host: str, port: int, no_worker: bool, data_port: int | None, **options):
        from daphne.cli import CommandLineInterface

        from oasis.site import malloc

        malloc.tune()  # before any thread (see the module)
        self._start_data_plane(host, port, data_port)

        if settings.EMBEDDED and not no_worker:
            from oasis import embedded

            embedded.start()
            self.stdout.write(f"Embedded mode: data under {settings.DATA_DIR}, in-process worker.")
        else:
            from oasis.datasets.uploads import sweep_temp_files

            sweep_temp_files()  # upload spools a crashed server left (issue 11; embedded.start sweeps)
        self.stdout.write(f"OASIS is at http://{host}:{port}/", self.style.SUCCESS)
        # X-Forwarded-For is whatever the client wrote unless a proxy in front sets it: trusted only
        # when configured, or anyone could pass for any address (and the login throttle with them).
        proxy = ["--proxy-headers"] if settings.OASIS_PROXY_HEADERS else []
        CommandLineInterface().run(["--bind", host, "--port", str(port), *proxy, "oasis.asgi:application"])
        # daphne returns when SIGTERM (or SIGINT) has stopped it: nothing is accepted any more.
        self._exit(embedded_worker=settings.EMBEDDED and not no_worker)

    def _start_data_plane(self, host: str, port: int, data_port: int | None) -> None:
        from oasis.datasets import data_urls, objectstore

        if data_port is None:
            data_port = int(settings.OASIS_DATA_PORT) if settings.OASIS_DATA_PORT else port + 1
        if not data_port or objectstore.s3() is not None:  # with S3 the object store moves the bytes
            return
        from oasis.datasets.dataplane import DataPlane

        DataPlane(host, data_port).start()
        data_urls.configure(data_port)
        self.stdout.write(f"Data plane (file transfers) at http://{host}:{data_port}/data/")

    def _exit(self, *, embedded_worker: bool) -> None:
        """Finish or hand back the tasks this process runs, within OASIS_SHUTDOWN_GRACE_S, and exit.

        Without it the process lived on until its running task ended (up to the task's timeout): the
        interpreter waits for the embedded worker pool's threads at exit.
        """
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second one ends the process at once
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        if embedded_worker:
            from oasis import embedded

            handed = embedded.shutdown(grace_s=settings.OASIS_SHUTDOWN_GRACE_S)
            if handed:
                self.stdout.write(f"Handed back {len(handed)} running task(s); the next start resumes them.")
        self.stdout.flush()
        sys.stdout.flush()
        sys.stderr.flush()
        logging.shutdown()
        os._exit(0)
