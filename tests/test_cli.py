"""The command line, run as a newcomer would: real processes, real database file."""

from __future__ import annotations

import contextlib
import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

KITH = [sys.executable, "-m", "kith"]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KITH_")}
    env.update({"KITH_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'kith.db'}"}, **extra)
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _kith(tmp_path: Path, *args: str, stdin: str | None = None, **env: str):
    return subprocess.run(
        [*KITH, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=_env(tmp_path, **env),
        cwd=tmp_path,
        timeout=120,
    )


@contextlib.contextmanager
def _kith_running(tmp_path: Path, **env: str) -> Iterator[tuple[int, list[str]]]:
    """`kith run` as a process, until it answers /healthz; its output after it stops."""
    port = _free_port()
    process = subprocess.Popen(
        [*KITH, "run"],
        env=_env(tmp_path, KITH_PORT=str(port), **env),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: list[str] = []
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"kith run did not come up: {process.stdout.read()}")
                time.sleep(0.2)
        assert response.json() == {"status": "ok"}
        yield port, output
    finally:
        process.terminate()
        output.append(process.communicate(timeout=20)[0])


def _sign_in_through_a_proxy(tmp_path: Path, port: int, client: str) -> list[str]:
    """One failed sign-in passed on by a proxy for `client`; the addresses throttling kept."""
    refused = httpx.post(
        f"http://127.0.0.1:{port}/v1/auth/token",
        data={"username": "guess@example.org", "password": "x"},
        headers={"X-Forwarded-For": client},
        timeout=10,
    )
    assert refused.status_code == 401
    with sqlite3.connect(tmp_path / "kith.db") as database:
        return [row[0] for row in database.execute("SELECT address FROM login_attempt")]


def test_kith_run_creates_its_database_and_answers_healthz(tmp_path):
    with _kith_running(tmp_path) as (port, output):
        assert httpx.get(f"http://127.0.0.1:{port}/readyz").status_code == 200
        assert (tmp_path / "kith.db").exists()
        # Behind a trusted proxy (by default one on this machine) sign-in throttling counts
        # the client the proxy names, not the proxy.
        assert _sign_in_through_a_proxy(tmp_path, port, "203.0.113.7") == ["203.0.113.7"]
    assert "BACK IT UP" in output[0]


def test_a_proxy_that_is_not_trusted_cannot_choose_the_address_counted(tmp_path):
    with _kith_running(tmp_path, KITH_TRUSTED_PROXIES="10.9.9.9") as (port, _):
        assert _sign_in_through_a_proxy(tmp_path, port, "203.0.113.7") == ["127.0.0.1"]


def test_orgs_and_users_can_be_added_from_a_script(tmp_path):
    assert _kith(tmp_path, "migrate").returncode == 0
    added = _kith(tmp_path, "orgs", "add", "northshire", "Northshire Council")
    assert added.returncode == 0, added.stderr
    user = _kith(
        tmp_path,
        "users",
        "add",
        "--org",
        "northshire",
        "--email",
        "ana@example.org",
        "--role",
        "coordinator",
        "--password-stdin",
        stdin="a long enough password\n",
    )
    assert user.returncode == 0, user.stderr
    assert "added as coordinator" in user.stdout
    again = _kith(tmp_path, "orgs", "add", "northshire", "Again")
    assert again.returncode == 2 and "already exists" in again.stderr


def test_a_wrong_command_or_argument_exits_2_with_a_clear_message(tmp_path):
    wrong = _kith(tmp_path, "launch")
    assert wrong.returncode == 2 and "No such command" in wrong.stderr
    bad_role = _kith(tmp_path, "users", "add", "--org", "x", "--email", "a@b.c", "--role", "boss")
    assert bad_role.returncode == 2 and "boss" in bad_role.stderr


def test_a_bad_setting_stops_start_up_with_one_line(tmp_path):
    result = _kith(tmp_path, "migrate", KITH_PORT="nope")
    assert result.returncode != 0
    assert "Invalid setting KITH_PORT" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_without_a_token_stops_with_one_line_before_touching_the_database(tmp_path):
    refused = _kith(tmp_path, "run", KITH_ENVIRONMENT="production")
    assert refused.returncode == 1
    assert refused.stderr.strip().count("\n") == 0, refused.stderr
    assert refused.stderr.startswith("Kith will not start: KITH_ENVIRONMENT is production")
    assert not (tmp_path / "kith.db").exists()
