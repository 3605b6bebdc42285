"""The zygote: a process with NumPy already imported that forks one sandbox per request.

Started by `grader.sandbox` as `python -I -B <this file> <config JSON>` with an
empty environment (only the BLAS thread settings), cwd `/`, stdin/stdout/stderr
on /dev/null, and exactly one extra descriptor: its end of the control socket.
Every child is forked from this clean state, so no run sees another's state,
and there is nothing in memory a child could steal (no secrets, no settings).

Process tree for one request:

    caller (Celery worker) --control socket-- zygote (trusted: times the run, reports)
                                                 `-- jail: cloned straight into new user?/mount/
                                                     net/ipc/uts/pid namespaces as pid 1; builds
                                                     the mount view, drops privileges, seccomp,
                                                     then runs the student's code

The zygote reports how the jail ended (exit status, timeout, CPU, setup
errors) to the caller over the control socket, which the jail never holds.
Student output and return values travel on pipes the caller created and
passed in; the zygote closes its copies at once. The zygote serves one request
at a time, so it is never running student code's state: every jail is a fresh
clone of the clean post-import state.
"""

from __future__ import annotations

import fcntl
import gc
import json
import os
import select
import signal
import socket
import sys
import time
from typing import Any

# Before NumPy loads: OpenBLAS starts one thread per core at import otherwise,
# which a low process limit turns into an abort.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # noqa: PTH120, PTH100

# Preloaded so that a child does not pay for them (a lazy numpy.linalg import
# alone costs ~10 ms), and so that they work inside a jail whose view of the
# filesystem is minimal. Students commonly reach for the stdlib ones too.
import bisect  # noqa: E402, F401
import cmath  # noqa: E402, F401
import collections  # noqa: E402, F401
import copy  # noqa: E402, F401
import dataclasses  # noqa: E402, F401
import decimal  # noqa: E402, F401
import fractions  # noqa: E402, F401
import functools  # noqa: E402, F401
import heapq  # noqa: E402, F401
import itertools  # noqa: E402, F401
import math  # noqa: E402, F401
import operator  # noqa: E402, F401
import random  # noqa: E402, F401
import re  # noqa: E402, F401
import statistics  # noqa: E402, F401
import typing  # noqa: E402, F401

import _codec  # noqa: E402, F401
import _harness  # noqa: E402
import _jail  # noqa: E402
import _seccomp  # noqa: E402
import numpy  # noqa: E402
import numpy.fft  # noqa: E402
import numpy.linalg  # noqa: E402
import numpy.random  # noqa: E402

# One small computation so that lazily-initialised BLAS/ufunc state exists
# before the first fork instead of in every child.
numpy.linalg.eigh(numpy.eye(3) + 0.5)
numpy.random.default_rng(0).normal(size=4)

# Move everything loaded so far out of the collector's reach: a child that
# runs a collection then does not write to (and copy) those pages.
gc.freeze()

SETUP_OK = b"K"
SETUP_TIMEOUT_S = 10.0
MAX_PROCESSES = 8
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_OPEN_FILES = 64
SCRATCH_MB = 16


def _runtime_binds() -> list[str]:
    """The directories the jail needs, at the paths this interpreter already uses."""
    numpy_dir = os.path.dirname(numpy.__file__)  # noqa: PTH120
    binds = [sys.base_prefix, numpy_dir]
    libs = numpy_dir + ".libs"  # bundled OpenBLAS / gfortran of the manylinux wheel
    if os.path.isdir(libs):  # noqa: PTH112
        binds.append(libs)
    return binds


def _read_all(fd: int, limit: int = 1 << 16) -> bytes:
    chunks = []
    total = 0
    while True:
        chunk = os.read(fd, 4096)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total <= limit:
            chunks.append(chunk)


def _move_high(fd: int) -> int:
    high = fcntl.fcntl(fd, fcntl.F_DUPFD, 100)
    os.close(fd)
    return high


