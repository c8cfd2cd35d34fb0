"""The example site with its demo content, run in separate processes.

The browser tests and the tests of several server processes use it: the
site is built once per test session (migrated, demo loaded) and each user
takes its own copy of the database file.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MANAGE = [sys.executable, str(REPO / "example_site" / "manage.py")]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_env(database, **extra):
    """The environment of the example site on the SQLite file ``database``."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "example_site.settings",
        "DEBUG": "1",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }
    return env


def build_demo_database(path):
    env = site_env(path)
    for command in (
        ["migrate", "--noinput", "-v", "0"],
        # Beside the example site's own accessibility statement page.
        ["samverkan_demo", "--beside-pages"],
    ):
        subprocess.run(
            MANAGE + command, env=env, check=True, cwd=REPO, capture_output=True
        )
    return path


def copy_database(template, workdir):
    target = Path(workdir) / "site.sqlite3"
    shutil.copyfile(template, target)
    return target


def start_server(command, env, port, log_path, *, wait=30):
    """Start ``command`` and wait until it listens on ``port``."""
    log = open(log_path, "w")  # noqa: SIM115 - closed by stop_server
    server = subprocess.Popen(
        command, env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT
    )
    server.log = log
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.2)
    stop_server(server)
    pytest.fail(f"The server did not start: {Path(log_path).read_text()[-3000:]}")


def stop_server(server):
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    server.log.close()
