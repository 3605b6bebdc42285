"""One resource budget per jail: a cgroup per calling process ("slot"), reused for every run.

RLIMIT_AS, RLIMIT_CPU and RLIMIT_NPROC are per process (or per uid), and memory
written into a memfd or a SysV segment with write(2) is outside RLIMIT_AS: seven
forked children can hold 7 x 512 MiB under a "512 MiB" limit. A cgroup counts
every page and every task of the jail together.

- cgroup v2 (a delegated subtree): `memory.max`, `memory.swap.max = 0`,
  `memory.oom.group = 1` (an OOM kill takes every process of the jail),
  `pids.max`, `cpu.max`, `cgroup.kill`.
- cgroup v1 (the `memory` and `pids` hierarchies, `cpu` if present):
  `memory.limit_in_bytes` (+ `memory.memsw.limit_in_bytes` when swap accounting
  exists), an eventfd on `memory.oom_control` that wakes the caller, which then
  kills the jail's pid 1 (and with it its pid namespace), `pids.max`,
  `cpu.cfs_quota_us`.

Each zygote takes a free slot `mlquiz-slot-N` (an flock on the directory says
it is taken, so a slot left by a process that died is reused, and nothing of it
may run on); it is made when the zygote starts (mkdir off the hot path) and
removed when it closes; the zygote moves each new jail into it right after the
clone, off the latency path, and the caller reads the breach counters after
each run. Where no cgroup can be made (an ordinary user, no delegation), the
caller runs the jail in the "nofork" mode instead: seccomp refuses process
creation, memfd_create and SysV shared memory, so the per-process limits are
the whole jail's limits.

Imports only the standard library. Used by the caller (grader/sandbox.py); the
zygote only writes pids into the `procs` paths it is given.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import os
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

logger = logging.getLogger(__name__)

# Where the v2 subtree is (a directory whose cgroup.subtree_control we may set,
# holding no processes); default: this process's own cgroup. "off" disables
# cgroups (the nofork mode, for tests and for hosts where they misbehave).
ENV_BASE = "MLQUIZ_SANDBOX_CGROUP"
PREFIX = "mlquiz-slot-"
SLOTS = 1000
# Tasks of one jail, threads included (= the jail's RLIMIT_NPROC, _zygote.MAX_PROCESSES).
PIDS_MAX = 8
# Charged to the jail besides the student's own data: pages of the NumPy image
# it writes to (copy-on-write), the request, the harness's frames.
HEADROOM_BYTES = 32 * 1024 * 1024
CPU_PERIOD_US = 100_000
# How long a run waits for the previous jail's memory to be freed (see Budget.settle).
LEFTOVER_WAIT_S = 5.0

Version = Literal[1, 2]


class CgroupUnavailable(RuntimeError):
    """No cgroup can be made here; the message says why."""


@dataclass
class Budget:
    """The cgroup(s) of one slot: where the zygote puts each jail, and what the caller reads."""

    version: Version
    # v1: controller name -> directory; v2: {"": directory}
    dirs: dict[str, Path]
    lock_fd: int = -1  # an flock on the (first) directory: this slot is ours
    # v1: flocks on the other controllers' directories of the slot. Their parents can differ
    # (memory below the caller's own cgroup, pids at the root), so two processes could hold
    # "slot 0" of different memory parents and share one pids directory; holding every
    # directory of the name makes the slot the caller's alone.
    extra_lock_fds: list[int] = field(default_factory=list)
    event_fd: int | None = None  # v1: readable after an OOM in the memory cgroup
    _configured: tuple[int, int, float] | None = field(default=None, repr=False)
    _oom_baseline: int = field(default=0, repr=False)
    # Files read every run, kept open: one pread instead of open/read/close.
    _open: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        return f"cgroup-v{self.version}"

    @property
    def procs(self) -> list[str]:
        """The cgroup.procs files a new jail's pid is written into (by the zygote)."""
        return [str(directory / "cgroup.procs") for directory in self.dirs.values()]

    def _file(self, controller: str, name: str) -> Path:
        return self.dirs["" if self.version == 2 else controller] / name

    # ------------------------------------------------------------------ per run

    def configure(self, *, memory_bytes: int, pids: int, cpus: float) -> None:
        """Set the limits (written only when they change: usually once per slot)."""
        wanted = (memory_bytes, pids, cpus)
        if self._configured == wanted:
            return
        quota = int(cpus * CPU_PERIOD_US)
        if self.version == 2:
            _write(self._file("", "memory.max"), str(memory_bytes))
            _write_optional(self._file("", "memory.swap.max"), "0")
            _write_optional(self._file("", "memory.oom.group"), "1")
            _write(self._file("", "pids.max"), str(pids))
            _write_optional(self._file("", "cpu.max"), f"{quota} {CPU_PERIOD_US}")
        else:
            memory = self._file("memory", "memory.limit_in_bytes")
            memsw = self._file("memory", "memory.memsw.limit_in_bytes")
            # memsw must stay >= the memory limit: lower memory first, raise memsw first.
            try:
                _write(memory, str(memory_bytes))
                _write_optional(memsw, str(memory_bytes))
            except OSError as error:
                if error.errno != errno.EINVAL:
                    raise
                _write_optional(memsw, str(memory_bytes))
                _write(memory, str(memory_bytes))
            _write(self._file("pids", "pids.max"), str(pids))
            if "cpu" in self.dirs:
                _write(self._file("cpu", "cpu.cfs_period_us"), str(CPU_PERIOD_US))
                _write(self._file("cpu", "cpu.cfs_quota_us"), str(quota))
        self._configured = wanted

    def settle(self) -> bool:
        """Before a run, first: let the last jail's memory go; return whether there was
        any to wait for.

        A dead jail's SysV segments and scratch are freed by the kernel a little
        later (its IPC and mount namespaces go in a workqueue: ~80 ms for 500 MiB
        here, seconds on a loaded machine); until then they still count against
        the slot, and the next run, however small, would be charged for them (and
        a lower limit could not even be set). A spare that was set up meanwhile
        may have been killed for them: the caller replaces it when this returns
        True. One small read in the usual case.
        """
        if self.unreclaimable() <= HEADROOM_BYTES:
            return False
        deadline = time.monotonic() + LEFTOVER_WAIT_S
        while (left := self.unreclaimable()) > HEADROOM_BYTES:
            if time.monotonic() >= deadline:
                logger.warning(
                    "sandbox cgroup %s still holds %d MiB of an earlier jail after %.0f s",
                    self.dirs.get("memory", self.dirs.get("")),
                    left >> 20,
                    LEFTOVER_WAIT_S,
                )
                break
            time.sleep(0.002)
        return True

    def start(self) -> None:
        """Before a run, last (after settle and configure): forget earlier events.

        Events are read now, not at the end of the last run: whatever happened in
        between (the next spare joins the slot while the last jail exits) is not
        this run's doing.
        """
        if self.event_fd is not None:
            with contextlib.suppress(BlockingIOError):
                os.eventfd_read(self.event_fd)
        else:
            self._oom_baseline = self.oom_kills()

    def memory_exceeded(self) -> bool:
        """After a run: did the jail, all its processes together, run out of memory?

        v1: the OOM eventfd (one read; the caller may have killed the jail before
        the kernel's OOM killer counted a kill); v2: memory.events' oom_kill.
        """
        if self.event_fd is not None:
            try:
                return os.eventfd_read(self.event_fd) > 0
            except BlockingIOError:
                return False
        return self.oom_kills() > self._oom_baseline

    def unreclaimable(self) -> int:
        """Bytes charged to the slot that no reclaim can free (anonymous + shared memory)."""
        usage = "memory.current" if self.version == 2 else "memory.usage_in_bytes"
        try:
            if int(self._read(usage) or 0) <= HEADROOM_BYTES:
                return 0  # the usual case: one pread
        except ValueError:
            return 0
        text = self._read("memory.stat")
        keys = ("anon", "shmem") if self.version == 2 else ("rss", "shmem")
        total = 0
        for line in text.splitlines():
            name, _, value = line.partition(" ")
            if name in keys:
                total += int(value)
        return total

    def oom_kills(self) -> int:
        if self.version == 2:
            return _key(self._read("memory.events"), "oom_kill")
        return _key(self._read("memory.oom_control"), "oom_kill")

    def _read(self, name: str) -> str:
        """A memory controller file, through a descriptor kept open ("" if unreadable)."""
        try:
            fd = self._open.get(name)
            if fd is None:
                fd = self._open[name] = os.open(
                    self._file("memory", name), os.O_RDONLY | os.O_CLOEXEC
                )
            return os.pread(fd, 65536, 0).decode()
        except OSError:
            return ""

    def pids_refusals(self) -> int:
        return _key(self._file("pids", "pids.events"), "max")

    def members(self) -> list[int]:
        pids: set[int] = set()
        for path in self.procs:
            with contextlib.suppress(OSError):
                pids.update(int(line) for line in Path(path).read_text().split())
        return sorted(pids)

    def kill_all(self) -> None:
        """SIGKILL every process in the slot's cgroup (nothing of ours lives there)."""
        if self.version == 2:
            with contextlib.suppress(OSError):
                _write(self._file("", "cgroup.kill"), "1")
                return
        for _ in range(100):
            members = self.members()
            if not members:
                return
            for pid in members:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)

    def remove(self) -> None:
        """Kill what is left, remove the directories, let go of the slot (zygote closed)."""
        self.kill_all()
        self._close_files()
        if self.lock_fd < 0:
            return  # not ours (anymore)
        for directory in reversed(self.dirs.values()):
            for _ in range(200):  # a killed task leaves the cgroup a moment after SIGKILL
                try:
                    directory.rmdir()
                except FileNotFoundError:
                    break
                except OSError as error:
                    if error.errno != errno.EBUSY:
                        logger.warning("cannot remove sandbox cgroup %s: %s", directory, error)
                        break
                    os.sched_yield()
                    continue
                break
        self._unlock()

    def forget(self) -> None:
        """In a forked child: let go of the parent's slot without touching it."""
        self._close_files()
        if self.lock_fd >= 0:
            self._unlock()

    def _unlock(self) -> None:
        for fd in [self.lock_fd, *self.extra_lock_fds]:
            with contextlib.suppress(OSError):
                os.close(fd)
        self.lock_fd = -1
        self.extra_lock_fds = []

    def _close_files(self) -> None:
        for fd in [*self._open.values(), *([self.event_fd] if self.event_fd is not None else [])]:
            with contextlib.suppress(OSError):
                os.close(fd)
        self._open.clear()
        self.event_fd = None


