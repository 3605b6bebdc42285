"""The zygote: a process with NumPy already imported that forks one sandbox per request.

Started by `grader.sandbox` as `python -I -B <this file> <config JSON>` with an
empty environment (only the BLAS thread settings), cwd `/`, stdin/stdout/stderr
on /dev/null, and exactly one extra descriptor: its end of the control socket.
Every child is forked from this clean state, so no run sees another's state,
and there is nothing in memory a child could steal (no secrets, no settings).

Process tree:

    caller (Celery worker) --control socket-- zygote: on request, clone(CLONE_PARENT) ...
          |   (request socket, setup pipe, pidfd: caller <-> jail directly)
          `-- jail (a child of the caller, cloned by the zygote straight into new
              user?/mount/net/ipc/uts/pid namespaces as pid 1): builds the mount view,
              then waits on its request socket; on a request: rlimits, drops privileges,
              seccomp, runs the student's code

The caller asks for the next jail ("spare") as soon as a run is over, so the
namespaces and the mount view are ready before the next request exists. The
caller then sends the request straight to the jail, waits for "set up" and
"finished" on the jail's setup pipe, times it on a pidfd and reaps it: facts
the student's code cannot forge come from the kernel and from a pipe whose
meaning it can only advance (see grader/sandbox.py). Every jail is a fresh
clone of the zygote's clean post-import state.
"""

from __future__ import annotations

import fcntl
import gc
import json
import os
import site
import socket
import sys
from typing import TYPE_CHECKING, Any

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

# This file runs as a script (see above): its siblings are top-level modules here,
# found through the path entry added above. The checker knows them by their
# package name instead; both names are the same source file.
if TYPE_CHECKING:
    from grader import _cgroup, _harness, _jail, _seccomp
else:
    import _cgroup
    import _codec  # noqa: F401 (preloaded: the harness imports it)
    import _harness
    import _jail
    import _seccomp

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
MAX_PROCESSES = 8
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_OPEN_FILES = 64
SCRATCH_MB = 16


def _runtime_binds() -> list[str]:
    """The directories the jail needs, at the paths this interpreter already uses.

    The Python install, and the site-packages directories: a venv's (often in
    the checkout, which may sit in a private home directory) holds NumPy,
    SciPy and their bundled libraries (`numpy.libs`, `scipy.libs`).
    """
    binds = [sys.base_prefix]
    numpy_home = os.path.dirname(os.path.dirname(numpy.__file__))  # noqa: PTH120
    for path in [*site.getsitepackages(), numpy_home]:
        inside = any(path == bind or path.startswith(bind + "/") for bind in binds)
        if not inside and os.path.isdir(path):  # noqa: PTH112
            binds.append(path)
    return binds


def _move_high(fd: int) -> int:
    high = fcntl.fcntl(fd, fcntl.F_DUPFD, 100)
    os.close(fd)
    return high


def _fail_setup(setup_fd: int, error: BaseException) -> None:
    try:
        # "E" first: a setup error can never read as "K" (set up).
        os.write(setup_fd, f"E{type(error).__name__}: {error}".encode()[:2000])
    finally:
        os._exit(113)


