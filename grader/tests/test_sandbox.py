"""The sandbox's contract: values in and out as data, statuses, limits, output capping."""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from grader import _cgroup, _codec, sandbox
from grader.sandbox import Call, Limits, _run, run_in_sandbox, sandbox_mode

ROOT = Path(__file__).resolve().parents[2]
# "<kind>-zygote+<budget>": the jail's budget is a cgroup (v1 or v2) or, without
# one, seccomp refusing processes and memfd ("nofork"); see docs/sandbox.md.
WARM_MODE = r"(root|userns)-zygote\+(cgroup-v1|cgroup-v2|nofork)"

SOFTMAX = """
import numpy as np

def softmax(x):
    z = x - x.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
"""


def test_returns_values_as_data():
    x = np.array([[1000.0, 2000.0, 3000.0], [1.0, 2.0, 3.0]])
    result = run_in_sandbox(SOFTMAX, "softmax", [Call((x,)), Call((np.array([0.0, 0.0]),))])
    assert result.status == "ok", result.message
    assert len(result.outcomes) == 2
    first = result.outcomes[0]
    assert first.returned
    assert isinstance(first.value, np.ndarray)
    assert first.value.shape == (2, 3)
    np.testing.assert_allclose(first.value[1], np.exp([1, 2, 3]) / np.exp([1, 2, 3]).sum())
    np.testing.assert_allclose(result.outcomes[1].value, [0.5, 0.5])
    assert re.fullmatch(WARM_MODE, result.mode), result.mode


def test_value_types_round_trip():
    code = """
import numpy as np
def f(kind):
    return {
        "float": 1.5, "int": 7, "bool": True, "none": None, "str": "hi",
        "tuple": (np.ones(2), 3.0), "list": [1, 2.5], "f32": np.float32(2.5),
        "int_array": np.arange(3), "nan": float("nan"),
    }[kind]
"""
    kinds = ["float", "int", "bool", "none", "str", "tuple", "list", "f32", "int_array", "nan"]
    result = run_in_sandbox(code, "f", [Call((kind,)) for kind in kinds])
    assert result.status == "ok", result.message
    values = dict(zip(kinds, (o.value for o in result.outcomes), strict=True))
    assert values["float"] == 1.5 and type(values["float"]) is float
    assert values["int"] == 7 and type(values["int"]) is int
    assert values["bool"] is True
    assert values["none"] is None
    assert values["str"] == "hi"
    assert isinstance(values["tuple"], tuple)
    np.testing.assert_array_equal(values["tuple"][0], np.ones(2))
    assert values["list"] == [1, 2.5]
    assert isinstance(values["f32"], np.float32)
    assert values["int_array"].dtype.kind == "i"
    assert np.isnan(values["nan"])


def test_each_call_gets_its_own_inputs_and_kwargs():
    code = """
def f(a, scale=1.0):
    a *= scale
    return a.sum()
"""
    shared = np.ones(3)
    calls = [Call((shared,), {"scale": 2.0}), Call((shared,), {})]
    result = run_in_sandbox(code, "f", calls)
    assert [o.value for o in result.outcomes] == [6.0, 3.0]
    np.testing.assert_array_equal(shared, np.ones(3))  # the caller's copy is untouched


def test_exception_is_reported_with_trimmed_traceback():
    code = "def f(a, b):\n    if len(a) != len(b):\n        raise ValueError('lengths differ')\n"
    result = run_in_sandbox(code, "f", [Call((np.ones(2), np.ones(3)))])
    assert result.status == "ok"
    outcome = result.outcomes[0]
    assert not outcome.returned
    assert outcome.error_type == "ValueError"
    assert outcome.error_message == "lengths differ"
    assert outcome.traceback is not None
    assert 'File "solution.py", line 3, in f' in outcome.traceback
    assert "_harness" not in outcome.traceback


def test_subclass_of_valueerror_counts_as_valueerror_but_a_fake_does_not():
    code = """
class ShapeError(ValueError):
    pass

class ValueError(Exception):  # shadows the builtin name
    pass

def f(kind):
    raise ShapeError("x") if kind == "sub" else ValueError("y")
"""
    result = run_in_sandbox(code, "f", [Call(("sub",)), Call(("fake",))])
    assert [o.error_type for o in result.outcomes] == ["ValueError", "Exception"]


def test_syntax_error_has_line_number():
    result = run_in_sandbox("def f(x):\n    return x +\n", "f", [Call((1,))])
    assert result.status == "syntax_error"
    assert "line 2" in result.message
    assert result.outcomes == []