# --------------------------------------------------------------------------- files


def _write(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CLOEXEC)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def _write_optional(path: Path, text: str) -> None:
    """For files some kernels lack (memsw without swap accounting, cpu.max without cpu)."""
    with contextlib.suppress(FileNotFoundError):
        _write(path, text)


def _key(source: Path | str, key: str) -> int:
    """`key N` from a flat-keyed cgroup file (a path or its text); 0 if missing."""
    if isinstance(source, Path):
        try:
            source = source.read_text()
        except OSError:
            return 0
    for line in source.splitlines():
        name, _, value = line.partition(" ")
        if name == key:
            return int(value)
    return 0


# --------------------------------------------------------------------------- discovery


@dataclass(frozen=True)
class _Mount:
    root: str  # the mount's root inside the hierarchy (mountinfo field 4)
    point: Path
    version: Version
    controllers: frozenset[str]


def _mounts(mountinfo: str) -> list[_Mount]:
    mounts = []
    for line in mountinfo.splitlines():
        fields = line.split()
        separator = fields.index("-")
        fstype, options = fields[separator + 1], fields[separator + 3]
        if fstype == "cgroup2":
            mounts.append(_Mount(fields[3], Path(fields[4]), 2, frozenset()))
        elif fstype == "cgroup":
            controllers = frozenset(options.split(",")) & {"memory", "pids", "cpu"}
            if controllers:
                mounts.append(_Mount(fields[3], Path(fields[4]), 1, controllers))
    return mounts


