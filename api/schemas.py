"""What the API reads and writes, as pydantic models (ninja turns them into the OpenAPI
document). Inputs are strict: a number sent as a string, an unknown key or a wrong type is
a 422 that names the field, instead of a guess."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, StrictInt, StrictStr, field_validator

# Enough for any class list; a body beyond it is a mistake, not a class.
MAX_USERNAMES = 5000


def _no_control_characters(value: str) -> str:
    """PostgreSQL text cannot hold NUL, and no title, slug or username needs a control
    character: refuse them here (422) rather than fail in the database (500)."""
    if any(ord(char) < 32 and char not in "\t" for char in value):
        raise ValueError("must not contain control characters")
    return value


# Text from a request: a JSON string (no coercion from numbers), without control characters.
type Text = Annotated[StrictStr, AfterValidator(_no_control_characters)]


def _iso_datetime(value: object) -> datetime | None:
    """Only ISO 8601 text with a time: pydantic would also take a Unix timestamp, and a bare
    date would silently mean midnight."""
    if value is None:
        return None
    if not isinstance(value, str) or len(value) < 16:
        raise ValueError("must be an ISO 8601 date and time, e.g. 2026-03-01T23:59")
    try:
        return datetime.fromisoformat(value)
    except ValueError as exc:
        raise ValueError("must be an ISO 8601 date and time, e.g. 2026-03-01T23:59") from exc


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class Error(Schema):
    detail: str


class CourseOut(Schema):
    id: int
    title: str
    role: str = Field(description='"owner", "instructor", "ta" or "student"')


class CourseListOut(Schema):
    courses: list[CourseOut]


class CourseIn(Strict):
    title: Annotated[Text, Field(max_length=200)]

    @field_validator("title")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()


class CourseCreatedOut(Schema):
    id: int
    title: str
    join_code: str


class ItemIn(Strict):
    exercise: Annotated[Text | None, Field(max_length=80, description="an exercise slug")] = None
    quiz: Annotated[Text | None, Field(max_length=80, description="a quiz slug")] = None
    due: datetime | None = Field(
        None,
        description="ISO 8601 date and time; without an offset it is in the course's time zone",
    )
    points: Annotated[StrictInt | None, Field(ge=0, le=100_000)] = None

    @field_validator("due", mode="before")
    @classmethod
    def _iso_datetime(cls, value: object) -> datetime | None:
        return _iso_datetime(value)


class ItemOut(Schema):
    key: str = Field(description='"exercise:<slug>" or "quiz:<slug>"')
    title: str
    due: datetime | None
    points: int | None = Field(description="points in this course; null: the item's own")
    created: bool


class StudentsIn(Strict):
    usernames: Annotated[
        list[Annotated[Text, Field(max_length=150)]], Field(max_length=MAX_USERNAMES)
    ]


class StudentsOut(Schema):
    enrolled: list[str]
    unknown: list[str]
    skipped: list[str] = Field(description="staff of this course: not enrolled as students")


class GradebookItemOut(Schema):
    key: str
    title: str
    points_possible: float
    due: datetime | None


class ScoreOut(Schema):
    score: float | None
    late: bool


class GradebookStudentOut(Schema):
    username: str
    email: str
    student_id: str
    scores: dict[str, ScoreOut]


class GradebookOut(Schema):
    items: list[GradebookItemOut]
    students: list[GradebookStudentOut]


class StudentItemIn(Strict):
    """One student (by username) and one exercise or quiz of the course (by slug)."""

    username: Annotated[Text, Field(max_length=150)]
    exercise: Annotated[Text | None, Field(max_length=80, description="an exercise slug")] = None
    quiz: Annotated[Text | None, Field(max_length=80, description="a quiz slug")] = None


class ExtensionIn(StudentItemIn):
    due: datetime | None = Field(
        None,
        description="the student's new due date, ISO 8601; without an offset it is in the "
        "course's time zone",
    )
    time_multiplier: Annotated[
        float | None, Field(gt=1, le=10, allow_inf_nan=False, strict=True)
    ] = Field(None, description="more time on a timed quiz, e.g. 1.5")
    reason: Annotated[Text, Field(min_length=1, max_length=300)]

    @field_validator("due", mode="before")
    @classmethod
    def _iso_datetime(cls, value: object) -> datetime | None:
        return _iso_datetime(value)


class OverrideIn(StudentItemIn):
    points: Annotated[float, Field(ge=0, allow_inf_nan=False, strict=True)] = Field(
        description="the score in points, 0 to the item's points possible"
    )
    reason: Annotated[Text, Field(min_length=1, max_length=300)]


class RemoveIn(StudentItemIn):
    pass


class ExtensionOut(Schema):
    username: str
    key: str = Field(description='"exercise:<slug>" or "quiz:<slug>"')
    due: datetime | None
    time_multiplier: float | None
    reason: str


class OverrideOut(Schema):
    username: str
    key: str = Field(description='"exercise:<slug>" or "quiz:<slug>"')
    points: float
    reason: str


class ExtensionListOut(Schema):
    extensions: list[ExtensionOut]


class OverrideListOut(Schema):
    overrides: list[OverrideOut]


class RemovedOut(Schema):
    removed: bool = Field(description="false: there was nothing to remove")
