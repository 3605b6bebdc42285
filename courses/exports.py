"""The gradebook as CSV, in the three layouts instructors import elsewhere.

All three are written from one ``scoring.gradebook`` (points after the late policy, partial
credit kept, overrides applied, quizzes included), so a number never differs between layouts:

- **plain** (the default): one row per student — ``username``, ``name``, ``email``,
  ``student_id``, then per item a score column named by its key (``exercise:<slug>`` /
  ``quiz:<slug>``) followed by a ``<key> late`` column holding ``late`` when the credited work
  came after the (extended) due date, and ``overridden`` when staff set the score by hand
  (``late overridden`` when both); then ``total`` and ``total possible``. The first data row is
  ``Points Possible`` (the items' points and the total possible), as in Canvas exports.
- **canvas**: Canvas's gradebook import: ``Student`` ("Last, First", else the username),
  ``ID`` (Canvas's own user id, unknown here, left empty), ``SIS User ID`` (the profile's
  student id), ``SIS Login ID`` (the email, else the username), ``Section`` (empty), then one
  column per item named ``Title (id)`` and the read-only ``Final Points`` (Canvas ignores it on
  import). The second row is ``Points Possible``. Canvas has no late column: it keeps its own.
- **moodle**: Moodle's "Import grades from CSV": ``Email address`` and ``ID number`` (map one of
  them to the user), ``First name``, ``Last name``, one column per item named
  ``<Exercise|Quiz>: <title>`` and ``Course total``. No points-possible row: Moodle would read it
  as a student.

Empty cell: no work and no override. Every text cell (names, emails, titles) goes through
``formula_safe``.
"""

from __future__ import annotations

import csv
import functools
import itertools
import json
from collections.abc import Callable, Iterator
from typing import Any, Protocol

from django.core.serializers.json import DjangoJSONEncoder

from courses.scoring import Gradebook, GradebookCell, GradebookItem, GradebookRow
from mlquiz.gcpause import collector_paused

LAYOUTS = ("plain", "canvas", "moodle")
POINTS_POSSIBLE = "Points Possible"


class Writable(Protocol):
    def write(self, text: str, /) -> object: ...


