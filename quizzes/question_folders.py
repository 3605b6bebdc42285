"""content/questions/<topic>/<slug>/: question folders, read, checked and loaded by uuid.

A folder holds `question.yaml` (uuid, title, topic, lesson, tags, points, the answer's type,
mode and tolerance, the names of the anticipated wrong answers) and `generator.py`, whose
`generate(rng)` returns the variant as plain data. The generator never runs here: every run
goes through the authors' jail (`grader.questions`), a whole batch of seeds at a time.

`sync_content --check` runs each generator on every seed of the pool (rendering the first
`CHECK_SEEDS`), as `sync_content` does: the variants must be
deterministic, their answers finite and of the declared type and mode, `check_answer` must
accept the question's own answer and reject every anticipated wrong answer (whose message a
student typing it then sees), and prompts and solutions must render (every formula through
KaTeX, as lessons are checked). `sync_content` does the same on the pool of seeds it stores
(`quizzes.bank.POOL_SIZE`), creates a new `QuestionVersion` when a folder changed, keeps the
last good version of a broken folder, and hides the question of a folder that disappeared.
"""

from __future__ import annotations

import math
import uuid as uuid_lib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from catalog.manifest import SLUG_RE, folder_hash
from catalog.models import Lesson, Topic
from catalog.rendering import Formula, KatexUnavailable, katex_errors, render_document
from catalog.sync import ItemReport
from grader.questions import GeneratedVariant, QuestionError, generate_variants
from quizzes.analysis import bucket_spec_parse, bucket_value
from quizzes.bank import POOL_SIZE, pool_fill, variant_from_generated
from quizzes.checking import AnswerSpec, spec_problems
from quizzes.models import Question, QuestionVersion

FOLDER = "questions"
CHECK_SEEDS = tuple(range(64))  # --check: at least 50 seeds per generator (issue #17)
ANSWER_TYPES = {"number": 0, "integer": 0, "vector": 1, "matrix": 2}  # type -> ndim
OTHER_TYPES = ("choice", "symbolic", "parts")  # checking.AnswerSpec kinds; no mode or tol
MODES = ("relative", "absolute", "sigfigs", "exact")
_KEYS = {"uuid", "title", "topic", "lesson", "tags", "points", "answer", "feedback", "buckets"}
_ANSWER_KEYS = {"type", "mode", "modes", "tol", "partial", "unordered"}


@dataclass
class QuestionFolder:
    path: Path
    slug: str
    uuid: uuid_lib.UUID | None = None
    title: str = ""
    topic: str = ""
    lesson: str | None = None
    tags: list[str] = field(default_factory=list)
    points: int = 1
    answer: dict[str, Any] = field(default_factory=dict)
    feedback: list[str] = field(default_factory=list)
    source: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    content_hash: str = ""
    errors: list[str] = field(default_factory=list)
    formulas: list[tuple[str, Formula]] = field(default_factory=list)

    @property
    def modes(self) -> set[str]:
        return set(self.answer.get("modes") or [self.answer.get("mode", "relative")])