def test_missing_function():
    result = run_in_sandbox("def g():\n    return 1\n", "f", [Call()])
    assert result.status == "missing_function"
    assert "`f` is not defined" in result.message


def test_error_while_loading_is_crashed_with_message():
    result = run_in_sandbox("import numpy as np\nx = undefined_name\n", "f", [Call()])
    assert result.status == "crashed"
    assert "NameError" in result.message
    assert "line 2" in result.message


def test_unsupported_return_value_is_an_error_outcome():
    result = run_in_sandbox("def f():\n    return {'a': 1}\n", "f", [Call()])
    outcome = result.outcomes[0]
    assert not outcome.returned
    assert outcome.error_type == "BadReturnValue"
    assert outcome.error_message is not None
    assert "dict" in outcome.error_message


def test_printed_output_is_captured_and_capped():
    code = "def f():\n    print('x' * 1000)\n    print('tail', flush=True)\n    return 1\n"
    result = run_in_sandbox(code, "f", [Call()], Limits(max_output_bytes=100))
    assert result.status == "ok"
    assert result.output_truncated
    assert result.output.startswith("x" * 100)
    assert "more bytes of output dropped" in result.output


def test_wall_timeout():
    code = "import time\ndef f():\n    time.sleep(30)\n"
    result = run_in_sandbox(code, "f", [Call()], Limits(wall_seconds=0.5))
    assert result.status == "timeout"
    assert "0.5 s" in result.message
    assert result.duration_ms < 5000


def test_cpu_limit():
    code = "def f():\n    while True:\n        pass\n"
    result = run_in_sandbox(code, "f", [Call()], Limits(cpu_seconds=1, wall_seconds=10))
    assert result.status == "timeout"
    assert "CPU time limit" in result.message


def test_memory_limit():
    code = "import numpy as np\ndef f():\n    return np.ones(200 * 1024 * 1024).sum()\n"
    result = run_in_sandbox(code, "f", [Call()], Limits(memory_mb=256))
    assert result.status == "memory"
    assert "256 MiB" in result.message


def test_partial_outcomes_survive_a_later_timeout():
    code = "import time\ndef f(i):\n    if i == 2:\n        time.sleep(30)\n    return i\n"
    result = run_in_sandbox(code, "f", [Call((i,)) for i in range(4)], Limits(wall_seconds=1))
    assert result.status == "timeout"
    assert [o.value for o in result.outcomes] == [0, 1]


def test_cold_start_gives_the_same_result():
    x = np.array([1.0, 2.0])
    warm = run_in_sandbox(SOFTMAX, "softmax", [Call((x,))])
    cold = _run(SOFTMAX, "softmax", [Call((x,))], cold=True)
    assert cold.status == "ok"
    assert "-cold+" in cold.mode
    np.testing.assert_array_equal(warm.outcomes[0].value, cold.outcomes[0].value)


def test_sandbox_mode_names_the_isolation():
    assert re.fullmatch(WARM_MODE, sandbox_mode())


@pytest.mark.parametrize(
    "value",
    [np.zeros((2, 3), dtype=np.float32), (1, [2.0, None], "s"), np.complex128(1 + 2j), True],
)
def test_codec_round_trip(value):
    _, decoded = _codec.decode(_codec.encode({}, {"v": value}))
    assert repr(decoded["v"]) == repr(value)


def test_codec_refuses_object_arrays_and_garbage():
    with pytest.raises(_codec.CodecError):
        _codec.encode({}, {"v": np.array([object()])})
    with pytest.raises(_codec.CodecError):
        _codec.decode(b"MLQ1" + b"\xff" * 40)


def test_zygote_is_restarted_after_it_dies():
    run_in_sandbox(SOFTMAX, "softmax", [Call((np.ones(2),))])
    state = sandbox._current_state()
    ((kind, zygote),) = state.zygotes.items()
    zygote.process.kill()
    zygote.process.wait()
    # The first run may still use the spare jail the zygote cloned before it died (if it
    # had answered already); the one after that needs a new zygote.
    for _ in range(2):
        result = run_in_sandbox(SOFTMAX, "softmax", [Call((np.ones(2),))])
        assert result.status == "ok"
        assert "-zygote+" in result.mode
    assert state.zygotes[kind].process.pid != zygote.process.pid


def test_falls_back_to_a_cold_start_when_no_zygote_works(monkeypatch):
    original = sandbox._Zygote.run

    def broken_unless_cold(self, request, limits):
        if not self.cold:
            raise sandbox._ZygoteError("simulated: zygote keeps dying")
        return original(self, request, limits)

    monkeypatch.setattr(sandbox._Zygote, "run", broken_unless_cold)
    result = run_in_sandbox(SOFTMAX, "softmax", [Call((np.ones(2),))])
    assert result.status == "ok"
    assert "-cold+" in result.mode
    np.testing.assert_allclose(result.outcomes[0].value, [0.5, 0.5])


