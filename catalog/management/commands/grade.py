"""`python manage.py grade SLUG FILE [FILE ...] [--json] [--mode run|submit] [--seed N]`.

Grades the files in order in this one process, so the sandbox zygote started for the first file
serves the others. One record per FILE, in the order given: with --json one JSON line
(`Verdict.to_dict()` plus "file" and "seed"), otherwise a readable report under a
`==> FILE (seed N) <==` header.

Seeds: without --seed each file meets hidden inputs drawn from a fresh random seed, printed with
its record so `--seed N` reproduces the run; a web submission's cases are those of the seed
stored on it (Submission.seed, one of grader.grading's pool of 64; Run: 0).

Exit status:
- 0: every FILE got a verdict, whatever its status (a hostile or broken submission is "failed";
  an unavailable sandbox or a case generator that fails is an "error" verdict, which the record
  says).
- 1 with records on stdout: some FILE could not be read (missing, a folder, not UTF-8). Its
  record is an "error" verdict whose message starts "cannot read", the other files are still
  graded, and stderr names the unread files: like cp, a typo in one path is not a success.
- 1 with nothing on stdout: nothing to grade against (unknown exercise, invalid exercise
  folder), or stdin given twice.
- 2: argparse's usage error (a missing FILE, a negative --seed).
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from catalog.manifest import SLUG_RE, ManifestError, load_exercise_dir
from grader.exercise import ExerciseSpec
from grader.grading import MAX_CODE_BYTES, GradeMode, grade
from grader.verdict import Verdict, format_report


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


class UnreadableFile(Exception):
    """FILE could not be read as text; the message is what its record says."""


def _read_code(file: str) -> str:
    if file == "-":
        data = sys.stdin.buffer.read(MAX_CODE_BYTES + 1)
    else:
        try:
            with Path(file).open("rb") as handle:
                data = handle.read(MAX_CODE_BYTES + 1)
        except OSError as exc:
            raise UnreadableFile(f"cannot read {file}: {exc.strerror}") from exc
    if len(data) > MAX_CODE_BYTES:
        # Too long anyway: `grade` says so; don't fail on a character cut in half.
        return data.decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"cannot read {file}: not UTF-8 text ({exc.reason})") from exc


def _seed(text: str) -> int:
    seed = int(text)
    if seed < 0:  # np.random.default_rng refuses negative seeds
        raise argparse.ArgumentTypeError("the seed must be 0 or more")
    return seed


@dataclass(frozen=True)
class FileResult:
    file: str
    seed: int | None  # None when the file could not be read (no cases were drawn)
    verdict: Verdict

    @property
    def read(self) -> bool:
        return self.seed is not None

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "seed": self.seed, **self.verdict.to_dict()}


def grade_file(spec: ExerciseSpec, file: str, *, mode: GradeMode, seed: int | None) -> FileResult:
    """Grade one FILE; an unreadable one becomes an "error" record instead of stopping the run."""
    try:
        code = _read_code(file)
    except UnreadableFile as exc:
        return FileResult(file, None, Verdict("error", 0.0, message=str(exc)))
    used = secrets.randbelow(2**31) if seed is None else seed
    return FileResult(file, used, grade(spec, code, mode=mode, seed=used))


class Command(BaseCommand):
    help = (
        "Grade each FILE (a Python file defining the exercise's function; - for stdin) against "
        "the exercise SLUG in the same sandbox as the web path, in order, in one process. "
        "Prints a readable report per file, or one JSON line per file with --json. Exits 0 "
        "when every file got a verdict (whatever its status), 1 when some file could not be "
        "read or there is no exercise to grade against."
    )

    # Grading needs no URLconf or model checks; skipping them keeps a one-off CLI grade from
    # importing every app's views (and SciPy with them).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="exercise slug (folder under content/exercises) or path")
        parser.add_argument(
            "files", nargs="+", metavar="FILE", help="a submission to grade, or - to read stdin"
        )
        parser.add_argument("--json", action="store_true", help="print one JSON line per file")
        parser.add_argument(
            "--mode",
            choices=("run", "submit"),
            default="submit",
            help="run: visible examples only; submit: every test (default)",
        )
        parser.add_argument(
            "--seed",
            type=_seed,
            default=None,
            help="seed of the hidden inputs for every file (default: a fresh random seed per "
            "file, printed with its result; a web submission stores its seed, 0..63)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        files: list[str] = options["files"]
        if files.count("-") > 1:
            raise CommandError("- (stdin) can be given only once")
        spec = resolve_exercise(options["slug"])
        unread: list[FileResult] = []
        for index, file in enumerate(files):
            result = grade_file(spec, file, mode=options["mode"], seed=options["seed"])
            if not result.read:
                unread.append(result)
            if options["json"]:
                self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False))
            else:
                seed = "" if result.seed is None else f" (seed {result.seed})"
                separator = "\n" if index else ""
                self.stdout.write(f"{separator}==> {file}{seed} <==")
                self.stdout.write(format_report(result.verdict, title=spec.slug))
            self.stdout.flush()  # a long batch shows each result as it comes
        if unread:
            raise CommandError(
                f"not graded ({len(unread)} of {len(files)} files): "
                + "; ".join(r.verdict.message for r in unread)
            )
