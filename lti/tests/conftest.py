"""The test LMS (lms_platform.py, its own process on loopback) and a driver that walks a
launch through it and mlquiz the way a browser does: real redirects and form posts, the LMS
over HTTP, mlquiz through the Django test client (whose cookies hold the OIDC state)."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from io import StringIO
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urljoin

import pytest
import requests
from django.core.management import call_command
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
TOOL = "http://testserver"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def lms_process() -> Iterator[str]:
    """The test LMS, started once per test session; its base URL (also its issuer)."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "lti" / "tests" / "lms_platform.py"), str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(f"{base}/state", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        else:
            pytest.fail("the test LMS did not start")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@dataclass
class Lms:
    """The test LMS as a test sees it."""

    base: str

    def control(self, **settings: Any) -> None:
        requests.post(f"{self.base}/control", json=settings, timeout=5).raise_for_status()

    def state(self) -> dict[str, Any]:
        data: dict[str, Any] = requests.get(f"{self.base}/state", timeout=5).json()
        return data

    def scores(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = self.state()["scores"]
        return found

    def launch_url(self, **params: Any) -> str:
        return f"{self.base}/launch?{urlencode(params, doseq=True)}"


def register(lms: Lms, *, deployment_id: str = "deployment-1") -> None:
    call_command(
        "lti_add_platform",
        f"--issuer={lms.base}",
        "--client-id=mlquiz-client",
        f"--deployment-id={deployment_id}",
        f"--auth-login-url={lms.base}/authorize",
        f"--auth-token-url={lms.base}/token",
        f"--key-set-url={lms.base}/jwks",
        stdout=StringIO(),
    )


@pytest.fixture
def lms(lms_process: str, db: None) -> Lms:
    """The LMS reset and registered with mlquiz (as `lti_add_platform` does), knowing mlquiz at
    the test client's address and mlquiz's public keys (what it would fetch from /lti/jwks/)."""
    platform = Lms(lms_process)
    platform.control(reset=True)
    register(platform)
    platform.control(
        tool_login_url=f"{TOOL}/lti/login/",
        tool_launch_url=f"{TOOL}/lti/launch/",
        tool_keyset=Client().get("/lti/jwks/").json(),
    )
    return platform


FORM = re.compile(r"<form[^>]*action=['\"]([^'\"]+)['\"][^>]*>(.*?)</form>", re.S)
INPUT = re.compile(r"<input[^>]*name=['\"]([^'\"]+)['\"][^>]*value=['\"]([^'\"]*)['\"]", re.S)


def form_of(page: str, marker: str = "") -> tuple[str, dict[str, str]] | None:
    """The first form of a page (with ``marker`` in its tag): its action and hidden inputs."""
    match = next((m for m in FORM.finditer(page) if marker in m.group(0)), None)
    if match is None:
        return None
    return unescape(match.group(1)), {
        name: unescape(value) for name, value in INPUT.findall(match.group(2))
    }


@dataclass
class Step:
    method: str
    url: str
    status: int


@dataclass
class Browser:
    """Follows redirects and auto-submitted forms between the LMS (HTTP) and mlquiz (test
    client), like a browser with JavaScript; remembers the last launch form for replays."""

    client: Client = field(default_factory=Client)
    steps: list[Step] = field(default_factory=list)
    last_launch_form: dict[str, str] = field(default_factory=dict)
    # Stop before posting the id_token to mlquiz (open() returns None; the form is kept).
    hold_launch: bool = False

    def open(self, url: str, method: str = "get", data: dict[str, str] | None = None) -> Any:
        for _ in range(12):
            if url.startswith(TOOL):
                path = url[len(TOOL) :]
                if method == "post":
                    if path.startswith("/lti/launch/"):
                        self.last_launch_form = dict(data or {})
                        if self.hold_launch:
                            return None
                    response = self.client.post(path, data or {})
                else:
                    response = self.client.get(path)
                self.steps.append(Step(method, url, response.status_code))
                if response.status_code in (301, 302, 303):
                    url, method, data = urljoin(url, response["Location"]), "get", None
                    continue
                return response
            answer = requests.request(method, url, data=data, allow_redirects=False, timeout=10)
            self.steps.append(Step(method, url, answer.status_code))
            if answer.status_code in (301, 302, 303):
                url, method, data = urljoin(url, answer.headers["Location"]), "get", None
                continue
            form = form_of(answer.text) if "<script>" in answer.text else None
            if form is None:
                return answer
            url, method, data = form[0], "post", form[1]
        raise AssertionError(f"too many steps: {self.steps}")
