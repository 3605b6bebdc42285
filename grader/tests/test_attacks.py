"""Hostile submissions: each attack must fail, must not pass, and must not hurt the next grading.

Every attack is a submission for the real `dot-product` exercise, graded through
`grader.grading.grade` (the same path as the web and the CLI), in both
isolation modes this machine offers: as root ("root") and with user namespaces
("userns", what an ordinary user on a laptop gets). Each attack prints
`BLOCKED <what>` or `LEAKED <what>` with flush=True, so the test can also see
*why* it failed; where an attack would let the student cheat (reading the
reference, forging results) it tries to, so "not a pass" is a real check.
After each attack the reference solution must still grade as a pass.
"""

from __future__ import annotations

import dataclasses
import os
import resource
import socket
import textwrap
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from catalog.manifest import load_exercise_dir
from grader import sandbox
from grader.grading import grade
from grader.sandbox import Limits

ROOT = Path(__file__).resolve().parents[2]
EXERCISE = ROOT / "content" / "exercises" / "dot-product"
REFERENCE = EXERCISE / "reference.py"
SECRET = "mlquiz-attack-secret-4f1c"

# As root the suite runs in root mode; test_sandbox_userns.py re-runs this
# file as an ordinary user (uid 65534), where the sandbox uses user namespaces.
MODES = ["root"] if os.geteuid() == 0 else ["userns"]

# Small limits keep the whole suite fast; the mechanisms are the same at any size.
LIMITS = Limits(cpu_seconds=1, wall_seconds=1, memory_mb=256)

PRELUDE = """
import os, sys
def _try(tag, action):
    try:
        value = action()
    except BaseException as error:
        print(f"BLOCKED {tag}: {type(error).__name__}", flush=True)
        return None
    print(f"LEAKED {tag}: {value!r}"[:300], flush=True)
    return value
def _quietly(action):
    try:
        action()
    except BaseException:
        pass
"""

WRONG = "\ndef dot_product(a, b):\n    return 0.0\n"


@pytest.fixture(scope="module")
def spec():
    return dataclasses.replace(load_exercise_dir(EXERCISE), limits=LIMITS)


@pytest.fixture(params=MODES)
def mode(request, monkeypatch):
    monkeypatch.setenv("MLQUIZ_SANDBOX_KIND", request.param)
    return request.param


def attack(body: str, tail: str = WRONG) -> str:
    return PRELUDE + textwrap.dedent(body) + tail


def assert_contained(spec, code: str, *, blocked: Sequence[str] = (), status: str | None = None):
    """Grade the attack; it must not pass, must not leak, and the next grading must work."""
    verdict = grade(spec, code)
    assert verdict.status != "passed", verdict.to_dict()
    assert verdict.score < 1.0
    assert "LEAKED" not in verdict.output, verdict.output
    for tag in blocked:
        assert f"BLOCKED {tag}" in verdict.output, (tag, verdict.output, verdict.message)
    if status is not None:
        assert verdict.status == status, verdict.to_dict()
    follow_up = grade(spec, REFERENCE.read_text())
    assert follow_up.status == "passed", follow_up.to_dict()
    assert follow_up.sandbox_mode.startswith(os.environ.get("MLQUIZ_SANDBOX_KIND", ""))
    return verdict


CHEAT_WITH_REFERENCE = f"""
source = _try("reference", lambda: open({str(REFERENCE)!r}).read())
namespace = {{}}
if source:
    exec(source, namespace)

def dot_product(a, b):
    if "dot_product" in namespace:
        return namespace["dot_product"](a, b)
    return 0.0
"""


# ----------------------------------------------------------------------------- filesystem


def test_cannot_read_the_reference_solution(spec, mode):
    assert_contained(spec, attack("", CHEAT_WITH_REFERENCE), blocked=["reference"])


def test_cannot_read_project_files_etc_or_proc(spec, mode):
    verdict = assert_contained(
        spec,
        attack(
            f"""
            _try("project", lambda: open({str(ROOT / "grader" / "grading.py")!r}).read(10))
            _try("settings", lambda: os.listdir({str(ROOT / "mlquiz")!r}))
            _try("database", lambda: open({str(ROOT / "db.sqlite3")!r}, "rb").read(10))
            _try("passwd", lambda: open("/etc/passwd").read())
            _try("shadow", lambda: open("/etc/shadow").read())
            _try("proc", lambda: os.listdir("/proc"))
            _try("environ1", lambda: open("/proc/1/environ", "rb").read())
            _try("parent-environ", lambda: open(f"/proc/{{os.getppid()}}/environ").read())
            _try("home", lambda: os.listdir("/home"))
            _try("root-ssh", lambda: os.listdir("/root/.ssh"))
            print("ROOTDIR", sorted(os.listdir("/")), flush=True)
            _try("dev", lambda: os.listdir("/dev"))
            """
        ),
        blocked=[
            "project",
            "settings",
            "database",
            "passwd",
            "shadow",
            "proc",
            "environ1",
            "parent-environ",
            "home",
            "root-ssh",
            "dev",
        ],
    )
    # The whole view: the runtime's top directories and the scratch, nothing else.
    top = {part for part in (Path(os.__file__).parts[1], Path(np.__file__).parts[1], "tmp")}
    assert f"ROOTDIR {sorted(top)}" in verdict.output


