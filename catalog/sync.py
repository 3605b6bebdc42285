"""Load `content/` (lessons, exercise folders and every registered section, e.g. quizzes)
into the database, or only validate it.

The files in git are the source of truth; the database is a cache of them plus the history
that must outlive any file (submissions). So, as in PrairieLearn's sync:

* items are matched by the ``uuid`` in their metadata, never by file name, so renaming a
  folder keeps the row and every submission attached to it;
* an item whose file disappeared is hidden (``is_active=False``), never deleted;
* content/ is the site library: new items land there, and only site-library items are
  hidden for lacking a file (copies and browser-written course material are never touched);
* one broken item is reported and skipped — it never aborts the others, and a broken edit of
  an existing exercise keeps serving its last good version;
* Markdown is rendered here, once, and the HTML stored;
* an exercise whose graded content changed gets a new immutable ``ExerciseVersion``.

``content_check`` does everything except write: it is what CI runs. Validation grades every
reference (must score 1.0 on every seed tried), starter (must score < 1.0) and the folder's
``tests/ok_*.py`` / ``tests/bad_*.py`` (must pass / fail on every seed) through the real
sandbox, checks that ``cases()`` is deterministic for a seed, that every statement, solution
and lesson renders without errors (every formula parsed by the KaTeX the pages use, under
node), and that every link between lessons and exercises resolves.
"""

from __future__ import annotations

import contextlib
import json
import re
import uuid as uuid_lib
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import yaml

from catalog.manifest import (
    SLUG_RE,
    ExerciseManifest,
    ManifestError,
    folder_hash,
    parse_uuid,
    read_data,
    read_test_solutions,
)
from catalog.rendering import (
    Formula,
    KatexUnavailable,
    katex_errors,
    render_document,
    split_front_matter,
)
from grader.validation import CHECK_SEEDS, GradeFunction, check_exercise

if TYPE_CHECKING:
    from catalog.models import Exercise, Lesson
    from grader.exercise import ExerciseSpec

_INTERNAL_LINK = re.compile(r'href="/(lessons|exercises|quizzes)/([a-z0-9-]+)/?(?:#([\w-]+))?"')


# ------------------------------------------------------------------------------------------
# What was found on disk
# ------------------------------------------------------------------------------------------


@dataclass
class LessonSource:
    path: Path
    slug: str
    uuid: uuid_lib.UUID | None = None
    title: str = ""
    order: int = 0
    summary: str = ""
    body_md: str = ""
    body_html: str = ""
    toc: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    formulas: list[tuple[str, Formula]] = field(default_factory=list)  # (file, formula)


@dataclass
class ExerciseSource:
    path: Path
    slug: str
    uuid: uuid_lib.UUID | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    spec: ExerciseSpec | None = None
    manifest: ExerciseManifest | None = None  # set when exercise.yaml is entirely valid
    statement_md: str = ""
    statement_html: str = ""
    solution_md: str = ""
    solution_html: str = ""
    content_hash: str = ""
    # tests/ok_*.py and tests/bad_*.py: checked on every seed, not part of a version.
    solutions: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    formulas: list[tuple[str, Formula]] = field(default_factory=list)  # (file, formula)


@dataclass
class ItemReport:
    kind: str  # "lesson" | "exercise" | a section's kind ("quiz")
    slug: str
    action: str  # created | updated | unchanged | renamed | new version | deactivated | ok | error
    errors: list[str] = field(default_factory=list)
    detail: str = ""

    def line(self) -> str:
        head = f"{self.kind:<8} {self.slug:<32} {self.action}"
        if self.detail:
            head += f" ({self.detail})"
        return "\n".join([head, *(f"    ✗ {error}" for error in self.errors)])


@dataclass
class SyncReport:
    items: list[ItemReport] = field(default_factory=list)

    @property
    def failed(self) -> list[ItemReport]:
        return [item for item in self.items if item.errors]

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        counts: dict[str, int] = {}
        for item in self.items:
            counts[item.action] = counts.get(item.action, 0) + 1
        parts = ", ".join(f"{n} {action}" for action, n in sorted(counts.items()))
        return f"{len(self.items)} items: {parts}; {len(self.failed)} with errors"


