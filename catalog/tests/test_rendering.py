from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from catalog.plots import draw_plot_svg, plot_names, render_plot_svg
from catalog.rendering import (
    Formula,
    pygments_css,
    render_document,
    render_markdown,
    render_markdown_with_toc,
    split_front_matter,
)

ROOT = Path(__file__).resolve().parents[2]


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _parse_tags(markup: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    collector = _TagCollector()
    collector.feed(markup)
    return collector.tags


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "![x](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        "<svg onload=alert(1)>",
        "<iframe src=https://example.com></iframe>",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    ],
)
def test_hostile_markup_never_becomes_live_html(hostile: str) -> None:
    out = render_markdown(f"Before {hostile} after\n\n{hostile}\n\n- {hostile}\n")
    tags = _parse_tags(out)
    names = {name for name, _ in tags}
    assert not names & {"script", "iframe", "svg", "img", "object", "embed"}, out
    for _name, attrs in tags:
        for attr, value in attrs:
            assert not attr.startswith("on"), out
            assert not (value or "").strip().lower().startswith(("javascript:", "data:")), out


def test_sanitizer_strips_raw_html_even_if_it_reached_the_renderer() -> None:
    # Raw HTML is off in the parser; the sanitizer is the second wall. Drive it directly.
    from catalog.rendering import _sanitize

    out = _sanitize(
        '<p onclick="x()">a<script>alert(1)</script><img src=x onerror=alert(1)>'
        '<a href="javascript:alert(1)">b</a><math><mi onmouseover="x()">c</mi></math></p>'
    )
    tags = _parse_tags(out)
    assert "script" not in {name for name, _ in tags}
    assert all(not attr.startswith("on") for _, attrs in tags for attr, _v in attrs)
    assert "javascript" not in out
    # Math is typeset in the browser now: no MathML needs to pass the server's sanitizer.
    assert "<math" not in out and "<mi" not in out and "c" in out


def test_math_inside_math_cannot_smuggle_script() -> None:
    # A LaTeX \text{} carrying markup stays escaped text; KaTeX reads it as TeX (textContent).
    out = render_markdown(r"$\text{<script>alert(1)</script>}$")
    assert "<script" not in out
    assert '<span class="math inline">\\text{&lt;script&gt;alert(1)&lt;/script&gt;}</span>' in out


def test_inline_and_display_math_are_left_as_tex_for_katex() -> None:
    doc = render_document(
        "The norm $\\lVert x \\rVert_2 < 1$ and\n\n$$\nw = (X^\\top X)^{-1} X^\\top y\n$$\n"
    )
    assert '<span class="math inline">\\lVert x \\rVert_2 &lt; 1</span>' in doc.html
    assert '<div class="math block">\nw = (X^\\top X)^{-1} X^\\top y\n</div>' in doc.html
    assert "$" not in doc.html
    assert doc.formulas == [
        Formula("\\lVert x \\rVert_2 < 1", display=False),
        Formula("w = (X^\\top X)^{-1} X^\\top y", display=True),
    ]


def test_dollar_amounts_stay_text() -> None:
    doc = render_document("It costs $ 5 and $ 10.")
    assert 'class="math' not in doc.html and doc.formulas == []


def test_bad_latex_is_kept_for_the_katex_check_not_raised() -> None:
    # Whether a formula parses is KaTeX's call (catalog/tests/test_katex.py); rendering the
    # Markdown never fails on it.
    doc = render_document("broken $x^{$ and unknown $\\foo{x}$")
    assert doc.errors == []
    assert [f.tex for f in doc.formulas] == ["x^{", "\\foo{x}"]
    assert '<span class="math inline">x^{</span>' in doc.html


def test_plot_captions_formulas_are_collected() -> None:
    doc = render_document("```plot sigmoid-derivative\nThe sigmoid and $\\sigma'$\n```\n")
    assert doc.formulas == [Formula("\\sigma'", display=False)]