def test_cannot_write_outside_scratch(spec, mode, tmp_path):
    marker = tmp_path / "pwned"
    runtime_file = Path(os.__file__)
    target = str(ROOT / "pwned.txt")
    in_tmp = str(ROOT).startswith("/tmp/")
    # A checkout under /tmp has its runtime bound inside the jail's private /tmp:
    # there the write may land in the scratch; the host file is checked below.
    project_write = (
        f"_try('project', lambda: open({target!r}, 'w').write('x'))"
        if not in_tmp
        else f"_quietly(lambda: open({target!r}, 'w').write('x'))"
    )
    verdict = assert_contained(
        spec,
        attack(
            f"""
            {project_write}
            _try("host-tmp", lambda: open({str(marker)!r}, "w").write("x"))
            _try("runtime", lambda: open({str(runtime_file)!r}, "a").write("#"))
            _try("new-root-file", lambda: open("/evil", "w").write("x"))
            _try("etc", lambda: os.mkdir("/etc"))
            open("/tmp/scratch-ok", "w").write("fine")
            print("scratch", open("/tmp/scratch-ok").read(), flush=True)
            """
        ),
        blocked=[
            *([] if in_tmp else ["project"]),
            "host-tmp",
            "runtime",
            "new-root-file",
            "etc",
        ],
    )
    assert "scratch fine" in verdict.output  # the private scratch does work
    assert not (ROOT / "pwned.txt").exists()
    assert not marker.exists()
    assert not runtime_file.read_text().endswith("#")


def test_the_scratch_of_one_grading_is_gone_in_the_next(spec, mode):
    """Each jail mounts its own /tmp (in root mode on top of the root the zygote assembled once
    for all its jails): nothing a grading leaves there is seen by the next one."""
    left = assert_contained(
        spec,
        attack(
            """
            open("/tmp/left-for-the-next-student", "w").write("secret")
            os.mkdir("/tmp/a-folder")
            print("wrote", sorted(os.listdir("/tmp")), flush=True)
            """
        ),
    )
    assert "left-for-the-next-student" in left.output
    found = assert_contained(
        spec,
        attack(
            """
            print("found", sorted(os.listdir("/tmp")), flush=True)
            _try("left", lambda: open("/tmp/left-for-the-next-student").read())
            """
        ),
        blocked=["left"],
    )
    # (A checkout under /tmp shows its read-only way in there, and nothing else.)
    listing = found.output.split("found ", 1)[1].split("\n", 1)[0]
    assert "left-for-the-next-student" not in listing
    assert "a-folder" not in listing


def test_disk_fill_stops_at_the_scratch_size(spec, mode):
    assert_contained(
        spec,
        attack(
            """
            def fill():
                for i in range(200):
                    with open(f"/tmp/fill{i}", "wb") as handle:
                        handle.write(b"x" * (4 * 1024 * 1024))
                return "wrote 800 MiB"
            _try("fill", fill)
            """
        ),
        blocked=["fill"],
    )


# ----------------------------------------------------------------------------- secrets, network


def test_no_environment_secrets(spec, mode, monkeypatch):
    monkeypatch.setenv("MLQUIZ_TEST_SECRET", SECRET)
    monkeypatch.setenv("DJANGO_SECRET_KEY", SECRET)
    sandbox.shutdown()  # a zygote started now sees this process's environment, if anything
    verdict = assert_contained(
        spec,
        attack(
            """
            print("ENV", sorted(os.environ.items()), flush=True)
            import gc
            found = [o for o in gc.get_objects() if isinstance(o, dict) and any(
                isinstance(v, str) and "attack-secret" in v for v in o.values())]
            print("FOUND", len(found), flush=True)
            """
        ),
    )
    assert SECRET not in verdict.output
    assert "FOUND 0" in verdict.output
    env_line = next(line for line in verdict.output.splitlines() if line.startswith("ENV"))
    assert "SECRET" not in env_line and "PATH" not in env_line
    # And the zygote itself holds none: its environment is fixed and tiny.
    state = sandbox._current_state()
    zygote = next(iter(state.zygotes.values()))
    environ = Path(f"/proc/{zygote.process.pid}/environ").read_bytes().split(b"\0")
    assert sorted(e.split(b"=")[0] for e in environ if e) == [
        b"MKL_NUM_THREADS",
        b"OMP_NUM_THREADS",
        b"OPENBLAS_NUM_THREADS",
    ]


def test_zygote_holds_no_extra_descriptors(mode):
    sandbox.run_in_sandbox("def f():\n    return 1\n", "f", [sandbox.Call()])
    zygote = next(iter(sandbox._current_state().zygotes.values()))
    proc = Path(f"/proc/{zygote.process.pid}/fd")

    def kinds():
        return sorted(os.readlink(fd).split(":")[0] for fd in proc.iterdir())

    # stdin, stdout, stderr (/dev/null) and the control socket to the caller
    expected = ["/dev/null", "/dev/null", "/dev/null", "socket"]
    if mode == "root":
        expected.append("net")  # the empty network namespace every jail joins
    # The next jail is being cloned right after a run: give it a moment.
    deadline = time.monotonic() + 5
    while kinds() != sorted(expected) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert kinds() == sorted(expected)


