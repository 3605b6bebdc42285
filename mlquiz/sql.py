"""The one module that knows which database it talks to.

mlquiz runs on PostgreSQL in production and SQLite on a laptop. Where a query is written out
for speed (the worker's writes, the dashboard's aggregates; each measured in
docs/performance.md or docs/dashboard-performance.md), the few expressions that differ between
the two are built here, so no app branches on the database itself.
"""

from __future__ import annotations

import re

from django.db import connection

# A numeric literal in a feedback message: 2, -0.5, 1e-3, 3.14 (not the digits of a word like
# "float64" or "n_1", which name things rather than measure them).
NUMBER = r"(?<![A-Za-z_0-9])-?[0-9]+([.][0-9]+)?([eE][-+]?[0-9]+)?"


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def has_percentiles() -> bool:
    """Whether the database computes medians itself (`percentile_cont`)."""
    return is_postgresql()


def without_durable_commit(sql: str, *, whole_transaction: bool = False) -> str:
    """`sql` as its own transaction whose commit does not wait for the WAL flush (PostgreSQL,
    outside an atomic block; unchanged elsewhere). Statements sent together in one query run
    as one implicit transaction, so the SET LOCAL that follows applies to its commit.
    ``whole_transaction``: inside an atomic block too, relaxing the commit of that whole
    transaction (for a caller whose writes may all be lost together)."""
    if is_postgresql() and (whole_transaction or not connection.in_atomic_block):
        return sql + "; SET LOCAL synchronous_commit TO OFF"
    return sql


def json_array_agg(expression: str) -> str:
    """SQL aggregate: the group's values of `expression` as JSON array text. Aggregates of one
    query level see the rows in the same order, so several of them line up. PostgreSQL writes
    floats exactly (shortest round-trip form); SQLite with 15 significant digits."""
    if is_postgresql():
        return f"json_agg({expression})::text"
    return f"json_group_array({expression})"


def epoch(expression: str) -> str:
    """SQL for a timestamp expression as Unix seconds."""
    if is_postgresql():
        return f"EXTRACT(EPOCH FROM {expression})"
    return f"((julianday({expression}) - 2440587.5) * 86400.0)"


def utc_date(expression: str) -> str:
    """SQL for the UTC calendar date of a timestamp column."""
    if is_postgresql():
        return f"({expression} AT TIME ZONE 'UTC')::date"
    return f"substr({expression}, 1, 10)"


def verdict_tests(alias: str) -> tuple[str, str, str, str]:
    """How to read the tests of a stored verdict (JSON `{"tests": [...]}` in `alias.verdict`)
    as rows `t`: (the join clause, the test's name, its message, "it failed")."""
    if is_postgresql():
        join = (
            f"CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof({alias}.verdict->"
            f"'tests') = 'array' THEN {alias}.verdict->'tests' ELSE '[]'::jsonb END) t"
        )
        return join, "t.value->>'name'", "t.value->>'message'", "(t.value->>'passed') = 'false'"
    return (
        f", json_each({alias}.verdict, '$.tests') t",
        "json_extract(t.value, '$.name')",
        "json_extract(t.value, '$.message')",
        "json_extract(t.value, '$.passed') = 0",
    )


def analyze(tables: list[str]) -> None:
    """Refresh the planner's statistics of ``tables`` after a bulk load.

    Autovacuum gets there eventually, but until it does PostgreSQL plans for the row counts it
    saw before the load (measured: the overview took 1,543 ms on a freshly seeded 500-student
    class, 156 ms after ANALYZE). SQLite's ANALYZE feeds its planner the same way.
    """
    with connection.cursor() as cursor:
        if is_postgresql():
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))
        else:
            for table in tables:
                cursor.execute("ANALYZE " + connection.ops.quote_name(table))


def number_free(expression: str) -> str:
    """SQL for a text expression with its numeric literals replaced by "#": feedback that
    differs only in numbers ("max abs error 2.0" / "0.5") groups as one message."""
    if is_postgresql():
        return f"regexp_replace({expression}, '{NUMBER}', '#', 'g')"
    return f"mlquiz_number_free({expression})"


def _number_free_python(text: str | None) -> str | None:
    return None if text is None else re.sub(NUMBER, "#", text)


def prepare_number_free() -> None:
    """Make ``number_free`` usable on this connection (SQLite: register the function)."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        connection.connection.create_function(
            "mlquiz_number_free", 1, _number_free_python, deterministic=True
        )
