"""Questions written in the browser: the same two files as a content/questions/ folder.

The editor's form is `question.yaml` as fields plus `generator.py` as text; here they become a
`QuestionFolder` (`question_folders.question_folder_parse`) so that a browser question passes
exactly the checks a folder passes. The generator never runs in this process: preview,
validate and save all go through `grader.questions.generate_variants` (the authors' jail),
directly or via `question_folders.question_check` — the function `sync_content --check` runs.

A question belongs to a library (issue #21), like lessons, exercises and quizzes: its
editors change it; site questions are read-only for instructors, who copy them into their
own or a course's library; anyone else's question is a 404. Saving makes a new
`QuestionVersion` (author, message) with its pool of variants, so quiz attempts read rows.
"""

from __future__ import annotations

import difflib
import secrets
import uuid as uuid_lib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.roles import is_instructor
from catalog.access import editable_library_ids
from catalog.authoring import DiffLine, FileDiff
from catalog.models import Lesson, Library
from catalog.rendering import render_document
from grader.questions import QuestionError, generate_variants
from quizzes.answers import format_answer
from quizzes.bank import POOL_SIZE, pool_fill, variant_from_generated
from quizzes.models import Question, QuestionVariant, QuestionVersion
from quizzes.question_folders import (
    CHECK_SEEDS,
    FOLDER,
    QuestionFolder,
    question_check,
    question_folder_parse,
)

if TYPE_CHECKING:
    from catalog.access import AnyUser

PREVIEW_VARIANTS = 3
MAX_SOURCE_CHARS = 100_000


class QuestionAuthoringError(Exception):
    """Saving was refused; `problems` says why (each a line for the author)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class QuestionDraft:
    """What the editor's form holds: question.yaml's fields and generator.py's text."""

    title: str
    topic: str
    lesson: str | None
    tags: tuple[str, ...]
    points: int
    answer_type: str
    mode: str
    tol: float
    partial: bool
    unordered: bool
    feedback: tuple[str, ...]
    source: str

    def meta(self, uuid: uuid_lib.UUID) -> dict[str, Any]:
        answer: dict[str, Any] = {"type": self.answer_type, "mode": self.mode, "tol": self.tol}
        if self.partial:
            answer["partial"] = True
        if self.unordered:
            answer["unordered"] = True
        return {
            "uuid": str(uuid),
            "title": self.title,
            "topic": self.topic,
            "lesson": self.lesson or None,
            "tags": list(self.tags),
            "points": self.points,
            "answer": answer,
            "feedback": list(self.feedback),
        }

    @classmethod
    def from_version(cls, version: QuestionVersion) -> QuestionDraft:
        meta = version.meta
        answer = meta.get("answer") or {}
        modes = answer.get("modes") or [answer.get("mode", "relative")]
        return cls(
            title=str(meta.get("title", "")),
            topic=str(meta.get("topic", "")),
            lesson=meta.get("lesson"),
            tags=tuple(meta.get("tags") or ()),
            points=int(meta.get("points", 1)),
            answer_type=str(answer.get("type", "number")),
            mode=str(modes[0]),
            tol=float(answer.get("tol", 0)),
            partial=bool(answer.get("partial", False)),
            unordered=bool(answer.get("unordered", False)),
            feedback=tuple(meta.get("feedback") or ()),
            source=version.generator_code,
        )


def question_folder(*, slug: str, draft: QuestionDraft, uuid: uuid_lib.UUID) -> QuestionFolder:
    """The draft as a question folder, read and checked as sync reads content/ (no jail)."""
    lessons = set(Lesson.objects.filter(archived_at__isnull=True).values_list("slug", flat=True))
    meta_text = yaml.safe_dump(draft.meta(uuid), sort_keys=False, allow_unicode=True)
    item = question_folder_parse(
        Path(FOLDER) / draft.topic / slug, meta_text, draft.source, lesson_slugs=lessons
    )
    if len(draft.source) > MAX_SOURCE_CHARS:
        item.errors.append(f"generator.py is longer than {MAX_SOURCE_CHARS:,} characters")
    return item


@dataclass(frozen=True)
class PreviewVariant:
    seed: int
    prompt_html: str
    solution_html: str
    answer_text: str
    mode: str
    tolerance: float
    params: dict[str, Any]
    feedback: tuple[dict[str, Any], ...]  # name, typed (what a student would type), message
    errors: tuple[str, ...]


@dataclass(frozen=True)
class Preview:
    variants: tuple[PreviewVariant, ...] = ()
    errors: tuple[str, ...] = ()