def read_lessons(content_dir: Path) -> list[LessonSource]:
    lessons: list[LessonSource] = []
    for path in sorted((content_dir / "lessons").glob("*.md")):
        if path.name == "README.md":  # the authoring guide, not a lesson
            continue
        lesson = LessonSource(path=path, slug=path.stem)
        lessons.append(lesson)
        if not SLUG_RE.match(lesson.slug):
            lesson.errors.append("file name must be a slug: lowercase letters, digits, hyphens")
        try:
            meta, body = split_front_matter(path.read_text(encoding="utf-8"))
            lesson.uuid = parse_uuid(meta.get("uuid"))
        except (ValueError, UnicodeDecodeError, yaml.YAMLError) as exc:
            lesson.errors.append(f"front matter: {exc}")
            continue
        title = meta.get("title")
        if not isinstance(title, str) or not title.strip():
            lesson.errors.append("front matter needs a non-empty `title:`")
            title = lesson.slug
        order = meta.get("order", 0)
        if isinstance(order, bool) or not isinstance(order, int) or order < 0:
            lesson.errors.append(f"`order:` must be a non-negative integer, got {order!r}")
            order = 0
        lesson.title, lesson.order = title.strip(), order
        lesson.summary = str(meta.get("summary") or "").strip()
        lesson.body_md = body
        doc = render_document(body)
        lesson.body_html, lesson.toc = doc.html, doc.toc
        lesson.errors.extend(f"body: {error}" for error in doc.errors)
        lesson.formulas.extend(("body", formula) for formula in doc.formulas)
    return lessons


def read_exercises(content_dir: Path) -> list[ExerciseSource]:
    exercises: list[ExerciseSource] = []
    for path in sorted(p for p in (content_dir / "exercises").iterdir() if p.is_dir()):
        if path.name.startswith((".", "_")):
            continue
        item = ExerciseSource(path=path, slug=path.name)
        exercises.append(item)
        try:
            item.meta = read_data(path)
        except ManifestError as exc:
            item.errors.append(str(exc))
            continue
        # The uuid is read on its own first, so that a folder whose other files are broken
        # is still matched to its row (and reported there) instead of looking "removed".
        with contextlib.suppress(ManifestError):  # reported by the full check below
            item.uuid = parse_uuid(item.meta.get("uuid"))
        try:
            item.manifest = ExerciseManifest.read(path, data=item.meta)
            item.spec = item.manifest.spec
        except ManifestError as exc:
            item.errors.extend(exc.problems)
            if exc.spec is None:
                continue
            item.spec = exc.spec
        try:
            item.solutions = read_test_solutions(path)
        except ManifestError as exc:
            item.errors.extend(exc.problems)
        try:
            item.statement_md = (path / "statement.md").read_text(encoding="utf-8")
            solution_path = path / "solution.md"
            item.solution_md = (
                solution_path.read_text(encoding="utf-8") if solution_path.exists() else ""
            )
        except (OSError, UnicodeDecodeError) as exc:
            item.errors.append(f"cannot read the statement or solution: {exc}")
            continue
        for name, text in (("statement.md", item.statement_md), ("solution.md", item.solution_md)):
            doc = render_document(text)
            item.errors.extend(f"{name}: {error}" for error in doc.errors)
            item.formulas.extend((name, formula) for formula in doc.formulas)
            if name == "statement.md":
                item.statement_html = doc.html
            else:
                item.solution_html = doc.html
        if not item.statement_md.strip():
            item.errors.append("statement.md is empty")
        elif item.statement_md.lstrip().startswith("# "):
            item.errors.append(
                "statement.md starts with a '# ' heading: the page shows the title from "
                "exercise.yaml already, start with the task"
            )
        item.content_hash = folder_hash(
            {
                "exercise.yaml": (path / "exercise.yaml").read_text(encoding="utf-8"),
                "statement.md": item.statement_md,
                "solution.md": item.solution_md,
                "starter.py": item.spec.starter_source,
                "reference.py": item.spec.reference_source,
                "cases.py": item.spec.cases_source,
            }
        )
    return exercises


def _internal_links(html: str) -> Iterable[tuple[str, str, str | None]]:
    for match in _INTERNAL_LINK.finditer(html):
        yield match.group(1), match.group(2), match.group(3)