def _own_paths(proc_cgroup: str) -> dict[str, str]:
    """Controller -> this process's cgroup path ("" for the v2 hierarchy)."""
    paths: dict[str, str] = {}
    for line in proc_cgroup.splitlines():
        hierarchy, controllers, path = line.split(":", 2)
        if hierarchy == "0" and not controllers:
            paths[""] = path
        for controller in controllers.split(","):
            if controller:
                paths[controller] = path
    return paths


def _inside(mount: _Mount, path: str) -> Path:
    """The directory of cgroup `path` under `mount` (a mount may show a subtree only)."""
    root = mount.root.rstrip("/")
    if root and not (path == root or path.startswith(root + "/")):
        raise CgroupUnavailable(f"cgroup {path} is not under the mount of {mount.point}")
    return mount.point / path[len(root) :].lstrip("/")


def create(
    *,
    mountinfo: str | None = None,
    proc_cgroup: str | None = None,
    base: str | None = None,
) -> Budget:
    """Take a free slot `PREFIX + N` (made or reused); v2 preferred, then v1.

    The arguments other than `name` are for tests (a fake cgroupfs); by default
    they are read from /proc/self and the environment. Raises CgroupUnavailable.
    """
    if base is None:
        base = os.environ.get(ENV_BASE, "")
    if base == "off":
        raise CgroupUnavailable(f"{ENV_BASE}=off")
    if mountinfo is None:
        mountinfo = Path("/proc/self/mountinfo").read_text()
    if proc_cgroup is None:
        proc_cgroup = Path("/proc/self/cgroup").read_text()
    mounts = _mounts(mountinfo)
    own = _own_paths(proc_cgroup)
    reasons = []
    v2 = [mount for mount in mounts if mount.version == 2]
    if v2:
        try:
            return _create_v2(v2[0], own.get("", "/"), base)
        except (CgroupUnavailable, OSError) as error:
            reasons.append(f"v2: {error}")
    else:
        reasons.append("v2: no cgroup2 mount")
    try:
        return _create_v1(mounts, own)
    except (CgroupUnavailable, OSError) as error:
        reasons.append(f"v1: {error}")
    raise CgroupUnavailable("; ".join(reasons))


