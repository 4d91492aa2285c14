"""Secrets and neighbours stay out of reach of student code (security review, class 4).

Each test grades one of the `rt_` hostile files of tests/hostile through the real `grade`
command while something secret exists around the grader: credentials in the grader's own
environment (as CI sets GITHUB_TOKEN or GRADESCOPE_TOKEN), a neighbour process with a token on
its command line, a unix socket bound to a path on the host. The attack files raise what they
find into their own exception messages (which the student's report prints) and turn every
successful look into marks, so a leak shows both as text in the output and as a score.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.submissions import HOSTILE, parse

GRADE_SCRIPT = Path(sys.executable).parent / "grade"

FAKE_SECRETS = {
    "GRADER_FAKE_SECRET": "s3cr3t-token-123",
    "GITHUB_TOKEN": "ghp_FAKEfakeFAKEfake0123456789abcdefABCD",
    "GRADESCOPE_TOKEN": "gs-fake-token-7f3a9c",
    "AWS_SECRET_ACCESS_KEY": "fake/aws/Secret+Key+00112233",
}


def _grade(file: Path, cwd: Path, *extra: str, env: dict | None = None, fmt: str = "json"):
    done = subprocess.run([str(GRADE_SCRIPT), str(file), "--format", fmt, "--seed", "0", "--no-timing", *extra],
                          cwd=cwd, capture_output=True, text=True, timeout=600,
                          env=dict(os.environ, **(env or {})))
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def _place(relative: str, folder: Path) -> Path:
    path = HOSTILE / relative
    return parse(path, path.parent.name, "hostile").place(folder)


def _scores(stdout: str) -> dict[str, float]:
    return {e["id"]: e["score"] for e in json.loads(stdout)["exercises"]}


def _assert_no_secret(texts: list[str], secrets: list[str]) -> None:
    for text in texts:
        for secret in secrets:
            assert secret not in text, f"the secret {secret!r} reached the grader's output"


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_environment_secrets_do_not_reach_the_report(tmp_path, fmt):
    """os.environ of the worker: sigmoid raises the secrets, relu scores only if it sees one."""
    file = _place("01_activations/rt_env_secret_in_error.py", tmp_path / "work")
    done = _grade(file, tmp_path / "work", env=FAKE_SECRETS, fmt=fmt)
    _assert_no_secret([done.stdout, done.stderr], list(FAKE_SECRETS.values()))
    if fmt == "json":
        assert _scores(done.stdout)["relu"] == 0, "the worker saw a credential-like variable"


def test_raw_environ_blocks_do_not_leak(tmp_path):
    """/proc/self/environ and other processes' environ files, not just os.environ."""
    file = _place("01_activations/rt_proc_environ_secret.py", tmp_path / "work")
    done = _grade(file, tmp_path / "work", env=FAKE_SECRETS)
    _assert_no_secret([done.stdout, done.stderr], list(FAKE_SECRETS.values()))
    assert _scores(done.stdout)["leaky_relu"] == 0, "a credential-like entry was readable in /proc/*/environ"


def test_neighbour_command_lines_are_invisible(tmp_path):
    """A neighbour process with a token on its command line (as `curl -H`, `docker login -p`...)."""
    token = "s3cr3t-cmdline-456"
    neighbour = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)", f"--api-token={token}"])
    try:
        file = _place("01_activations/rt_neighbour_cmdline.py", tmp_path / "work")
        done = _grade(file, tmp_path / "work")
    finally:
        neighbour.kill()
        neighbour.wait()
    _assert_no_secret([done.stdout, done.stderr], [token])
    scores = _scores(done.stdout)
    assert scores["relu_backward"] == 0, "the worker could read the grader's command line"


class _Listener:
    """A unix socket bound to a path on the host, as a docker.sock or a database would be; it
    counts connections and hands each a fake secret."""

    SECRET = b"s3cr3t-socket-789"

    def __init__(self, path: str) -> None:
        self.path = path
        self.accepted = 0
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(path)
        os.chmod(path, 0o777)
        self.server.listen(16)
        self.server.settimeout(0.2)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.server.accept()
            except (socket.timeout, OSError):
                continue
            self.accepted += 1
            try:
                conn.sendall(self.SECRET)
            except OSError:
                pass
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        self.server.close()
        try:
            os.unlink(self.path)
        except OSError:
            pass


def test_host_unix_sockets_are_unreachable(tmp_path):
    folder = "/run" if os.access("/run", os.W_OK) else "/var/tmp"
    listener = _Listener(f"{folder}/rt-grader-neighbour-{os.getpid()}.sock")
    try:
        file = _place("05_softmax/rt_host_unix_socket.py", tmp_path / "work")
        done = _grade(file, tmp_path / "work")
    finally:
        listener.close()
    assert listener.accepted == 0, "a worker connected to a unix socket of the host"
    assert _scores(done.stdout)["log_softmax"] == 0
    _assert_no_secret([done.stdout, done.stderr], [listener.SECRET.decode()])