def question_preview(*, slug: str, draft: QuestionDraft, count: int = PREVIEW_VARIANTS) -> Preview:
    """`count` fresh variants, generated in one jail run and rendered (sanitized) here."""
    item = question_folder(slug=slug, draft=draft, uuid=uuid_lib.uuid4())
    if item.errors:
        return Preview(errors=tuple(item.errors))
    seeds = [secrets.randbelow(2**62) for _ in range(count)]
    try:
        batch = generate_variants(slug=slug, source=draft.source, seeds=seeds)
    except QuestionError as exc:
        return Preview(errors=(str(exc),))
    shown = []
    for generated in batch.variants:
        variant = variant_from_generated(slug, generated)
        prompt, solution = render_document(variant.prompt), render_document(variant.solution)
        shown.append(
            PreviewVariant(
                seed=variant.seed,
                prompt_html=prompt.html,
                solution_html=solution.html,
                answer_text=variant.answer.text(),
                mode=variant.answer.mode,
                tolerance=variant.answer.tolerance,
                params=variant.params,
                feedback=tuple(
                    {
                        "name": rule["name"],
                        "typed": format_answer(rule["value"]),
                        "message": rule["message"],
                        "credit": rule["credit"],
                    }
                    for rule in variant.feedback
                ),
                errors=tuple(prompt.errors + solution.errors),
            )
        )
    return Preview(variants=tuple(shown))


def question_validate(
    *, slug: str, draft: QuestionDraft, seeds: tuple[int, ...] = CHECK_SEEDS
) -> list[str]:
    """The problems `sync_content --check` would report for this draft (none: it is sound)."""
    item = question_folder(slug=slug, draft=draft, uuid=uuid_lib.uuid4())
    question_check(item, seeds)
    return item.errors


RESERVED_SLUGS = {"new"}  # a path segment under manage/questions/


def _check_slug(slug: str) -> None:
    if slug in RESERVED_SLUGS or Question.objects.filter(slug=slug).exists():
        raise QuestionAuthoringError([f"a question called {slug!r} exists; choose another name"])


def question_save(
    *,
    question: Question | None,
    slug: str,
    draft: QuestionDraft,
    library: Library | None,
    author: AnyUser,
    message: str,
) -> QuestionVersion:
    """A new version (a new question when `question` is None, in `library`), after the whole
    pool passed `sync_content`'s checks; a draft with problems is refused and the current
    version stays."""
    if question is None:
        _check_slug(slug)
        uuid = uuid_lib.uuid4()
    else:
        slug, uuid = question.slug, question.uuid
    item = question_folder(slug=slug, draft=draft, uuid=uuid)
    current = question.current_version if question else None
    if current is not None and current.content_hash == item.content_hash:
        raise QuestionAuthoringError(["nothing changed since the current version"])
    # Every seed of the pool is checked, the first CHECK_SEEDS rendered, as sync does.
    variants = question_check(item, tuple(range(POOL_SIZE)), render=len(CHECK_SEEDS))
    if item.errors:
        raise QuestionAuthoringError(item.errors)
    lesson = Lesson.objects.filter(slug=draft.lesson).first() if draft.lesson else None
    values: dict[str, Any] = {
        "title": item.title,
        "topic": item.topic,
        "lesson": lesson,
        "tags": item.tags,
        "points": item.points,
        "is_active": True,
    }
    with transaction.atomic():
        if question is None:
            assert library is not None
            question = Question.objects.create(
                uuid=uuid, slug=slug, library=library, source_path="", **values
            )
        else:
            question = Question.objects.select_for_update().get(pk=question.pk)
            for key, value in values.items():
                setattr(question, key, value)
        version = _version_create(
            question=question,
            source=draft.source,
            meta=item.meta | {"uuid": str(uuid)},
            content_hash=item.content_hash,
            author=author,
            message=message,
        )
    pool_fill(version=version, generated=variants)
    return version