def test_no_network(spec, mode):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    try:
        assert_contained(
            spec,
            attack(
                f"""
                import socket
                _try("tcp-local", lambda: socket.create_connection(("127.0.0.1", {port}), 1))
                _try("redis", lambda: socket.create_connection(("127.0.0.1", 6379), 1))
                _try("postgres", lambda: socket.create_connection(("127.0.0.1", 5432), 1))
                _try("dns", lambda: socket.getaddrinfo("example.org", 80))
                def unix():
                    s = socket.socket(socket.AF_UNIX)
                    s.connect("/var/run/postgresql/.s.PGSQL.5432")
                _try("unix", unix)
                """
            ),
            blocked=["tcp-local", "redis", "postgres", "dns", "unix"],
        )
        listener.settimeout(0.1)
        with pytest.raises(TimeoutError):
            listener.accept()
    finally:
        listener.close()


# ----------------------------------------------------------------------------- processes


def test_cannot_spawn_a_shell_or_exec(spec, mode):
    assert_contained(
        spec,
        attack(
            """
            import subprocess, ctypes
            _try("subprocess", lambda: subprocess.run(["/bin/sh", "-c", "echo hi"]))
            _try("python", lambda: subprocess.run([sys.executable, "-c", "print(1)"]))
            _try("execv", lambda: os.execv(sys.executable, [sys.executable]))
            def raw_execve():
                libc = ctypes.CDLL(None, use_errno=True)
                if libc.syscall(59, sys.executable.encode(), None, None) != 0:
                    raise OSError(ctypes.get_errno(), "execve")
            _try("raw-execve", raw_execve)
            """
        ),
        blocked=["subprocess", "python", "execv", "raw-execve"],
    )


def test_cannot_escape_with_namespaces_mounts_or_ptrace(spec, mode):
    assert_contained(
        spec,
        attack(
            """
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            def call(name, *args):
                def run():
                    if getattr(libc, name)(*args) != 0:
                        raise OSError(ctypes.get_errno(), name)
                return run
            _try("unshare-user", lambda: os.unshare(os.CLONE_NEWUSER))
            _try("unshare-mnt", lambda: os.unshare(os.CLONE_NEWNS))
            _try("mount", call("mount", b"none", b"/tmp", b"tmpfs", 0, None))
            _try("chroot", lambda: os.chroot("/tmp"))
            _try("ptrace", call("ptrace", 16, 1, None, None))
            _try("setuid0", lambda: os.setuid(0) if os.getuid() != 0 else os.setuid(12345))
            """
        ),
        blocked=["unshare-user", "unshare-mnt", "mount", "chroot", "ptrace"],
    )


def test_fork_bomb(spec, mode):
    assert_contained(
        spec,
        attack(
            """
            def bomb():
                children = 0
                while True:
                    if os.fork() == 0:
                        import time
                        time.sleep(100)
                    children += 1
            _try("fork", bomb)
            """
        ),
        blocked=["fork"],
    )
    assert_nothing_left_and_fast_again(spec)


def _budget_members() -> list[int]:
    """Processes left in the slot cgroups of this process's zygotes (at most the next
    spare jail each, which the zygote moves in as soon as it is cloned)."""
    zygotes = sandbox._current_state().zygotes.values()
    return [pid for z in zygotes if z.budget is not None for pid in z.budget.members()]


def assert_nothing_left_and_fast_again(spec):
    """Nothing of the attack runs on, and the next grading is as fast as usual."""
    time.sleep(0.05)  # the next spare may be cloned meanwhile; it is the only member
    assert len(_budget_members()) <= len(sandbox._current_state().zygotes)
    started = time.perf_counter()
    verdict = grade(spec, REFERENCE.read_text())
    assert verdict.status == "passed", verdict.to_dict()
    assert time.perf_counter() - started < 2.0  # generous: the machine is shared


# Per-process limits are not the jail's: a cgroup holds all of the jail's processes
# and memory together; without one ("nofork" modes) processes and memfd are refused.
BUDGET_LIMITS = dataclasses.replace(LIMITS, memory_mb=512, wall_seconds=3)
BUDGET_MESSAGE = "memory limit of 512 MiB exceeded (all processes of your code together)"


def _assert_budget_verdict(verdict, blocked_tag: str) -> None:
    if verdict.sandbox_mode.endswith("+nofork"):
        assert f"BLOCKED {blocked_tag}" in verdict.output, (verdict.output, verdict.message)
    else:
        assert "+cgroup-v" in verdict.sandbox_mode, verdict.sandbox_mode
        assert BUDGET_MESSAGE in str(verdict.to_dict()), verdict.to_dict()


def test_forked_children_share_one_memory_budget(spec, mode):
    # Seven children of 300 MiB each: every one is under the per-process limit,
    # 2.1 GiB together.
    budget_spec = dataclasses.replace(spec, limits=BUDGET_LIMITS)
    verdict = assert_contained(
        budget_spec,
        attack(
            """
            import time
            def hog():
                children = []
                for _ in range(7):
                    pid = os.fork()
                    if pid == 0:
                        block = bytearray(300 * 1024 * 1024)
                        for i in range(0, len(block), 4096):
                            block[i] = 1
                        time.sleep(30)
                        os._exit(0)
                    children.append(pid)
                for pid in children:
                    os.waitpid(pid, 0)
                return "2.1 GiB held"
            _try("fork", hog)
            """
        ),
    )
    _assert_budget_verdict(verdict, "fork")
    assert_nothing_left_and_fast_again(budget_spec)


