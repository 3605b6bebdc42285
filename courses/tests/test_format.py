from __future__ import annotations

import pytest

from courses.charts import bar_chart
from courses.templatetags.courses_format import minutes


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "—"), (9.4, "9 min"), (135, "2.2 h"), (2023, "33.7 h"), (4320, "3.0 days")],
)
def test_minutes(value: float | None, text: str) -> None:
    assert minutes(value) == text


def test_chart_escapes_labels_and_scales_bars() -> None:
    svg = str(bar_chart([("<b>", 10), ("ok", 5)], title='t"x'))
    assert "<b>" not in svg and "&lt;b&gt;" in svg and "t&quot;x" in svg
    assert svg.count("<rect") == 2 and "<desc>&lt;b&gt;: 10; ok: 5</desc>" in svg