def validate_links(
    lessons: list[LessonSource],
    exercises: list[ExerciseSource],
    *,
    linkable: dict[str, tuple[str, set[str]]] | None = None,
) -> None:
    """Every exercise names an existing lesson; every /lessons/, /exercises/ link resolves,
    and so does a link to another section's item (``linkable``: prefix → kind, slugs)."""
    linkable = linkable or {}
    lesson_toc = {lesson.slug: {t["id"] for t in lesson.toc} for lesson in lessons}
    exercise_slugs = {exercise.slug for exercise in exercises}

    def check(html: str, where: str, errors: list[str]) -> None:
        for kind, slug, anchor in _internal_links(html):
            if kind == "lessons":
                if slug not in lesson_toc:
                    errors.append(f"{where}: link to unknown lesson /lessons/{slug}/")
                elif anchor and anchor not in lesson_toc[slug] and not anchor.startswith("plot-"):
                    errors.append(f"{where}: lesson {slug} has no section #{anchor}")
            elif kind == "exercises" and slug not in exercise_slugs:
                errors.append(f"{where}: link to unknown exercise /exercises/{slug}/")
            elif kind in linkable and slug not in linkable[kind][1]:
                errors.append(f"{where}: link to unknown {linkable[kind][0]} /{kind}/{slug}/")

    for lesson in lessons:
        check(lesson.body_html, "body", lesson.errors)
    for exercise in exercises:
        lesson_slug = exercise.meta.get("lesson")
        if not isinstance(lesson_slug, str) or lesson_slug not in lesson_toc:
            exercise.errors.append(
                f"exercise.yaml: lesson {lesson_slug!r} has no content/lessons/ file"
            )
        check(exercise.statement_html, "statement.md", exercise.errors)
        check(exercise.solution_html, "solution.md", exercise.errors)

    _duplicates([(lesson.uuid, lesson.slug, lesson.errors) for lesson in lessons], "lesson")
    _duplicates([(e.uuid, e.slug, e.errors) for e in exercises], "exercise")


def _duplicates(items: list[tuple[uuid_lib.UUID | None, str, list[str]]], kind: str) -> None:
    seen: dict[uuid_lib.UUID, str] = {}
    for item_uuid, slug, errors in items:
        if item_uuid is None:
            continue
        if item_uuid in seen:
            errors.append(f"uuid {item_uuid} is already used by {kind} {seen[item_uuid]}")
        else:
            seen[item_uuid] = slug


# ------------------------------------------------------------------------------------------
# Grading validation
# ------------------------------------------------------------------------------------------


def validate_grading(
    exercises: list[ExerciseSource],
    *,
    grade: GradeFunction | None = None,
    jobs: int = 2,
    skip_hashes: set[str] | None = None,
    seeds: tuple[int, ...] = CHECK_SEEDS,
) -> None:
    """Grade references and starters through the sandbox, ``jobs`` exercises at a time.

    ``skip_hashes``: content already validated and stored (a re-sync of unchanged folders
    costs nothing). A folder with tests/ solutions is checked anyway: they are not part of the
    stored version, so its hash does not say whether they changed.
    """
    todo = [
        e
        for e in exercises
        if e.spec is not None
        and not e.errors
        and (e.solutions or e.content_hash not in (skip_hashes or set()))
    ]

    def run(item: ExerciseSource) -> list[str]:
        assert item.spec is not None
        try:
            return check_exercise(
                item.spec, grade=grade, seeds=seeds, solutions=item.solutions
            ).errors
        except Exception as exc:  # e.g. SandboxUnavailable: an error for this item, not a crash
            return [f"could not grade: {type(exc).__name__}: {exc}"]

    # Grading is a subprocess per call, so threads are enough to keep both cores busy.
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for item, errors in zip(todo, pool.map(run, todo), strict=True):
            item.errors.extend(errors)


def validate_formulas(sources: Sequence[LessonSource | ExerciseSource]) -> None:
    """Parse every formula with KaTeX (one node process for all); a failure is the item's error.

    The pages typeset math in the browser, where a bad formula would only show as red TeX:
    this is what lets ``sync_content --check`` refuse it instead.
    """
    unique = list(dict.fromkeys(formula for source in sources for _, formula in source.formulas))
    messages = dict(zip(unique, katex_errors(unique), strict=True))
    for source in sources:
        for where, formula in source.formulas:
            message = messages[formula]
            if message is not None:
                dollars = "$$" if formula.display else "$"
                source.errors.append(
                    f"{where}: cannot typeset {dollars}{formula.tex}{dollars}: {message}"
                )


