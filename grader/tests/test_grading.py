"""grade(): exercise loading, static checks, sandbox outcomes judged into verdicts.

Student code in these tests runs only through `grade`, i.e. inside the sandbox.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from catalog.manifest import grading_spec
from grader import grading
from grader.exercise import ExerciseSpec
from grader.grading import grade, prepare, verdict_from_sandbox
from grader.sandbox import Call, CallOutcome, SandboxResult, SandboxUnavailable, run_in_sandbox
from grader.validation import check_exercise
from grader.verdict import Verdict, format_report

REFERENCE = """
import numpy as np

def scale(x, k=2.0):
    x = np.asarray(x, dtype=float)
    if x.ndim != 1:
        raise ValueError("1-D input only")
    x *= k  # mutates its own copy: the cached inputs must not change
    return x
"""

CASES = """
import numpy as np
from grader.cases import Case, Mistake

def cases(rng):
    return [
        Case("example: [1, 2]", args=(np.array([1.0, 2.0]),), visible=True),
        Case("hidden: random", args=(rng.normal(size=5),)),
        Case("hidden: k=3", args=(rng.normal(size=4),), kwargs={"k": 3.0}),
        Case("edge: 2-D input", args=(np.ones((2, 2)),), raises=ValueError, kind="edge",
             reason="a 2-D input"),
    ]

MISTAKES = [Mistake("ignores k", wrong=lambda x, k=2.0: np.asarray(x) * 2.0,
                    hint="use the k you are given")]
NONFINITE_HINT = "no infinities please"
"""

STARTER = "def scale(x, k=2.0):\n    raise NotImplementedError\n"

CORRECT = """
import numpy as np

def scale(x, k=2.0):
    x = np.asarray(x, dtype=float)
    if x.ndim != 1:
        raise ValueError("only 1-D")
    return x * k