def _create_v2(mount: _Mount, own: str, base: str) -> Budget:
    parent = Path(base) if base else _inside(mount, own)
    available = set((parent / "cgroup.controllers").read_text().split())
    missing = {"memory", "pids"} - available
    if missing:
        raise CgroupUnavailable(
            f"{parent} does not offer the {' and '.join(sorted(missing))} controller(s)"
        )
    enabled = set((parent / "cgroup.subtree_control").read_text().split())
    for controller in sorted(({"memory", "pids", "cpu"} & available) - enabled):
        try:
            _write(parent / "cgroup.subtree_control", f"+{controller}")
        except OSError as error:
            if controller == "cpu":
                continue  # optional: the per-process CPU limit and the wall clock remain
            # EBUSY: processes live in `parent` itself (no internal processes in v2).
            raise CgroupUnavailable(
                f"cannot enable {controller} below {parent}: {error}; "
                f"delegate a subtree whose processes live in a leaf and set {ENV_BASE}"
            ) from error
    directory, lock_fd = _take_slot(parent)
    budget = Budget(2, {"": directory}, lock_fd)
    budget.kill_all()  # a slot left behind by a process that died: nothing of it may run on
    return budget


def _take_slot(parent: Path) -> tuple[Path, int]:
    """The first `PREFIX + N` under `parent` that no other process holds, made if missing."""
    for index in range(SLOTS):
        directory = parent / f"{PREFIX}{index}"
        try:
            directory.mkdir(exist_ok=True)
            fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except FileNotFoundError:
            continue  # removed by its last owner just now
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        if not directory.is_dir():  # removed between our mkdir and our lock
            os.close(fd)
            continue
        return directory, fd
    raise CgroupUnavailable(f"all {SLOTS} sandbox cgroup slots under {parent} are taken")