def _jail_main(config: dict[str, Any], sock_fd: int, setup_fd: int) -> None:
    """Pid 1 of fresh namespaces: build the jail, wait for one request, run it. Never returns.

    Everything that does not depend on the request (namespaces, the mount view)
    happens before the request exists, while the previous grading is still being
    judged by the caller: that takes it off the latency path.
    """
    # Descriptors we keep go above the low numbers first, so the dup2 calls
    # below cannot clobber one of them.
    sock_fd = _move_high(sock_fd)
    setup_fd = _move_high(setup_fd)
    userns = config["mode"] == "userns"
    try:
        os.setsid()
        _jail.set_parent_death_signal()
        if config["netns_fd"] is not None:
            _jail.join_network_namespace(config["netns_fd"])
        _jail.init_namespaces(
            userns=userns, outer_uid=config["outer_uid"], outer_gid=config["outer_gid"]
        )
        devnull = _move_high(os.open("/dev/null", os.O_RDONLY))
        owner = (0, 0) if userns else (config["uid"], config["gid"])
        if config["root_template"]:
            _jail.enter_root_template(
                config["root_template"],
                scratch_mb=SCRATCH_MB,
                owner_uid=owner[0],
                owner_gid=owner[1],
            )
        else:
            _jail.build_root(
                binds=config["binds"],
                scratch_mb=SCRATCH_MB,
                owner_uid=owner[0],
                owner_gid=owner[1],
            )
        socket.sethostname("sandbox")
    except BaseException as error:  # report any setup failure, run nothing
        _fail_setup(setup_fd, error)

    sock = socket.socket(fileno=sock_fd)
    try:
        message, received, _flags, _addr = socket.recv_fds(sock, 65536, 8)
    except OSError:
        os._exit(0)
    if not message or len(received) != 3:
        os._exit(0)  # the zygote discarded this spare (or is gone)
    try:
        request = json.loads(message)
        fds = {
            name: _move_high(fd)
            for name, fd in zip(("request", "out", "result"), received, strict=True)
        }
        # The caller's write left the shared file offset at the end.
        os.lseek(fds["request"], 0, os.SEEK_SET)
        with os.fdopen(fds["request"], "rb", closefd=True) as handle:
            payload = handle.read()
        sock.close()
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
            # No cgroup holds this jail unless the caller says so: then processes,
            # memfd and SysV shared memory are refused (grader/_cgroup.py).
            _seccomp.install(nofork=request.get("nofork") is not False)
    except BaseException as error:
        _fail_setup(setup_fd, error)
    os.write(setup_fd, SETUP_OK)
    # From here on the student's code is in control of this process. The setup
    # pipe stays open for the harness's "finished" byte; a student who writes
    # to it can only end the caller's wait early (grader/sandbox.py, _supervise).
    _harness.run(payload, _jail.RESULT_FD, setup_fd)
    os._exit(0)


def _clone_jail(config: dict[str, Any], control: socket.socket, fds: list[int]) -> tuple[int, bool]:
    """Clone a jail as a sibling (a child of the caller); return its pid and whether it
    joined the slot's cgroup (before any request can reach it).

    The zygote does nothing else per run: the caller talks to the jail directly
    and times and reaps it. That matters because every page the zygote writes
    while a jail it cloned is alive gets copied (copy-on-write): the less Python
    runs here per run, the less each grading costs.
    """
    pid = _jail.clone_into_namespaces(
        userns=config["mode"] == "userns", new_net=config["netns_fd"] is None, sibling=True
    )
    if pid == 0:
        try:
            control.close()
            _jail_main(config, fds[0], fds[1])
        finally:
            os._exit(113)
    procs: list[str] = config.get("cgroup_procs") or []
    return pid, bool(procs) and _cgroup.join(procs, pid)


def serve(config: dict[str, Any], control: socket.socket) -> None:
    """Answer "spare" requests until the caller goes away."""
    while True:
        try:
            message, fds, _flags, _addr = socket.recv_fds(control, 4096, 4)
        except OSError:
            return
        if not message:
            return  # the caller is gone (or closed us): so are we
        reply: dict[str, Any] = {"event": "spare"}
        if len(fds) != 2:
            reply["error"] = "bad request"
        else:
            try:
                reply["pid"], reply["budget"] = _clone_jail(config, control, fds)
            except OSError as error:
                reply["error"] = f"cannot create namespaces: {error}"
        for fd in fds:
            os.close(fd)
        control.send(json.dumps(reply).encode())


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
    # Root mode: the jails' read-only root is assembled once, here, in this process's own
    # mount namespace; each jail adds only its scratch (grader/_jail.py).
    config["root_template"] = (
        _jail.prepare_root_template(config["binds"]) if config["mode"] == "root" else None
    )
    control.send(
        json.dumps({"event": "ready", "pid": os.getpid(), "seccomp": config["seccomp"]}).encode()
    )
    serve(config, control)


if __name__ == "__main__":
    main()
