"""A question's generator.py is hostile too: it runs only in the authors' jail.

The hostile generator looks for the environment (secrets), the project's settings and
database files, the host's files and the network, writes a file on the host, and smuggles
what it found out through its prompt (which the trusted side stores and shows). Nothing
may come back, nothing may be written, and the next run works as usual.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from grader.questions import QuestionError, generate_variants
from grader.tests.test_authors_jail import _host_marker, _probe_source, mode  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
SOUND = (ROOT / "content/questions/linear-algebra/dot-product/generator.py").read_text()


def _generator(body: str) -> str:
    return textwrap.dedent(body)


def test_hostile_generator_finds_nothing_and_writes_nothing(tmp_path: Path) -> None:
    marker = _host_marker(tmp_path)
    source = _probe_source(marker) + _generator(
        """
        from questionlib import answer

        def generate(rng):
            found = _probe(MARKER)
            return {"params": {"found": found}, "prompt": "found: " + found,
                    "solution": "s", "answer": answer(1.0)}
        """
    )
    batch = generate_variants(slug="hostile", source=source, seeds=[0, 1])
    assert [v.prompt for v in batch.variants] == ["found: nothing", "found: nothing"]
    assert batch.variants[0].params == {"found": "nothing"}
    assert not marker.exists()


def test_the_trusted_side_never_executes_a_generator(tmp_path: Path) -> None:
    """If generator.py ran in this process, it would write the marker: it must not exist."""
    marker = tmp_path / "ran-in-the-trusted-process"
    source = _generator(
        f"""
        from questionlib import answer
        try:
            open({str(marker)!r}, "w").write("this ran outside a jail")
        except OSError:
            pass  # in the jail: that folder does not exist

        def generate(rng):
            return {{"prompt": "p", "solution": "s", "answer": answer(2.0)}}
        """
    )
    batch = generate_variants(slug="marker", source=source, seeds=[3])
    assert batch.variants[0].answer["value"] == 2.0
    assert not marker.exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("def generate(rng):\n    while True:\n        pass\n", "running generator.py failed"),
        ("def generate(rng):\n    return [1, 2]\n", "must return a dict"),
        ("x = 1\n", "must define generate(rng)"),
        ("def generate(rng):\n    raise KeyError('k')\n", "failed on seed 0: KeyError"),
        (
            "from questionlib import answer\ndef generate(rng):\n"
            "    return {'prompt': 'p', 'solution': 's', 'answer': answer(float('nan'))}\n",
            "finite",
        ),
        (
            "def generate(rng):\n    return {'prompt': 'p', 'solution': 's', "
            "'answer': {'value': 1.0}, 'params': {'f': open}}\n",
            "builtin_function_or_method",
        ),
        (
            "from questionlib import answer, require\ndef generate(rng):\n    require(False)\n",
            "no usable draw",
        ),
    ],
)
def test_a_broken_generator_is_an_error_for_its_author(body: str, message: str) -> None:
    with pytest.raises(QuestionError, match=re.escape(message)):
        generate_variants(slug="broken", source=body, seeds=[0])
    # The next run of a sound generator is unaffected.
    assert len(generate_variants(slug="dot-product", source=SOUND, seeds=[0, 1]).variants) == 2


def test_a_nondeterministic_generator_is_reported() -> None:
    source = _generator(
        """
        import random
        from questionlib import answer

        def generate(rng):
            return {"prompt": "p", "solution": "s", "answer": answer(random.random())}
        """
    )
    batch = generate_variants(slug="random", source=source, seeds=[5], check_determinism=True)
    assert batch.problems == ("generate(rng) is not deterministic for seed 5",)