def test_the_zygote_goes_away_with_its_caller():
    script = (
        "from grader.sandbox import run_in_sandbox, Call, _current_state\n"
        "run_in_sandbox('def f():\\n    return 1\\n', 'f', [Call()])\n"
        "print(next(iter(_current_state().zygotes.values())).process.pid, flush=True)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    pid = int(completed.stdout.split()[-1])
    for _ in range(100):
        if not Path(f"/proc/{pid}").exists():
            break
        time.sleep(0.05)
    assert not Path(f"/proc/{pid}").exists()


@pytest.mark.parametrize(
    "reference",
    [
        [0, "<f8", [10**30, 0]],  # a shape NumPy cannot even represent
        [0, "|O8", [1]],  # object dtype
        [0, "<f8", [3]],  # claims more data than there is
        [5, "<f8", [1]],  # no such blob
        [0, "<V8", [1]],  # void / structured
        "nonsense",
    ],
)
def test_codec_turns_any_malformed_array_into_codec_error(reference):
    body = json.dumps({"doc": {}, "values": {"v": {"$nd": reference}}, "blobs": [8]}).encode()
    frame = struct.pack("<4sIQ", b"MLQ1", len(body), 8) + body + b"\0" * 8
    with pytest.raises(_codec.CodecError):
        _codec.decode(frame)


@settings(max_examples=60, deadline=None)
@given(
    arrays(
        dtype=st.sampled_from(["<f8", "<f4", "<i8", "<i4", "|b1", "<c16", "<u2", ">f8"]),
        shape=array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=5),
    )
)
def test_codec_round_trips_any_array_exactly(array):
    _, decoded = _codec.decode(_codec.encode({}, {"v": (array, [array])}))
    value = decoded["v"]
    for got in (value[0], value[1][0]):
        assert got.dtype == array.dtype
        assert got.shape == array.shape
        np.testing.assert_array_equal(got, array)
        assert got.flags.writeable


def test_a_forked_worker_gets_its_own_zygote():
    # Celery's prefork pool forks worker processes after import: a child must not
    # use (or disturb) its parent's zygote and jails.
    run_in_sandbox(SOFTMAX, "softmax", [Call((np.ones(2),))])
    parent_zygote = next(iter(sandbox._current_state().zygotes.values())).process.pid
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        try:
            result = run_in_sandbox(SOFTMAX, "softmax", [Call((np.ones(2),))])
            child_zygote = next(iter(sandbox._current_state().zygotes.values())).process.pid
            ok = result.status == "ok" and child_zygote != parent_zygote
            os.write(write_end, b"ok" if ok else result.status.encode())
            sandbox.shutdown()
        finally:
            os._exit(0)
    os.close(write_end)
    answer = os.read(read_end, 100)
    os.waitpid(pid, 0)
    os.close(read_end)
    assert answer == b"ok"
    assert run_in_sandbox(SOFTMAX, "softmax", [Call((np.ones(2),))]).status == "ok"


def test_a_run_survives_the_exit_of_the_thread_that_started_the_zygote():
    # Jails die with their parent *thread* (PR_SET_PDEATHSIG): off the main thread
    # the zygote is started by a keeper thread, so a request thread that ends
    # (threaded dev server) cannot take a later run's jail with it.
    sandbox.shutdown()
    release = threading.Event()
    results: dict[str, sandbox.SandboxResult] = {}

    def first():
        results["first"] = run_in_sandbox("def f():\n    return 1\n", "f", [Call()])
        release.wait(10)

    def second():
        code = "import time\ndef f():\n    time.sleep(0.6)\n    return 2\n"
        results["second"] = run_in_sandbox(code, "f", [Call()])

    starter = threading.Thread(target=first)
    starter.start()
    while "first" not in results:
        time.sleep(0.01)
    runner = threading.Thread(target=second)
    runner.start()
    time.sleep(0.2)
    release.set()  # the thread that started the zygote ends mid-run
    starter.join()
    runner.join()
    assert results["first"].status == "ok"
    assert results["second"].status == "ok", results["second"].message
    assert results["second"].outcomes[0].value == 2


# ----------------------------------------------------------------------------- one budget per jail

FORK_BOMB = """
import os, time
def f():
    children = 0
    try:
        while True:
            if os.fork() == 0:
                time.sleep(100)
            children += 1
    except OSError as error:
        print("refused after", children, type(error).__name__, flush=True)
    return children
"""