def test_fenced_code_is_highlighted_with_classes() -> None:
    out = render_markdown("```python\nimport numpy as np\nx = np.zeros(3)  # why\n```\n")
    assert '<div class="highlight">' in out
    assert '<span class="kn">import</span>' in out
    assert '<span class="c1"># why</span>' in out
    assert "style=" not in out  # class-based, so the sanitizer may keep it


def test_unknown_language_falls_back_to_plain_text() -> None:
    out = render_markdown("```klingon\n<b>qapla'</b>\n```\n")
    assert "&lt;b&gt;" in out
    assert "<b>" not in out


def test_toc_lists_h2_and_h3_with_unique_ids() -> None:
    html, toc = render_markdown_with_toc(
        "# Title\n\n## Dot product\n\n### The $L^2$ norm\n\n## Dot product\n"
    )
    assert [t["level"] for t in toc] == [2, 3, 2]
    assert toc[1]["title"] == "The L^2 norm"
    ids = [t["id"] for t in toc]
    assert len(set(ids)) == 3
    for anchor in ids:
        assert f'id="{anchor}"' in html


def test_plot_block_inlines_svg_with_caption() -> None:
    doc = render_document("```plot sigmoid-derivative\nThe sigmoid and $\\sigma'$\n```\n")
    assert doc.errors == []
    assert doc.plots == ["sigmoid-derivative"]
    assert '<figure class="plot"' in doc.html
    assert "<svg" in doc.html and "<figcaption" in doc.html
    assert 'role="img"' in doc.html


def test_unknown_plot_is_an_error_box() -> None:
    doc = render_document("```plot no-such-plot\n```\n")
    assert "unknown plot" in doc.errors[0]
    assert "<svg" not in doc.html
    assert "render-error" in doc.html


def test_author_cannot_forge_a_plot_placeholder() -> None:
    # The placeholder nonce is random per render, so guessing its shape injects nothing.
    doc = render_document("mlquiz-plot-0000000000000000-0\n\n```plot sigmoid-derivative\n```\n")
    assert doc.html.count("<svg") == 1
    assert "mlquiz-plot-0000000000000000-0" in doc.html


def test_front_matter_is_split_and_not_rendered() -> None:
    meta, body = split_front_matter("---\ntitle: Hi\norder: 2\n---\n# Body\n")
    assert meta == {"title": "Hi", "order": 2}
    assert body == "# Body\n"
    assert "title" not in render_markdown("---\ntitle: Hi\n---\nBody\n")
    assert split_front_matter("no front matter") == ({}, "no front matter")


@pytest.mark.parametrize("name", plot_names())
def test_every_plot_renders_a_small_clean_svg(name: str) -> None:
    svg = render_plot_svg(name)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert len(svg) < 100_000
    assert "<script" not in svg and "<style" not in svg
    ids = re.findall(r' id="([^"]+)"', svg)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", ["sigmoid-derivative", "pca-projection"])
def test_plots_are_deterministic(name: str) -> None:
    # Same bytes every time, so re-syncing an unchanged lesson writes nothing.
    assert draw_plot_svg(name) == draw_plot_svg(name)


def test_plot_cache_is_used_and_keyed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from catalog import plots

    monkeypatch.setattr(plots, "CACHE_DIR", tmp_path)
    plots.render_plot_svg.cache_clear()
    try:
        first = plots.render_plot_svg("sigmoid-derivative")
        cached = list(tmp_path.glob("sigmoid-derivative-*.svg"))
        assert len(cached) == 1 and cached[0].read_text() == first
        cached[0].write_text("<svg>from cache</svg>")
        plots.render_plot_svg.cache_clear()
        assert plots.render_plot_svg("sigmoid-derivative") == "<svg>from cache</svg>"
        with pytest.raises(KeyError):
            plots.render_plot_svg("no-such-plot")
    finally:
        plots.render_plot_svg.cache_clear()


def test_stylesheet_carries_current_pygments_rules() -> None:
    css = (ROOT / "static/css/lesson.css").read_text()
    block = css.split("/* BEGIN pygments", 1)[1].split("\n", 1)[1].split("/* END pygments */")[0]
    assert block.strip() == pygments_css().strip()
