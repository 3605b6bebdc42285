"""Run untrusted student code in an isolated, resource-limited child process.

Public API (see docs/grader-api.md and docs/sandbox.md):

    run_in_sandbox(code, function, calls, limits) -> SandboxResult
    sandbox_mode() -> str
    SandboxUnavailable

Each calling process owns one zygote (`grader/_zygote.py`): a long-lived
interpreter with NumPy imported that forks a fresh, isolated child per run.
If the zygote dies it is restarted; if it cannot be (re)started the run goes
through a one-shot zygote started cold. If no isolation can be built at all
the run is refused with SandboxUnavailable; student code never runs outside
the jail.

This module imports no Django.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import json
import logging
import os
import queue
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from grader import _cgroup, _codec
from grader.banned import banned_message, runtime_use

logger = logging.getLogger(__name__)

_ZYGOTE_SCRIPT = str(Path(__file__).with_name("_zygote.py"))
_ZYGOTE_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
_ZYGOTE_START_TIMEOUT_S = 60.0
# Sandbox uids in root mode: one per calling process ("slot"), so that the
# per-uid process limit of one run never counts another worker's processes.
_SLOT_UID_BASE = 61000
_SLOT_COUNT = 1000

Status = Literal[
    "ok",
    "syntax_error",
    "missing_function",
    "timeout",
    "memory",
    "crashed",
    "bad_output",
    "violation",
    "banned",
]
Kind = Literal["root", "userns"]


@dataclass(frozen=True)
class Limits:
    cpu_seconds: float = 2.0
    wall_seconds: float = 5.0
    memory_mb: int = 512
    max_output_bytes: int = 65536  # student stdout+stderr kept; the rest drained and dropped
    max_result_bytes: int = 16 * 1024 * 1024  # encoded return values


@dataclass(frozen=True)
class Call:
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CallOutcome:
    returned: bool
    value: Any = None
    # Nearest built-in exception class of what the student's code raised
    # (isinstance semantics: `class ShapeError(ValueError)` reports "ValueError").
    error_type: str | None = None
    # The class's own name ("LinAlgError" where error_type is "ValueError"); None when the
    # sandbox did not report one (a time limit, a bad return value).
    error_class: str | None = None
    error_message: str | None = None
    traceback: str | None = None


@dataclass(frozen=True)
class SandboxResult:
    status: Status
    outcomes: list[CallOutcome]
    output: str
    output_truncated: bool
    message: str
    duration_ms: float
    mode: str


class SandboxUnavailable(RuntimeError):
    """Raised instead of ever running code unsandboxed."""


class _ZygoteError(RuntimeError):
    """The zygote died, hung or broke protocol: restart it and retry."""


class _SetupError(RuntimeError):
    """The jail could not be built: no isolation here, refuse."""


# --------------------------------------------------------------------------- encoding


def _encode_request(
    code: str, function: str, calls: list[Call], banned: Sequence[str] = (), banned_reason: str = ""
) -> bytes:
    """Two frames: the code (with the run-time bans, if any), then every call's arguments
    (each call's arrays are separate blobs, so each call gets its own copies when decoded)."""
    arguments = [
        (tuple(call.args), [(str(key), value) for key, value in call.kwargs.items()])
        for call in calls
    ]
    header: dict[str, Any] = {"code": code, "function": function}
    if banned:
        header.update(banned=list(banned), banned_reason=banned_reason)
    return _codec.encode(header, {}) + _codec.encode({}, {"calls": arguments})


class _Violation(Exception):
    """The jail broke the protocol: something only interference can produce."""


def _split_frames(data: bytes | bytearray, limit: int) -> list[memoryview]:
    """The frames in `data` (views, not copies); more than `limit` of them is a
    protocol violation."""
    view = memoryview(data)
    frames: list[memoryview] = []
    offset = 0
    while offset < len(data):
        if len(frames) == limit:
            raise _Violation("more result frames than the harness ever sends")
        if len(data) - offset < _codec.HEADER_SIZE:
            raise _codec.CodecError("truncated frame header")
        end = offset + _codec.frame_length(view[offset : offset + _codec.HEADER_SIZE])
        if end > len(data):
            raise _codec.CodecError("truncated frame")
        frames.append(view[offset:end])
        offset = end
    return frames


# --------------------------------------------------------------------------- slots


class _Slot:
    """An exclusive sandbox uid for this process, held by an flock for its lifetime."""

    def __init__(self) -> None:
        directory = Path(tempfile.gettempdir()) / "mlquiz-sandbox-slots"
        directory.mkdir(mode=0o700, exist_ok=True)
        for index in range(_SLOT_COUNT):
            fd = os.open(directory / f"{index}.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            self.fd = fd
            self.uid = _SLOT_UID_BASE + index
            return
        raise SandboxUnavailable("all sandbox uid slots are in use")


# --------------------------------------------------------------------------- zygote client


class _Keeper(threading.Thread):
    """A thread that lives as long as the process and starts the zygotes off the main thread.

    Jails are our children (the zygote clones them with CLONE_PARENT) and die
    with their parent through PR_SET_PDEATHSIG, which fires when the parent
    *thread* exits. Their parent is the thread that started the zygote, so that
    must be one that never exits while the process lives: not a request thread.
    """

    def __init__(self) -> None:
        super().__init__(name="mlquiz-sandbox-keeper", daemon=True)
        self.requests: queue.Queue[tuple[Any, queue.Queue[tuple[bool, Any]]]] = queue.Queue()

    def run(self) -> None:
        while True:
            function, answer = self.requests.get()
            try:
                answer.put((True, function()))
            except BaseException as error:  # handed back to the calling thread
                answer.put((False, error))


_keeper: _Keeper | None = None
_keeper_pid = 0


def _in_keeper_thread(function: Any) -> Any:
    """Run `function` in a thread that lives as long as the process: the main thread
    if we are on it (Celery prefork, gunicorn sync, the CLI), else the keeper."""
    global _keeper, _keeper_pid
    if threading.current_thread() is threading.main_thread():
        return function()
    with _state_guard:
        if _keeper is None or _keeper_pid != os.getpid() or not _keeper.is_alive():
            _keeper = _Keeper()
            _keeper.start()
            _keeper_pid = os.getpid()
        keeper = _keeper
    answer: queue.Queue[tuple[bool, Any]] = queue.Queue()
    keeper.requests.put((function, answer))
    ok, value = answer.get()
    if not ok:
        raise value
    return value


@dataclass
class _Raw:
    report: dict[str, Any]
    output: bytes
    output_dropped: int
    results: bytearray
    results_overflow: bool


class _Zygote:
    """The caller's handle on one zygote process."""

    def __init__(
        self, *, kind: Kind, uid: int, cold: bool, budget: _cgroup.Budget | None = None
    ) -> None:
        self.kind = kind
        self.cold = cold
        # The slot's cgroup (grader/_cgroup.py); None: every jail runs "nofork".
        self.budget = budget
        self.budget_mode = budget.name if budget is not None else "nofork"
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        config = {
            "fd": theirs.fileno(),
            "mode": kind,
            "uid": uid,
            "gid": uid,
            "outer_uid": os.getuid(),
            "outer_gid": os.getgid(),
            "cgroup_procs": budget.procs if budget is not None else [],
        }
        debug = os.environ.get("MLQUIZ_SANDBOX_DEBUG") == "1"
        try:
            self.process = _in_keeper_thread(
                lambda: subprocess.Popen(
                    [sys.executable, "-I", "-B", "-X", "utf8", _ZYGOTE_SCRIPT, json.dumps(config)],
                    pass_fds=[theirs.fileno()],
                    env=dict(_ZYGOTE_ENV),
                    cwd="/",
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=None if debug else subprocess.DEVNULL,
                    start_new_session=True,
                )
            )
        except OSError as error:
            ours.close()
            if budget is not None:
                budget.remove()
            raise _ZygoteError(f"cannot start the zygote: {error}") from error
        finally:
            theirs.close()
        self.sock = ours
        self.owner_pid = os.getpid()
        self.ready = False
        self.requested: tuple[socket.socket, int] | None = None

    def _await_ready(self) -> None:
        message = self._receive(time.monotonic() + _ZYGOTE_START_TIMEOUT_S)
        if message.get("event") != "ready":
            raise _ZygoteError(f"unexpected first message from the zygote: {message}")
        self.seccomp = bool(message.get("seccomp"))
        self.ready = True

    def _receive(self, deadline: float) -> dict[str, Any]:
        poller = select.poll()
        poller.register(self.sock, select.POLLIN)
        remaining = max(0.0, deadline - time.monotonic())
        if not poller.poll(remaining * 1000):
            raise _ZygoteError("the zygote did not answer in time")
        data = self.sock.recv(65536)
        if not data:
            raise _ZygoteError("the zygote closed its control socket")
        message: dict[str, Any] = json.loads(data)  # the zygote sends only JSON objects
        return message

    @property
    def mode(self) -> str:
        name = f"{self.kind}-{'cold' if self.cold else 'zygote'}"
        if not getattr(self, "seccomp", True):
            # No seccomp: "nofork" cannot be enforced; only a cgroup makes a jail budget.
            suffix = f"+{self.budget_mode}" if self.budget_mode != "nofork" else ""
            return f"{name}{suffix}-noseccomp"
        return f"{name}+{self.budget_mode}"

    # ------------------------------------------------------------------ spares

    def _request_spare(self) -> None:
        """Ask the zygote to clone the next jail now; its pid is read when it is needed."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        setup_r, setup_w = os.pipe2(os.O_CLOEXEC)
        try:
            socket.send_fds(self.sock, [b'{"cmd": "spare"}'], [theirs.fileno(), setup_w])
        except OSError as error:
            ours.close()
            os.close(setup_r)
            raise _ZygoteError(f"cannot reach the zygote: {error}") from error
        finally:
            theirs.close()
            os.close(setup_w)
        self.requested = (ours, setup_r)

    def _take_spare(self) -> _Jail:
        """The jail built for this run: requested after the previous run, or now."""
        if not self.ready:
            self._await_ready()
        if self.requested is None:
            self._request_spare()
        assert self.requested is not None
        sock, setup_r = self.requested
        self.requested = None
        try:
            message = self._receive(time.monotonic() + _ZYGOTE_START_TIMEOUT_S)
        except _ZygoteError:
            sock.close()
            os.close(setup_r)
            raise
        if message.get("event") != "spare" or "pid" not in message:
            sock.close()
            os.close(setup_r)
            raise _SetupError(str(message.get("error") or message))
        try:
            jail = _Jail(int(message["pid"]), sock, setup_r)
            jail.budgeted = message.get("budget") is True  # the zygote moved it into the slot
            return jail
        except OSError as error:  # gone already (reaped by a SIGCHLD handler of ours?)
            sock.close()
            os.close(setup_r)
            raise _ZygoteError(f"the new jail vanished: {error}") from error

    # ------------------------------------------------------------------ one run

    def _start_budget(self, jail: _Jail, limits: Limits) -> tuple[_cgroup.Budget | None, bool]:
        """The cgroup this run is held to, limits set and counters noted (None: "nofork"),
        and whether an earlier jail's memory was still charged to it when the jail
        was taken (Budget.settle).

        A jail that did not make it into the slot's cgroup (or a cgroup that
        cannot be set) is never run with weaker limits: it runs "nofork".
        """
        budget = self.budget
        if budget is None:
            self.budget_mode = "nofork"
            return None, False
        try:
            if not jail.budgeted:
                raise OSError("the zygote could not move the jail into it")
            waited = budget.settle()
            budget.configure(
                memory_bytes=limits.memory_mb * 1024 * 1024 + _cgroup.HEADROOM_BYTES,
                pids=_cgroup.PIDS_MAX,
                cpus=1.0,
            )
            budget.start()
        except OSError as error:
            if self.budget_mode != "nofork":
                logger.warning(
                    "sandbox cgroup %s unusable (%s): this jail runs with processes and "
                    "memfd refused instead",
                    budget.dirs,
                    error,
                )
            self.budget_mode = "nofork"
            return None, False
        self.budget_mode = budget.name
        return budget, waited

    def _ready_jail(self, limits: Limits) -> tuple[_Jail, _cgroup.Budget | None]:
        """A live jail for this run, held to its budget.

        The spare is cloned into the slot while the previous jail exits. If that
        jail left memory the kernel frees only later (SysV segments, scratch), the
        spare was set up under the previous limit with that memory still charged
        and may be dying of it (seen as "the jail died during setup" after an
        attack filled shared memory): it is replaced by one cloned after the wait.
        """
        for attempt in range(3):
            jail = self._take_spare()
            if not jail.alive():
                # Died while waiting: a setup error (no isolation here), or killed.
                reason = jail.dead_reason()
                jail.discard()
                if reason:
                    raise _SetupError(reason)
                continue
            budget, waited = self._start_budget(jail, limits)
            if waited and attempt < 2:
                jail.discard()
                continue
            jail.created = time.monotonic()
            return jail, budget
        raise _ZygoteError("every jail died before it could be used")

    def run(self, request: bytes, limits: Limits) -> _Raw:
        jail, budget = self._ready_jail(limits)
        try:
            out_r, res_r = self._send(jail, request, limits, nofork=budget is None)
        except BaseException:
            jail.kill()
            jail.reap(deadline=time.monotonic())
            raise
        try:
            # kills and reaps the jail
            raw = self._supervise(jail, out_r, res_r, limits, budget)
        finally:
            os.close(out_r)
            os.close(res_r)
        if budget is not None:
            raw.report["memory_exceeded"] = budget.memory_exceeded()
        return raw

    def _send(
        self, jail: _Jail, request: bytes, limits: Limits, *, nofork: bool = True
    ) -> tuple[int, int]:
        """Hand the jail its request; returns the read ends of its output and result pipes.

        `nofork`: the jail is not inside its slot's cgroup, so it must refuse
        processes, memfd and SysV shared memory (grader/_cgroup.py).
        """
        memfd = os.memfd_create("mlquiz-request", os.MFD_CLOEXEC)
        out_r, out_w = os.pipe2(os.O_CLOEXEC)
        res_r, res_w = os.pipe2(os.O_CLOEXEC)
        for fd in (out_w, res_w):
            with contextlib.suppress(OSError):  # over the per-user pipe budget: smaller
                fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, _PIPE_SIZE)
        try:
            view = memoryview(request)
            while view:
                view = view[os.write(memfd, view) :]
            message = json.dumps(
                {
                    "limits": {
                        "cpu_seconds": limits.cpu_seconds,
                        "wall_seconds": limits.wall_seconds,
                        "memory_mb": limits.memory_mb,
                    },
                    # Without a cgroup around it the jail refuses processes and memfd.
                    "nofork": nofork,
                }
            ).encode()
            # A jail that died early just gets nothing: its setup pipe says why.
            with contextlib.suppress(OSError):
                socket.send_fds(jail.sock, [message], [memfd, out_w, res_w])
        except BaseException:
            os.close(out_r)
            os.close(res_r)
            raise
        finally:
            os.close(memfd)
            os.close(out_w)
            os.close(res_w)
            jail.sock.close()
        return out_r, res_r

    def _supervise(
        self,
        jail: _Jail,
        out_r: int,
        res_r: int,
        limits: Limits,
        budget: _cgroup.Budget | None = None,
    ) -> _Raw:
        """Drain the pipes, watch the setup pipe ("K" set up, then "D" finished) and the
        pidfd; the report holds only what the kernel and the setup pipe said, never
        anything from the student's output pipes.

        The jail is killed (SIGKILL to pid 1 of its pid namespace: everything in it
        dies) and reaped before this returns, never left to exit by itself: at the
        verdict ("D", or both of its pipes closed), at the wall-clock deadline, at a
        protocol violation (after "K" the setup pipe may carry one "D" and nothing
        else), when its return values overflow `max_result_bytes`, and if anything
        here raises.

        The output and result pipes are not polled: with 1 MiB pipe buffers a run
        rarely fills them, so they are drained every few milliseconds and at the
        end instead of waking this process for every frame the harness writes.
        """
        report: dict[str, Any] = {"setup": "ok", "timed_out": False}
        sink = _Sink(out_r, res_r, limits)
        poller = select.poll()
        for fd in (jail.setup_r, jail.pidfd):
            poller.register(fd, select.POLLIN)
        # Budget hook: v1 cgroups signal an OOM on an eventfd (v2 kills the group itself).
        oom_fd = budget.event_fd if budget is not None else None
        if oom_fd is not None:
            poller.register(oom_fd, select.POLLIN)
        set_up = finished = exited = False
        killed = ""  # why we killed it, if we did
        closed_at = 0.0  # when both of its pipes were first seen closed
        setup_text = b""
        deadline = time.monotonic() + _SETUP_TIMEOUT_S
        started = 0.0

        def kill(reason: str) -> None:
            # The reap below waits for the exit; what it wrote is then in the pipes.
            nonlocal killed
            if not killed:
                killed = reason
                jail.kill()

        try:
            while True:
                sink.drain()
                if exited and (sink.done or not set_up):
                    break
                if set_up and not killed:
                    if sink.overflow:
                        kill("overflow")  # the answer is known: return values too large
                    elif finished:
                        kill("verdict")  # we have everything it will ever send
                    elif sink.done:
                        # Pipes closed without "D": a dying jail closes them just before
                        # its pidfd says so (and the harness just before its "D"). Give
                        # either a moment to arrive, so that we report how it really
                        # ended; then it is just code running after its verdict.
                        now = time.monotonic()
                        closed_at = closed_at or now
                        if now - closed_at >= _CLOSED_GRACE_S:
                            kill("verdict")
                if killed:
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    if not set_up:
                        report["setup"] = "the jail did not finish its setup in time"
                        kill("setup")
                        break
                    report["timed_out"] = True
                    kill("timeout")
                    break
                for fd, _event in poller.poll(min(remaining, _DRAIN_INTERVAL_S) * 1000):
                    if fd == oom_fd:
                        # The jail's cgroup hit its memory limit: all of the jail dies now.
                        poller.unregister(fd)
                        kill("memory")
                        continue
                    if fd == jail.pidfd:
                        exited = True
                        poller.unregister(fd)
                        if not set_up:
                            # Died before "set up": the setup pipe holds the reason.
                            setup_text += _read_available(jail.setup_r)
                        # Pipes close with the process; bound the wait for EOF.
                        deadline = min(deadline, time.monotonic() + _TEARDOWN_S)
                        continue
                    # The setup pipe: small reads, so that a flood costs us nothing.
                    chunk = os.read(fd, _SETUP_READ if set_up else _SETUP_TEXT_MAX)
                    if not chunk:
                        poller.unregister(fd)
                        continue
                    if not set_up:
                        # Before "K" only the jail's own setup code has run: "K", or
                        # "E" and the reason, then its exit.
                        setup_text = (setup_text + chunk)[:_SETUP_TEXT_MAX]
                        if not setup_text.startswith(_SETUP_OK):
                            continue
                        set_up = True
                        started = time.monotonic()
                        report["setup_ms"] = (started - jail.created) * 1000
                        deadline = started + limits.wall_seconds
                        chunk = setup_text[len(_SETUP_OK) :]
                    if not chunk:
                        continue
                    if chunk == _FINISHED and not finished:
                        # The harness closed its pipes and is exiting; a forged "D"
                        # only ends the run early (see docs/sandbox.md).
                        finished = True
                    else:
                        report["violation"] = "unexpected bytes on the setup pipe"
                        kill("violation")
            if not self.cold:
                # The zygote builds the next jail (on the other core) while this one
                # exits and while our caller judges this result.
                with contextlib.suppress(_ZygoteError):
                    self._request_spare()
        finally:
            # Whatever happened above (even an exception here), nothing it started
            # outlives this call.
            info = jail.reap(deadline=time.monotonic())
        sink.drain()  # all writers are gone: what is left (<= a pipe buffer) and EOF
        if set_up and jail.leftover and (finished or jail.leftover != _FINISHED):
            # Written on the setup pipe after what we read: the same rule applies.
            report["violation"] = "unexpected bytes on the setup pipe"
        output, dropped, results, overflow = sink.output, sink.dropped, sink.results, sink.overflow
        if not set_up and report["setup"] == "ok":
            text = setup_text.decode(errors="replace").removeprefix("E")
            report["setup"] = text or "the jail died during setup"
        report.update(info)
        report["run_ms"] = (time.monotonic() - started) * 1000 if started else 0.0
        report["killed"] = killed
        cpu_limit = max(1, -(-limits.cpu_seconds // 1))
        if (
            killed == "verdict"
            and report["signal"] == signal.SIGKILL
            and report["cpu_s"] < cpu_limit - _CPU_SLACK_S
        ):
            # Our SIGKILL at the verdict is not a fact about the run (the harness may
            # just not have reached its own exit yet): its frames say how it ended.
            report.update(exit_code=0, signal=None)
        return _Raw(report, bytes(output), dropped, results, overflow)

    def close(self) -> None:
        if self.requested is not None:
            # The spare is our child: learn its pid, end it and reap it.
            with contextlib.suppress(_ZygoteError, _SetupError, OSError, ValueError):
                jail = self._take_spare()
                jail.sock.close()  # an idle spare sees EOF and exits
                jail.kill()
                jail.reap(deadline=time.monotonic() + 2.0)
            if self.requested is not None:
                self.requested[0].close()
                os.close(self.requested[1])
                self.requested = None
        with contextlib.suppress(OSError):
            self.sock.close()
        if self.process.poll() is None:
            with contextlib.suppress(OSError):
                self.process.send_signal(signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired, OSError):
            self.process.wait(timeout=5)
        if self.budget is not None:
            self.budget.remove()  # every jail is reaped: the slot's cgroup is empty

    def forget(self) -> None:
        """In a forked child: drop the parent's zygote without touching it."""
        if self.budget is not None:
            self.budget.forget()
        with contextlib.suppress(OSError):
            self.sock.close()
        if self.requested is not None:
            self.requested[0].close()
            with contextlib.suppress(OSError):
                os.close(self.requested[1])


_SETUP_OK = b"K"
_FINISHED = b"D"
_SETUP_TEXT_MAX = 2048  # "E" and a setup error, written by the jail's own code
_SETUP_READ = 64  # after "K": one "D" is all there may be
_SETUP_TIMEOUT_S = 10.0
_TEARDOWN_S = 1.0  # from its exit to EOF on its pipes
_CLOSED_GRACE_S = 0.05  # pipes closed, no "D" and no exit yet: wait this long, then kill
_CPU_SLACK_S = 0.05  # a death by SIGKILL this close to the CPU limit is the limit's
_DRAIN_INTERVAL_S = 0.01
_PIPE_SIZE = 1 << 20


class _Sink:
    """Non-blocking reads of the output and result pipes, capped but always drained."""

    def __init__(self, out_r: int, res_r: int, limits: Limits) -> None:
        self.out_r, self.res_r, self.limits = out_r, res_r, limits
        self.open = {out_r, res_r}
        for fd in self.open:
            os.set_blocking(fd, False)
        self.output = bytearray()
        self.dropped = 0
        self.results = bytearray()
        self.overflow = False

    @property
    def done(self) -> bool:
        return not self.open

    def drain(self) -> None:
        for fd in tuple(self.open):
            # Bounded: a writer that never stops must not keep us from the clock.
            for _ in range(8):
                try:
                    chunk = os.read(fd, _PIPE_SIZE)
                except BlockingIOError:
                    break
                if not chunk:
                    self.open.discard(fd)
                    break
                self._keep(fd, chunk)

    def _keep(self, fd: int, chunk: bytes) -> None:
        if fd == self.out_r:
            room = max(self.limits.max_output_bytes - len(self.output), 0)
            self.output += chunk[:room]
            self.dropped += max(len(chunk) - room, 0)
        elif not self.overflow:
            self.results += chunk
            if len(self.results) > self.limits.max_result_bytes + 1024 * 1024:
                self.overflow = True
                self.results.clear()


def _read_available(fd: int) -> bytes:
    os.set_blocking(fd, False)
    try:
        return os.read(fd, 2000)
    except BlockingIOError:
        return b""


class _Jail:
    """One jail process: our child (cloned by the zygote with CLONE_PARENT)."""

    def __init__(self, pid: int, sock: socket.socket, setup_r: int) -> None:
        self.pid = pid
        self.sock = sock
        self.setup_r = setup_r
        self.created = time.monotonic()
        self.pidfd = os.pidfd_open(pid)
        self.reaped: dict[str, Any] | None = None
        self.leftover = b""  # unread on the setup pipe when it was reaped
        self.budgeted = False  # inside the slot's cgroup (set by _take_spare)

    def alive(self) -> bool:
        poller = select.poll()
        poller.register(self.pidfd, select.POLLIN)
        return not poller.poll(0)

    def dead_reason(self) -> str:
        return _read_available(self.setup_r).decode(errors="replace").removeprefix("E")

    def kill(self) -> None:
        """SIGKILL pid 1 of the jail's pid namespace: the kernel then kills every
        process in it, and nothing in it can catch, block or outlive that."""
        if self.reaped is None:
            with contextlib.suppress(OSError):
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)

    def discard(self) -> None:
        """End a jail that will not run anything: kill, reap, hang up."""
        self.kill()
        self.reap(deadline=time.monotonic())
        self.sock.close()

    def reap(self, *, deadline: float) -> dict[str, Any]:
        """Wait for the exit (killing at `deadline`), then collect status and CPU time.
        Once only; later calls return the same facts."""
        if self.reaped is not None:
            return self.reaped
        poller = select.poll()
        poller.register(self.pidfd, select.POLLIN)
        if not poller.poll(max(0.0, deadline - time.monotonic()) * 1000):
            self.kill()
        info: dict[str, Any] = {"cpu_s": _cpu_seconds_at_exit(self.pid)}
        try:
            _, wait_status, usage = os.wait4(self.pid, 0)
        except ChildProcessError:  # reaped by someone else (SIGCHLD ignored?)
            info.update(exit_code=None, signal=None)
        else:
            info["cpu_s"] = max(info["cpu_s"], usage.ru_utime + usage.ru_stime)
            info["maxrss_kb"] = usage.ru_maxrss
            info["minflt"] = usage.ru_minflt
            if os.WIFSIGNALED(wait_status):
                info.update(exit_code=None, signal=os.WTERMSIG(wait_status))
            else:
                info.update(exit_code=os.WEXITSTATUS(wait_status), signal=None)
        finally:
            os.close(self.pidfd)
            with contextlib.suppress(OSError):
                self.leftover = _read_available(self.setup_r)
            with contextlib.suppress(OSError):
                os.close(self.setup_r)
        self.reaped = info
        return info


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