def _problems(data: dict[str, Any], lesson_slugs: set[str] | None) -> list[str]:
    problems = [f"question.yaml: unknown key {key!r}" for key in sorted(set(data) - _KEYS)]
    if not isinstance(data.get("title"), str) or not data["title"].strip():
        problems.append("question.yaml needs a non-empty `title:`")
    if data.get("topic") not in Topic.values:
        problems.append(
            f"topic must be one of {', '.join(Topic.values)}, got {data.get('topic')!r}"
        )
    lesson = data.get("lesson")
    if lesson is not None and (
        not isinstance(lesson, str) or (lesson_slugs is not None and lesson not in lesson_slugs)
    ):
        problems.append(f"lesson {lesson!r} has no content/lessons/ file")
    tags = data.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        problems.append("tags must be a list of words")
    points = data.get("points", 1)
    if isinstance(points, bool) or not isinstance(points, int) or points < 1:
        problems.append(f"points must be a whole number >= 1, got {points!r}")
    answer = data.get("answer")
    if not isinstance(answer, dict):
        return [*problems, "question.yaml needs `answer:` with type, mode and tol"]
    problems += [f"answer: unknown key {key!r}" for key in sorted(set(answer) - _ANSWER_KEYS)]
    if answer.get("type") in OTHER_TYPES:
        extra = sorted(set(answer) & {"mode", "modes", "tol", "unordered"})
        problems += [f"answer: {key!r} is for number answers only" for key in extra]
        names = data.get("feedback") or []
        if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
            problems.append("feedback must be a list of the anticipated wrong answers' names")
        return problems
    if answer.get("type") not in ANSWER_TYPES:
        problems.append(f"answer type must be one of {', '.join([*ANSWER_TYPES, *OTHER_TYPES])}")
    modes = answer.get("modes") or [answer.get("mode")]
    if not isinstance(modes, list) or not all(mode in MODES for mode in modes):
        problems.append(f"answer mode must be one of {', '.join(MODES)}")
    tol = answer.get("tol", 0)
    if (
        isinstance(tol, bool)
        or not isinstance(tol, int | float)
        or not math.isfinite(tol)
        or tol < 0
    ):
        problems.append(f"answer tol must be a non-negative number, got {tol!r}")
    names = data.get("feedback") or []
    if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
        problems.append("feedback must be a list of the anticipated wrong answers' names")
    problems += bucket_spec_parse(data.get("buckets"))[1]
    return problems


def read_question_folder(path: Path, *, lesson_slugs: set[str] | None = None) -> QuestionFolder:
    try:
        meta_text = (path / "question.yaml").read_text(encoding="utf-8")
        source = (path / "generator.py").read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        item = QuestionFolder(path=path, slug=path.name)
        item.errors.append(f"missing {Path(str(exc.filename)).name}")
        return item
    except (OSError, UnicodeDecodeError) as exc:
        item = QuestionFolder(path=path, slug=path.name)
        item.errors.append(f"cannot read: {exc}")
        return item
    return question_folder_parse(path, meta_text, source, lesson_slugs=lesson_slugs)


def question_folder_parse(
    path: Path, meta_text: str, source: str, *, lesson_slugs: set[str] | None = None
) -> QuestionFolder:
    """A folder from the text of its two files: what sync reads from content/, and what the
    browser editor (quizzes.question_authoring) builds from its form."""
    item = QuestionFolder(path=path, slug=path.name, source=source)
    if not SLUG_RE.match(item.slug):
        item.errors.append("folder name must be a slug: lowercase letters, digits, hyphens")
    try:
        data = yaml.safe_load(meta_text)
    except yaml.YAMLError as exc:
        item.errors.append(f"cannot read: {exc}")
        return item
    if not isinstance(data, dict):
        item.errors.append("question.yaml must be a mapping of keys to values")
        return item
    try:
        item.uuid = uuid_lib.UUID(str(data.get("uuid")))
    except ValueError:
        item.errors.append(f"uuid must be a UUID like 3f0c1f8e-..., got {data.get('uuid')!r}")
    problems = _problems(data, lesson_slugs)
    item.errors.extend(problems)
    if problems:
        return item
    if path.parent.name != data["topic"]:
        item.errors.append(f"the folder is under {path.parent.name}/ but topic is {data['topic']}")
    item.meta = data
    item.title, item.topic = data["title"].strip(), data["topic"]
    item.lesson, item.tags, item.points = (
        data.get("lesson"),
        data.get("tags", []),
        data.get("points", 1),
    )
    item.answer, item.feedback = dict(data["answer"]), list(data.get("feedback") or [])
    item.content_hash = folder_hash({"question.yaml": meta_text, "generator.py": item.source})
    return item


