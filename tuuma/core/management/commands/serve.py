"""Run tuuma with a production-grade server: gunicorn with uvicorn workers (ASGI, for the live
workshop feeds; Django itself on a thread pool), plus the background task worker."""

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve tuuma through gunicorn (static files by WhiteNoise) with a task worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int,
                            default=int(os.environ.get("WEB_WORKERS", str(os.cpu_count() or 2))))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "4")))
        parser.add_argument("--no-worker", action="store_true",
                            help="Do not start the background task worker here.")
        parser.add_argument("--no-migrate", action="store_true")

    def handle(self, *args, host, port, workers, threads, no_worker, no_migrate, **options):
        if not no_migrate:
            call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        children = []
        if not no_worker:
            children.append(subprocess.Popen(
                [sys.executable, "-m", "tuuma.cli", "db_worker", "--queue-name", "*",
                 "--no-reload", "--interval", "2"]))
        os.environ["WEB_THREADS"] = str(threads)  # Django's thread pool per worker (asgi.py)
        server = subprocess.Popen([
            sys.executable, "-m", "gunicorn", "tuuma.config.asgi:application",
            "--bind", f"{host}:{port}", "--workers", str(workers),
            "--worker-class", "uvicorn_worker.UvicornWorker", "--access-logfile", "-",
            "--forwarded-allow-ips",
            os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"), "--graceful-timeout", "10",
        ])
        children.append(server)
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        self.stdout.write(f"tuuma is running at http://{host}:{port}/ (database: {engine})")

        def stop(signum, frame):
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        code = server.wait()
        stop(None, None)
        for child in children:
            child.wait(timeout=15)
        sys.exit(code)
