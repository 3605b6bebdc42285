"""Authors' code (cases.py, reference.py, MISTAKES) is hostile too: it runs only in a jail.

Each hostile file tries what a malicious instructor would — the environment (secrets), the
project's settings and database files, the host's files, the network, writing on the host —
and smuggles whatever it found out through the one channel it has: the case names (which
the trusted side receives and shows to authors). Nothing may come back, nothing may be
written, and the next grading works as usual.
"""

from __future__ import annotations

import os
import textwrap
import uuid
from pathlib import Path

import pytest

from catalog.manifest import grading_spec, load_exercise_dir
from grader.exercise import ExerciseError, ExerciseSpec
from grader.grading import grade, prepare
from grader.validation import check_exercise

ROOT = Path(__file__).resolve().parents[2]
DOT = ROOT / "content" / "exercises" / "dot-product"
MODES = ["root"] if os.geteuid() == 0 else ["userns"]


@pytest.fixture(params=MODES, autouse=True)
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("MLQUIZ_SANDBOX_KIND", request.param)
    return str(request.param)


PROBE = """
import os, socket

def _probe(marker):
    found = []
    env = sorted(k for k in os.environ if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                                                     "MKL_NUM_THREADS", "LANG", "LC_ALL",
                                                     "PYTHONHASHSEED", "PYTHONDONTWRITEBYTECODE"))
    if env:
        found.append("env=" + ",".join(env))
    for path in {paths!r}:
        try:
            with open(path, "rb") as handle:
                found.append("read=" + path + ":" + repr(handle.read(40)))
        except Exception:
            pass
    try:  # inside the jail this lands (at most) on its own scratch space, never the host's
        with open(marker, "w") as handle:
            handle.write("written by authors' code")
    except Exception:
        pass
    for port in (5432, 6379, 8000):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            found.append(f"net={{port}}")
        except Exception:
            pass
    try:
        from django.conf import settings
        found.append("secret=" + settings.SECRET_KEY)
    except Exception:
        pass
    return "|".join(found) or "nothing"
"""


def _probe_source(marker: Path) -> str:
    paths = [
        str(ROOT / "mlquiz" / "settings.py"),
        str(ROOT / "db.sqlite3"),
        str(DOT / "reference.py"),
        "/etc/passwd",
        "/etc/shadow",
        "/proc/1/environ",
        str(Path.home() / ".bash_history"),
    ]
    return PROBE.format(paths=paths) + f"\nMARKER = {str(marker)!r}\n"


def _spec(*, cases: str, reference: str) -> ExerciseSpec:
    base = load_exercise_dir(DOT)
    return grading_spec(
        slug="hostile-author",
        data={"title": "Hostile", "function": "dot_product"},
        reference=reference,
        cases=cases,
        starter=base.starter_source,
    )


def _host_marker(tmp_path: Path) -> Path:
    tmp_path.chmod(0o777)  # writable by anyone: only the jail's walls can stop the write
    return tmp_path / f"pwned-{uuid.uuid4().hex}"


def test_hostile_cases_py_finds_nothing_and_writes_nothing(tmp_path: Path) -> None:
    marker = _host_marker(tmp_path)
    cases = _probe_source(marker) + textwrap.dedent(
        """
        import numpy as np
        from grader.cases import Case

        def cases(rng):
            found = _probe(MARKER)
            return [Case("example: " + found, args=(np.ones(2), np.ones(2)), visible=True)]
        """
    )
    prepared = prepare(_spec(cases=cases, reference=DOT.joinpath("reference.py").read_text()))
    assert prepared.cases[0].case.name == "example: nothing"
    assert not marker.exists()


def test_hostile_reference_and_mistakes_find_nothing(tmp_path: Path) -> None:
    marker = _host_marker(tmp_path)
    reference = _probe_source(marker) + textwrap.dedent(
        """
        def dot_product(a, b):
            raise ValueError(_probe(MARKER))
        """
    )
    with pytest.raises(ExerciseError) as info:
        prepare(_spec(cases=DOT.joinpath("cases.py").read_text(), reference=reference))
    assert "ValueError: nothing" in str(info.value)
    assert not marker.exists()

    # A mistake function's output is data only: it can only match, never reach out.
    cases = _probe_source(marker) + textwrap.dedent(
        """
        import numpy as np
        from grader.cases import Case, Mistake

        def cases(rng):
            return [Case("example", args=(np.ones(2), np.ones(2)), visible=True)]

        MISTAKES = [Mistake("probe", wrong=lambda a, b: _probe(MARKER), hint="h")]
        """
    )
    prepared = prepare(_spec(cases=cases, reference=DOT.joinpath("reference.py").read_text()))
    assert prepared.cases[0].mistake_outputs == ((True, "nothing"),)
    assert not marker.exists()


def test_the_trusted_side_never_executes_authors_code(tmp_path: Path) -> None:
    """If cases.py ran in this process, it would write the marker: it must not exist."""
    marker = tmp_path / "ran-in-the-trusted-process"
    cases = textwrap.dedent(
        f"""
        import numpy as np
        from grader.cases import Case
        try:
            open({str(marker)!r}, "w").write("this ran outside a jail")
        except OSError:
            pass  # in the jail: that folder does not exist

        def cases(rng):
            return [Case("example", args=(np.ones(2), np.ones(2)), visible=True)]
        """
    )
    spec = _spec(cases=cases, reference=DOT.joinpath("reference.py").read_text())
    assert check_exercise(spec, seeds=(0,)).errors == []
    assert not marker.exists()


def test_runaway_authors_code_is_an_error_not_a_hang() -> None:
    cases = "def cases(rng):\n    while True:\n        pass\n"
    spec = _spec(cases=cases, reference=DOT.joinpath("reference.py").read_text())
    verdict = grade(spec, DOT.joinpath("reference.py").read_text())
    assert verdict.status == "error"
    assert "running cases.py and reference.py failed" in verdict.message
    # The next grading of a sound exercise is unaffected.
    assert grade(load_exercise_dir(DOT), DOT.joinpath("reference.py").read_text()).status == (
        "passed"
    )