NOFORK_PROBE = """
import os, threading
import numpy as np
def f():
    seen = []
    worker = threading.Thread(target=lambda: seen.append(float(np.ones(3) @ np.ones(3))))
    worker.start()
    worker.join()
    refused = []
    for name, action in [("fork", os.fork), ("memfd", lambda: os.memfd_create("x"))]:
        try:
            action()
        except PermissionError:
            refused.append(name)
    return [seen, refused]
"""


# Root gets cgroups on this machine (v1), unless the run turns them off.
CGROUPS_HERE = pytest.mark.skipif(
    os.geteuid() != 0 or os.environ.get("MLQUIZ_SANDBOX_CGROUP") == "off",
    reason="cgroups are root's here (and MLQUIZ_SANDBOX_CGROUP=off turns them off)",
)


def _zygote_budget():
    return next(iter(sandbox._current_state().zygotes.values())).budget


def test_without_a_cgroup_processes_and_memfd_are_refused_threads_work(monkeypatch):
    monkeypatch.setenv("MLQUIZ_SANDBOX_CGROUP", "off")
    sandbox.shutdown()
    try:
        result = run_in_sandbox(NOFORK_PROBE, "f", [Call()])
    finally:
        sandbox.shutdown()
    assert result.mode.endswith("+nofork")
    assert result.status == "ok", result.message
    assert result.outcomes[0].value == [[3.0], ["fork", "memfd"]]


@CGROUPS_HERE
def test_the_jail_runs_in_its_slot_cgroup_which_goes_with_the_zygote():
    sandbox.shutdown()
    result = run_in_sandbox("def f():\n    return 1\n", "f", [Call()])
    assert "+cgroup-v" in result.mode, result.mode
    budget = _zygote_budget()
    assert budget is not None
    directories = list(budget.dirs.values())
    assert all(directory.is_dir() for directory in directories)
    sandbox.shutdown()
    assert not any(directory.exists() for directory in directories)


@CGROUPS_HERE
def test_the_pids_cgroup_stops_a_fork_bomb_where_rlimit_nproc_does_not(monkeypatch):
    # uid 0 of a user namespace is not held by RLIMIT_NPROC; the slot's pids cgroup is.
    monkeypatch.setenv("MLQUIZ_SANDBOX_KIND", "userns")
    result = run_in_sandbox(FORK_BOMB, "f", [Call()], Limits(wall_seconds=3))
    assert "+cgroup-v" in result.mode, result.mode
    assert result.status == "ok", result.message
    assert "refused after" in result.output
    assert result.outcomes[0].value < 8
    assert result.duration_ms < 2500  # refused, not stopped by the wall clock
    budget = _zygote_budget()
    assert budget.pids_refusals() > 0
    assert len(budget.members()) <= 1  # at most the next spare jail


def test_a_jail_outside_its_cgroup_runs_nofork_and_says_so(monkeypatch, caplog, tmp_path):
    # cgroups were expected, but the zygote cannot move the jail into them at run
    # time: the run falls back to the seccomp refusals, logged, never weaker limits.
    gone = tmp_path / "removed"
    broken = _cgroup.Budget(1, {"memory": gone / "m", "pids": gone / "p"})
    monkeypatch.setattr(_cgroup, "create", lambda: broken)
    sandbox.shutdown()
    try:
        with caplog.at_level("WARNING", logger="grader.sandbox"):
            result = run_in_sandbox(NOFORK_PROBE, "f", [Call()])
        assert sandbox_mode().endswith("+nofork")  # what /healthz shows
    finally:
        sandbox.shutdown()
    assert result.mode.endswith("+nofork"), result.mode
    assert result.outcomes[0].value == [[3.0], ["fork", "memfd"]]
    assert "runs with processes and memfd refused" in caplog.text


def _fake_cgroup2(tmp_path: Path) -> tuple[Path, str, str]:
    """A directory laid out like a delegated cgroup2 subtree (files only, no kernel)."""
    base = tmp_path / "cgroup" / "worker.service"
    slot = base / "mlquiz-slot-0"
    slot.mkdir(parents=True)
    (base / "cgroup.controllers").write_text("cpu memory pids\n")
    (base / "cgroup.subtree_control").write_text("")
    for name in ("memory.max", "memory.swap.max", "memory.oom.group", "pids.max", "cpu.max"):
        (slot / name).write_text("")
    (slot / "cgroup.procs").write_text("")
    (slot / "memory.events").write_text("low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n")
    (slot / "pids.events").write_text("max 0\n")
    (slot / "memory.stat").write_text("anon 0\nfile 0\nshmem 0\n")
    mountinfo = f"41 23 0:38 / {tmp_path / 'cgroup'} rw,relatime - cgroup2 cgroup2 rw\n"
    return slot, mountinfo, "0::/worker.service\n"