def read_question_folders(
    content_dir: Path, *, lesson_slugs: set[str] | None = None
) -> list[QuestionFolder]:
    """Every folder under content/questions/<topic>/; duplicate slugs and uuids are errors."""
    root = content_dir / FOLDER
    folders = [
        read_question_folder(path, lesson_slugs=lesson_slugs)
        for path in sorted(root.glob("*/*"))
        if path.is_dir() and not path.name.startswith((".", "_"))
    ]
    seen: dict[object, str] = {}
    for item in folders:
        for key, what in (("slug", item.slug), (item.uuid, f"uuid {item.uuid}")):
            if key is None:
                continue
            mark = (key, item.slug) if key == "slug" else key
            if mark in seen:
                item.errors.append(f"{what} is already used by {seen[mark]}")
            else:
                seen[mark] = str(item.path.relative_to(root))
    return folders


def rule_names(spec: AnswerSpec) -> list[str]:
    """The names (ids) of a spec's feedback rules, its parts' included."""
    names = [rule.id for rule in spec.feedback]
    for item in spec.parts:
        names.extend(rule_names(item.answer))
    return names


def check_variants(
    item: QuestionFolder, variants: tuple[GeneratedVariant, ...], *, render: int | None = None
) -> list[str]:
    """What is wrong with a generator's variants (the first ten problems). Only the first
    `render` variants' Markdown is rendered (None: all): rendering is most of the cost."""
    problems: list[str] = []
    kind = item.answer["type"]
    declared_tol = float(item.answer.get("tol", 0))
    buckets, _ = bucket_spec_parse(item.meta.get("buckets"))
    for index, generated in enumerate(variants):
        where = f"seed {generated.seed}"
        try:
            variant = variant_from_generated(item.slug, generated)
        except ValueError as exc:
            problems.append(f"{where}: the answer is malformed: {exc}")
            continue
        spec = variant.answer
        if kind in OTHER_TYPES:
            if spec.kind != kind:
                problems.append(f"{where}: the answer is a {spec.kind}, not a {kind}")
        else:
            if spec.kind != "number":
                problems.append(f"{where}: the answer is a {spec.kind}, not a {kind}")
                continue
            if spec.mode not in item.modes:
                problems.append(
                    f"{where}: answer mode {spec.mode} is not the declared {sorted(item.modes)}"
                )
            elif spec.mode != "exact" and not math.isclose(spec.tolerance, declared_tol):
                problems.append(
                    f"{where}: answer tol {spec.tolerance:g} is not the declared {declared_tol:g}"
                )
            if spec.array.ndim != ANSWER_TYPES[kind]:
                problems.append(f"{where}: the answer is not a {kind}")
            if kind == "integer" and spec.mode != "exact":
                problems.append(f"{where}: an integer answer needs mode exact")
        # The own answer is graded correct, and every feedback rule fires on its own value
        # with its message (not shadowed by the answer or an earlier rule): checking's
        # spec_problems, the same check_answer students are graded by.
        problems.extend(f"{where}: {problem}" for problem in spec_problems(spec))
        for name in rule_names(spec):
            if name not in item.feedback:
                problems.append(f"{where}: feedback {name!r} is not listed in question.yaml")
        if buckets is not None and bucket_value(buckets, variant.params) is None:
            problems.append(f"{where}: buckets: parameter {buckets.param!r} is not a number")
        if render is not None and index >= render:
            continue
        for name, text in (("prompt", variant.prompt), ("solution", variant.solution)):
            doc = render_document(text)
            problems.extend(f"{where}: {name}: {error}" for error in doc.errors)
            item.formulas.extend((f"{where}: {name}", formula) for formula in doc.formulas)
    unique: list[str] = []
    for problem in problems:
        if problem not in unique:
            unique.append(problem)
    return unique[:10]


def _run(
    item: QuestionFolder, seeds: tuple[int, ...], *, render: int | None = None
) -> tuple[GeneratedVariant, ...]:
    """Generate and check `seeds` in one jail run; problems go to item.errors."""
    try:
        batch = generate_variants(
            slug=item.slug, source=item.source, seeds=seeds, check_determinism=True
        )
    except QuestionError as exc:
        item.errors.append(str(exc))
        return ()
    item.errors.extend(batch.problems)
    item.errors.extend(check_variants(item, batch.variants, render=render))
    return batch.variants