# ------------------------------------------------------------------------------------------
# Entry points
# ------------------------------------------------------------------------------------------


class ContentSection(Protocol):
    """Material another app keeps in content/ and loads in the same `sync_content` run.

    The quizzes app registers content/quizzes/ when it starts (`section_register`): the
    catalog calls it without importing it. `check` validates without writing (None when the
    section's folder is absent); `sync` writes. Both report one ItemReport per item, after
    lessons (which items may link to) are read or written.
    """

    kind: str  # the word in reports: "quiz"
    link_prefix: str  # lessons link to its items as /<link_prefix>/<slug>/

    def check(self, content_dir: Path, *, lesson_slugs: set[str]) -> list[ItemReport] | None: ...

    def sync(self, content_dir: Path, *, lesson_slugs: set[str]) -> list[ItemReport]: ...


SECTIONS: list[ContentSection] = []


def section_register(section: ContentSection) -> None:
    if all(type(known) is not type(section) for known in SECTIONS):
        SECTIONS.append(section)


def _read_all(
    content_dir: Path, *, check_sections: bool = True
) -> tuple[list[LessonSource], list[ExerciseSource], list[ItemReport]]:
    """Lessons and exercises read and checked; sections checked too, or (``check_sections``
    False, when syncing: a section's sync validates what it writes) only asked for the slugs
    lessons may link to when the section can say them cheaply (``link_slugs``)."""
    lessons = read_lessons(content_dir)
    exercises = read_exercises(content_dir) if (content_dir / "exercises").is_dir() else []
    lesson_slugs = {lesson.slug for lesson in lessons}
    others: list[ItemReport] = []
    linkable: dict[str, tuple[str, set[str]]] = {}
    for section in SECTIONS:
        link_slugs = getattr(section, "link_slugs", None)
        if not check_sections and link_slugs is not None:
            slugs = link_slugs(content_dir)
            if slugs is not None:
                linkable[section.link_prefix] = (section.kind, set(slugs))
            continue
        reports = section.check(content_dir, lesson_slugs=lesson_slugs)
        # Without its folder, links to a section cannot be checked (its items may live in
        # the database only); with one, a lesson linking to a missing item is an error.
        if reports is not None:
            others.extend(reports)
            linkable[section.link_prefix] = (section.kind, {report.slug for report in reports})
    validate_links(lessons, exercises, linkable=linkable)
    return lessons, exercises, others


def content_check(
    *,
    content_dir: Path,
    grade: GradeFunction | None = None,
    jobs: int = 2,
    seeds: tuple[int, ...] = CHECK_SEEDS,
) -> SyncReport:
    """Validate everything under ``content_dir`` without touching the database."""
    lessons, exercises, others = _read_all(content_dir)
    validate_grading(exercises, grade=grade, jobs=jobs, seeds=seeds)
    report = SyncReport()
    try:
        validate_formulas([*lessons, *exercises])
    except KatexUnavailable as exc:
        report.items.append(ItemReport("math", "katex", "error", [str(exc)]))
    for lesson in lessons:
        report.items.append(
            ItemReport("lesson", lesson.slug, "error" if lesson.errors else "ok", lesson.errors)
        )
    for exercise in exercises:
        report.items.append(
            ItemReport(
                "exercise", exercise.slug, "error" if exercise.errors else "ok", exercise.errors
            )
        )
    report.items.extend(others)
    return report