def test_memfd_pages_written_with_write_count(spec, mode):
    # write(2) into memfds: pages outside RLIMIT_AS (and 60 files of 15 MiB keep
    # under the per-file limit): 900 MiB.
    budget_spec = dataclasses.replace(spec, limits=BUDGET_LIMITS)
    verdict = assert_contained(
        budget_spec,
        attack(
            """
            def fill():
                chunk = b"x" * (1 << 20)
                files = []
                for _ in range(60):
                    fd = os.memfd_create("hog")
                    files.append(fd)
                    for _ in range(15):
                        os.write(fd, chunk)
                return f"{len(files) * 15} MiB in memfds"
            _try("memfd", fill)
            """
        ),
    )
    _assert_budget_verdict(verdict, "memfd")
    assert_nothing_left_and_fast_again(budget_spec)


def shm_fill(segments: int) -> str:
    """An attack writing `segments` SysV segments of 64 MiB, each detached once written."""
    return attack(
        f"""
        import ctypes
        def fill():
            libc = ctypes.CDLL(None, use_errno=True)
            libc.shmat.restype = ctypes.c_void_p
            size = 64 * 1024 * 1024
            for n in range({segments}):
                shmid = libc.shmget(0, size, 0o1600)  # IPC_PRIVATE, IPC_CREAT | 0600
                if shmid < 0:
                    raise OSError(ctypes.get_errno(), "shmget")
                address = libc.shmat(shmid, None, 0)
                ctypes.memset(address, 1, size)
                libc.shmdt(ctypes.c_void_p(address))
            return "{segments * 64} MiB in SysV segments"
        _try("shm", fill)
        """
    )


def test_sysv_shared_memory_counts(spec, mode):
    # SysV segments live in the jail's IPC namespace, outside every address space
    # once detached: 12 x 64 MiB, written and detached one by one.
    budget_spec = dataclasses.replace(spec, limits=BUDGET_LIMITS)
    verdict = assert_contained(budget_spec, shm_fill(12))
    _assert_budget_verdict(verdict, "shm")
    assert_nothing_left_and_fast_again(budget_spec)


def test_the_run_after_a_jail_left_shared_memory_gets_a_clean_slot(spec, mode):
    # 448 MiB of SysV segments stay charged to the slot until the kernel frees the dead
    # jail's IPC namespace, later. The spare cloned meanwhile must not be used (it may
    # be dying of them: "the jail died during setup" in CI), and the next run's lower
    # limit must still be set: it keeps its cgroup, not a weaker mode.
    budget_spec = dataclasses.replace(spec, limits=BUDGET_LIMITS)
    for _ in range(3):
        filled = grade(budget_spec, shm_fill(7))
        verdict = grade(spec, REFERENCE.read_text())  # 256 MiB: below what is left
        assert verdict.status == "passed", verdict.to_dict()
        assert verdict.sandbox_mode == filled.sandbox_mode


def test_thread_bomb(spec, mode):
    assert_contained(
        spec,
        attack(
            """
            import threading, time
            def bomb():
                while True:
                    threading.Thread(target=time.sleep, args=(100,), daemon=True).start()
            _try("threads", bomb)
            """
        ),
        blocked=["threads"],
    )


def test_killing_the_parent_and_everyone(spec, mode):
    verdict = assert_contained(
        spec,
        attack(
            """
            import signal
            print("ppid", os.getppid(), "pid", os.getpid(), flush=True)
            for pid in range(2, 4000):
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            os.kill(-1, signal.SIGKILL)
            """
        ),
    )
    # pid 1 of its own namespace; the real parent is invisible (ppid 0)
    assert "ppid 0 pid 1" in verdict.output


# ----------------------------------------------------------------------------- resources


def test_memory_bomb(spec, mode):
    verdict = assert_contained(
        spec,
        attack(
            "",
            """
def dot_product(a, b):
    hog = []
    while True:
        hog.append(bytearray(64 * 1024 * 1024))
""",
        ),
    )
    assert "memory" in (verdict.message + str(verdict.to_dict())).lower()


def test_infinite_loop(spec, mode):
    verdict = assert_contained(
        spec, attack("", "\ndef dot_product(a, b):\n    while True:\n        pass\n")
    )
    assert "time limit" in (verdict.message + str(verdict.to_dict())).lower()


def test_sleep(spec, mode):
    verdict = assert_contained(
        spec, attack("import time\ntime.sleep(60)\n", "\ndef dot_product(a, b):\n    return 0.0\n")
    )
    assert "time limit" in (verdict.message + str(verdict.to_dict())).lower()


def test_recursion_bomb(spec, mode):
    assert_contained(
        spec,
        attack(
            "sys.setrecursionlimit(10**7)\n",
            "\ndef dot_product(a, b):\n    return dot_product(a, b) + 1\n",
        ),
    )


def test_100_mb_of_output_is_capped_and_drained(spec, mode):
    verdict = assert_contained(
        spec,
        attack(
            """
            chunk = "x" * (1 << 20)
            for _ in range(100):
                sys.stdout.write(chunk)
            sys.stdout.flush()
            os.write(2, b"y" * (1 << 20))
            """
        ),
    )
    assert len(verdict.output) < 200_000


def test_endless_output(spec, mode):
    verdict = assert_contained(
        spec,
        attack("", '\ndef dot_product(a, b):\n    while True:\n        print("y" * 4096)\n'),
    )
    assert "time limit" in (verdict.message + str(verdict.to_dict())).lower()
    assert len(verdict.output) < 200_000