def question_check(
    item: QuestionFolder, seeds: tuple[int, ...], *, render: int | None = None
) -> tuple[GeneratedVariant, ...]:
    """`sync_content --check` for one folder: its variants for `seeds` (one jail run), with
    every problem found in item.errors (formulas through KaTeX included)."""
    if item.errors:
        return ()
    variants = _run(item, seeds, render=render)
    try:
        _katex([item])
    except KatexUnavailable as exc:
        item.errors.append(str(exc))
    return variants


def _katex(items: list[QuestionFolder]) -> None:
    formulas = list(dict.fromkeys(f for item in items for _, f in item.formulas))
    messages = dict(zip(formulas, katex_errors(formulas), strict=True))
    for item in items:
        bad = [(where, f) for where, f in item.formulas if messages[f] is not None]
        for where, formula in bad[:5]:
            item.errors.append(f"{where}: cannot typeset ${formula.tex}$: {messages[formula]}")


def _free_slug(slug: str, owner: uuid_lib.UUID) -> None:
    other = Question.objects.filter(slug=slug).exclude(uuid=owner).first()
    if other is not None:
        other.slug = f"{slug[:60]}-moved-{other.uuid.hex[:8]}"
        other.save(update_fields=["slug"])


def _sync_one(item: QuestionFolder, *, generate: bool) -> ItemReport:
    assert item.uuid is not None
    if Question.objects.filter(slug=item.slug, source_path="").exclude(uuid=item.uuid).exists():
        # Quizzes name it by that slug: renaming it (as _free_slug does) would break them.
        return ItemReport(
            "question",
            item.slug,
            "error",
            [f"{item.slug} is the name of a question written in the browser; rename the folder"],
        )
    lesson = Lesson.objects.filter(slug=item.lesson).first() if item.lesson else None
    values = {
        "slug": item.slug,
        "title": item.title,
        "topic": item.topic,
        "lesson": lesson,
        "tags": item.tags,
        "points": item.points,
        "is_active": True,
        "source_path": str(Path(FOLDER) / item.topic / item.slug),
    }
    row = Question.objects.filter(uuid=item.uuid).select_related("current_version").first()
    current = row.current_version if row else None
    if current is not None and current.content_hash == item.content_hash:
        changed = [key for key, value in values.items() if getattr(row, key) != value]
        if changed:
            with transaction.atomic():
                _free_slug(item.slug, item.uuid)
                Question.objects.filter(pk=row.pk).update(**values)  # type: ignore[union-attr]
        return ItemReport("question", item.slug, "updated" if changed else "unchanged")
    variants: tuple[GeneratedVariant, ...] = ()
    if generate:
        # The whole pool is checked; its first CHECK_SEEDS variants are rendered too.
        variants = _run(item, tuple(range(POOL_SIZE)), render=len(CHECK_SEEDS))
        if item.errors:
            # A broken edit keeps serving the last good version.
            return ItemReport("question", item.slug, "error", item.errors)
    with transaction.atomic():
        _free_slug(item.slug, item.uuid)
        if row is None:
            row = Question.objects.create(uuid=item.uuid, **values)
            action = "created"
        else:
            for key, value in values.items():
                setattr(row, key, value)
            action = "new version"
        number = (
            row.versions.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
        version = QuestionVersion.objects.create(
            question=row,
            number=number,
            generator_code=item.source,
            meta=item.meta | {"uuid": str(item.uuid)},
            content_hash=item.content_hash,
        )
        row.current_version = version
        row.save()
    if generate:
        pool_fill(version=version, generated=variants)
    return ItemReport("question", item.slug, action, detail=f"v{number}")


def questions_sync(
    content_dir: Path, *, lesson_slugs: set[str] | None = None, generate: bool = True
) -> list[ItemReport]:
    """Load every valid folder (``generate=False``: without running the generators, which
    only tests do: their variants are then generated on demand)."""
    items = read_question_folders(content_dir, lesson_slugs=lesson_slugs)
    reports: list[ItemReport] = []
    for item in items:
        if item.errors or item.uuid is None:
            reports.append(ItemReport("question", item.slug, "error", item.errors))
            continue
        reports.append(_sync_one(item, generate=generate))
    present = {item.uuid for item in items if item.uuid}
    broken = {item.slug for item in items if item.uuid is None}
    gone = (
        Question.objects.filter(is_active=True)
        .exclude(uuid__in=present)
        .exclude(slug__in=broken)
        .exclude(source_path="")  # written in the browser: not content/'s to hide
    )
    for row in gone:
        row.is_active = False
        row.save(update_fields=["is_active"])
        reports.append(ItemReport("question", row.slug, "deactivated"))
    return reports


def questions_check(
    content_dir: Path, *, lesson_slugs: set[str] | None = None, seeds: tuple[int, ...] = CHECK_SEEDS
) -> list[ItemReport]:
    items = read_question_folders(content_dir, lesson_slugs=lesson_slugs)
    for item in items:
        if not item.errors:
            # The whole pool, as `sync_content` stores and checks it (a variant that only the
            # pool reaches made `make run` refuse a question `--check` had passed); the first
            # `len(seeds)` variants are rendered too.
            _run(item, tuple(range(max(POOL_SIZE, len(seeds)))), render=len(seeds))
    reports: list[ItemReport] = []
    try:
        _katex(items)
    except KatexUnavailable as exc:
        reports.append(ItemReport("math", "katex", "error", [str(exc)]))
    reports += [
        ItemReport("question", item.slug, "error" if item.errors else "ok", item.errors)
        for item in items
    ]
    return reports


class QuestionSection:
    """content/questions/ as a section of `sync_content` (see catalog.sync.ContentSection);
    registered before quizzes, which name its questions."""

    kind = "question"
    link_prefix = FOLDER

    def check(self, content_dir: Path, *, lesson_slugs: set[str]) -> list[ItemReport] | None:
        if not (content_dir / FOLDER).is_dir():
            return None
        return questions_check(content_dir, lesson_slugs=lesson_slugs)

    def sync(self, content_dir: Path, *, lesson_slugs: set[str]) -> list[ItemReport]:
        if not (content_dir / FOLDER).is_dir():
            return []
        return questions_sync(content_dir, lesson_slugs=lesson_slugs)

    def link_slugs(self, content_dir: Path) -> list[str] | None:
        """The folders' names, without running anything: what `sync_content` (which checks
        each changed folder as it loads it) asks for instead of `check`."""
        if not (content_dir / FOLDER).is_dir():
            return None
        return [item.slug for item in read_question_folders(content_dir)]


def questions_load_rows(items: list[QuestionFolder]) -> None:
    """Write valid folders into an empty bank in four queries, without running their
    generators (their variants are generated on demand). For tests' databases only: a real
    bank is loaded, and checked, by `questions_sync`."""
    valid = [item for item in items if not item.errors and item.uuid is not None]
    lessons = dict(
        Lesson.objects.filter(slug__in={i.lesson for i in valid if i.lesson}).values_list(
            "slug", "pk"
        )
    )
    rows = Question.objects.bulk_create(
        Question(
            uuid=item.uuid or uuid_lib.uuid4(),  # never None: filtered above
            slug=item.slug,
            title=item.title,
            topic=item.topic,
            lesson_id=lessons.get(item.lesson or ""),
            tags=item.tags,
            points=item.points,
            source_path=str(Path(FOLDER) / item.topic / item.slug),
        )
        for item in valid
    )
    versions = QuestionVersion.objects.bulk_create(
        QuestionVersion(
            question=row,
            number=1,
            generator_code=item.source,
            meta=item.meta | {"uuid": str(item.uuid)},
            content_hash=item.content_hash,
        )
        for row, item in zip(rows, valid, strict=True)
    )
    for row, version in zip(rows, versions, strict=True):
        row.current_version = version
    Question.objects.bulk_update(rows, ["current_version"])
