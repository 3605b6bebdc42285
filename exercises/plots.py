"""Plots for lessons, drawn with matplotlib at sync time and embedded as inline SVG.

A lesson asks for one with a fenced block::

    ```plot normal-pdfs
    Normal densities: the mean moves the bump, the standard deviation widens it.
    ```

Each plot is a function here registered under its name. The SVG is made deterministic
(fixed hash salt, no date) so re-syncing unchanged lessons writes nothing, and ids inside it
are salted with the plot name so two plots on one page never share a clip-path id.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

PlotFunction = Callable[[], "Figure"]
_REGISTRY: dict[str, PlotFunction] = {}

# A calm palette that reads on white and in greyscale print.
BLUE, ORANGE, GREEN, RED, PURPLE, GREY = (
    "#2563eb", "#ea580c", "#16a34a", "#dc2626", "#7c3aed", "#6b7280",
)  # fmt: skip


def plot(name: str) -> Callable[[PlotFunction], PlotFunction]:
    """Register a figure-building function under ``name``."""

    def register(func: PlotFunction) -> PlotFunction:
        if name in _REGISTRY:
            raise ValueError(f"plot {name!r} registered twice")
        _REGISTRY[name] = func
        return func

    return register


def plot_names() -> list[str]:
    return sorted(_REGISTRY)


def _figure(width: float = 6.4, height: float = 3.6, ncols: int = 1) -> tuple[Figure, list[Axes]]:
    from matplotlib.figure import Figure

    # Figure() directly (not pyplot) keeps no global state and needs no GUI backend.
    fig = Figure(figsize=(width, height), layout="constrained")
    axes = [fig.add_subplot(1, ncols, i + 1) for i in range(ncols)]
    for ax in axes:
        ax.grid(True, color="#e5e7eb", linewidth=0.8)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    return fig, axes


@cache
def render_plot_svg(name: str) -> str:
    """The named plot as a compact, deterministic ``<svg>`` element; KeyError if unknown."""
    import matplotlib

    func = _REGISTRY[name]
    style = {
        "svg.fonttype": "none",  # real <text>, styled by the page font: far smaller files
        "svg.hashsalt": f"mlquiz-{name}",
        "font.size": 10,
        "axes.titlesize": 11,
        "font.family": "sans-serif",
        "path.simplify": True,
    }
    with matplotlib.rc_context(style):
        fig = func()
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.DOTALL)
    # Let CSS size it: keep the viewBox, drop the fixed pt width/height.
    svg = re.sub(r'(<svg[^>]*?)\s+width="[^"]*"\s+height="[^"]*"', r"\1", svg, count=1)
    return _compact_svg(svg).strip()


def _compact_svg(svg: str) -> str:
    # Text inherits the page's font instead of repeating a 200-character font stack.
    svg = re.sub(r"font-family: [^;\"]*;? ?", "", svg)
    # The global "*{stroke-linejoin...}" <style> would leak into the whole page when inlined;
    # static/css/lesson.css sets the same defaults scoped to .plot-svg.
    svg = re.sub(r"<defs>\s*<style[^>]*>.*?</style>\s*</defs>\s*", "", svg, flags=re.DOTALL)
    # matplotlib ids every group ("figure_1", "axes_1", ...): on a page with two plots those
    # would be duplicate HTML ids. Keep only the ids something points at (clip paths,
    # markers); those are salted with the plot name, so they are unique per plot.
    referenced = set(re.findall(r"#([\w.-]+)[)\"]", svg))
    svg = re.sub(r'\s+id="([^"]+)"', lambda m: m.group(0) if m.group(1) in referenced else "", svg)
    # Sub-pixel precision in path data is invisible at any sensible zoom; 2 decimals halve it.
    svg = re.sub(r"(\d+\.\d{2})\d+", r"\1", svg)
    svg = re.sub(r"\s*\n\s*", "\n", svg)
    return svg


# ---------------------------------------------------------------------------------------
# The plots themselves.
# ---------------------------------------------------------------------------------------


@plot("sigmoid-derivative")
def _sigmoid_derivative() -> Figure:
    fig, (ax,) = _figure()
    x = np.linspace(-6, 6, 400)
    s = 1 / (1 + np.exp(-x))
    ax.plot(x, s, color=BLUE, linewidth=2, label="σ(x)")
    ax.plot(x, s * (1 - s), color=ORANGE, linewidth=2, label="σ′(x) = σ(x)(1 − σ(x))")
    ax.axvline(0, color=GREY, linewidth=0.8)
    ax.annotate(
        "steepest at x = 0: slope 1/4",
        xy=(0, 0.25),
        xytext=(1.2, 0.4),
        arrowprops={"arrowstyle": "->", "color": GREY},
    )
    ax.set_xlabel("x")
    ax.legend(frameon=False, loc="upper left")
    return fig