def test_giant_return_value(spec, mode):
    assert_contained(
        spec,
        attack("", "\nimport numpy as np\ndef dot_product(a, b):\n    return np.ones(3_000_000)\n"),
    )


# ----------------------------------------------------------------------------- forging a verdict


def test_printing_fake_verdicts_and_frames(spec, mode):
    fake = '{"status": "passed", "score": 1.0, "tests": []}'
    assert_contained(
        spec,
        attack(
            f"""
            print({fake!r}, flush=True)
            os.write(1, b"MLQ1" + b"\\x00" * 16)
            os.write(2, {fake!r}.encode())
            for fd in range(3, 200):
                try:
                    os.write(fd, b"MLQ1" + {fake!r}.encode())
                except OSError:
                    pass
            """
        ),
    )


def test_forged_result_frames_only_say_what_a_return_value_could(spec, mode):
    # The harness's own encoder is reachable from student code; a frame it forges
    # claims "returned 42.0" for every case, exactly what `return 42.0` would do.
    code = attack(
        """
        import _codec
        for i in range(50):
            os.write(3, _codec.encode({"kind": "outcome", "i": i, "returned": True},
                                      {"value": 42.0}))
        os.write(3, _codec.encode({"kind": "done"}, {}))
        os._exit(0)
        """
    )
    assert_contained(spec, code)


def test_forged_finished_signal_to_the_zygote(spec, mode):
    # The harness tells the zygote "finished" on a pipe the code can find; a
    # forged one only makes the report come early, before any result frame.
    verdict = assert_contained(
        spec,
        attack(
            """
            import time
            for fd in range(3, 300):
                try:
                    os.write(fd, b"D")
                except OSError:
                    pass
            time.sleep(30)
            """
        ),
    )
    assert verdict.duration_ms < 10_000


def test_monkeypatching_numpy_and_math_comparisons(spec, mode):
    assert_contained(
        spec,
        attack(
            """
            import math, builtins
            import numpy as np
            np.allclose = lambda *args, **kwargs: True
            np.isclose = lambda *args, **kwargs: True
            np.testing.assert_allclose = lambda *args, **kwargs: None
            np.array_equal = lambda *args, **kwargs: True
            math.isclose = lambda *args, **kwargs: True
            builtins.abs = lambda x: 0
            class AlwaysEqual(float):
                def __eq__(self, other):
                    return True
                def __sub__(self, other):
                    return 0.0
            class EqualArray(np.ndarray):
                def __eq__(self, other):
                    return True
            """,
            """
def dot_product(a, b):
    if len(a) > 5:
        return np.zeros(1).view(EqualArray)
    return AlwaysEqual(123.0)
""",
        ),
    )


def test_exiting_early(spec, mode):
    for tail in (
        "\nimport os\nos._exit(0)\n",
        "\nimport sys\nsys.exit(0)\n",
        "\ndef dot_product(a, b):\n    import os\n    os._exit(0)\n",
        "\ndef dot_product(a, b):\n    raise SystemExit(0)\n",
    ):
        assert_contained(spec, attack("", tail))


def test_syntax_error_and_missing_function(spec, mode):
    verdict = assert_contained(spec, "def dot_product(a, b)\n    return 0\n")
    assert "line 1" in verdict.message
    assert_contained(spec, "def dotproduct(a, b):\n    return 0\n")


# ----------------------------------------------------------------------------- teardown, bounds
#
# The caller kills the whole jail (SIGKILL to pid 1 of its pid namespace) at the
# verdict, at the wall clock, or at a protocol violation, and reaps it before the
# grading returns: nothing a submission starts outlives its grading, whatever it
# replaced inside the jail. And whatever a submission sends, decoding it costs the
# trusted side little: frames are measured before they are parsed.

FAST_S = 1.0  # the next grading, even on a loaded machine
TRUSTED_CPU_S = 0.2  # what the caller may spend on a hostile result, all included


@pytest.fixture
def jails(monkeypatch):
    """Every jail the caller takes for a run, in order."""
    made: list[sandbox._Jail] = []
    original = sandbox._Jail.__init__

    def record(self, *args, **kwargs):
        original(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(sandbox._Jail, "__init__", record)
    return made


def _processes() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, real uid) of every process we can see."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            uid_line = next(
                line
                for line in (entry / "status").read_text().splitlines()
                if line.startswith("Uid:")
            )
        except (OSError, StopIteration):
            continue  # gone meanwhile
        found[int(entry.name)] = (int(stat.rsplit(")", 1)[1].split()[1]), int(uid_line.split()[1]))
    return found


