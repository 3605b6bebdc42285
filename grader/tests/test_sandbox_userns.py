"""The unprivileged mode: the sandbox as an ordinary user, through user namespaces.

As root, this re-runs the attack suite (and the core sandbox tests) as uid
65534 ("nobody"), from a checkout placed where people clone it: in a private
`mktemp -d` folder (mode 0700) and under /root. Neither that folder, nor /root,
nor the pyenv runtime under /root can be reached by an ordinary user, so the
run happens in a private mount namespace where each of them is replaced by an
empty directory that belongs to that user and is private to it (like a home
directory on a laptop), with only the runtime, the checkout and its venv bound
back at their usual paths. The process has no capabilities. As an ordinary
user the suites already run in this mode, and this file only checks the
mode's name.
"""

from __future__ import annotations

import os
import shlex
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest

from grader import sandbox
from grader.sandbox import Call, run_in_sandbox, sandbox_mode

ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534
KINDS = ["root", "userns"] if os.geteuid() == 0 else ["userns"]

# What the ordinary user re-runs: the attack suite and the core sandbox tests.
SUITE = [
    "grader/tests/test_attacks.py",
    "grader/tests/test_sandbox.py::test_returns_values_as_data",
    "grader/tests/test_sandbox.py::test_memory_limit",
    "grader/tests/test_sandbox.py::test_wall_timeout",
    "grader/tests/test_sandbox.py::test_cold_start_gives_the_same_result",
    "grader/tests/test_sandbox_userns.py::test_mode_name_as_this_user",
    "grader/tests/test_sandbox_userns.py::test_jail_imports_from_the_venvs_site_packages",
    "grader/tests/test_sandbox_userns.py::test_jail_imports_lazily_whatever_the_callers_umask",
]


def test_mode_name_as_this_user() -> None:
    # Root gets a cgroup per jail here (v1 on this machine); uid 65534 has none
    # delegated, so its jails refuse processes and memfd instead.
    mode = sandbox_mode()
    if os.geteuid() != 0:
        assert mode == "userns-zygote+nofork"
    elif os.environ.get("MLQUIZ_SANDBOX_CGROUP") == "off":
        assert mode == "root-zygote+nofork"
    else:
        assert mode in {"root-zygote+cgroup-v1", "root-zygote+cgroup-v2"}


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


