"""`python manage.py grade SLUG FILE [--json]`: grade one file through the sandbox.

Exit status: 0 whenever a verdict was produced (whatever its status, even for a hostile or
broken submission, and for an "error" verdict such as an unavailable sandbox, which the JSON
says); non-zero only when there is nothing to grade against (unknown exercise, unreadable
file, a broken exercise folder).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from catalog.manifest import SLUG_RE, ManifestError, load_exercise_dir
from grader.exercise import ExerciseSpec
from grader.grading import MAX_CODE_BYTES, grade
from grader.verdict import format_report


def resolve_exercise(slug_or_path: str) -> ExerciseSpec:
    """A slug under CONTENT_DIR/exercises, or a path to an exercise folder (for authors)."""
    if SLUG_RE.match(slug_or_path):
        folder = Path(settings.CONTENT_DIR) / "exercises" / slug_or_path
        if not folder.is_dir():
            raise CommandError(f"no exercise {slug_or_path!r} in {folder.parent}")
    else:
        folder = Path(slug_or_path)
        if not folder.is_dir():
            raise CommandError(f"{slug_or_path!r} is neither an exercise slug nor a folder")
    try:
        return load_exercise_dir(folder)
    except ManifestError as exc:
        raise CommandError(f"exercise folder is invalid: {exc}") from exc


def _read_code(file: str) -> str:
    if file == "-":
        data = sys.stdin.buffer.read(MAX_CODE_BYTES + 1)
    else:
        try:
            with Path(file).open("rb") as handle:
                data = handle.read(MAX_CODE_BYTES + 1)
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc.strerror}") from exc
    if len(data) > MAX_CODE_BYTES:
        # Too long anyway: `grade` says so; don't fail on a character cut in half.
        return data.decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CommandError(f"{file} is not UTF-8 text ({exc.reason})") from exc


class Command(BaseCommand):
    help = (
        "Grade FILE (a Python file defining the exercise's function; - for stdin) against the "
        "exercise SLUG in the same sandbox as the web path. Prints a readable report, or one "
        "JSON line with --json. Exits 0 whenever a verdict was produced."
    )

    # Grading needs no URLconf or model checks; skipping them keeps a one-off CLI grade from
    # importing every app's views (and SciPy with them).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="exercise slug (folder under content/exercises) or path")
        parser.add_argument("file", help="the submission to grade, or - to read stdin")
        parser.add_argument("--json", action="store_true", help="print one JSON line")
        parser.add_argument(
            "--mode",
            choices=("run", "submit"),
            default="submit",
            help="run: visible examples only; submit: every test (default)",
        )
        parser.add_argument("--seed", type=int, default=0, help="seed of the randomized cases")

    def handle(self, *args: Any, **options: Any) -> None:
        spec = resolve_exercise(options["slug"])
        code = _read_code(options["file"])
        verdict = grade(spec, code, mode=options["mode"], seed=options["seed"])
        if options["json"]:
            self.stdout.write(json.dumps(verdict.to_dict(), ensure_ascii=False))
        else:
            self.stdout.write(format_report(verdict, title=spec.slug))
