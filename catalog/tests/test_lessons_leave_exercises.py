"""Lessons teach the idea and leave the exercise to the student (issue #16): no lesson in
content/ shows a complete definition of a function an exercise asks for."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from django.conf import settings

CONTENT = Path(settings.BASE_DIR) / "content"
CODE_BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _exercise_functions() -> dict[str, str]:
    functions = {}
    for manifest in sorted(CONTENT.glob("exercises/*/exercise.yaml")):
        data = yaml.safe_load(manifest.read_text())
        functions[data["function"]] = manifest.parent.name
    return functions


def test_no_lesson_defines_an_exercise_function() -> None:
    functions = _exercise_functions()
    assert len(functions) >= 40
    given_away = []
    for lesson in sorted(CONTENT.glob("lessons/*.md")):
        for block in CODE_BLOCK.findall(lesson.read_text()):
            for name in re.findall(r"^\s*def (\w+)\s*\(", block, re.MULTILINE):
                if name in functions:
                    given_away.append(f"{lesson.name} defines {name} ({functions[name]})")
    assert not given_away, "\n".join(given_away)


def test_the_check_finds_a_giveaway() -> None:
    block = "```python\ndef adam_step(theta, g, m, v, t):\n    return theta\n```\n"
    found = [re.findall(r"^\s*def (\w+)\s*\(", b, re.MULTILINE) for b in CODE_BLOCK.findall(block)]
    assert found == [["adam_step"]] and "adam_step" in _exercise_functions()