def _version_create(
    *,
    question: Question,
    source: str,
    meta: dict[str, Any],
    content_hash: str,
    author: AnyUser,
    message: str,
) -> QuestionVersion:
    number = (
        question.versions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    version = QuestionVersion.objects.create(
        question=question,
        number=number,
        generator_code=source,
        meta=meta,
        content_hash=content_hash,
        author_id=author.pk,
        message=message,
    )
    question.current_version = version
    question.save()
    return version


def question_copy(*, source: Question, library: Library, author: AnyUser) -> Question:
    """A copy of `source`'s current version in `library`: a new question (uuid, slug) with the
    same generator; its pool is copied too (same code, same variants), so no jail runs."""
    origin = source.current_version
    if origin is None:
        raise QuestionAuthoringError(["this question has no version to copy"])
    base = f"{source.slug[:70]}-copy"
    slug, n = base, 1
    while Question.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    uuid = uuid_lib.uuid4()
    with transaction.atomic():
        copy = Question.objects.create(
            uuid=uuid,
            slug=slug,
            title=source.title,
            topic=source.topic,
            lesson=source.lesson,
            tags=source.tags,
            points=source.points,
            library=library,
            copied_from=source,
            source_path="",
        )
        version = _version_create(
            question=copy,
            source=origin.generator_code,
            meta=origin.meta | {"uuid": str(uuid)},
            content_hash=origin.content_hash,
            author=author,
            message=f"Copied from {source.slug} v{origin.number}",
        )
        _variants_copy(origin=origin, version=version)
    return copy


def _variants_copy(*, origin: QuestionVersion, version: QuestionVersion) -> None:
    """The same generator gives the same variants: `version` gets `origin`'s rows."""
    QuestionVariant.objects.bulk_create(
        QuestionVariant(
            version=version,
            seed=row.seed,
            params=row.params,
            prompt_md=row.prompt_md,
            solution_md=row.solution_md,
            answer=row.answer,
            feedback=row.feedback,
        )
        for row in origin.variants.all()
    )


def question_rollback(*, question: Question, number: int, author: AnyUser) -> QuestionVersion:
    """A new version equal to version `number` (with its pool), current at once: attempts
    already started keep the variants they were shown (rows are per version)."""
    old = question.versions.filter(number=number).first()
    if old is None:
        raise QuestionAuthoringError([f"there is no version {number}"])
    if old.pk == question.current_version_id:
        raise QuestionAuthoringError([f"v{number} is already the current version"])
    meta = old.meta
    lesson = meta.get("lesson")
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question.pk)
        question.title = str(meta.get("title", question.title))
        question.topic = str(meta.get("topic", question.topic))
        question.tags = list(meta.get("tags") or [])
        question.points = int(meta.get("points", question.points))
        question.lesson = Lesson.objects.filter(slug=lesson).first() if lesson else None
        version = _version_create(
            question=question,
            source=old.generator_code,
            meta=meta,
            content_hash=old.content_hash,
            author=author,
            message=f"Rolled back to v{number}",
        )
        _variants_copy(origin=old, version=version)
    return version


def question_version_diff(*, old: QuestionVersion, new: QuestionVersion) -> list[FileDiff]:
    """A unified diff of question.yaml and generator.py between two versions, as lines the
    template escapes (never raw HTML: the code is author input)."""
    diffs = []
    for name, before, after in (
        ("question.yaml", _yaml(old.meta), _yaml(new.meta)),
        ("generator.py", old.generator_code, new.generator_code),
    ):
        lines = []
        for raw in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=3):
            if raw.startswith(("---", "+++")):
                continue
            lines.append(DiffLine({"@": "hunk", "+": "add", "-": "del"}.get(raw[:1], "same"), raw))
        diffs.append(FileDiff(name, lines))
    return diffs


def _yaml(meta: dict[str, Any]) -> str:
    return yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)


# -- reading ---------------------------------------------------------------------------------


def questions_for_author(*, user: AnyUser) -> tuple[QuerySet[Question], QuerySet[Question]]:
    """(the questions `user` may edit, the site's that they may read and copy)."""
    editable = editable_library_ids(user)
    mine = Question.objects.filter(library_id__in=editable).select_related("library")
    site = (
        Question.objects.filter(library__kind=Library.Kind.SITE, is_active=True)
        .exclude(library_id__in=editable)
        .select_related("library")
    )
    return mine.order_by("topic", "slug"), site.order_by("topic", "slug")


def question_get_editable(*, user: AnyUser, slug: str) -> Question:
    """A question `user` may edit, or 404 (someone else's is indistinguishable from none)."""
    question = (
        Question.objects.filter(slug=slug, library_id__in=editable_library_ids(user))
        .select_related("current_version", "library")
        .first()
    )
    if question is None:
        raise Http404("No such question")
    return question


def question_get_readable(*, user: AnyUser, slug: str) -> Question:
    """A question `user` may edit, or a site question an instructor may read and copy."""
    allowed = Q(library_id__in=editable_library_ids(user))
    if is_instructor(user):
        allowed |= Q(library__kind=Library.Kind.SITE)
    question = (
        Question.objects.filter(allowed, slug=slug)
        .select_related("current_version", "library")
        .first()
    )
    if question is None:
        raise Http404("No such question")
    return question


def question_versions(*, question: Question) -> QuerySet[QuestionVersion]:
    return question.versions.select_related("author").order_by("-number")
