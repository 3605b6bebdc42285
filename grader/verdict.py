"""The one result type of every grading path (CLI, Celery task, content validation)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

VerdictStatus = Literal["passed", "failed", "error"]
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable_text(text: str) -> str:
    """Student-derived text made safe to store and print anywhere.

    PostgreSQL's jsonb rejects NUL characters and a lone surrogate (from an exception
    message like "\\udc80") cannot be encoded as UTF-8; both become U+FFFD.
    """
    if text.isascii() and "\x00" not in text:
        return text
    return _UNSTORABLE.sub("\ufffd", text)


@dataclass(frozen=True)
class TestResult:
    """One case's outcome, as a student sees it."""

    __test__ = False  # a dataclass named Test*: keep pytest from collecting it

    name: str
    kind: str  # "example" | "hidden" | "edge"
    passed: bool
    message: str  # complete, self-contained feedback; "" when passed
    hint: str = ""  # the targeted hint also present in `message`, for highlighting


@dataclass(frozen=True)
class Verdict:
    """status: "passed" (every test passed), "failed" (a verdict with at least one
    failing test — including syntax errors, banned calls, timeouts), or "error"
    (nothing could be graded: sandbox unavailable, broken exercise)."""

    status: VerdictStatus
    score: float
    tests: list[TestResult] = field(default_factory=list)
    output: str = ""
    message: str = ""
    duration_ms: float = 0.0
    sandbox_mode: str = ""

    @property
    def passed_count(self) -> int:
        return sum(1 for t in self.tests if t.passed)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, stored with a submission and printed by `manage.py grade --json`."""
        return {
            "status": self.status,
            "score": self.score,
            "passed": self.passed_count,
            "total": len(self.tests),
            "tests": [
                {
                    "name": t.name,
                    "kind": t.kind,
                    "passed": t.passed,
                    "message": storable_text(t.message),
                    "hint": t.hint,
                }
                for t in self.tests
            ],
            "output": storable_text(self.output),
            "message": storable_text(self.message),
            "duration_ms": round(self.duration_ms, 3),
            "sandbox_mode": self.sandbox_mode,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Verdict:
        """Inverse of `to_dict` (for verdicts read back from the database)."""
        return cls(
            status=data["status"],
            score=float(data["score"]),
            tests=[
                TestResult(
                    name=t["name"],
                    kind=t.get("kind", ""),
                    passed=bool(t["passed"]),
                    message=t.get("message", ""),
                    hint=t.get("hint", ""),
                )
                for t in data.get("tests", [])
            ],
            output=data.get("output", ""),
            message=data.get("message", ""),
            duration_ms=float(data.get("duration_ms", 0.0)),
            sandbox_mode=data.get("sandbox_mode", ""),
        )


def format_report(verdict: Verdict, *, title: str = "") -> str:
    """A readable plain-text report (what `manage.py grade` prints without --json)."""
    lines: list[str] = []
    head = f"{title}: " if title else ""
    lines.append(
        f"{head}{verdict.status.upper()}  score {verdict.score:.2f} "
        f"({verdict.passed_count}/{len(verdict.tests)} tests passed)"
    )
    if verdict.message:
        lines.append(verdict.message)
    for test in verdict.tests:
        mark = "PASS" if test.passed else "FAIL"
        lines.append(f"  [{mark}] {test.name} ({test.kind})")
        if test.message:
            lines.extend(f"         {line}" for line in test.message.splitlines())
    if verdict.output:
        lines.append("Your printed output:")
        lines.extend(f"  | {line}" for line in verdict.output.splitlines())
    if verdict.sandbox_mode or verdict.duration_ms:
        lines.append(f"({verdict.duration_ms:.1f} ms, sandbox: {verdict.sandbox_mode or 'none'})")
    return "\n".join(lines)