def content_sync(
    *,
    content_dir: Path,
    grade: GradeFunction | None = None,
    jobs: int = 2,
    seeds: tuple[int, ...] = CHECK_SEEDS,
) -> SyncReport:
    """Validate and load ``content_dir`` into the database; see the module docstring."""
    from catalog.models import Exercise

    lessons, exercises, _others = _read_all(content_dir, check_sections=False)
    # A stored current version was validated when it was created: unchanged folders are not
    # graded again, so a re-sync is quick.
    known = set(
        Exercise.objects.exclude(current_version=None).values_list(
            "current_version__content_hash", flat=True
        )
    )
    validate_grading(exercises, grade=grade, jobs=jobs, skip_hashes=known, seeds=seeds)
    report = SyncReport()
    lesson_uuids = {lesson.uuid for lesson in lessons if lesson.uuid}
    exercise_uuids = {exercise.uuid for exercise in exercises if exercise.uuid}
    for lesson in lessons:
        report.items.append(_sync_lesson(lesson, present=lesson_uuids))
    report.items.extend(_deactivate_lessons(lesson_uuids))
    for exercise in exercises:
        report.items.append(_sync_exercise(exercise, present=exercise_uuids))
    report.items.extend(
        _deactivate_exercises(
            exercise_uuids, broken_slugs={e.slug for e in exercises if e.uuid is None}
        )
    )
    lesson_slugs = {lesson.slug for lesson in lessons}
    for section in SECTIONS:
        report.items.extend(section.sync(content_dir, lesson_slugs=lesson_slugs))
    return report


# ------------------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------------------


def _free_slug(
    model: type[Lesson] | type[Exercise],
    slug: str,
    owner: uuid_lib.UUID,
    present: set[uuid_lib.UUID],
) -> None:
    """Move another row off ``slug`` so the row ``owner`` can take it.

    A row still on disk under another name gets a temporary slug (its own sync sets the real
    one); a row no longer on disk is hidden under a slug that says so.
    """
    other = model.objects.filter(slug=slug).exclude(uuid=owner).first()
    if other is None:
        return
    suffix = other.uuid.hex[:8]
    other.slug = (
        f"{slug[:60]}-moved-{suffix}" if other.uuid in present else f"{slug[:60]}-removed-{suffix}"
    )
    other.is_active = other.is_active and other.uuid in present
    other.save(update_fields=["slug", "is_active"])


def _sync_lesson(source: LessonSource, *, present: set[uuid_lib.UUID]) -> ItemReport:
    from django.db import transaction

    from catalog.authoring import lesson_version_record
    from catalog.models import Lesson

    if source.uuid is None:
        return ItemReport("lesson", source.slug, "error", source.errors)
    values = {
        "slug": source.slug,
        "title": source.title,
        "order": source.order,
        "summary": source.summary,
        "body_md": source.body_md,
        "body_html": source.body_html,
        "toc": source.toc,
        "is_active": True,
        "source_path": f"lessons/{source.path.name}",
    }
    try:
        with transaction.atomic():
            _free_slug(Lesson, source.slug, source.uuid, present)
            lesson = Lesson.objects.filter(uuid=source.uuid).first()
            synced = f"Synced from content/lessons/{source.path.name}"
            if lesson is None:
                lesson = Lesson.objects.create(uuid=source.uuid, **values)
                lesson_version_record(lesson=lesson, author=None, message=synced)
                return ItemReport("lesson", source.slug, "created", source.errors)
            changed = [key for key, value in values.items() if getattr(lesson, key) != value]
            if not changed:
                return ItemReport("lesson", source.slug, "unchanged", source.errors)
            old_slug = lesson.slug
            for key in changed:
                setattr(lesson, key, values[key])
            lesson.save()
            lesson_version_record(lesson=lesson, author=None, message=synced)
            if "slug" in changed:
                return ItemReport(
                    "lesson", source.slug, "renamed", source.errors, f"was {old_slug}"
                )
            return ItemReport("lesson", source.slug, "updated", source.errors, ", ".join(changed))
    except Exception as exc:  # one bad row must not stop the rest of the sync
        return ItemReport("lesson", source.slug, "error", [*source.errors, f"database: {exc}"])


def _deactivate_lessons(present: set[uuid_lib.UUID]) -> list[ItemReport]:
    from catalog.models import Lesson

    reports = []
    # Only the site library comes from content/: lessons written in the browser (a course's,
    # an instructor's, a copy) have no file, and must not be hidden for lacking one.
    site = Lesson.objects.filter(is_active=True, library__kind="site")
    for lesson in site.exclude(uuid__in=present):
        lesson.is_active = False
        lesson.save(update_fields=["is_active"])
        reports.append(ItemReport("lesson", lesson.slug, "deactivated", [], "file removed"))
    return reports


def _json_safe(meta: dict[str, Any]) -> dict[str, Any]:
    safe: dict[str, Any] = json.loads(json.dumps(meta, default=str))
    return safe