def _descendants(processes: dict[int, tuple[int, int]], root: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for pid, (ppid, _uid) in processes.items():
        children.setdefault(ppid, []).append(pid)
    found: set[int] = set()
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def assert_torn_down(jail: sandbox._Jail) -> None:
    """The attack's jail and everything it started are gone, reaped: only the zygote
    and the idle spare for the next run (a fresh clone with no children) remain."""
    assert jail.reaped is not None, "the jail was not reaped before the grading returned"
    assert not Path(f"/proc/{jail.pid}").exists(), f"the jail {jail.pid} is still there"
    processes = _processes()
    zygotes = {z.process.pid for z in sandbox._current_state().zygotes.values()}
    ours = _descendants(processes, os.getpid()) - zygotes
    for zygote in zygotes:
        ours -= _descendants(processes, zygote)  # none: its jails are our children
    assert len(ours) <= 1, f"processes left behind: {ours}"
    for pid in ours:  # the spare: one process, nothing under it
        assert not _descendants(processes, pid), f"the spare {pid} has children"
    slot = sandbox._current_state().slot
    if slot is not None:  # root mode: nothing runs as the sandbox uid outside a run
        assert [pid for pid, (_p, uid) in processes.items() if uid == slot.uid] == []


def grade_measured(spec, code: str):
    """grade() and what it cost this process: (verdict, CPU seconds, wall seconds)."""
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    verdict = grade(spec, code)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return verdict, cpu, wall


def assert_next_grading_is_fast(spec):
    started = time.perf_counter()
    follow_up = grade(spec, REFERENCE.read_text())
    assert follow_up.status == "passed", follow_up.to_dict()
    assert time.perf_counter() - started < FAST_S


def assert_killed_at_the_verdict(
    spec, jails, code: str, *, status: str = "failed", all_judged: bool = True
):
    verdict, _cpu, _wall = grade_measured(spec, code)
    assert verdict.status == status, verdict.to_dict()
    # Ended at the verdict, not by the clock: every case was judged.
    assert "time limit" not in verdict.message, verdict.to_dict()
    if all_judged:
        assert not any(test.message.startswith("not run") for test in verdict.tests)
    assert_torn_down(jails[0])
    assert_next_grading_is_fast(spec)
    assert_torn_down(jails[1])
    return verdict


# Student code replaces what the harness calls after the verdict ("D" on the setup
# pipe, pipes closed), so that its process would live on.
LINGER = """
import _harness, time
def _linger(code=0):
{body}
_harness._exit = _linger
os._exit = _linger
"""
HOLD_MEMORY = """
held = []
for _ in range(8):
    try:
        fd = os.memfd_create("hold")
    except PermissionError:  # "nofork" jails refuse memfd: hold anonymous memory instead
        held.append(bytearray(16 << 20))
        continue
    os.write(fd, b"x" * (16 << 20))  # 128 MiB of memfd in all
    held.append(fd)
"""


def linger(body: str) -> str:
    return LINGER.format(body=textwrap.indent(textwrap.dedent(body).strip(), "    "))


def test_lingering_after_the_verdict_is_killed_at_the_verdict(spec, mode, jails):
    code = attack(HOLD_MEMORY + linger("time.sleep(30)"))
    assert_killed_at_the_verdict(spec, jails, code)


def test_lingering_with_a_correct_answer_still_passes_and_is_killed(spec, mode, jails):
    code = PRELUDE + linger("time.sleep(30)") + REFERENCE.read_text()
    assert_killed_at_the_verdict(spec, jails, code, status="passed")


def test_burning_cpu_after_the_verdict_is_killed_at_the_verdict(spec, mode, jails):
    burn = """
        for _ in range(4):
            if os.fork() == 0:
                break
        while True:
            pass
    """
    assert_killed_at_the_verdict(spec, jails, attack(linger(burn)))


def test_a_child_holding_the_pipes_after_the_verdict_is_killed(spec, mode, jails):
    # A forked child keeps copies of stdout and the result fd: the pipes never close
    # by themselves. The verdict ("D") ends it all the same.
    code = attack(
        """
        import time
        keep = [os.dup(1), os.dup(3)]
        try:
            child = os.fork()
        except PermissionError:  # "nofork" jails: the copies are held by this process only
            child = -1
        if child == 0:
            time.sleep(30)
        """
    )
    assert_killed_at_the_verdict(spec, jails, code)


def test_closing_the_pipes_then_running_on_is_killed(spec, mode, jails):
    # Pipes closed, no "D", still running: killed a moment later, not at the wall clock.
    code = attack(
        "",
        "\ndef dot_product(a, b):\n    for fd in (1, 2, 3):\n        os.close(fd)\n"
        "    while True:\n        pass\n",
    )
    verdict = assert_killed_at_the_verdict(spec, jails, code, all_judged=False)
    assert "your code ended the process" in verdict.message, verdict.to_dict()


def _frame(body: bytes) -> str:
    """Python source that writes one raw frame with this JSON body to the result fd."""
    return f"""
import struct
_body = {body!r}
os.write(3, struct.pack("<4sIQ", b"MLQ1", len(_body), 0) + _body)
"""


def assert_bounded(spec, jails, code: str, *, message: str = ""):
    """A correct solution plus a hostile frame: not a pass, cheap for the caller."""
    verdict, cpu, wall = grade_measured(spec, code)
    print(f"trusted side: {cpu * 1000:.1f} ms CPU, {wall * 1000:.1f} ms wall, {verdict.message!r}")
    assert verdict.status == "failed", verdict.to_dict()
    assert verdict.score == 0.0
    assert message in verdict.message
    assert cpu < TRUSTED_CPU_S
    assert_torn_down(jails[0])
    assert_next_grading_is_fast(spec)
    return verdict


def test_json_bomb_in_a_frame_of_unknown_kind(spec, mode, jails):
    # 5.9 M empty lists (17 MiB): what it would cost json.loads is refused unread.
    bomb = (
        '_body = b\'{"doc":{"kind":"zz","x":[\' + b"[]," * 5_900_000'
        ' + b\'[]]},"values":{},"blobs":[]}\'\n'
    )
    code = (
        PRELUDE
        + bomb
        + 'os.write(3, __import__("struct").pack("<4sIQ", b"MLQ1", len(_body), 0) + _body)\n'
    )
    assert_bounded(spec, jails, code + REFERENCE.read_text(), message="too large")


def test_a_small_frame_of_unknown_kind_is_a_violation(spec, mode, jails):
    code = PRELUDE + _frame(b'{"doc":{"kind":"passed"},"values":{},"blobs":[]}')
    assert_bounded(spec, jails, code + REFERENCE.read_text(), message=sandbox.VIOLATION_MESSAGE)


def test_a_frame_after_done_is_a_violation(spec, mode, jails):
    # Written after the harness's last frame, before it closes the pipes.
    code = (
        PRELUDE
        + """
import _harness, struct
_flush = _harness._flush
def _after(*args):
    _flush()
    if sys._getframe(1).f_code.co_name == "finish":
        body = b'{"doc":{"kind":"done"},"values":{},"blobs":[]}'
        os.write(3, struct.pack("<4sIQ", b"MLQ1", len(body), 0) + body)
_harness._flush = _after
"""
        + REFERENCE.read_text()
    )
    assert_bounded(spec, jails, code, message=sandbox.VIOLATION_MESSAGE)


@pytest.mark.parametrize(
    "value",
    [
        'b"[" * 100_000 + b"]" * 100_000',  # deeper than the parser goes
        'b"[" * 40 + b"]" * 40',  # deeper than a value may be
        'b"[" + b"0," * 300_000 + b"0]"',  # more values than the budget
        'b"[" + b",".join([b\'{"$np":[0,"<f8",[]]}\'] * 19_000) + b"]"',  # many arrays
    ],
    ids=["deep-json", "deep-value", "many-nodes", "many-arrays"],
)
def test_hostile_frames_of_a_known_kind(spec, mode, jails, value):
    # An outcome frame for the first call, then the correct solution's own frames.
    code = (
        PRELUDE
        + f"""
import struct
_body = (b'{{"doc":{{"kind":"outcome","i":0,"returned":true}},"values":{{"value":'
         + {value} + b'}},"blobs":[8]}}')
os.write(3, struct.pack("<4sIQ", b"MLQ1", len(_body), 8) + _body + bytes(8))
"""
        + REFERENCE.read_text()
    )
    assert_bounded(spec, jails, code)


def test_setup_pipe_flood_is_a_violation(spec, mode, jails):
    # All results written, then the setup pipe flooded before the harness's "D".
    code = (
        PRELUDE
        + """
import _harness, stat
_flush = _harness._flush
def _flood(*args):
    _flush()
    if sys._getframe(1).f_code.co_name != "finish":
        return
    for fd in range(4, 1024):
        try:
            if stat.S_ISFIFO(os.fstat(fd).st_mode):
                while True:
                    os.write(fd, b"x" * 65536)
        except OSError:
            pass
_harness._flush = _flood
"""
        + REFERENCE.read_text()
    )
    assert_bounded(spec, jails, code, message=sandbox.VIOLATION_MESSAGE)


def test_setup_pipe_junk_at_import_is_a_violation(spec, mode, jails):
    code = (
        PRELUDE
        + """
import stat
for fd in range(4, 1024):
    try:
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            os.write(fd, b"K")
    except OSError:
        pass
"""
        + REFERENCE.read_text()
    )
    assert_bounded(spec, jails, code, message=sandbox.VIOLATION_MESSAGE)


# ----------------------------------------------------------------------------- bans at run time

# Spellings of a banned call (dot-product bans np.dot, ".dot", "@", operator.matmul, scipy...),
# each with the name the message must show. Most are also caught by the AST check; the
# tests below run each with the AST check switched off too, so the jail is what catches it.
BAN_BYPASSES = {
    "vars": ('vars(np)["d" + "ot"](a, b)', "`np.dot`"),
    "getattr": ('getattr(np, "dot")(a, b)', "`np.dot`"),
    "dict": ('np.__dict__["dot"](a, b)', "`np.dot`"),
    "importlib": ('importlib.import_module("numpy").dot(a, b)', "`np.dot`"),
    "__import__": ('__import__("numpy").dot(a, b)', "`np.dot`"),
    "core-alias": ('getattr(np._core.multiarray, "dot")(a, b)', "`np.dot`"),
    "core-shim": ('getattr(np.core.multiarray, "do" + "t")(a, b)', "`np.dot`"),
    "c-function": ('getattr(np._core._multiarray_umath, "dot")(a, b)', "`np.dot`"),
    "exec": ('eval("np.dot(a, b)")', "`np.dot`"),
    "ndarray.dot": ("np.ndarray.dot(a, b)", "`ndarray.dot` (that is `.dot`)"),
    "a.dot": ("a.dot(b)", "`ndarray.dot` (that is `.dot`)"),
    "operator.matmul": ("operator.matmul(a, b)", "`operator.matmul` (that is `@`)"),
    "__matmul__": ("a.__matmul__(b)", "`ndarray.__matmul__` (that is `@`)"),
    "scipy": ('importlib.import_module("scipy.linalg").blas.ddot(a, b)', "`import scipy`"),
}


def ban_bypass(expression: str) -> str:
    return f"""
import importlib, operator
import numpy as np

def dot_product(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError("lengths differ")
    try:
        return float({expression})
    except Exception:  # caught, then the honest answer: the ban was reported already
        return float(np.sum(a * b))
"""


@pytest.fixture(params=["ast+jail", "jail"])
def static_check(request, monkeypatch):
    if request.param == "jail":  # no AST check: only the jail's replacements stand in the way
        monkeypatch.setattr("grader.grading.find_banned", lambda tree, banned: [])
    return request.param


@pytest.mark.parametrize("bypass", sorted(BAN_BYPASSES))
def test_banned_calls_are_caught_however_they_are_reached(spec, mode, static_check, bypass):
    expression, shown = BAN_BYPASSES[bypass]
    verdict = assert_contained(spec, ban_bypass(expression), status="failed")
    assert verdict.score == 0.0
    assert " is not allowed here" in verdict.message, verdict.message
    if static_check == "jail":  # the AST check names the spelling, the jail the function
        assert verdict.message.startswith(shown), verdict.message
    assert "multiply matching entries" in verdict.message  # the exercise's banned_reason
    assert all(test.message.startswith("not run: ") for test in verdict.tests)
    started = time.perf_counter()
    assert grade(spec, REFERENCE.read_text()).status == "passed"
    assert time.perf_counter() - started < 5  # the jail after a ban is as fresh as any


def test_a_banned_function_as_the_graded_function_is_caught(spec, mode, static_check):
    code = 'import numpy as np\ndot_product = vars(np)["d" + "ot"]\n'
    verdict = assert_contained(spec, code, status="failed")
    assert verdict.message.startswith("`np.dot` is not allowed here"), verdict.message


def test_numpy_calling_a_banned_function_itself_is_fine(spec, mode):
    # np.linalg.norm computes x.dot(x) inside NumPy: ".dot" is banned for the student only.
    code = """
import numpy as np

def dot_product(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError("lengths differ")
    norm = np.linalg.norm
    return float(np.sum(a * b)) + 0.0 * (norm(a + b) ** 2 - norm(a - b) ** 2)
"""
    verdict = grade(spec, code)
    assert verdict.status == "passed", verdict.to_dict()


def test_authors_code_runs_without_bans(spec, mode):
    from grader.authors import run_authors_code

    # cases.py and reference.py use exactly these: the authors' jail must not ban them.
    banned_all = dataclasses.replace(spec, banned=("np.sum", "np.asarray", "np.array", ".sum"))
    assert run_authors_code(banned_all, seed=0).cases


# Other kinds of entries in content/exercises, through the sandbox alone: (banned, code, shown)
OTHER_ENTRIES = {
    "preloaded-module": (
        "statistics",
        "import importlib\n"
        'def f():\n    return importlib.import_module("statis" + "tics").mean([1])\n',
        "`import statistics` (that is `statistics`) is not allowed here (line 3)",
    ),
    "stdlib-function": (
        "math.sumprod",
        'import math\ndef f():\n    return getattr(math, "sum" + "prod")([1.0], [2.0])\n',
        "`math.sumprod` is not allowed here (line 3)",
    ),
    "class": (
        "np.finfo",
        'import numpy as np\ndef f():\n    return float(getattr(np, "fin" + "fo")(float).eps)\n',
        "`np.finfo` is not allowed here (line 3)",
    ),
    "builtin-method": (
        "float.hex",
        'def f():\n    return getattr(1.5, "he" + "x")()\n',
        "`float.hex` is not allowed here (line 2)",
    ),
    "scalar-method": (
        ".mean",
        'import numpy as np\ndef f():\n    return float(getattr(np.float64(2), "me" + "an")())\n',
        "`generic.mean` (that is `.mean`) is not allowed here (line 3)",
    ),
    "not-yet-loaded": (
        "scipy.linalg.lstsq",
        "import numpy as np\nimport scipy.linalg as sl\n"
        'def f():\n    return float(getattr(sl, "lst" + "sq")(np.eye(2), np.ones(2))[0][0])\n',
        "`scipy.linalg.lstsq` is not allowed here (line 4)",
    ),
}


@pytest.mark.parametrize("kind", sorted(OTHER_ENTRIES))
def test_other_kinds_of_entries_are_caught_at_run_time(mode, kind):
    entry, code, shown = OTHER_ENTRIES[kind]
    limits = Limits(cpu_seconds=5, wall_seconds=10)  # SciPy's import, on a loaded machine
    result = sandbox.run_in_sandbox(code, "f", [sandbox.Call()], limits, banned=(entry,))
    assert result.status == "banned", result
    assert result.message == shown
    unbanned = sandbox.run_in_sandbox(code, "f", [sandbox.Call()], limits)
    assert unbanned.status == "ok", unbanned.message


def test_unbanned_neighbours_keep_working(mode):
    code = """
import numpy as np
import scipy.linalg as sl

def f():
    x = np.arange(4.0)
    return float(np.var(x)), float(sl.solve(np.eye(2), np.ones(2))[0]), float(x.sum())
"""
    banned = ("np.mean", ".mean", "scipy.linalg.lstsq", "statistics")
    limits = Limits(cpu_seconds=5, wall_seconds=10)
    result = sandbox.run_in_sandbox(code, "f", [sandbox.Call()], limits, banned=banned)
    assert result.status == "ok", result.message
    assert result.outcomes[0].value == (1.25, 1.0, 6.0)