# --------------------------------------------------------------------------- results


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


# Frame kinds the harness sends besides one "outcome" per call, each at most once
# ("banned": the code reached a banned entry while it ran, reported when it happened).
_EVENTS = frozenset({"done", "syntax_error", "memory", "load_error", "missing_function", "banned"})
# At most one outcome per call plus three events ("memory" + "done" never both, but an
# outcome then "memory" or the outcomes then "done"; and "banned" before either).
_EXTRA_FRAMES = 3
VIOLATION_MESSAGE = "your code interfered with the grader"


def _result_budget() -> _codec.Budget:
    """What decoding all of one run's result frames may spend on the trusted side, in
    total: a few tens of milliseconds of CPU and a few MiB at worst (docs/sandbox.md).
    Arrays travel as raw bytes and are not counted here (`max_result_bytes` caps them)."""
    return _codec.Budget(
        json_bytes=_RESULT_JSON_BYTES,
        tokens=_RESULT_JSON_TOKENS,
        nodes=_RESULT_NODES,
        arrays=_RESULT_ARRAYS,
    )


# Generous for real answers (the largest in content/ is 5001 numbers), and at most a
# few tens of milliseconds of CPU on this machine for the worst frame that fits.
_RESULT_JSON_BYTES = 1024 * 1024
_RESULT_JSON_TOKENS = 100_000
_RESULT_NODES = 50_000
_RESULT_ARRAYS = 8_000


