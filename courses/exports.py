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
from collections.abc import Iterator
from typing import Protocol

from courses.scoring import Gradebook, GradebookItem, GradebookRow

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
    for row in book.rows:
        cells = [_text(row.username), _text(row.name), _text(row.email), _text(row.student_id)]
        get = row.cells.get
        for key in keys:  # the hot loop: 5,000 students × 36 items
            cell = get(key)
            if cell is None:
                cells += ("", "")
            else:
                cells += (number(cell.points), _MARKS[cell.late, cell.overridden])
        cells += (number(row.total), total_possible)
        yield cells


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
    for row in book.rows:
        first, last = _first_last(row)
        student = f"{last}, {first}" if last else (first or row.username)
        yield [
            _text(student),
            "",
            _text(row.student_id),
            _text(row.email or row.username),
            "",
            *(_points(row, item) for item in book.items),
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
    for row in book.rows:
        first, last = _first_last(row)
        yield [
            _text(row.email),
            _text(row.student_id),
            _text(first or row.username),
            _text(last),
            *(_points(row, item) for item in book.items),
            number(row.total),
        ]


def _points(row: GradebookRow, item: GradebookItem) -> str:
    cell = row.cells.get(item.key)
    return number(cell.points if cell else None)


def gradebook_rows(book: Gradebook, *, layout: str) -> Iterator[list[str]]:
    """The CSV rows of ``book`` in ``layout`` (one of ``LAYOUTS``). Text is formula-safe;
    numbers are written by ``number`` and stay numbers (a -2 override is not a formula)."""
    return {"plain": _plain, "canvas": _canvas, "moodle": _moodle}[layout](book)


def gradebook_write(book: Gradebook, *, layout: str, out: Writable) -> None:
    csv.writer(out).writerows(gradebook_rows(book, layout=layout))