def _jail_main(config: dict[str, Any], request: dict[str, Any], fds: dict[str, int]) -> None:
    """Pid 1 of the new namespaces: build the jail, then run the harness. Never returns."""
    # Move every descriptor we keep above the low numbers first, so the dup2
    # calls below cannot clobber one of them.
    fds = {name: _move_high(fd) for name, fd in fds.items()}
    setup_fd = fds["setup"]
    try:
        os.setsid()
        _jail.set_parent_death_signal()
        userns = config["mode"] == "userns"
        if config["netns_fd"] is not None:
            _jail.join_network_namespace(config["netns_fd"])
        _jail.init_namespaces(
            userns=userns, outer_uid=config["outer_uid"], outer_gid=config["outer_gid"]
        )
        # The caller's write left the shared file offset at the end.
        os.lseek(fds["request"], 0, os.SEEK_SET)
        with os.fdopen(fds["request"], "rb", closefd=True) as handle:
            payload = handle.read()
        devnull = os.open("/dev/null", os.O_RDONLY)
        owner = (0, 0) if userns else (config["uid"], config["gid"])
        _jail.build_root(
            binds=config["binds"], scratch_mb=SCRATCH_MB, owner_uid=owner[0], owner_gid=owner[1]
        )
        socket.sethostname("sandbox")
        os.dup2(devnull, 0)
        os.dup2(fds["out"], 1)
        os.dup2(fds["out"], 2)
        os.dup2(fds["result"], _jail.RESULT_FD)
        # Only stdin/stdout/stderr, the result fd and the setup pipe stay open.
        os.closerange(_jail.RESULT_FD + 1, setup_fd)
        os.closerange(setup_fd + 1, 1 << 20)
        limits = request["limits"]
        _jail.set_limits(
            cpu_seconds=max(1, int(-(-float(limits["cpu_seconds"]) // 1))),
            memory_bytes=config["baseline_vm"] + int(limits["memory_mb"]) * 1024 * 1024,
            nproc=MAX_PROCESSES,
            fsize=MAX_FILE_BYTES,
            nofile=MAX_OPEN_FILES,
        )
        os.environ.clear()
        os.environ.update(
            {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        )
        _jail.drop_privileges(userns=userns, uid=config["uid"], gid=config["gid"])
        if config["seccomp"]:
            _seccomp.install()
    except BaseException as error:  # report any setup failure, run nothing
        try:
            os.write(setup_fd, f"{type(error).__name__}: {error}".encode()[:2000])
        finally:
            os._exit(113)
    os.write(setup_fd, SETUP_OK)
    os.close(setup_fd)
    # From here on the student's code is in control of this process.
    _harness.run(payload, _jail.RESULT_FD)
    os._exit(0)


def _supervise(pid: int, setup_r: int, wall_seconds: float, cloned_at: float) -> dict[str, Any]:
    """Wait for the jail's setup, then for its end (killing it at the wall limit); report."""
    report: dict[str, Any] = {"setup": "ok", "timed_out": False}
    pidfd = os.pidfd_open(pid)
    try:
        poller = select.poll()
        poller.register(setup_r, select.POLLIN)
        status = _read_all(setup_r, 2000) if poller.poll(SETUP_TIMEOUT_S * 1000) else b""
        started = time.monotonic()
        report["setup_ms"] = (started - cloned_at) * 1000
        if status != SETUP_OK:
            os.kill(pid, signal.SIGKILL)
            report["setup"] = status.decode(errors="replace") or "the jail died during setup"
        else:
            poller = select.poll()
            poller.register(pidfd, select.POLLIN)
            if not poller.poll(wall_seconds * 1000):
                # pid 1 of the namespace: killing it kills every process in it.
                signal.pidfd_send_signal(pidfd, signal.SIGKILL)
                report["timed_out"] = True
        _, wait_status, usage = os.wait4(pid, 0)
    finally:
        os.close(pidfd)
    report["run_ms"] = (time.monotonic() - started) * 1000
    report["cpu_s"] = usage.ru_utime + usage.ru_stime
    report["maxrss_kb"] = usage.ru_maxrss
    report["minflt"] = usage.ru_minflt
    if os.WIFSIGNALED(wait_status):
        report["signal"] = os.WTERMSIG(wait_status)
        report["exit_code"] = None
    else:
        report["signal"] = None
        report["exit_code"] = os.WEXITSTATUS(wait_status)
    return report


def _handle(control: socket.socket, config: dict[str, Any], message: bytes, fds: list[int]) -> None:
    request = json.loads(message)
    named = dict(zip(("request", "out", "result"), fds, strict=True))
    setup_r, setup_w = os.pipe()
    cloned_at = time.monotonic()
    try:
        pid = _jail.clone_into_namespaces(
            userns=config["mode"] == "userns", new_net=config["netns_fd"] is None
        )
    except OSError as error:
        for fd in (*fds, setup_r, setup_w):
            os.close(fd)
        report: dict[str, Any] = {"setup": f"cannot create namespaces: {error}"}
    else:
        if pid == 0:
            try:
                control.close()
                os.close(setup_r)
                _jail_main(config, request, {**named, "setup": setup_w})
            finally:
                os._exit(113)
        report_clone_ms = (time.monotonic() - cloned_at) * 1000
        os.close(setup_w)
        for fd in fds:
            os.close(fd)
        try:
            report = _supervise(pid, setup_r, float(request["limits"]["wall_seconds"]), cloned_at)
        finally:
            os.close(setup_r)
        report["clone_ms"] = report_clone_ms
    control.send(json.dumps({"event": "done", "report": report}).encode())


def _reap_strays() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def main() -> None:
    config = json.loads(sys.argv[1])
    control = socket.socket(fileno=config["fd"])
    config["binds"] = _runtime_binds()
    config["seccomp"] = _seccomp.supported()
    if config["seccomp"]:
        _seccomp.prepare()
    # Every child starts as a copy of this address space; the memory limit is
    # granted on top of it.
    config["baseline_vm"] = _jail.vm_size_bytes()
    # In user-namespace mode each jail gets its own network namespace: a shared
    # one would belong to another user namespace, which the jail cannot join.
    config["netns_fd"] = _jail.empty_network_namespace() if config["mode"] == "root" else None
    # Orphans of a dead monitor come back to us to be reaped, not to init.
    _jail._libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    control.send(
        json.dumps({"event": "ready", "pid": os.getpid(), "seccomp": config["seccomp"]}).encode()
    )
    while True:
        try:
            message, fds, _flags, _addr = socket.recv_fds(control, 65536, 8)
        except (ConnectionError, OSError):
            return
        if not message:
            return  # the caller is gone (or closed us): so are we
        if len(fds) != 3:
            for fd in fds:
                os.close(fd)
            control.send(json.dumps({"event": "done", "report": {"setup": "bad request"}}).encode())
            continue
        _handle(control, config, message, fds)
        _reap_strays()


if __name__ == "__main__":
    main()
