"""Markdown → safe HTML for lessons, exercise statements, solutions and quiz prompts.

One pipeline for every piece of authored text, so math, code and plots look the same
everywhere and there is exactly one place that decides what HTML may reach a browser:

* Markdown (CommonMark + tables) via markdown-it-py, raw HTML in the source disabled;
* ``$inline$`` / ``$$display$$`` LaTeX is left as escaped TeX in ``<span class="math inline">``
  / ``<div class="math block">`` and typeset in the browser by KaTeX from the site's own
  bundle (``static/src/math.js``; no CDN). The production image has no node at run time and
  quiz prompts are rendered per request, so the server never runs KaTeX for a page; instead
  ``katex_errors`` parses formulas with the same KaTeX and options under node, which is how
  ``sync_content --check`` refuses a formula the page could not show;
* fenced code highlighted by Pygments with CSS classes (styles live in
  ``static/css/lesson.css``);
* fenced ``plot NAME`` blocks replaced by a matplotlib SVG from ``catalog.plots``;
* everything sanitized with nh3 (an allow-list of tags/attributes, no scripts, no event
  handlers, only http/https/mailto links).

Rendering is done once, when content is synced or saved, and the HTML is stored; pages never
render Markdown per request.
"""

from __future__ import annotations

import html
import json
import re
import secrets
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import nh3
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.lexers.special import TextLexer
from pygments.util import ClassNotFound

__all__ = [
    "PYGMENTS_STYLE",
    "Formula",
    "KatexUnavailable",
    "RenderedMarkdown",
    "katex_errors",
    "pygments_css",
    "render_document",
    "render_markdown",
    "render_markdown_with_toc",
    "split_front_matter",
]

PYGMENTS_STYLE = "xcode"  # every token >= 4.5:1 on its background (WCAG AA)
PYGMENTS_DARK_STYLE = "lightbulb"  # likewise in dark mode
_CODE_FORMATTER = HtmlFormatter(cssclass="highlight", style=PYGMENTS_STYLE)

