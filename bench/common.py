"""Shared pieces of the benchmarks: a throwaway tuuma instance, a real server, wrk runs.

Every benchmark measures its figure and a baseline in the same run on the same server, and
prints their ratio, because a 2-core machine shared with other work is noisy.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TUUMA = [str(Path(sys.executable).parent / "tuuma")]

# wrk prints these with a Lua `done` hook: wrk's own summary has no p95.
WRK_LUA = """
done = function(summary, latency, requests)
  io.write(string.format('{"requests": %d, "seconds": %f, "errors": %d, '
    .. '"p50": %f, "p95": %f, "p99": %f}\\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout,
    latency:percentile(50) / 1e3, latency:percentile(95) / 1e3, latency:percentile(99) / 1e3))
end
"""


def instance_env(data_dir: Path, database_url: str | None = None) -> dict:
    env = dict(os.environ, TUUMA_DATA_DIR=str(data_dir), DEBUG="false",
               ALLOWED_HOSTS="127.0.0.1,localhost", PYTHONUNBUFFERED="1")
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    return env


def tuuma(env: dict, *args: str, quiet: bool = False) -> None:
    """Run a `tuuma` command in the instance; stop the benchmark if it fails."""
    subprocess.run([*TUUMA, *args], env=env, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL if quiet else None)


@contextmanager
def data_dir(keep: str | None):
    """A fresh data directory, or KEEP (reused between runs when it already holds data)."""
    if keep:
        path = Path(keep)
        path.mkdir(parents=True, exist_ok=True)
        yield path
        return
    path = Path(tempfile.mkdtemp(prefix="tuuma-bench-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(env: dict, *, workers: int = 2, threads: int = 4):
    """`tuuma serve` (gunicorn, as in production) on a free port; yields the base URL."""
    port = free_port()
    process = subprocess.Popen(
        [*TUUMA, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
         "--threads", str(threads), "--no-worker"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                with urllib.request.urlopen(base + "/health/", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("the server did not start")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def _paths_lua(paths: list[str]) -> str:
    """A wrk request() that goes round PATHS (each connection from its own place)."""
    quoted = ", ".join(json.dumps(p) for p in paths)
    return (f"local paths = {{{quoted}}}\nlocal i = math.random(#paths)\n"
            "request = function()\n  i = i % #paths + 1\n"
            "  return wrk.format(nil, paths[i])\nend\n")


def wrk(url: str, *, connections: int = 16, seconds: int = 10, threads: int = 2,
        timeout: int = 10, paths: list[str] | None = None) -> dict:
    """Load URL with wrk (going round PATHS on its host, if given); returns requests/s and
    p50/p95/p99 latency in milliseconds."""
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write((_paths_lua(paths) if paths else "") + WRK_LUA)
    try:
        out = subprocess.run(
            ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s",
             "--timeout", f"{timeout}s", "--latency", "-s", script.name, url],
            capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    result = json.loads(out.strip().splitlines()[-1])
    result["rps"] = result["requests"] / result["seconds"]
    return result


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


# ---------------------------------------------------------------------------- data
PUBLIC_SHARE = 17 / 20  # of synthetic acts (tuuma.demo.scale.VISIBILITY)

COUNTS = """
from tuuma.acts.models import Act
from tuuma.ideas.models import Idea
print(Act.objects.count(), Act.objects.public().count(), Idea.objects.count())
"""


INDEX_CURRENT = """
from tuuma.search import analysis, index
print(index.stored_version() == analysis.version())
"""


def shell(env: dict, code: str) -> str:
    """The last line `tuuma shell -c CODE` prints (Django's shell prints a banner first)."""
    out = subprocess.run([*TUUMA, "shell", "-c", code], env=env, cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    return out.strip().splitlines()[-1]


def ensure_data(env: dict, *, public_acts: int = 0, ideas: int = 0) -> dict:
    """Migrate, then add synthetic acts and ideas until there are at least PUBLIC_ACTS public
    acts and IDEAS ideas (`tuuma demo --acts N --ideas M`, which also rebuilds the search
    index and reports how long that took). Returns the counts."""
    tuuma(env, "migrate", "--noinput", "-v0")
    acts, public, have_ideas = (int(n) for n in shell(env, COUNTS).split())
    more_acts = int((public_acts - public) / PUBLIC_SHARE) + 100 if public < public_acts else 0
    more_ideas = max(0, ideas - have_ideas)
    if more_acts or more_ideas:
        print(f"Generating {more_acts} acts and {more_ideas} ideas …", flush=True)
        tuuma(env, "demo", "--acts", str(more_acts), "--ideas", str(more_ideas))
        acts, public, have_ideas = (int(n) for n in shell(env, COUNTS).split())
    elif shell(env, INDEX_CURRENT) != "True":  # a kept instance from before an analyser change
        print("Rebuilding the search index (built with another analyser) …", flush=True)
        tuuma(env, "search", "-v0", "reindex")
    return {"acts": acts, "public": public, "ideas": have_ideas}


def setup_django(env: dict) -> None:
    """Run Django in this process against the instance (for in-process timings)."""
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuuma.config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"
