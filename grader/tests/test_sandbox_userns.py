"""The unprivileged mode: the sandbox as an ordinary user, through user namespaces.

As root, this re-runs the attack suite (and the core sandbox tests) as uid
65534 ("nobody").
The pyenv runtime lives under /root (mode 0700), which an ordinary user cannot
reach, so the run happens in a private mount namespace where only that runtime
directory is made visible under its usual path; nothing else changes, and the
process has no capabilities. As an ordinary user the suites already run in
this mode, and this file only checks the mode's name.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from grader.sandbox import Call, run_in_sandbox, sandbox_mode

ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534
KINDS = ["root", "userns"] if os.geteuid() == 0 else ["userns"]

# Mount dance (as root, in a private mount namespace): keep the runtime reachable
# at its path while /root itself is replaced by an empty, world-readable tmpfs.
DANCE = """
set -e
mount --bind "$RUNTIME" "$HOLD"
mount -t tmpfs -o mode=0755 tmpfs /root
mkdir -p "$RUNTIME"
mount --bind "$HOLD" "$RUNTIME"
cd "$PROJECT"
exec setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$@"
"""


def test_mode_name_as_this_user():
    expected = "root-zygote" if os.geteuid() == 0 else "userns-zygote"
    assert sandbox_mode() == expected


@pytest.mark.parametrize("kind", KINDS)
def test_jail_imports_from_the_venvs_site_packages(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SciPy is not preloaded by the zygote: the jail imports it (and its bundled
    # scipy.libs) from the site-packages directory it binds, which for a venv
    # in the checkout may sit in a private home directory.
    monkeypatch.setenv("MLQUIZ_SANDBOX_KIND", kind)
    code = "def solve(a, b):\n    import scipy.linalg\n    return scipy.linalg.solve(a, b)\n"
    result = run_in_sandbox(code, "solve", [Call((2 * np.eye(2), np.ones(2)))])
    assert result.status == "ok", result.message
    outcome = result.outcomes[0]
    assert outcome.returned, outcome.traceback
    np.testing.assert_allclose(outcome.value, [0.5, 0.5])


@pytest.mark.skipif(os.geteuid() != 0, reason="already an ordinary user: the suites ran as one")
def test_sandbox_and_attack_suites_pass_as_an_ordinary_user(tmp_path):
    runtime = sys.base_prefix
    if not runtime.startswith("/root/"):
        pytest.skip("the runtime is not under /root; run the suite as an ordinary user directly")
    hold = tmp_path / "hold"
    hold.mkdir()
    tmp_path.chmod(0o755)
    env = {
        "PATH": "/usr/bin:/bin:/usr/sbin:/sbin",
        "RUNTIME": runtime,
        "HOLD": str(hold),
        "PROJECT": str(ROOT),
        "HOME": "/nonexistent",
        "LANG": "C.UTF-8",
    }
    command = [
        "unshare",
        "--mount",
        "--propagation",
        "private",
        "sh",
        "-c",
        DANCE,
        "dance",
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-n",
        "2",  # two workers: the attack suite is mostly waiting on time limits
        "--basetemp",
        f"/tmp/mlquiz-userns-tests-{os.getpid()}",
        "grader/tests/test_attacks.py",
        "grader/tests/test_sandbox.py::test_returns_values_as_data",
        "grader/tests/test_sandbox.py::test_memory_limit",
        "grader/tests/test_sandbox.py::test_wall_timeout",
        "grader/tests/test_sandbox.py::test_cold_start_gives_the_same_result",
        "grader/tests/test_sandbox_userns.py::test_mode_name_as_this_user",
        "grader/tests/test_sandbox_userns.py::test_jail_imports_from_the_venvs_site_packages",
    ]
    completed = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    report = completed.stdout[-4000:] + completed.stderr[-2000:]
    assert completed.returncode == 0, report
    assert " passed" in completed.stdout and "failed" not in completed.stdout, report


REFUSAL_SCRIPT = """
import os, sys
from grader.sandbox import run_in_sandbox, Call, SandboxUnavailable
code = "open(%r, 'w').write('ran')\\ndef f():\\n    return 1\\n" % sys.argv[1]
for kind in ("root", "userns"):
    os.environ["MLQUIZ_SANDBOX_KIND"] = kind
    try:
        result = run_in_sandbox(code, "f", [Call()])
    except SandboxUnavailable as error:
        print("REFUSED", kind, str(error)[:200], flush=True)
    else:
        print("RAN", kind, result.status, result.mode, flush=True)
"""


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to build the broken environment")
def test_refuses_rather_than_running_without_isolation(tmp_path):
    # Inside a user namespace where no further user namespace may be created
    # (user.max_user_namespaces=0) the process looks like root but can neither
    # switch to a sandbox uid nor create the unprivileged jail: both modes must
    # refuse, and the student's code must never have run.
    marker = tmp_path / "student-code-ran"
    tmp_path.chmod(0o777)
    completed = subprocess.run(
        [
            "unshare",
            "--user",
            "--map-root-user",
            "sh",
            "-c",
            'echo 0 > /proc/sys/user/max_user_namespaces && exec "$@"',
            "sh",
            sys.executable,
            "-c",
            REFUSAL_SCRIPT,
            str(marker),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report = completed.stdout + completed.stderr[-2000:]
    assert "REFUSED root" in completed.stdout, report
    assert "REFUSED userns" in completed.stdout, report
    assert "RAN" not in completed.stdout
    assert not marker.exists()