@pytest.mark.parametrize("kind", KINDS)
def test_jail_imports_lazily_whatever_the_callers_umask(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A zygote started under umask 077 builds the jail's directories with it:
    # the uid the jail drops to must still reach modules not yet imported.
    monkeypatch.setenv("MLQUIZ_SANDBOX_KIND", kind)
    sandbox.shutdown()
    previous = os.umask(0o077)
    try:
        code = "def f():\n    import csv, numpy.polynomial\n    return csv.__name__\n"
        result = run_in_sandbox(code, "f", [Call()])
    finally:
        os.umask(previous)
        sandbox.shutdown()
    assert result.status == "ok", result.message
    assert result.outcomes[0].returned, result.outcomes[0].traceback
    assert result.outcomes[0].value == "csv"


def _within(path: Path, other: Path) -> bool:
    return path == other or other in path.parents


def _outermost(paths: list[Path]) -> list[Path]:
    """The paths that are not inside another one (each once, in order)."""
    unique = list(dict.fromkeys(paths))
    return [p for p in unique if not any(o != p and _within(p, o) for o in unique)]


def _closed_ancestor(path: Path) -> Path | None:
    """The topmost directory on the way to `path` that others may not enter."""
    for parent in reversed(path.parents):
        if not parent.stat().st_mode & stat.S_IXOTH:
            return parent
    return None


def _expose(paths: list[Path], hold: Path) -> list[str]:
    """Shell lines (root, private mount namespace) that let uid 65534 reach each path at
    its own path however its parents are permissioned.

    The topmost closed directory on the way to each path (/root, a 0700
    `mktemp -d` folder) becomes an empty tmpfs owned by that user, mode 0700,
    and the paths are bound back inside it: nothing else of it stays visible.
    """
    paths = _outermost(paths)
    covers = _outermost([c for p in paths if (c := _closed_ancestor(p)) is not None])
    hidden = [p for p in paths if any(_within(p, c) for c in covers)]
    assert not any(_within(hold, c) for c in covers), (hold, covers)
    lines = ["umask 022"]
    for index, path in enumerate(hidden):
        held = shlex.quote(str(hold / str(index)))
        lines += [f"mkdir {held}", f"mount --bind {shlex.quote(str(path))} {held}"]
    for cover in covers:
        options = f"mode=0700,uid={NOBODY},gid={NOBODY}"
        lines.append(f"mount -t tmpfs -o {options} tmpfs {shlex.quote(str(cover))}")
    for index, path in enumerate(hidden):
        target = shlex.quote(str(path))
        lines += [
            f"mkdir -p {target}",
            f"mount --bind {shlex.quote(str(hold / str(index)))} {target}",
        ]
    return lines


def _layout_parent(layout: str) -> Path:
    """Where a person might clone the project: a `mktemp -d` folder, or under /root."""
    if layout == "under-root":
        if not os.access("/root", os.W_OK):
            pytest.skip("no writable /root to place a checkout under")
        return Path(tempfile.mkdtemp(prefix="mlquiz-test-clone-", dir="/root"))
    return Path(tempfile.mkdtemp(prefix="mlquiz-test-clone-"))


@pytest.mark.skipif(os.geteuid() != 0, reason="already an ordinary user: the suites ran as one")
@pytest.mark.parametrize("layout", ["mktemp-d-0700", "under-root"])
def test_sandbox_and_attack_suites_pass_as_an_ordinary_user(layout: str, tmp_path: Path) -> None:
    # This checkout (bound, not copied) and its venv appear in a private
    # folder; the re-run starts there with that venv's interpreter.
    parent = _layout_parent(layout)
    checkout = parent / "mlquiz"
    venv = Path(sys.prefix)
    python = Path(sys.executable)
    mountpoints = [checkout]
    placing = [f"mount --bind {shlex.quote(str(ROOT))} {shlex.quote(str(checkout))}"]
    if venv != Path(sys.base_prefix) and _within(venv, ROOT):
        venv_there = checkout / venv.relative_to(ROOT)
    elif venv != Path(sys.base_prefix):
        venv_there = parent / "venv"
        mountpoints.append(venv_there)
        placing.append(f"mount --bind {shlex.quote(str(venv))} {shlex.quote(str(venv_there))}")
    else:
        venv_there = venv
    if _within(python, venv):
        python = venv_there / python.relative_to(venv)
    hold = tmp_path / "hold"
    hold.mkdir()
    basetemp = Path(f"/tmp/mlquiz-userns-tests-{os.getpid()}-{layout}")
    script = [
        "set -e",
        *placing,
        *_expose([Path(sys.base_prefix), checkout, venv_there], hold),
        f"cd {shlex.quote(str(checkout))}",
        f'exec setpriv --reuid={NOBODY} --regid={NOBODY} --clear-groups --inh-caps=-all "$@"',
    ]
    env = {
        "PATH": "/usr/bin:/bin:/usr/sbin:/sbin",
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
        "\n".join(script),
        "dance",
        str(python),
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-n",
        "2",  # two workers: the attack suite is mostly waiting on time limits
        "--basetemp",
        str(basetemp),
        *SUITE,
    ]
    try:
        assert stat.S_IMODE(parent.stat().st_mode) == 0o700
        for mountpoint in mountpoints:
            mountpoint.mkdir()
        completed = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=300, check=False
        )
    finally:
        # Only empty mount points were created here (the binds lived in the
        # namespace): rmdir, never a recursive delete.
        for mountpoint in reversed(mountpoints):
            if mountpoint.exists():
                mountpoint.rmdir()
        parent.rmdir()
        shutil.rmtree(basetemp, ignore_errors=True)
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