"""


def _spec(**meta: object) -> ExerciseSpec:
    return grading_spec(
        slug="scale",
        data={"title": "Scale", "function": "scale", **meta},
        reference=REFERENCE,
        cases=CASES,
        starter=STARTER,
    )


@pytest.fixture
def spec() -> object:
    return _spec()


def _messages(verdict: Verdict) -> dict[str, str]:
    return {t.name: t.message for t in verdict.tests}


def test_correct_code_passes(spec) -> None:
    verdict = grade(spec, CORRECT)
    assert verdict.status == "passed", format_report(verdict)
    assert verdict.score == 1.0
    assert [t.name for t in verdict.tests] == [
        "example: [1, 2]",
        "hidden: random",
        "hidden: k=3",
        "edge: 2-D input",
    ]
    assert [t.kind for t in verdict.tests] == ["example", "hidden", "hidden", "edge"]
    assert verdict.sandbox_mode
    # Grading again gives the same result: the reference's in-place `*=` did not
    # change the cached inputs.
    assert grade(spec, CORRECT).score == 1.0


def test_run_mode_grades_only_visible_cases(spec) -> None:
    verdict = grade(spec, CORRECT, mode="run")
    assert [t.name for t in verdict.tests] == ["example: [1, 2]"]
    assert verdict.status == "passed"


def test_starter_fails_with_plain_message(spec) -> None:
    verdict = grade(spec, STARTER)
    assert verdict.status == "failed" and verdict.score == 0.0
    assert "raised NotImplementedError" in verdict.tests[0].message


def test_hidden_message_shows_errors_but_never_expected_values(spec) -> None:
    code = CORRECT.replace("return x * k", "return x * k + 0.5")
    verdict = grade(spec, code)
    messages = _messages(verdict)
    assert verdict.score == 0.25  # only the must-raise case passes
    assert messages["example: [1, 2]"].startswith(
        "scale([1., 2.]): expected [2., 4.], got [2.5, 4.5]"
    )
    hidden = messages["hidden: random"]
    # The error of 0.5 as an order of magnitude only (nearest power of ten, in log scale).
    assert "5 of 5 values are off, the worst by about 1 at index [" in hidden
    assert "0.5" not in hidden
    expected = prepare(spec).cases[1].expected
    for value in expected:
        for text in (f"{value:.3g}", f"{value:.6g}", f"{value:g}"):
            assert text not in hidden


def test_known_mistake_gets_its_hint(spec) -> None:
    code = CORRECT.replace("return x * k", "return x * 2.0")
    verdict = grade(spec, code)
    failing = [t for t in verdict.tests if not t.passed]
    assert [t.name for t in failing] == ["hidden: k=3"]
    assert failing[0].message.endswith("Hint: use the k you are given")
    assert failing[0].hint == "use the k you are given"


def test_nonfinite_output_gets_the_exercise_hint(spec) -> None:
    code = "import numpy as np\ndef scale(x, k=2.0):\n    return np.asarray(x) / 0.0 * k\n"
    verdict = grade(spec, code)
    assert "Hint: no infinities please" in _messages(verdict)["hidden: random"]


def test_must_raise_messages(spec) -> None:
    no_check = "import numpy as np\ndef scale(x, k=2.0):\n    return np.asarray(x) * k\n"
    message = _messages(grade(spec, no_check))["edge: 2-D input"]
    assert (
        message
        == "expected ValueError for a 2-D input, but the function returned [[2., 2.],\n [2., 2.]]"
    )
    wrong_type = CORRECT.replace('raise ValueError("only 1-D")', 'raise TypeError("nope")')
    message = _messages(grade(spec, wrong_type))["edge: 2-D input"]
    assert message == "raised TypeError: nope; expected ValueError for a 2-D input"


def test_subclass_of_expected_exception_is_accepted(spec) -> None:
    code = (
        CORRECT.replace('raise ValueError("only 1-D")', 'raise ShapeError("only 1-D")')
        + "\nclass ShapeError(ValueError):\n    pass\n"
    )
    assert grade(spec, code).score == 1.0


EXACT_CASES = CASES.replace(
    'raises=ValueError, kind="edge",', 'raises=ValueError, raises_exactly=True, kind="edge",'
)


def test_raises_exactly_refuses_a_library_subclass_and_accepts_the_class_itself() -> None:
    assert EXACT_CASES != CASES
    spec = grading_spec(
        slug="scale",
        data={"title": "Scale", "function": "scale"},
        reference=REFERENCE,
        cases=EXACT_CASES,
        starter=STARTER,
    )
    assert grade(spec, CORRECT).score == 1.0
    # np.linalg.inv of a singular matrix raises LinAlgError, a ValueError subclass: the
    # plain `raises=ValueError` case takes it, the exact one must not.
    leaks = CORRECT.replace('raise ValueError("only 1-D")', "np.linalg.inv(np.zeros((2, 2)))")
    assert grade(_spec(), leaks).score == 1.0
    verdict = grade(spec, leaks)
    assert verdict.score == 0.75
    message = _messages(verdict)["edge: 2-D input"]
    assert message.startswith("raised LinAlgError, a subclass of ValueError: Singular matrix;")
    assert "expected ValueError itself for a 2-D input" in message
    # A class of the student's own is a subclass too: only ValueError itself counts.
    own = (
        CORRECT.replace('raise ValueError("only 1-D")', 'raise ShapeError("only 1-D")')
        + "\nclass ShapeError(ValueError):\n    pass\n"
    )
    assert grade(spec, own).score == 0.75


def test_raises_exactly_checks_the_reference_and_the_case() -> None:
    reference = REFERENCE.replace(
        'raise ValueError("1-D input only")', "raise np.linalg.LinAlgError('1-D input only')"
    )
    broken = grading_spec(
        slug="scale",
        data={"title": "Scale", "function": "scale"},
        reference=reference,
        cases=EXACT_CASES,
        starter=STARTER,
    )
    verdict = grade(broken, CORRECT)
    assert verdict.status == "error"
    assert "a subclass of ValueError, but the case has raises_exactly" in verdict.message
    without_raises = grading_spec(
        slug="scale",
        data={"title": "Scale", "function": "scale"},
        reference=REFERENCE,
        cases=CASES.replace("visible=True)", "visible=True, raises_exactly=True)", 1),
        starter=STARTER,
    )
    verdict = grade(without_raises, CORRECT)
    assert verdict.status == "error"
    assert "raises_exactly needs raises" in verdict.message


def test_syntax_error_is_a_failed_verdict_with_line(spec) -> None:
    verdict = grade(spec, "import numpy as np\n\ndef scale(x, k=2.0)\n    return x\n")
    assert verdict.status == "failed" and verdict.score == 0.0
    assert verdict.message.startswith("SyntaxError on line 3:")
    assert all(t.message.startswith("not run: SyntaxError on line 3") for t in verdict.tests)
    assert verdict.sandbox_mode == ""  # caught before starting the sandbox


def test_missing_function(spec) -> None:
    verdict = grade(spec, "def scael(x, k=2.0):\n    return x * k\n")
    assert verdict.status == "failed"
    assert "define a function named `scale`" in verdict.message
    assert all("define a function named `scale`" in t.message for t in verdict.tests)


def test_traceback_points_at_the_students_line(spec) -> None:
    code = "def scale(x, k=2.0):\n    y = 1\n    return x / (y - 1) if False else 1 // 0\n"
    messages = _messages(grade(spec, code))
    assert messages["example: [1, 2]"].startswith("scale([1., 2.]) raised ZeroDivisionError")
    assert 'File "solution.py", line 3, in scale' in messages["example: [1, 2]"]
    # The same traceback is not repeated under every case.
    assert messages["hidden: random"] == (
        "raised ZeroDivisionError: integer division or modulo by zero "
        "(same traceback as in an earlier test)"
    )


def test_printed_output_is_returned_and_cannot_fake_a_pass(spec) -> None:
    code = (
        "import json, sys\n"
        "def scale(x, k=2.0):\n"
        "    print('debug: got', len(x))\n"
        "    print(json.dumps({'status': 'passed', 'score': 1.0, 'tests': []}))\n"
        "    sys.stdout.flush()\n"
        "    return None\n"
    )
    verdict = grade(spec, code)
    assert verdict.status == "failed"
    assert verdict.score == 0.0  # the must-raise case fails too: it returned None
    assert "debug: got 2" in verdict.output  # the example's print
    assert "did you forget to `return`" in _messages(verdict)["hidden: random"]
    # What the hidden cases printed (their inputs have 5 and 4 entries) is not shown.
    assert "debug: got 5" not in verdict.output and "debug: got 4" not in verdict.output
    assert verdict.output.count("debug: got 2") == 1
    assert verdict.output.endswith(grading.HIDDEN_OUTPUT_NOTE)
    # Run holds only the examples: its output is shown as printed, without the note.
    run = grade(spec, code, mode="run")
    assert run.output.startswith("debug: got 2\n") and grading.HIDDEN_OUTPUT_NOTE not in run.output


def test_output_of_hidden_cases_never_reaches_the_student(spec) -> None:
    """A jail gets every call's inputs at once, so even the examples' calls (or the import)
    could print the hidden inputs found on the harness's stack: what is shown comes from a
    jail that held only the examples."""
    code = (
        "import sys\n"
        "def _dump():\n"
        "    frame = sys._getframe()\n"
        "    while frame is not None:\n"
        "        print('frame', {k: repr(v)[:2000] for k, v in frame.f_locals.items()})\n"
        "        frame = frame.f_back\n"
        "_dump()\n"
        "def scale(x, k=2.0):\n"
        "    _dump()\n"
        "    print('hidden input:', x.tolist())\n"
        "    return x * k\n"
    )
    prepared = prepare(spec)
    secrets = [
        repr(float(v))
        for pc in prepared.cases
        if pc.case.label == "hidden"  # random draws (the edge case holds ones)
        for arg in pc.case.args
        if isinstance(arg, np.ndarray)
        for v in arg.ravel()
    ]
    assert secrets
    # The attack works on a jail holding every case: the module-level dump finds them all.
    every_call = [Call(args=pc.case.args, kwargs=pc.case.kwargs) for pc in prepared.cases]
    combined = run_in_sandbox(code, "scale", every_call, spec.limits).output
    assert all(secret in combined for secret in secrets)
    verdict = grade(spec, code)
    assert "hidden input: [1.0, 2.0]" in verdict.output  # the example's own print is shown
    for secret in secrets:
        assert secret not in verdict.output
        assert secret[:8] not in verdict.output


def test_code_that_prints_nothing_runs_once(spec, monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[int] = []
    real = run_in_sandbox

    def counting(*args: object, **kwargs: object) -> SandboxResult:
        runs.append(len(args[2]))  # type: ignore[arg-type]
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(grading, "run_in_sandbox", counting)
    assert grade(spec, CORRECT).output == ""
    assert runs == [4]
    grade(spec, CORRECT.replace("return x * k", "print(len(x))\n    return x * k"))
    assert runs == [4, 4, 1]  # every case, then the one example alone for its output


def test_infinite_loop_is_a_plain_timeout_and_the_next_grade_works() -> None:
    spec = _spec(limits={"cpu_seconds": 0.5, "wall_seconds": 1})
    verdict = grade(spec, "def scale(x, k=2.0):\n    while True:\n        pass\n")
    assert verdict.status == "failed"
    assert "time limit" in verdict.message.lower()
    assert "time limit" in verdict.tests[0].message.lower()
    assert all(t.message.startswith("not run") for t in verdict.tests[1:])
    assert grade(spec, CORRECT).status == "passed"


def test_banned_call_is_caught_before_running() -> None:
    spec = _spec(banned=["np.multiply", "@"], banned_reason="multiply with *")
    code = "import numpy as np\n\ndef scale(x, k=2.0):\n    return np.multiply(x, k)\n"
    verdict = grade(spec, code)
    assert verdict.status == "failed" and verdict.score == 0.0
    assert verdict.message == "`np.multiply` is not allowed here (line 4): multiply with *"
    assert verdict.sandbox_mode == ""
    assert grade(spec, CORRECT).status == "passed"


def test_code_with_nul_byte_or_too_long(spec) -> None:
    assert "NUL" in grade(spec, "def scale(x):\x00\n").message
    huge = grade(spec, "# " + "x" * (grading.MAX_CODE_BYTES + 1))
    assert huge.status == "failed" and "limit is 64 KiB" in huge.message


def test_cases_are_deterministic_per_seed(spec) -> None:
    def inputs(seed: int) -> list[np.ndarray]:
        grading._prepare_cached.cache_clear()
        return [pc.case.args[0] for pc in prepare(spec, seed=seed).cases]

    first, again, other = inputs(7), inputs(7), inputs(8)
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    assert not np.array_equal(first[1], other[1])


def test_broken_exercise_gives_error_verdict() -> None:
    bad = grading_spec(
        slug="scale",
        data={"title": "Scale", "function": "scale"},
        reference="def scale(x, k=2.0):\n    return x\n",  # never raises for the 2-D case
        cases=CASES,
        starter=STARTER,
    )
    verdict = grade(bad, CORRECT)
    assert verdict.status == "error"
    assert "instead of raising ValueError" in verdict.message
    assert check_exercise(bad).errors


def test_sandbox_unavailable_is_an_error_verdict(spec, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> SandboxResult:
        raise SandboxUnavailable("no namespaces here")

    monkeypatch.setattr(grading, "run_in_sandbox", refuse)
    verdict = grade(spec, CORRECT)
    assert verdict.status == "error"
    assert "sandbox is unavailable: no namespaces here" in verdict.message


def test_an_unavailable_authors_jail_is_an_error_verdict_too(
    spec, monkeypatch: pytest.MonkeyPatch
) -> None:
    from grader import authors

    def refuse(*args: object, **kwargs: object) -> SandboxResult:
        raise SandboxUnavailable("no namespaces here")

    monkeypatch.setattr(authors, "run_in_sandbox", refuse)
    verdict = grade(spec, CORRECT, seed=987654)  # a seed no other test prepared (cached)
    assert verdict.status == "error"
    assert "sandbox is unavailable: no namespaces here" in verdict.message


def test_run_stopped_midway_blames_the_running_case(spec) -> None:
    prepared = prepare(spec)
    result = SandboxResult(
        status="memory",
        outcomes=[CallOutcome(returned=True, value=np.array([2.0, 4.0]))],
        output="",
        output_truncated=True,
        message="memory limit of 512 MiB exceeded",
        duration_ms=3.0,
        mode="test",
    )
    verdict = verdict_from_sandbox(spec, prepared, list(prepared.cases), result)
    assert [t.passed for t in verdict.tests] == [True, False, False, False]
    assert verdict.tests[1].message == "memory limit of 512 MiB exceeded"
    assert verdict.tests[2].message == "not run: the program stopped at an earlier case"
    assert verdict.score == 0.25 and verdict.status == "failed"
    assert verdict.output.endswith("[... output truncated]")


def test_verdict_json_round_trip(spec) -> None:
    verdict = grade(spec, CORRECT.replace("* k", "* 2"))
    data = json.loads(json.dumps(verdict.to_dict()))
    assert data["status"] == "failed" and data["passed"] == 3 and data["total"] == 4
    assert set(data["tests"][0]) >= {"name", "kind", "passed", "message"}
    assert Verdict.from_dict(data).tests == verdict.tests


def test_nul_and_lone_surrogates_become_storable(spec) -> None:
    code = 'print("nul:\\x00 end")\ndef scale(x, k=2.0):\n    raise ValueError("bad \\udc80")\n'
    data = grade(spec, code).to_dict()
    text = json.dumps(data, ensure_ascii=False)
    text.encode("utf-8")  # would raise on a lone surrogate
    assert "\x00" not in text and "\\u0000" not in json.dumps(data)
    assert "nul:\ufffd end" in data["output"]


def test_huge_exception_text_is_truncated_per_test(spec) -> None:
    verdict = grade(spec, "def scale(x, k=2.0):\n    raise RuntimeError('x' * 10**6)\n")
    assert verdict.status == "failed"
    assert all(len(t.message) <= grading.MAX_MESSAGE_CHARS + 40 for t in verdict.tests)
    assert len(json.dumps(verdict.to_dict())) < 100_000