def _lock_directory(directory: Path) -> int | None:
    """An flock held on `directory` (made if missing), or None if another process holds it."""
    directory.mkdir(exist_ok=True)
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    if not directory.is_dir():  # removed between our mkdir and our lock
        os.close(fd)
        return None
    return fd


def _take_slot_v1(parents: dict[str, Path]) -> tuple[dict[str, Path], list[int]]:
    """The first `PREFIX + N` free in every v1 hierarchy (memory first: its fd is the slot's
    main lock). The cpu directory is optional: without it the per-process CPU limit and the
    wall clock remain."""
    for index in range(SLOTS):
        dirs: dict[str, Path] = {}
        fds: list[int] = []
        for controller, parent in parents.items():
            directory = parent / f"{PREFIX}{index}"
            try:
                fd = _lock_directory(directory)
            except FileNotFoundError:
                fd = None  # removed by its last owner just now: try the next slot
            except OSError:
                if controller == "cpu":
                    continue
                for taken in fds:
                    os.close(taken)
                raise
            if fd is None:
                break
            dirs[controller] = directory
            fds.append(fd)
        else:
            return dirs, fds
        for taken in fds:
            os.close(taken)
    raise CgroupUnavailable(f"all {SLOTS} sandbox cgroup slots are taken")


def _create_v1(mounts: list[_Mount], own: dict[str, str]) -> Budget:
    parents: dict[str, Path] = {}
    for controller in ("memory", "pids", "cpu"):
        found = [m for m in mounts if m.version == 1 and controller in m.controllers]
        if found:
            parents[controller] = _inside(found[0], own.get(controller, "/"))
        elif controller != "cpu":
            raise CgroupUnavailable(f"no v1 {controller} hierarchy")
    # One name in every hierarchy, locked in each (see Budget.extra_lock_fds).
    dirs, lock_fds = _take_slot_v1(parents)
    budget = Budget(1, dirs, lock_fds[0], extra_lock_fds=lock_fds[1:])
    try:
        budget.kill_all()  # a slot left behind by a process that died: nothing of it may run on
        budget.event_fd = _oom_eventfd(dirs["memory"])
    except OSError:
        budget.remove()
        raise
    return budget


def _oom_eventfd(memory_dir: Path) -> int:
    """An eventfd the kernel signals on every OOM in this v1 memory cgroup."""
    event_fd = os.eventfd(0, os.EFD_CLOEXEC | os.EFD_NONBLOCK)
    control = os.open(memory_dir / "memory.oom_control", os.O_RDONLY | os.O_CLOEXEC)
    try:
        _write(memory_dir / "cgroup.event_control", f"{event_fd} {control}")
    except OSError:
        os.close(event_fd)
        raise
    finally:
        os.close(control)
    return event_fd


def join(procs: list[str], pid: int) -> bool:
    """Move `pid` into every cgroup of a slot (run by the zygote right after a clone)."""
    data = str(pid).encode()
    try:
        for path in procs:
            fd = os.open(path, os.O_WRONLY | os.O_CLOEXEC)
            try:
                os.write(fd, data)
            finally:
                os.close(fd)
    except OSError:
        return False
    return True