def _read_frames(
    results: bytes | bytearray,
    calls: list[Call],
    outcomes: list[CallOutcome],
    events: dict[str, dict[str, Any]],
) -> None:
    """Decode the result stream as hostile input, within one budget for all frames,
    into `outcomes` and `events` (what was read before a problem stays there).

    Raises _Violation for what the harness never sends (an unknown kind, an event
    twice, anything after "done", outcomes out of order, too many frames), and
    CodecError for what cannot be read or costs more than the budget.
    """
    budget = _result_budget()
    for frame in _split_frames(results, len(calls) + _EXTRA_FRAMES):
        if "done" in events:
            raise _Violation("a result frame after the last one")
        document, values = _codec.decode(frame, budget)
        kind = document.get("kind")
        if kind == "outcome":
            if document.get("i") != len(outcomes) or len(outcomes) >= len(calls):
                raise _Violation("results out of order")
            outcomes.append(_outcome(document, values))
        elif kind in _EVENTS and kind not in events:
            events[str(kind)] = document
        else:
            raise _Violation(f"a result frame of unknown or repeated kind {str(kind)[:40]!r}")


def _interpret(
    raw: _Raw,
    calls: list[Call],
    limits: Limits,
    mode: str,
    duration_ms: float,
    banned: tuple[str, ...] = (),
    banned_reason: str = "",
) -> SandboxResult:
    report = raw.report
    outcomes: list[CallOutcome] = []
    events: dict[str, dict[str, Any]] = {}
    decode_problem = ""
    violation = str(report.get("violation") or "")
    if raw.results_overflow:
        decode_problem = (
            f"your function's return values are larger than "
            f"{limits.max_result_bytes // (1024 * 1024)} MiB"
        )
    elif not violation:
        try:
            _read_frames(raw.results, calls, outcomes, events)
        except _Violation as error:
            violation = str(error)
        except _codec.BudgetExceeded as error:
            decode_problem = (
                f"your function's return values are too large or have too many parts ({error}); "
                "return NumPy arrays rather than long lists"
            )
        except _codec.CodecError as error:
            decode_problem = f"the sandbox sent results that could not be read ({error})"
    output = raw.output.decode("utf-8", errors="replace")
    truncated = raw.output_dropped > 0
    if truncated:
        output += f"\n... [{raw.output_dropped} more bytes of output dropped]"

    def result(status: Status, message: str = "") -> SandboxResult:
        return SandboxResult(
            status=status,
            outcomes=outcomes,
            output=output,
            output_truncated=truncated,
            message=message,
            duration_ms=duration_ms,
            mode=mode,
        )

    if violation:
        # Nothing the run sent counts: no outcome can make this a pass.
        logger.info("sandbox protocol violation: %s", violation)
        outcomes = []
        return result("violation", VIOLATION_MESSAGE)
    use = runtime_use(events["banned"], banned) if "banned" in events else None
    if use is not None:  # reported when it happened: whatever followed, the run fails
        return result("banned", banned_message([use], banned_reason))
    cpu_limit = max(1, -(-limits.cpu_seconds // 1))
    signal_number = report.get("signal")
    if report.get("memory_exceeded"):  # the jail's cgroup: every process together
        return result(
            "memory",
            f"memory limit of {limits.memory_mb} MiB exceeded "
            "(all processes of your code together)",
        )
    if report.get("timed_out"):
        return result("timeout", f"time limit of {limits.wall_seconds:g} s exceeded")
    if (
        signal_number in (signal.SIGKILL, signal.SIGXCPU)
        and report.get("cpu_s", 0) >= cpu_limit - _CPU_SLACK_S
    ):
        return result("timeout", f"CPU time limit of {limits.cpu_seconds:g} s exceeded")
    if "syntax_error" in events:
        return result("syntax_error", _text(events["syntax_error"].get("message")))
    if "memory" in events:
        return result("memory", f"memory limit of {limits.memory_mb} MiB exceeded")
    if decode_problem:
        return result("bad_output", decode_problem)
    if "missing_function" in events:
        return result("missing_function", _text(events["missing_function"].get("message")))
    if "load_error" in events:
        event = events["load_error"]
        trace = _text(event.get("traceback"))
        message = f"your code raised {_text(event.get('error_type'))} while loading: " + _text(
            event.get("message")
        )
        return result("crashed", message + ("\n" + trace if trace else ""))
    if signal_number is not None:
        name = _signal_name(int(signal_number))
        hint = (
            " (this usually means unbounded recursion or running out of memory)"
            if signal_number in (signal.SIGSEGV, signal.SIGBUS, signal.SIGABRT)
            else ""
        )
        return result("crashed", f"the Python process running your code was killed by {name}{hint}")
    if report.get("exit_code") != 0 or "done" not in events or len(outcomes) != len(calls):
        return result(
            "crashed",
            f"your code ended the process (exit code {report.get('exit_code')}) before all "
            "tests ran; do not call exit() or os._exit()",
        )
    return result("ok")


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _outcome(document: dict[str, Any], values: dict[str, Any]) -> CallOutcome:
    if document.get("returned") is True:
        if "value" not in values:
            raise _codec.CodecError("outcome without a value")
        return CallOutcome(returned=True, value=values["value"])
    return CallOutcome(
        returned=False,
        error_type=_text(document.get("error_type"))[:200] or "Exception",
        error_class=_text(document.get("error_class"))[:200] or None,
        error_message=_text(document.get("error_message"))[:4000],
        traceback=_text(document.get("traceback"))[:8000] or None,
    )


# --------------------------------------------------------------------------- process state


class _State:
    def __init__(self) -> None:
        self.pid = os.getpid()
        self.lock = threading.Lock()
        self.zygotes: dict[Kind, _Zygote] = {}
        self.slot: _Slot | None = None
        self.mode_cache: dict[Kind, str] = {}

    def uid_for(self, kind: Kind) -> int:
        if kind == "userns":
            return 0
        if self.slot is None:
            self.slot = _Slot()
        return self.slot.uid


_state = _State()
_state_guard = threading.Lock()


def _current_state() -> _State:
    """The state of *this* process; after a fork (Celery prefork) start afresh."""
    global _state
    with _state_guard:
        if _state.pid != os.getpid():
            for zygote in _state.zygotes.values():
                zygote.forget()
            if _state.slot is not None:
                with contextlib.suppress(OSError):
                    os.close(_state.slot.fd)
            _state = _State()
        return _state


_budget_warned = False


def _new_budget() -> _cgroup.Budget | None:
    """A cgroup slot for a new zygote, or None (its jails then run "nofork").

    Expected as root (or with MLQUIZ_SANDBOX_CGROUP set): failing there is a
    warning, logged once; an ordinary user without delegated cgroups is the
    normal case of the "nofork" mode.
    """
    global _budget_warned
    try:
        return _cgroup.create()
    except (_cgroup.CgroupUnavailable, OSError) as error:
        wanted = os.environ.get(_cgroup.ENV_BASE, "")
        expected = wanted != "off" and (os.geteuid() == 0 or bool(wanted))
        if not _budget_warned:
            _budget_warned = True
            logger.log(
                logging.WARNING if expected else logging.INFO,
                "no cgroup for the sandbox (%s): jails run with processes and memfd refused",
                error,
            )
        return None


def _default_kind() -> Kind:
    """root mode when we are root; user namespaces otherwise.

    MLQUIZ_SANDBOX_KIND=userns makes a root process use the unprivileged mode
    too (tests cover both modes on one machine this way).
    """
    wanted = os.environ.get("MLQUIZ_SANDBOX_KIND", "")
    if wanted == "userns":
        return "userns"
    if wanted == "root" and os.geteuid() != 0:
        raise SandboxUnavailable("MLQUIZ_SANDBOX_KIND=root needs a root process")
    return "root" if os.geteuid() == 0 else "userns"


def _run_raw(request: bytes, limits: Limits, *, kind: Kind, cold: bool) -> tuple[_Raw, str]:
    state = _current_state()
    with state.lock:
        uid = state.uid_for(kind)
        if not cold:
            for attempt in range(2):
                zygote = state.zygotes.get(kind)
                try:
                    if zygote is None:
                        zygote = state.zygotes[kind] = _Zygote(
                            kind=kind, uid=uid, cold=False, budget=_new_budget()
                        )
                    return zygote.run(request, limits), zygote.mode
                except _SetupError as error:
                    raise SandboxUnavailable(
                        f"the sandbox jail could not be built ({error}); refusing to run"
                    ) from error
                except _ZygoteError as error:
                    logger.warning("sandbox zygote failed (attempt %d): %s", attempt + 1, error)
                    state.zygotes.pop(kind, None)
                    if zygote is not None:
                        zygote.close()
        # Cold start: a one-shot zygote, same isolation, pays interpreter + NumPy start-up.
        zygote = _Zygote(kind=kind, uid=uid, cold=True, budget=_new_budget())
        try:
            return zygote.run(request, limits), zygote.mode
        except _SetupError as error:
            raise SandboxUnavailable(
                f"the sandbox jail could not be built ({error}); refusing to run"
            ) from error
        except _ZygoteError as error:
            raise SandboxUnavailable(f"the sandbox could not run: {error}") from error
        finally:
            zygote.close()


def _run(
    code: str,
    function: str,
    calls: list[Call],
    limits: Limits = Limits(),
    *,
    kind: Kind | None = None,
    cold: bool = False,
    banned: Sequence[str] = (),
    banned_reason: str = "",
) -> SandboxResult:
    started = time.perf_counter()
    request = _encode_request(code, function, calls, banned, banned_reason)
    raw, mode = _run_raw(request, limits, kind=kind or _default_kind(), cold=cold)
    setup = raw.report.get("setup")
    if setup != "ok":
        raise SandboxUnavailable(f"the sandbox jail could not be built ({setup}); refusing to run")
    duration_ms = (time.perf_counter() - started) * 1000
    return _interpret(raw, calls, limits, mode, duration_ms, tuple(banned), banned_reason)


def run_in_sandbox(
    code: str,
    function: str,
    calls: list[Call],
    limits: Limits = Limits(),
    *,
    banned: Sequence[str] = (),
    banned_reason: str = "",
) -> SandboxResult:
    """Run `function` from `code` once per call in one fresh isolated child; return data only.

    `banned` (exercise.yaml's entries) are replaced inside the jail before the code runs:
    a call from the code reports status "banned" with the message of
    `grader.banned.banned_message` (+ `banned_reason`). Authors' code passes none.

    MLQUIZ_SANDBOX_START=cold skips the zygote: every run starts a fresh
    interpreter (same isolation; for measuring and for debugging).
    """
    cold = os.environ.get("MLQUIZ_SANDBOX_START") == "cold"
    return _run(
        code, function, calls, limits, cold=cold, banned=banned, banned_reason=banned_reason
    )


def sandbox_mode() -> str:
    """The isolation this process grades with ("root-zygote+cgroup-v1", ...).

    Runs one tiny probe the first time; "unavailable: <reason>" if it fails.
    Afterwards the live zygote's mode: its last jail's budget (a jail that
    could not join its cgroup ran "+nofork", and this says so).
    """
    state = _current_state()
    kind = _default_kind()
    zygote = state.zygotes.get(kind)
    if kind in state.mode_cache and zygote is not None and zygote.ready:
        return zygote.mode
    if kind not in state.mode_cache:
        try:
            result = run_in_sandbox("def probe():\n    return 1\n", "probe", [Call()])
        except SandboxUnavailable as error:
            return f"unavailable: {error}"
        if result.status != "ok":
            return f"unavailable: probe run ended with {result.status}: {result.message}"
        state.mode_cache[kind] = result.mode
        logger.info("grader sandbox mode: %s", result.mode)
    return state.mode_cache[kind]


def prestart() -> str:
    """Start this process's zygote now (e.g. from Celery's worker_process_init), so the
    first grading does not pay the interpreter + NumPy start-up. Returns the mode."""
    return sandbox_mode()


def shutdown() -> None:
    """Stop this process's zygotes (tests, clean worker shutdown)."""
    state = _current_state()
    with state.lock:
        for zygote in state.zygotes.values():
            zygote.close()
        state.zygotes.clear()


@atexit.register
def _remove_budgets_at_exit() -> None:
    """Leave no cgroup behind (a slot left anyway is reused by the next owner)."""
    state = _state
    if state.pid != os.getpid() or not state.lock.acquire(timeout=1.0):
        return
    try:
        for zygote in state.zygotes.values():
            if zygote.budget is not None:
                zygote.close()
        state.zygotes.clear()
    finally:
        state.lock.release()