def test_cgroup_v2_files_against_a_fake_cgroupfs(tmp_path):
    # The v2 path is not exercised on a real v2 host here (this machine has v1):
    # this checks which files it writes, and what it reads back.
    slot, mountinfo, own = _fake_cgroup2(tmp_path)
    budget = _cgroup.create(mountinfo=mountinfo, proc_cgroup=own, base="")
    assert budget.name == "cgroup-v2"
    assert budget.dirs == {"": slot}
    assert budget.procs == [str(slot / "cgroup.procs")]
    budget.configure(memory_bytes=544 * 1024 * 1024, pids=8, cpus=1.0)
    assert (slot / "memory.max").read_text() == str(544 * 1024 * 1024)
    assert (slot / "memory.swap.max").read_text() == "0"
    assert (slot / "memory.oom.group").read_text() == "1"
    assert (slot / "pids.max").read_text() == "8"
    assert (slot / "cpu.max").read_text() == "100000 100000"
    budget.start()
    assert not budget.memory_exceeded()
    budget.start()
    (slot / "memory.events").write_text("low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n")
    (slot / "pids.events").write_text("max 2\n")
    assert budget.memory_exceeded()
    assert budget.pids_refusals() == 2
    budget.start()  # the next run starts from the new count
    assert not budget.memory_exceeded()
    # Controllers were enabled for the slots one by one (cpu is optional).
    assert (slot.parent / "cgroup.subtree_control").read_text().startswith("+")
    # A second zygote takes the next slot while this one holds slot 0.
    (slot.parent / "mlquiz-slot-1").mkdir()
    other = _cgroup.create(mountinfo=mountinfo, proc_cgroup=own, base="")
    assert other.dirs == {"": slot.parent / "mlquiz-slot-1"}
    other.forget()
    budget.forget()


def test_cgroup_v2_without_memory_controller_is_refused(tmp_path):
    slot, mountinfo, own = _fake_cgroup2(tmp_path)
    (slot.parent / "cgroup.controllers").write_text("cpu pids\n")
    with pytest.raises(_cgroup.CgroupUnavailable, match="memory"):
        _cgroup._create_v2(_cgroup._mounts(mountinfo)[0], own.split("::")[1].strip(), "")


def test_cgroup_v1_slot_is_held_in_every_hierarchy(tmp_path):
    """Two zygotes whose memory cgroups live below different parents (two services, two
    shells) but share the pids and cpu hierarchies' root must not share a slot there: one's
    kill_all would kill the other's jails and they would share one pids limit."""
    shared_pids, shared_cpu = tmp_path / "pids", tmp_path / "cpu"
    shared_pids.mkdir()
    shared_cpu.mkdir()
    first_memory, second_memory = tmp_path / "memory" / "a", tmp_path / "memory" / "b"
    first_memory.mkdir(parents=True)
    second_memory.mkdir(parents=True)
    first_dirs, first_fds = _cgroup._take_slot_v1(
        {"memory": first_memory, "pids": shared_pids, "cpu": shared_cpu}
    )
    second_dirs, second_fds = _cgroup._take_slot_v1(
        {"memory": second_memory, "pids": shared_pids, "cpu": shared_cpu}
    )
    try:
        assert first_dirs["pids"] == shared_pids / "mlquiz-slot-0"
        assert second_dirs["pids"] == shared_pids / "mlquiz-slot-1"
        assert second_dirs["memory"] == second_memory / "mlquiz-slot-1"
        assert len(first_fds) == len(second_fds) == 3
    finally:
        for fd in [*first_fds, *second_fds]:
            os.close(fd)
    # Let go, and slot 0 is free again everywhere.
    again, fds = _cgroup._take_slot_v1({"memory": second_memory, "pids": shared_pids})
    assert again["pids"] == shared_pids / "mlquiz-slot-0"
    for fd in fds:
        os.close(fd)


def test_a_runtime_under_tmp_gets_no_shared_root_template():
    """The root assembled once per zygote leaves /tmp to each jail's scratch; a runtime bound
    under /tmp lives inside that scratch, so such a layout builds its root per jail (the
    ordinary-user suite in test_sandbox_userns.py runs a checkout under /tmp end to end)."""
    from grader import _jail

    assert _jail.prepare_root_template(["/usr", "/tmp/checkout/.venv/lib"]) is None
    assert _jail.prepare_root_template(["/tmp"]) is None