def _sync_exercise(source: ExerciseSource, *, present: set[uuid_lib.UUID]) -> ItemReport:
    from django.db import transaction
    from django.db.models import Max

    from catalog.models import Exercise, ExerciseVersion, Lesson

    errors_text = "\n".join(source.errors)
    if source.uuid is None:
        # Cannot be matched by uuid; record the errors on the row that had this slug, if any.
        Exercise.objects.filter(slug=source.slug).update(sync_errors=errors_text)
        return ItemReport("exercise", source.slug, "error", source.errors)
    try:
        with transaction.atomic():
            exercise = Exercise.objects.filter(uuid=source.uuid).first()
            manifest = source.manifest
            if source.errors or manifest is None:
                if exercise is not None:
                    exercise.sync_errors = errors_text
                    exercise.save(update_fields=["sync_errors"])
                    detail = "kept its last good version" if exercise.current_version_id else ""
                    return ItemReport("exercise", source.slug, "error", source.errors, detail)
                return ItemReport("exercise", source.slug, "error", source.errors, "not loaded")
            lesson = Lesson.objects.filter(slug=manifest.lesson).first()
            values = {
                "slug": source.slug,
                "title": manifest.title,
                "lesson": lesson,
                "topic": manifest.topic,
                "difficulty": manifest.difficulty,
                "points": manifest.points,
                "order": manifest.order,
                "tags": manifest.tags,
                "status": manifest.status,
                "is_active": True,
                "source_path": f"exercises/{source.path.name}",
                "sync_errors": "",
            }
            _free_slug(Exercise, source.slug, source.uuid, present)
            action, detail = "updated", ""
            if exercise is None:
                exercise = Exercise.objects.create(uuid=source.uuid, **values)
                action = "created"
                changed = ["exercise"]
            else:
                changed = [key for key, value in values.items() if getattr(exercise, key) != value]
                if "slug" in changed:
                    action, detail = "renamed", f"was {exercise.slug}"
                for key in changed:
                    setattr(exercise, key, values[key])
            current = exercise.current_version
            if current is None or current.content_hash != source.content_hash:
                number = (exercise.versions.aggregate(n=Max("number"))["n"] or 0) + 1
                exercise.current_version = ExerciseVersion.objects.create(
                    exercise=exercise,
                    number=number,
                    function_name=manifest.function,
                    statement_md=source.statement_md,
                    statement_html=source.statement_html,
                    starter_code=manifest.spec.starter_source,
                    reference_code=manifest.spec.reference_source,
                    cases_code=manifest.spec.cases_source,
                    solution_md=source.solution_md,
                    solution_html=source.solution_html,
                    meta=_json_safe(manifest.dump()),
                    content_hash=source.content_hash,
                )
                changed.append("current_version")
                if action == "updated":
                    action = "new version"
                detail = detail or f"v{number}"
            elif (current.statement_html, current.solution_html) != (
                source.statement_html,
                source.solution_html,
            ):
                # Same graded content, but the renderer changed: HTML is derived, so refresh
                # it in place instead of minting a version nobody authored.
                current.statement_html = source.statement_html
                current.solution_html = source.solution_html
                current.save(update_fields=["statement_html", "solution_html"])
                changed.append("html")
            if not changed:
                return ItemReport("exercise", source.slug, "unchanged")
            exercise.save()
            return ItemReport("exercise", source.slug, action, [], detail or ", ".join(changed))
    except Exception as exc:  # one bad row must not stop the rest of the sync
        return ItemReport("exercise", source.slug, "error", [*source.errors, f"database: {exc}"])


def _deactivate_exercises(
    present: set[uuid_lib.UUID], *, broken_slugs: set[str]
) -> list[ItemReport]:
    from catalog.models import Exercise

    reports = []
    # Only the site library comes from content/ (see _deactivate_lessons).
    gone = Exercise.objects.filter(is_active=True, library__kind="site").exclude(uuid__in=present)
    for exercise in gone.exclude(slug__in=broken_slugs):
        exercise.is_active = False
        exercise.save(update_fields=["is_active"])
        reports.append(ItemReport("exercise", exercise.slug, "deactivated", [], "folder removed"))
    return reports
