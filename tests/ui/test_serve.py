"""`reformqa serve` as a user runs it: help, adding users, refusing a bad users file, and the
warning when it listens beyond loopback without login."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

from ui.auth import UserStore

REFORMQA = str(Path(sys.executable).parent / "reformqa")


def run(*args: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFORMQA_")}
    return subprocess.run(
        [REFORMQA, *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_help_names_serve_and_its_options(tmp_path):
    assert "serve" in run("--help", cwd=tmp_path).stdout
    text = run("serve", "--help", cwd=tmp_path).stdout
    for option in ("--host", "--port", "--auth", "--add-user", "--role", "--store"):
        assert option in text


def test_add_user_reads_the_password_from_stdin(tmp_path):
    users = tmp_path / "users.json"
    added = run(
        "serve",
        "--auth",
        str(users),
        "--add-user",
        "amina",
        "--role",
        "staff",
        cwd=tmp_path,
        stdin="a long password\n",
    )
    assert added.returncode == 0, added.stderr
    assert f"Saved amina (staff) in {users}" in added.stdout
    assert UserStore.load(users).check("amina", "a long password")
    short = run("serve", "--auth", str(users), "--add-user", "li", cwd=tmp_path, stdin="short\n")
    assert short.returncode == 2 and "at least 8 characters" in short.stderr
    no_file = run("serve", "--add-user", "li", cwd=tmp_path, stdin="a long password\n")
    assert no_file.returncode == 2 and "needs --auth FILE" in no_file.stderr


def test_a_broken_users_file_stops_the_server(tmp_path):
    users = tmp_path / "users.json"
    users.write_text('{"users": {"amina": {"role": "staff", "password": "hunter2"}}}')
    result = run("serve", "--auth", str(users), "--store", str(tmp_path / "s"), cwd=tmp_path)
    assert result.returncode == 2
    assert "error:" in result.stderr and "no pbkdf2_sha256 password hash" in result.stderr


def test_binding_beyond_loopback_without_auth_warns(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFORMQA_")}
    process = subprocess.Popen(
        [
            REFORMQA,
            "serve",
            "--host",
            "0.0.0.0",
            "--port",
            str(port),
            "--store",
            str(tmp_path / "s"),
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        started = time.monotonic()
        line = process.stdout.readline()
        assert line.startswith("Serving http://") and f"listening on 0.0.0.0:{port}" in line
        assert time.monotonic() - started < 60
        # what the server wrote is its own account's alone
        store = tmp_path / "s"
        assert stat.S_IMODE(store.stat().st_mode) == 0o700
        written = [p for p in store.rglob("*") if p.is_file()]
        assert written and all(stat.S_IMODE(p.stat().st_mode) & 0o077 == 0 for p in written)
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=30)
    lines = errors.splitlines()
    printed = [line for line in lines if line.startswith("warning: serving on 0.0.0.0 without")]
    logged = [line for line in lines if line.startswith("warning ui.app serving on 0.0.0.0")]
    assert len(printed) == 1 and len(logged) == 1, errors
    assert "audience: staff documents stay hidden" in printed[0]
