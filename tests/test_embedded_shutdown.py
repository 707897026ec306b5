"""`ieum serve` on the embedded PostgreSQL (no DATABASE_URL) stops the server it started when it is
told to stop, so a quick-start user is not left with a database running in the background. Skipped
when the tests run against an external DATABASE_URL."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IEUM = str(ROOT / ".venv" / "bin" / "ieum")

pytestmark = pytest.mark.skipif("DATABASE_URL" in os.environ, reason="uses the embedded server")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _postmaster_alive(pgdata: Path) -> bool:
    pidfile = pgdata / "postmaster.pid"
    if not pidfile.exists():
        return False
    try:
        os.kill(int(pidfile.read_text().splitlines()[0]), 0)
    except (ProcessLookupError, ValueError, IndexError):
        return False
    return True


def _wait(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.2)
    return False


def test_serve_stops_the_embedded_server_on_sigterm() -> None:
    # Under the repository's var/ (not a private temporary directory): when the tests run as root,
    # the server runs as another OS user, who must be able to reach its data directory.
    var = ROOT / "var" / "test" / f"shutdown-{os.getpid()}"
    shutil.rmtree(var, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("IEUM_") and k != "DATABASE_URL"}
    env["IEUM_VAR_DIR"] = str(var)
    pgdata = var / "pg"
    upgraded = subprocess.run([IEUM, "db", "upgrade"], env=env, capture_output=True, text=True, timeout=180)
    assert upgraded.returncode == 0, upgraded.stderr
    assert not _postmaster_alive(pgdata), "db upgrade left the server running"
    # A process id left behind by a process killed outright must not keep the server alive.
    (pgdata / ".handle_pids.json").write_text(json.dumps([2**22 + 12345]))
    port = _free_port()
    server = subprocess.Popen(
        [IEUM, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:

        def healthy() -> bool:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=2) as r:
                    return r.status == 200
            except OSError:
                return False

        assert _wait(healthy, 90), "the API did not answer"
        assert _postmaster_alive(pgdata)
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0
        assert _wait(lambda: not _postmaster_alive(pgdata), 30), "the embedded PostgreSQL is still running"
    finally:
        if server.poll() is None:
            server.kill()
        pidfile = pgdata / "postmaster.pid"
        if _postmaster_alive(pgdata):
            os.kill(int(pidfile.read_text().splitlines()[0]), signal.SIGINT)
            _wait(lambda: not _postmaster_alive(pgdata), 30)
        shutil.rmtree(var, ignore_errors=True)
