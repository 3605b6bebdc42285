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

import contextlib
import fcntl
import gc
import json
import os
import select
import signal
import socket
import sys
import time
from collections.abc import Callable
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


def _fail_setup(setup_fd: int, error: BaseException) -> None:
    try:
        os.write(setup_fd, f"{type(error).__name__}: {error}".encode()[:2000])
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
        _jail.build_root(
            binds=config["binds"], scratch_mb=SCRATCH_MB, owner_uid=owner[0], owner_gid=owner[1]
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
            _seccomp.install()
    except BaseException as error:
        _fail_setup(setup_fd, error)
    os.write(setup_fd, SETUP_OK)
    # From here on the student's code is in control of this process. The setup
    # pipe stays open for the harness's "finished" byte; a student who writes
    # to it can only make the zygote report early, see _supervise.
    _harness.run(payload, _jail.RESULT_FD, setup_fd)
    os._exit(0)


class _Spare:
    """A jail built ahead of its request, waiting on its end of a socket pair."""

    def __init__(self, config: dict[str, Any], control: socket.socket) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        setup_r, setup_w = os.pipe()
        self.cloned_at = time.monotonic()
        try:
            pid = _jail.clone_into_namespaces(
                userns=config["mode"] == "userns", new_net=config["netns_fd"] is None
            )
        except OSError:
            ours.close()
            theirs.close()
            os.close(setup_r)
            os.close(setup_w)
            raise
        if pid == 0:
            try:
                control.close()
                ours.close()
                os.close(setup_r)
                _jail_main(config, theirs.detach(), setup_w)
            finally:
                os._exit(113)
        self.clone_ms = (time.monotonic() - self.cloned_at) * 1000
        theirs.close()
        os.close(setup_w)
        self.pid = pid
        self.pidfd = os.pidfd_open(pid)
        self.sock = ours
        self.setup_r = setup_r

    def alive(self) -> bool:
        poller = select.poll()
        poller.register(self.pidfd, select.POLLIN)
        return not poller.poll(0)

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        self.close()

    def close(self) -> None:
        self.sock.close()
        for fd in (self.pidfd, self.setup_r):
            with contextlib.suppress(OSError):
                os.close(fd)


def _supervise(
    spare: _Spare, wall_seconds: float, sent_at: float, reply: Callable[[dict[str, Any]], None]
) -> None:
    """Wait for the jail's setup, then for its end (killing it at the wall limit); report.

    The harness writes "D" on the setup pipe when it has written everything and
    closed its pipes: the report goes out then, and the process's teardown
    (memory, namespaces) overlaps with the caller's judging. A student's code
    can write "D" too, which only makes the report come early (the caller then
    has whatever frames were written; without the harness's "done" frame the
    run counts as crashed). The jail is still supervised and reaped before the
    next request either way.
    """
    report: dict[str, Any] = {"setup": "ok", "timed_out": False, "clone_ms": spare.clone_ms}
    poller = select.poll()
    poller.register(spare.setup_r, select.POLLIN)
    data = os.read(spare.setup_r, 2000) if poller.poll(SETUP_TIMEOUT_S * 1000) else b""
    started = time.monotonic()
    report["setup_ms"] = (started - sent_at) * 1000
    replied = False
    if not data.startswith(SETUP_OK):
        signal.pidfd_send_signal(spare.pidfd, signal.SIGKILL)
        report["setup"] = data.decode(errors="replace") or "the jail died during setup"
    else:
        finished = data[len(SETUP_OK) :].startswith(b"D")
        poller = select.poll()
        poller.register(spare.pidfd, select.POLLIN)
        if not finished:
            poller.register(spare.setup_r, select.POLLIN)
        deadline = started + wall_seconds
        while True:
            if finished and not replied:
                reply({**report, "exit_code": 0, "signal": None, "finished_early": True})
                replied = True
            remaining = deadline - time.monotonic()
            events = poller.poll(remaining * 1000) if remaining > 0 else []
            if not events:
                # pid 1 of the namespace: killing it kills every process in it.
                signal.pidfd_send_signal(spare.pidfd, signal.SIGKILL)
                report["timed_out"] = True
                break
            if any(fd == spare.pidfd for fd, _ in events):
                break
            finished = os.read(spare.setup_r, 64).startswith(b"D")
            poller.unregister(spare.setup_r)
    precise_cpu_s = _cpu_seconds_at_exit(spare.pid)
    _, wait_status, usage = os.wait4(spare.pid, 0)
    if replied:
        return
    report["run_ms"] = (time.monotonic() - started) * 1000
    report["cpu_s"] = max(usage.ru_utime + usage.ru_stime, precise_cpu_s)
    report["maxrss_kb"] = usage.ru_maxrss
    report["minflt"] = usage.ru_minflt
    if os.WIFSIGNALED(wait_status):
        report["signal"] = os.WTERMSIG(wait_status)
        report["exit_code"] = None
    else:
        report["signal"] = None
        report["exit_code"] = os.WEXITSTATUS(wait_status)
    reply(report)


def _cpu_seconds_at_exit(pid: int) -> float:
    """The jail's CPU time as RLIMIT_CPU counts it, read while it is an unreaped zombie.

    That is the kernel's "PROF" process clock (utime + stime as charged per
    tick). On a VM with steal time it runs ahead of rusage, which is rescaled
    to the scheduler's runtime: by rusage a run killed by the CPU limit can
    look like it used 0.8 s of 1 s.
    """
    try:
        os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
        # clockid of another process's CPUCLOCK_PROF: (~pid << 3) | 0
        return time.clock_gettime((~pid) << 3)
    except (OSError, ValueError, OverflowError):
        return 0.0


class _Zygote:
    def __init__(self, config: dict[str, Any], control: socket.socket) -> None:
        self.config = config
        self.control = control
        self.spare: _Spare | None = None

    def prepare(self) -> None:
        """Build the next jail now, while nobody waits for it."""
        if self.spare is None:
            # A failure here is reported by the request that needs the jail.
            with contextlib.suppress(OSError):
                self.spare = _Spare(self.config, self.control)

    def _take_spare(self) -> _Spare:
        spare, self.spare = self.spare, None
        if spare is not None and not spare.alive():
            spare.discard()  # died while waiting (killed from outside, or setup failed)
            spare = None
        return spare if spare is not None else _Spare(self.config, self.control)

    def handle(self, message: bytes, fds: list[int]) -> None:
        try:
            request = json.loads(message)
            wall_seconds = float(request["limits"]["wall_seconds"])
            spare = self._take_spare()
        except (OSError, ValueError, KeyError, TypeError) as error:
            for fd in fds:
                os.close(fd)
            self._reply({"setup": f"cannot create the jail: {type(error).__name__}: {error}"})
            return
        sent_at = time.monotonic()
        try:
            socket.send_fds(spare.sock, [message], fds)
        except OSError:
            pass  # the jail is gone: its setup pipe says why, _supervise reports it
        finally:
            for fd in fds:
                os.close(fd)
        try:
            _supervise(spare, wall_seconds, sent_at, self._reply)
        finally:
            spare.close()

    def _reply(self, report: dict[str, Any]) -> None:
        self.control.send(json.dumps({"event": "done", "report": report}).encode())

    def serve(self) -> None:
        self.prepare()
        while True:
            try:
                message, fds, _flags, _addr = socket.recv_fds(self.control, 65536, 8)
            except OSError:
                break
            if not message:
                break  # the caller is gone (or closed us): so are we
            if len(fds) != 3:
                for fd in fds:
                    os.close(fd)
                self._reply({"setup": "bad request"})
                continue
            self.handle(message, fds)
            self.prepare()
        if self.spare is not None:
            self.spare.discard()


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
    control.send(
        json.dumps({"event": "ready", "pid": os.getpid(), "seccomp": config["seccomp"]}).encode()
    )
    _Zygote(config, control).serve()


if __name__ == "__main__":
    main()