def formula_safe(value: object) -> str:
    """Neutralize spreadsheet formulas: a username like "=HYPERLINK(...)" stays text."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


_text = formula_safe


@functools.lru_cache(maxsize=4096)  # a class's scores repeat a few hundred distinct values
def number(value: float | None) -> str:
    """Points as a spreadsheet reads them: ``8.9``, ``10``, never ``8.900000000000001``."""
    if value is None:
        return ""
    text = f"{round(value, 4):.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _first_last(row: GradebookRow) -> tuple[str, str]:
    first, _, last = row.name.partition(" ")
    return first, last


_MARKS = {
    (False, False): "",
    (True, False): "late",
    (False, True): "overridden",
    (True, True): "late overridden",
}


def _plain(book: Gradebook) -> Iterator[list[str]]:
    header = ["username", "name", "email", "student_id"]
    for item in book.items:
        header += [_text(item.key), _text(f"{item.key} late")]
    yield [*header, "total", "total possible"]
    possible = [POINTS_POSSIBLE, "", "", ""]
    for item in book.items:
        possible += [number(item.points_possible), ""]
    total_possible = number(book.total_possible)
    yield [*possible, total_possible, total_possible]
    keys = [item.key for item in book.items]
    pair = _CellTexts(lambda cell: (number(cell.points), _MARKS[cell.late, cell.overridden]))
    pair[None] = ("", "")
    for row in book.rows:
        # The hot loop, 5,000 students × 36 items: C-level maps over the row's cells.
        texts = map(pair.__getitem__, map(row.cells.get, keys))
        yield [
            _text(row.username),
            _text(row.name),
            _text(row.email),
            _text(row.student_id),
            *itertools.chain.from_iterable(texts),
            number(row.total),
            total_possible,
        ]


class _CellTexts(dict[GradebookCell | None, Any]):
    """Text of a cell, computed once per distinct cell (a class's cells repeat a few hundred
    values), then looked up at C speed."""

    def __init__(self, render: Callable[[GradebookCell], Any]) -> None:
        super().__init__()
        self.render = render

    def __missing__(self, cell: GradebookCell) -> Any:
        text = self[cell] = self.render(cell)
        return text


def _points_texts(book: Gradebook) -> Callable[[GradebookRow], Iterator[str]]:
    """Per row, the points of every item as text (empty without work)."""
    keys = [item.key for item in book.items]
    texts = _CellTexts(lambda cell: number(cell.points))
    texts[None] = ""
    return lambda row: map(texts.__getitem__, map(row.cells.get, keys))


def canvas_title(item: GradebookItem) -> str:
    return f"{item.title} ({item.item_id})"


def _canvas(book: Gradebook) -> Iterator[list[str]]:
    yield [
        "Student",
        "ID",
        "SIS User ID",
        "SIS Login ID",
        "Section",
        *(_text(canvas_title(item)) for item in book.items),
        "Final Points",
    ]
    yield [
        POINTS_POSSIBLE,
        "",
        "",
        "",
        "",
        *(number(item.points_possible) for item in book.items),
        number(book.total_possible),
    ]
    points = _points_texts(book)
    for row in book.rows:
        first, last = _first_last(row)
        student = f"{last}, {first}" if last else (first or row.username)
        yield [
            _text(student),
            "",
            _text(row.student_id),
            _text(row.email or row.username),
            "",
            *points(row),
            number(row.total),
        ]


def moodle_title(item: GradebookItem) -> str:
    return f"{'Exercise' if item.kind == 'exercise' else 'Quiz'}: {item.title}"


def _moodle(book: Gradebook) -> Iterator[list[str]]:
    yield [
        "Email address",
        "ID number",
        "First name",
        "Last name",
        *(_text(moodle_title(item)) for item in book.items),
        "Course total",
    ]
    points = _points_texts(book)
    for row in book.rows:
        first, last = _first_last(row)
        yield [
            _text(row.email),
            _text(row.student_id),
            _text(first or row.username),
            _text(last),
            *points(row),
            number(row.total),
        ]


def gradebook_rows(book: Gradebook, *, layout: str) -> Iterator[list[str]]:
    """The CSV rows of ``book`` in ``layout`` (one of ``LAYOUTS``). Text is formula-safe;
    numbers are written by ``number`` and stay numbers (a -2 override is not a formula)."""
    return {"plain": _plain, "canvas": _canvas, "moodle": _moodle}[layout](book)


def gradebook_write(book: Gradebook, *, layout: str, out: Writable) -> None:
    with collector_paused():  # one list per student, ~150,000 strings (mlquiz/gcpause.py)
        csv.writer(out).writerows(gradebook_rows(book, layout=layout))


def _score_text(prefix: str, cell: GradebookCell) -> str:
    return prefix + json.dumps({"score": cell.points, "late": cell.late})


def gradebook_json(book: Gradebook) -> str:
    """The token API's gradebook document (docs/api.md): ``items`` (key, title,
    points_possible, due) and ``students`` (username, email, student_id, and ``scores``: every
    item's ``{"score": points or null, "late": bool}``).

    Written here rather than validated field by field by the API's schema: at 5,000
    students × 36 items that validation took seconds. Each distinct cell is encoded once."""
    items = [
        {
            "key": item.key,
            "title": item.title,
            "points_possible": item.points_possible,
            "due": item.due,
        }
        for item in book.items
    ]
    keys = [item.key for item in book.items]
    # Per column, the text of each distinct cell with its key in front: a row is then one
    # join of looked-up strings, with no string built per cell.
    columns = [_CellTexts(functools.partial(_score_text, json.dumps(key) + ": ")) for key in keys]
    for column, key in zip(columns, keys, strict=True):
        column[None] = json.dumps(key) + ": " + json.dumps({"score": None, "late": False})
    text = dict.__getitem__
    with collector_paused():
        students = ", ".join(
            '{"username": %s, "email": %s, "student_id": %s, "scores": {%s}}'  # noqa: UP031
            % (
                json.dumps(row.username),
                json.dumps(row.email),
                json.dumps(row.student_id),
                ", ".join(map(text, columns, map(row.cells.get, keys))),
            )
            for row in book.rows
        )
    # Dates as the API writes them everywhere (DjangoJSONEncoder: ISO 8601, "Z" for UTC).
    encoded = json.dumps(items, cls=DjangoJSONEncoder)
    return '{"items": %s, "students": [%s]}' % (encoded, students)  # noqa: UP031