_HTML_TAGS = {
    "p", "br", "hr", "em", "strong", "del", "s", "code", "pre", "span", "div", "a",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "img",
    "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "sup", "sub",
}  # fmt: skip
_ALLOWED_ATTRS: dict[str, set[str]] = {
    "a": {"href", "title", "class", "aria-hidden"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "th": {"style"},
    "td": {"style"},
    "span": {"class"},
    "div": {"class"},
    "pre": {"class", "tabindex"},
    "table": {"tabindex"},
    "code": {"class"},
    "figure": {"class", "id"},
    "figcaption": {"id"},
    **{f"h{level}": {"id"} for level in range(1, 7)},
}
# markdown-it writes table alignment as style="text-align:..."; nothing else may style.
_ALLOWED_CSS = {"text-align"}

_PLOT_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Formula:
    """One ``$...$`` (``display=False``) or ``$$...$$`` formula as the author wrote it."""

    tex: str
    display: bool


@dataclass(frozen=True)
class RenderedMarkdown:
    """The result of rendering one document.

    ``errors`` lists problems an author must fix (unknown plot); the HTML is still usable —
    the broken piece is shown as a visible error box — so a page never 500s on bad content,
    while ``sync_content --check`` can refuse it. ``formulas`` are the document's math, for
    ``katex_errors`` (a formula KaTeX cannot parse shows as red TeX on the page).
    """

    html: str
    toc: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    plots: list[str] = field(default_factory=list)
    formulas: list[Formula] = field(default_factory=list)

    def __str__(self) -> str:
        return self.html


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split a leading ``---`` YAML block from Markdown; ``({}, text)`` when there is none."""
    match = re.match(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", text, re.DOTALL)
    if match is None:
        return {}, text
    meta = yaml.safe_load(match.group(1)) or {}
    if not isinstance(meta, dict):
        raise ValueError("front matter must be a YAML mapping")
    return meta, text[match.end() :]


def _math_to_html(latex: str, *, display: bool, formulas: list[Formula]) -> str:
    # The TeX stays text (escaped, so the sanitizer sees no markup in it); the dollarmath
    # plugin wraps it in span/div.math, which static/src/math.js typesets with KaTeX.
    formulas.append(Formula(latex, display))
    return html.escape(latex, quote=False)


def _highlight(code: str, lang: str) -> str:
    try:
        lexer = get_lexer_by_name(lang) if lang else TextLexer()
    except ClassNotFound:
        lexer = TextLexer()
    # A block wider than the page scrolls sideways: tabindex lets a keyboard reach and scroll it.
    return highlight(code, lexer, _CODE_FORMATTER).replace("<pre>", '<pre tabindex="0">', 1)


def _slugify(title: str) -> str:
    slug = re.sub(r"[^\w\s-]", "", title.strip().lower())
    slug = re.sub(r"[\s_-]+", "-", slug).strip("-")
    return slug or "section"


def _heading_text(inline: Token) -> str:
    parts: list[str] = []
    for child in inline.children or []:
        if child.type in {"text", "code_inline", "math_inline"}:
            parts.append(child.content)
    return "".join(parts).strip()


def _build_parser(
    *,
    errors: list[str],
    plots: list[tuple[str, str]],
    formulas: list[Formula],
    nonce: str,
) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(front_matter_plugin)
    md.use(
        dollarmath_plugin,
        allow_labels=False,
        allow_space=False,  # "$ 5 and $ 10" stays text
        double_inline=True,
        renderer=lambda content, cfg: _math_to_html(
            content, display=bool(cfg.get("display_mode")), formulas=formulas
        ),
    )
    md.use(anchors_plugin, min_level=2, max_level=3, permalink=False, slug_func=_slugify)

    def render_fence(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        info = token.info.strip().split()
        lang = info[0].lower() if info else ""
        if lang == "plot":
            name = info[1] if len(info) > 1 else ""
            caption = token.content.strip()
            if not _PLOT_NAME.match(name):
                errors.append(f"plot block needs a name: ```plot NAME``` (got {name!r})")
                return '<div class="render-error">missing plot name</div>\n'
            index = len(plots)
            plots.append((name, caption))
            caption_html = md.renderInline(caption) if caption else ""
            return (
                f'<figure class="plot" id="plot-{name}-{index}">'
                f"<p>mlquiz-plot-{nonce}-{index}</p>"
                f'<figcaption id="plot-{name}-{index}-caption">{caption_html}</figcaption>'
                "</figure>\n"
            )
        return _highlight(token.content, lang)

    md.add_render_rule("fence", render_fence)
    md.add_render_rule(
        "code_block", lambda self, tokens, idx, o, e: _highlight(tokens[idx].content, "")
    )
    md.add_render_rule("front_matter", lambda self, tokens, idx, o, e: "")
    return md


def _sanitize(raw: str) -> str:
    # Wide tables scroll sideways inside the text column (lesson.css): reachable by keyboard.
    raw = raw.replace("<table>", '<table tabindex="0">')
    return nh3.clean(
        raw,
        tags=_HTML_TAGS,
        attributes=_ALLOWED_ATTRS,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
        filter_style_properties=_ALLOWED_CSS,
    )


def _plot_html(name: str, caption: str, index: int, errors: list[str]) -> str:
    # Imported lazily: matplotlib costs ~0.5 s to import and most callers (quiz prompts,
    # statements) never draw a plot.
    from catalog import plots as plot_registry

    try:
        svg = plot_registry.render_plot_svg(name)
    except KeyError:
        errors.append(f"unknown plot {name!r}; known: {', '.join(plot_registry.plot_names())}")
        return f'<div class="render-error">unknown plot “{html.escape(name)}”</div>'
    except Exception as exc:  # a broken plot function must not take the page down
        errors.append(f"plot {name!r} failed: {type(exc).__name__}: {exc}")
        return f'<div class="render-error">plot “{html.escape(name)}” failed</div>'
    label = html.escape(re.sub(r"[$`*_]", "", caption) or name.replace("-", " "), quote=True)
    # The SVG comes from our own code (a fixed registry of names, no author input), so it is
    # inserted after sanitizing; role=img keeps screen readers from reading every tick label.
    return f'<div class="plot-svg" role="img" aria-label="{label}">{svg}</div>'


def render_document(text: str) -> RenderedMarkdown:
    """Render Markdown (front matter ignored) to sanitized HTML with its TOC and errors."""
    errors: list[str] = []
    plots: list[tuple[str, str]] = []
    formulas: list[Formula] = []
    # Placeholders for plots carry a fresh random nonce, so text an author typed can never be
    # mistaken for one and get swapped for unsanitized markup.
    nonce = secrets.token_hex(8)
    md = _build_parser(errors=errors, plots=plots, formulas=formulas, nonce=nonce)
    tokens = md.parse(text)
    toc: list[dict[str, Any]] = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.attrs.get("id"):
            toc.append(
                {
                    "id": str(token.attrs["id"]),
                    "title": _heading_text(tokens[i + 1]),
                    "level": int(token.tag[1]),
                }
            )
    safe = _sanitize(md.renderer.render(tokens, md.options, {}))
    for index, (name, caption) in enumerate(plots):
        safe = safe.replace(
            f"<p>mlquiz-plot-{nonce}-{index}</p>", _plot_html(name, caption, index, errors), 1
        )
    return RenderedMarkdown(
        html=safe,
        toc=toc,
        errors=errors,
        plots=[name for name, _ in plots],
        formulas=formulas,
    )


def render_markdown(text: str) -> str:
    """Render Markdown with math, code and plots to sanitized HTML (safe to mark_safe)."""
    # Quiz pages render the same short prompts on every request, and the output depends on
    # the text alone (a few ms each for math and code): cache those. Long documents are
    # rendered once at sync time and stored, so they would only fill the cache.
    if len(text) <= _CACHED_TEXT_LIMIT:
        return _render_markdown_cached(text)
    return render_document(text).html


_CACHED_TEXT_LIMIT = 4096


@lru_cache(maxsize=2048)
def _render_markdown_cached(text: str) -> str:
    return render_document(text).html


def render_markdown_with_toc(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Like ``render_markdown`` but also returns ``[{"id", "title", "level"}, ...]`` for h2/h3."""
    doc = render_document(text)
    return doc.html, doc.toc


_KATEX_CHECK = Path(__file__).with_name("katex_check.mjs")
_KATEX_TIMEOUT_S = 120


class KatexUnavailable(RuntimeError):
    """node, or the npm packages (``npm ci``), are missing: formulas cannot be checked."""


def katex_errors(formulas: Sequence[Formula]) -> list[str | None]:
    """Parse every formula with the KaTeX the pages use; one message (or None) per formula.

    One node process per call (startup and loading KaTeX cost ~0.1 s, each formula ~1 ms),
    so callers pass a whole batch: ``content_check`` sends every formula of content/ at once.
    """
    if not formulas:
        return []
    node = shutil.which("node")
    if node is None:
        raise KatexUnavailable("node is not on PATH: install Node.js 20+ and run `npm ci`")
    payload = json.dumps([[f.tex, f.display] for f in formulas])
    try:
        done = subprocess.run(
            [node, str(_KATEX_CHECK)],
            input=payload,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=_KATEX_TIMEOUT_S,
            check=False,
            cwd=_KATEX_CHECK.parent,
        )
    except subprocess.TimeoutExpired:
        raise KatexUnavailable(f"the KaTeX check took over {_KATEX_TIMEOUT_S} s") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise KatexUnavailable(f"the KaTeX check failed (is `npm ci` done?): {last}")
    results = json.loads(done.stdout)
    if not isinstance(results, list) or len(results) != len(formulas):
        raise KatexUnavailable("the KaTeX check answered with the wrong number of results")
    return [None if r is None else str(r) for r in results]


def pygments_css() -> str:
    """The CSS for highlighted code, light and dark (copied into static/css/lesson.css; a test
    keeps the copy in sync)."""

    def scoped(style: str) -> list[str]:
        formatter = HtmlFormatter(style=style)
        # types-Pygments leaves get_style_defs unannotated; it returns the CSS text.
        css = formatter.get_style_defs(".highlight")  # type: ignore[no-untyped-call]
        rules = str(css).splitlines()
        # Drop Pygments' unscoped rules (pre, line numbers): the page's own CSS owns those.
        return [rule for rule in rules if rule.startswith(".highlight")]

    dark = "\n".join(f"  {rule}" for rule in scoped(PYGMENTS_DARK_STYLE))
    light = "\n".join(scoped(PYGMENTS_STYLE))
    return f"{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}"
