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

import hashlib
import io
import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

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


# Drawing all plots costs tens of seconds of CPU, and every sync and test run would redo it
# for identical output. The disk cache is keyed by this file's source and the library
# versions, so editing a plot (or upgrading matplotlib) redraws it. It lives under var/
# (gitignored, server-owned) and is skipped silently when that is not writable.
CACHE_DIR = Path(
    os.environ.get("MLQUIZ_PLOT_CACHE", Path(__file__).resolve().parents[1] / "var" / "plot-cache")
)


@cache
def _source_key() -> str:
    import matplotlib

    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(f"{matplotlib.__version__} {np.__version__}".encode())
    return digest.hexdigest()[:20]


@cache
def render_plot_svg(name: str) -> str:
    """The named plot as a compact, deterministic ``<svg>`` element; KeyError if unknown."""
    if name not in _REGISTRY:
        raise KeyError(name)
    path = CACHE_DIR / f"{name}-{_source_key()}.svg"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    svg = draw_plot_svg(name)
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(svg, encoding="utf-8")
        tmp.replace(path)  # atomic: a parallel reader never sees half a file
    except OSError:
        pass
    return svg


def draw_plot_svg(name: str) -> str:
    """Draw the named plot now, bypassing every cache."""
    import matplotlib

    func = _REGISTRY[name]
    style: dict[RcKeyType, Any] = {
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
    # Let CSS scale it down on narrow screens, but never above its natural size (pt → px).
    width_pt = float(re.search(r'<svg[^>]*?\swidth="([\d.]+)pt"', svg).group(1))  # type: ignore[union-attr]
    svg = re.sub(
        r'(<svg[^>]*?)\s+width="[^"]*"\s+height="[^"]*"',
        rf'\1 style="max-width: {width_pt * 4 / 3:.0f}px"',
        svg,
        count=1,
    )
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


def _plain_log_ticks(ax: Axes, *, x: bool = False, y: bool = False) -> None:
    """Label log axes "1e-3" instead of mathtext 10^-3: parsing mathtext dominates render time."""
    from matplotlib.ticker import FuncFormatter, LogLocator

    formatter = FuncFormatter(
        lambda value, _pos: f"1e{round(np.log10(value))}" if value > 0 else ""
    )
    for flag, axis in ((x, ax.xaxis), (y, ax.yaxis)):
        if flag:
            axis.set_major_locator(LogLocator(base=10, numticks=8))
            axis.set_major_formatter(formatter)
            axis.set_minor_formatter(FuncFormatter(lambda _value, _pos: ""))


def _arrow(ax: Axes, start: tuple[float, float], end: tuple[float, float], color: str) -> None:
    ax.annotate(
        "",
        xy=end,
        xytext=start,
        arrowprops={
            "arrowstyle": "-|>",
            "color": color,
            "linewidth": 2,
            "shrinkA": 0,
            "shrinkB": 0,
        },
    )


# --- linear algebra ----------------------------------------------------------------------


@plot("dot-product-projection")
def _dot_product_projection() -> Figure:
    fig, (ax,) = _figure(5.0, 3.5)
    a, b = np.array([4.0, 1.0]), np.array([2.0, 3.0])
    proj = (a @ b) / (a @ a) * a
    _arrow(ax, (0, 0), tuple(a), BLUE)
    _arrow(ax, (0, 0), tuple(b), ORANGE)
    ax.plot([b[0], proj[0]], [b[1], proj[1]], color=GREY, linestyle="--", linewidth=1.2)
    ax.plot([0, proj[0]], [0, proj[1]], color=GREEN, linewidth=4, alpha=0.6, solid_capstyle="butt")
    ax.text(a[0] + 0.1, a[1] - 0.25, "a = (4, 1)", color=BLUE)
    ax.text(b[0] - 0.2, b[1] + 0.2, "b = (2, 3)", color=ORANGE)
    ax.text(
        1.35,
        -0.05,
        "projection of b on a\nlength a·b / ‖a‖ = 11/√17 ≈ 2.67",
        color=GREEN,
        fontsize=9,
        va="top",
    )
    angle = np.degrees(np.arccos(a @ b / np.linalg.norm(a) / np.linalg.norm(b)))
    ax.text(0.55, 0.45, f"θ ≈ {angle:.0f}°", color=GREY)
    ax.set_xlim(-0.5, 5.2)
    ax.set_ylim(-1.0, 3.8)
    ax.set_aspect("equal")
    return fig


@plot("matrix-transform")
def _matrix_transform() -> Figure:
    fig, axes = _figure(8.0, 3.4, ncols=3)
    theta = np.linspace(0, 2 * np.pi, 200)
    circle = np.vstack([np.cos(theta), np.sin(theta)])
    square = np.array([[0, 1, 1, 0, 0], [0, 0, 1, 1, 0]], dtype=float)
    matrices = [
        ("A = [[2, 1], [0, 1]]\ndet A = 2: areas double", np.array([[2.0, 1.0], [0.0, 1.0]])),
        ("B = [[0, -1], [1, 0]]\nrotation, det B = 1", np.array([[0.0, -1.0], [1.0, 0.0]])),
        ("C = [[1, 2], [0.5, 1]]\ndet C = 0: plane → line", np.array([[1.0, 2.0], [0.5, 1.0]])),
    ]
    for ax, (title, m) in zip(axes, matrices, strict=True):
        ax.plot(*circle, color=GREY, linewidth=1, linestyle=":")
        ax.fill(*square, color=GREY, alpha=0.15)
        ax.plot(*(m @ circle), color=BLUE, linewidth=1.8)
        ax.fill(*(m @ square), color=ORANGE, alpha=0.45)
        _arrow(ax, (0, 0), tuple(m[:, 0]), RED)
        _arrow(ax, (0, 0), tuple(m[:, 1]), GREEN)
        ax.set_title(title, fontsize=9)
        ax.set_xlim(-2.6, 3.2)
        ax.set_ylim(-2.6, 2.6)
        ax.set_aspect("equal")
    return fig


@plot("least-squares-fit")
def _least_squares_fit() -> Figure:
    fig, (ax,) = _figure(5.8, 3.6)
    rng = np.random.default_rng(7)
    x = np.linspace(0, 10, 14)
    y = 1.5 + 0.8 * x + rng.normal(scale=1.2, size=x.size)
    X = np.column_stack([np.ones_like(x), x])
    w = np.linalg.lstsq(X, y, rcond=None)[0]
    fit = X @ w
    ax.vlines(x, fit, y, color=RED, linewidth=1, label="residuals r = y − Xw")
    ax.scatter(x, y, color=BLUE, zorder=3, s=22, label="data")
    ax.plot(x, fit, color=ORANGE, linewidth=2, label=f"least squares: y ≈ {w[0]:.2f} + {w[1]:.2f}x")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend(frameon=False, loc="upper left", fontsize=9)
    return fig


# --- eigenvalues, SVD, PCA ------------------------------------------------------------------


@plot("pca-projection")
def _pca_projection() -> Figure:
    fig, axes = _figure(8.0, 3.6, ncols=2)
    rng = np.random.default_rng(3)
    data = rng.multivariate_normal([0, 0], [[3.0, 1.6], [1.6, 1.2]], size=150)
    centered = data - data.mean(axis=0)
    _, s, vt = np.linalg.svd(centered, full_matrices=False)
    var = s**2 / (len(data) - 1)
    ax = axes[0]
    ax.plot(*centered.T, linestyle="none", marker="o", markersize=2.5, color=BLUE, alpha=0.5)
    for k, color in ((0, RED), (1, GREEN)):
        end = vt[k] * 2 * np.sqrt(var[k])
        _arrow(ax, (0, 0), (end[0], end[1]), color)
        ax.text(
            end[0] * 1.1 - 0.6,
            end[1] * 1.1 + 0.45,
            f"PC{k + 1}: {var[k] / var.sum():.0%}",
            color=color,
            fontsize=9,
            fontweight="bold",
        )
    ax.set_aspect("equal")
    ax.set_title("centred data and its principal axes", fontsize=10)
    ax = axes[1]
    scores = centered @ vt[0]
    ax.plot(scores, np.zeros_like(scores), linestyle="none", marker="|", color=RED, alpha=0.35)
    ax.hist(scores, bins=24, color=RED, alpha=0.25)
    ax.set_title("projected on PC1 (1 number per point)", fontsize=10)
    ax.set_xlabel("score along PC1")
    ax.set_yticks([])
    return fig


@plot("singular-values")
def _singular_values() -> Figure:
    fig, axes = _figure(8.0, 3.2, ncols=2)
    rng = np.random.default_rng(11)
    # A 60x40 matrix that is "really" rank 5 plus a little noise: the spectrum shows it.
    low = rng.normal(size=(60, 5)) @ np.diag([9.0, 7.0, 5.0, 3.5, 2.5]) @ rng.normal(size=(5, 40))
    matrix = low / 6 + 0.3 * rng.normal(size=(60, 40))
    s = np.linalg.svd(matrix, compute_uv=False)
    ax = axes[0]
    ax.bar(np.arange(1, s.size + 1), s, color=[BLUE] * 5 + [GREY] * (s.size - 5))
    ax.set_title("singular values σ₁ ≥ σ₂ ≥ … (5 large, then noise)", fontsize=10)
    ax.set_xlabel("index k")
    ax = axes[1]
    energy = np.cumsum(s**2) / np.sum(s**2)
    ax.plot(np.arange(1, s.size + 1), energy, color=ORANGE, marker="o", markersize=3)
    ax.axvline(5, color=GREY, linestyle="--", linewidth=1)
    ax.set_ylim(0, 1.02)
    ax.set_title("share of Σσᵢ² kept by the best rank-k approximation", fontsize=10)
    ax.set_xlabel("rank k")
    return fig


@plot("power-iteration")
def _power_iteration() -> Figure:
    fig, (ax,) = _figure(5.8, 3.3)
    matrix = np.array([[2.0, 1.0], [1.0, 3.0]])
    exact = np.max(np.linalg.eigvalsh(matrix))
    for ratio_name, m, color in (
        ("λ₂/λ₁ ≈ 0.38", matrix, BLUE),
        ("λ₂/λ₁ = 0.9", np.diag([1.0, 0.9]), ORANGE),
    ):
        top = np.max(np.abs(np.linalg.eigvals(m)))
        v = np.array([1.0, 0.2])
        errors = []
        for _ in range(30):
            v = m @ v
            v /= np.linalg.norm(v)
            errors.append(max(abs(v @ m @ v - top), 1e-16))  # below that is rounding noise
        ax.semilogy(range(1, 31), errors, color=color, marker="o", markersize=3, label=ratio_name)
    _plain_log_ticks(ax, y=True)
    ax.set_xlabel("iteration")
    ax.set_ylabel("|Rayleigh quotient − λ₁|")
    ax.set_title(f"power iteration converges like (λ₂/λ₁)^(2k); here λ₁ = {exact:.3f}", fontsize=10)
    ax.legend(frameon=False)
    return fig


# --- calculus -------------------------------------------------------------------------------


@plot("function-and-derivative")
def _function_and_derivative() -> Figure:
    fig, (ax,) = _figure(6.2, 3.8)
    x = np.linspace(-2.3, 2.3, 300)
    f = x**3 - 3 * x
    ax.plot(x, f, color=BLUE, linewidth=2, label="f(x) = x³ − 3x")
    ax.plot(x, 3 * x**2 - 3, color=ORANGE, linewidth=2, label="f′(x) = 3x² − 3")
    for x0 in (-1.0, 0.0, 1.6):
        slope = 3 * x0**2 - 3
        xs = np.array([x0 - 0.7, x0 + 0.7])
        ax.plot(xs, x0**3 - 3 * x0 + slope * (xs - x0), color=GREEN, linewidth=1.4)
        ax.scatter([x0], [x0**3 - 3 * x0], color=GREEN, zorder=3, s=18)
    ax.axhline(0, color=GREY, linewidth=0.8)
    ax.text(-1.0, 3.3, "f′ = 0: flat tangent,\nlocal maximum", ha="center", fontsize=9, color=GREEN)
    ax.set_ylim(-4, 6)
    ax.set_xlabel("x")
    ax.legend(frameon=False, loc="lower right", fontsize=9)
    return fig


# --- optimization -------------------------------------------------------------------------


@plot("learning-rates")
def _learning_rates() -> Figure:
    fig, (ax,) = _figure(6.4, 3.6)
    for lr, color in ((0.02, GREY), (0.1, BLUE), (0.9, ORANGE), (1.05, RED)):
        x, path = 10.0, [10.0]
        for _ in range(25):
            x = x - lr * 2 * (x - 3)
            path.append(x)
        ax.plot(path, color=color, marker="o", markersize=3, linewidth=1.4, label=f"η = {lr}")
    ax.axhline(3, color=GREEN, linestyle="--", linewidth=1)
    ax.set_ylim(-12, 20)
    ax.set_xlabel("step")
    ax.set_ylabel("x")
    ax.set_title("gradient descent on f(x) = (x − 3)², from x = 10", fontsize=10)
    ax.legend(frameon=False, ncols=4, loc="upper center", fontsize=9)
    return fig


def _quadratic_paths() -> tuple[np.ndarray, np.ndarray]:
    hessian = np.diag([1.0, 12.0])
    start = np.array([-9.0, 2.5])
    plain, momentum = [start.copy()], [start.copy()]
    x, y, v = start.copy(), start.copy(), np.zeros(2)
    for _ in range(30):
        x = x - 0.15 * hessian @ x
        plain.append(x.copy())
        v = 0.7 * v + hessian @ y
        y = y - 0.05 * v
        momentum.append(y.copy())
    return np.array(plain), np.array(momentum)


@plot("gd-momentum-path")
def _gd_momentum_path() -> Figure:
    fig, (ax,) = _figure(6.6, 3.6)
    gx, gy = np.meshgrid(np.linspace(-10, 2, 120), np.linspace(-3.5, 3.5, 80))
    ax.contour(
        gx,
        gy,
        0.5 * gx**2 + 6 * gy**2,
        levels=[0.5, 2, 6, 12, 20, 30, 45, 60],
        colors=GREY,
        linewidths=0.7,
    )
    plain, momentum = _quadratic_paths()
    ax.plot(
        *plain.T,
        color=RED,
        marker="o",
        markersize=3,
        linewidth=1.3,
        label="gradient descent, η = 0.15: zig-zags",
    )
    ax.plot(
        *momentum.T,
        color=BLUE,
        marker="o",
        markersize=3,
        linewidth=1.3,
        label="momentum, η = 0.05, β = 0.7",
    )
    ax.scatter([0], [0], color=GREEN, marker="*", s=120, zorder=4, label="minimum")
    ax.set_title("f(x, y) = ½x² + 6y²: a long, narrow valley", fontsize=10)
    ax.legend(frameon=False, loc="lower right", fontsize=8)
    ax.set_aspect("equal")
    return fig


# --- probability --------------------------------------------------------------------------


@plot("discrete-distributions")
def _discrete_distributions() -> Figure:
    from math import comb, exp, factorial

    fig, axes = _figure(8.4, 3.0, ncols=3)
    axes[0].bar([0, 1], [0.3, 0.7], color=BLUE, width=0.5)
    axes[0].set_xticks([0, 1])
    axes[0].set_title("Bernoulli(p = 0.7)", fontsize=10)
    k = np.arange(0, 11)
    axes[1].bar(k, [comb(10, int(i)) * 0.3**i * 0.7 ** (10 - i) for i in k], color=ORANGE)
    axes[1].set_title("Binomial(n = 10, p = 0.3)", fontsize=10)
    axes[1].set_xticks(range(0, 11, 2))
    k = np.arange(0, 13)
    axes[2].bar(k, [3.0**i * exp(-3.0) / factorial(int(i)) for i in k], color=GREEN)
    axes[2].set_title("Poisson(λ = 3)", fontsize=10)
    axes[2].set_xticks(range(0, 13, 3))
    for ax in axes:
        ax.set_xlabel("k")
    axes[0].set_ylabel("P(X = k)")
    return fig


@plot("continuous-distributions")
def _continuous_distributions() -> Figure:
    fig, (ax,) = _figure(6.4, 3.5)
    x = np.linspace(-6, 6, 400)
    for mu, sigma, color in ((0, 1, BLUE), (0, 2, ORANGE), (2, 0.6, GREEN)):
        pdf = np.exp(-((x - mu) ** 2) / (2 * sigma**2)) / (sigma * np.sqrt(2 * np.pi))
        ax.plot(x, pdf, color=color, linewidth=2, label=f"N(μ = {mu}, σ = {sigma})")
    ax.plot(
        [-6, -4, -4, -1, -1, 6],
        [0, 0, 1 / 3, 1 / 3, 0, 0],
        color=PURPLE,
        linewidth=1.6,
        label="Uniform(−4, −1)",
    )
    ax.fill_between(
        x,
        0,
        np.exp(-(x**2) / 2) / np.sqrt(2 * np.pi),
        where=np.abs(x) <= 1,
        color=BLUE,
        alpha=0.15,
        label="68% of N(0, 1) within ±1σ",
    )
    ax.set_xlabel("x")
    ax.set_ylabel("density p(x)")
    ax.legend(frameon=False, fontsize=8, loc="upper right")
    return fig


@plot("multivariate-normal")
def _multivariate_normal() -> Figure:
    fig, axes = _figure(8.0, 3.4, ncols=2)
    rng = np.random.default_rng(5)
    for ax, (cov, title) in zip(
        axes,
        (
            (np.array([[1.0, 0.0], [0.0, 1.0]]), "Σ = I: round cloud"),
            (np.array([[2.0, 1.2], [1.2, 1.0]]), "Σ = [[2, 1.2], [1.2, 1]]: tilted ellipse"),
        ),
        strict=True,
    ):
        pts = rng.multivariate_normal([0, 0], cov, size=160)
        ax.plot(*pts.T, linestyle="none", marker="o", markersize=2.2, color=BLUE, alpha=0.4)
        vals, vecs = np.linalg.eigh(cov)
        t = np.linspace(0, 2 * np.pi, 100)
        for r in (1, 2):
            ellipse = vecs @ (np.sqrt(vals)[:, None] * np.vstack([np.cos(t), np.sin(t)])) * r
            ax.plot(*ellipse, color=ORANGE, linewidth=1.5)
        ax.set_title(title, fontsize=10)
        ax.set_xlim(-4.5, 4.5)
        ax.set_ylim(-3.5, 3.5)
        ax.set_aspect("equal")
    return fig


# --- statistics --------------------------------------------------------------------------


@plot("mean-median-outlier")
def _mean_median_outlier() -> Figure:
    fig, (ax,) = _figure(6.2, 3.4)
    base = np.array([42.0, 45, 47, 50, 51, 53, 55, 58, 60])
    outlier = np.linspace(60, 400, 60)
    means = [np.mean(np.append(base, o)) for o in outlier]
    medians = [np.median(np.append(base, o)) for o in outlier]
    ax.plot(outlier, means, color=RED, linewidth=2, label="mean")
    ax.plot(outlier, medians, color=BLUE, linewidth=2, label="median")
    ax.set_xlabel("value of the tenth data point (nine others between 42 and 60)")
    ax.set_ylabel("summary")
    ax.set_title("one outlier drags the mean; the median barely moves", fontsize=10)
    ax.legend(frameon=False)
    return fig


@plot("correlation-examples")
def _correlation_examples() -> Figure:
    fig, axes = _figure(8.6, 2.6, ncols=4)
    rng = np.random.default_rng(8)  # a seed whose independent panel shows r ≈ 0
    x = rng.normal(size=90)
    noise = rng.normal(size=90)
    panels = [
        (x, -0.8 * x + 0.6 * noise),
        (x, noise),
        (x, 0.6 * x + 0.8 * noise),
        (x, x**2 + 0.2 * noise),
    ]
    for ax, (a, b) in zip(axes, panels, strict=True):
        r = np.corrcoef(a, b)[0, 1]
        ax.plot(a, b, linestyle="none", marker="o", markersize=2.2, color=BLUE, alpha=0.5)
        ax.set_title(f"r = {r:+.2f}", fontsize=10)
        ax.set_xticks([])
        ax.set_yticks([])
    axes[3].set_xlabel("y = x²: strong, but not linear")
    return fig


# --- information theory ------------------------------------------------------------------


@plot("binary-entropy")
def _binary_entropy() -> Figure:
    fig, axes = _figure(8.0, 3.2, ncols=2)
    p = np.linspace(1e-4, 1 - 1e-4, 400)
    h = -(p * np.log2(p) + (1 - p) * np.log2(1 - p))
    axes[0].plot(p, h, color=BLUE, linewidth=2)
    axes[0].set_xlabel("p = P(heads)")
    axes[0].set_ylabel("H(p) in bits")
    axes[0].set_title("entropy of a coin: 1 bit at p = ½", fontsize=10)
    q = np.linspace(0.005, 1, 300)
    axes[1].plot(q, -np.log(q), color=ORANGE, linewidth=2)
    axes[1].set_xlabel("probability the model gives the true class")
    axes[1].set_ylabel("−log q (nats)")
    axes[1].set_ylim(0, 5.5)
    axes[1].set_title("cross-entropy loss of one example", fontsize=10)
    return fig


# --- numerics ----------------------------------------------------------------------------


@plot("softmax-overflow")
def _softmax_overflow() -> Figure:
    fig, (ax,) = _figure(6.4, 3.4)
    shifts = np.linspace(0, 800, 161)
    naive, stable = [], []
    with np.errstate(over="ignore", invalid="ignore"):
        for c in shifts:
            z = np.array([1.0, 2.0, 3.0]) + c
            e = np.exp(z)
            naive.append((e / e.sum())[2])
            s = np.exp(z - z.max())
            stable.append((s / s.sum())[2])
    naive_arr = np.array(naive)
    ax.plot(shifts, stable, color=BLUE, linewidth=2.5, label="stable: exp(z − max z)")
    ok = np.isfinite(naive_arr)
    ax.plot(
        shifts[ok],
        naive_arr[ok],
        color=RED,
        linewidth=1.5,
        linestyle="--",
        label="naive: exp(z) / Σ exp(z)",
    )
    first_nan = shifts[~ok][0]
    ax.axvspan(first_nan, shifts[-1], color=RED, alpha=0.1)
    ax.text(
        first_nan + 8,
        0.3,
        "naive gives NaN\n(exp overflows\npast z ≈ 709.8)",
        color=RED,
        fontsize=9,
    )
    ax.set_ylim(0, 1)
    ax.set_xlabel("c added to every logit of z = (1, 2, 3)")
    ax.set_ylabel("softmax(z + c)₃")
    ax.legend(frameon=False, loc="lower left", fontsize=9)
    return fig


@plot("float-spacing")
def _float_spacing() -> Figure:
    fig, (ax,) = _figure(6.4, 3.5)
    for dtype, color in ((np.float16, RED), (np.float32, ORANGE), (np.float64, BLUE)):
        info = np.finfo(dtype)
        x = np.logspace(-3, min(np.log10(float(info.max)) - 0.01, 40), 300)
        ax.loglog(
            x,
            np.spacing(x.astype(dtype)).astype(float),
            color=color,
            linewidth=2,
            label=f"{np.dtype(dtype).name}: ε = {float(info.eps):.1e}",
        )
    _plain_log_ticks(ax, x=True, y=True)
    ax.set_xlabel("|x|")
    ax.set_ylabel("gap to the next float")
    ax.set_title("the gap between floats grows with |x| (relative gap ≈ ε)", fontsize=10)
    ax.legend(frameon=False, fontsize=9)
    return fig


# --- linear models and deep learning ------------------------------------------------------


@plot("ridge-lasso-paths")
def _ridge_lasso_paths() -> Figure:
    fig, axes = _figure(8.2, 3.3, ncols=2)
    rng = np.random.default_rng(4)
    n, d = 60, 5
    X = rng.normal(size=(n, d))
    X = (X - X.mean(0)) / X.std(0)
    true_w = np.array([3.0, -2.0, 0.0, 1.0, 0.0])
    y = X @ true_w + rng.normal(scale=1.0, size=n)
    y = y - y.mean()
    lambdas = np.logspace(-2, 3.5, 60)
    ridge = np.array([np.linalg.solve(X.T @ X + lam * np.eye(d), X.T @ y) for lam in lambdas])
    lasso = []
    w = np.zeros(d)
    residual = y.copy()
    col_sq = (X**2).sum(axis=0)
    for lam in lambdas:  # coordinate descent with soft thresholding, warm-started
        for _ in range(25):
            for j in range(d):
                residual += X[:, j] * w[j]
                rho = X[:, j] @ residual
                w[j] = np.sign(rho) * max(abs(rho) - lam / 2, 0.0) / col_sq[j]
                residual -= X[:, j] * w[j]
        lasso.append(w.copy())
    colors = [BLUE, ORANGE, GREEN, RED, PURPLE]
    for ax, path, title in (
        (axes[0], ridge, "ridge: shrinks smoothly"),
        (axes[1], np.array(lasso), "lasso: sets weights exactly to 0"),
    ):
        for j in range(d):
            ax.semilogx(lambdas, path[:, j], color=colors[j], linewidth=1.8, label=f"w{j + 1}")
        ax.axhline(0, color=GREY, linewidth=0.8)
        _plain_log_ticks(ax, x=True)
        ax.set_xlabel("penalty λ")
        ax.set_title(title, fontsize=10)
    axes[0].set_ylabel("coefficient")
    axes[1].legend(frameon=False, fontsize=8, loc="upper right")
    return fig


@plot("attention-weights")
def _attention_weights() -> Figure:
    fig, (ax,) = _figure(5.0, 4.0)
    rng = np.random.default_rng(8)
    tokens = ["the", "cat", "sat", "on", "the", "mat"]
    d = 8
    q = rng.normal(size=(6, d))
    k = q + 0.6 * rng.normal(size=(6, d))
    scores = q @ k.T / np.sqrt(d)
    weights = np.exp(scores - scores.max(axis=1, keepdims=True))
    weights /= weights.sum(axis=1, keepdims=True)
    mesh = ax.pcolormesh(weights, cmap="Blues", vmin=0, vmax=1, edgecolors="white", linewidth=1)
    ax.grid(False)
    ax.set_xticks(np.arange(6) + 0.5, tokens)
    ax.set_yticks(np.arange(6) + 0.5, tokens)
    ax.invert_yaxis()
    ax.set_xlabel("key (attended to)")
    ax.set_ylabel("query")
    fig.colorbar(mesh, ax=ax, shrink=0.8, label="weight (rows sum to 1)")
    return fig


# --- metrics: model evaluation, clustering and neighbours (issue #18) ---------------------


def _roc_points(y: np.ndarray, s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """ROC curve with one point per distinct score (tied scores cross the threshold together)."""
    order = np.argsort(-s, kind="stable")
    s, y = s[order], y[order]
    last = np.r_[s[1:] != s[:-1], True]
    tpr = np.r_[0.0, np.cumsum(y == 1)[last] / np.sum(y == 1)]
    fpr = np.r_[0.0, np.cumsum(y == 0)[last] / np.sum(y == 0)]
    return fpr, tpr


@plot("roc-curves")
def _roc_curves() -> Figure:
    fig, axes = _figure(8.4, 3.4, ncols=2)
    rng = np.random.default_rng(18)
    n = 400
    y = (rng.random(n) < 0.5).astype(int)
    noise = rng.normal(size=n)
    bins = np.linspace(-3.5, 5.5, 40).tolist()
    axes[0].hist(noise[y == 0], bins=bins, color=BLUE, alpha=0.55, label="negatives")
    axes[0].hist(noise[y == 1] + 1.5, bins=bins, color=ORANGE, alpha=0.55, label="positives")
    axes[0].axvline(1.0, color=GREY, linestyle="--", linewidth=1.2)
    axes[0].text(1.1, axes[0].get_ylim()[1] * 0.9, "threshold", color=GREY, fontsize=9)
    axes[0].set_xlabel("score (separation 1.5)")
    axes[0].set_ylabel("count")
    axes[0].legend(frameon=False, fontsize=9, loc="upper left")
    axes[0].set_title("moving the threshold trades TPR for FPR", fontsize=10)
    for separation, color in ((0.0, GREY), (0.8, GREEN), (1.5, ORANGE), (3.0, PURPLE)):
        s = noise + separation * y
        fpr, tpr = _roc_points(y, s)
        auc = float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))
        axes[1].plot(
            fpr, tpr, color=color, linewidth=1.8, label=f"separation {separation}: AUC {auc:.2f}"
        )
    # Scores rounded to whole numbers: tied groups give straight diagonal segments.
    fpr, tpr = _roc_points(y, np.round(noise + 1.5 * y))
    axes[1].plot(
        fpr,
        tpr,
        color=RED,
        linewidth=1.2,
        linestyle="--",
        marker="o",
        markersize=3,
        label="separation 1.5, rounded scores",
    )
    axes[1].set_xlabel("false-positive rate")
    axes[1].set_ylabel("true-positive rate (recall)")
    axes[1].set_aspect("equal")
    axes[1].legend(frameon=False, fontsize=7.5, loc="lower right")
    axes[1].set_title("ROC curves", fontsize=10)
    return fig


@plot("precision-recall-threshold")
def _precision_recall_threshold() -> Figure:
    fig, (ax,) = _figure(6.4, 3.4)
    rng = np.random.default_rng(7)
    n = 2000
    y = (rng.random(n) < 0.1).astype(int)  # 10% positives
    s = rng.normal(size=n) + 2.0 * y
    thresholds = np.linspace(-1.0, 4.0, 200)
    precision, recall = [], []
    for t in thresholds:
        flagged = s >= t
        tp = np.sum(flagged & (y == 1))
        precision.append(tp / flagged.sum() if flagged.any() else 1.0)
        recall.append(tp / np.sum(y == 1))
    p, r = np.array(precision), np.array(recall)
    f1 = np.where(p + r > 0, 2 * p * r / np.where(p + r > 0, p + r, 1), 0)
    ax.plot(thresholds, p, color=BLUE, linewidth=2, label="precision")
    ax.plot(thresholds, r, color=ORANGE, linewidth=2, label="recall")
    ax.plot(thresholds, f1, color=GREEN, linewidth=2, linestyle="--", label="F1")
    best = thresholds[np.argmax(f1)]
    ax.axvline(best, color=GREY, linewidth=0.8)
    ax.text(best + 0.05, 0.05, f"best F1 at t ≈ {best:.1f}", color=GREY, fontsize=9)
    ax.set_xlabel("threshold t (predict positive when score ≥ t)")
    ax.set_ylim(0, 1.02)
    ax.set_title("10% positives: raising the threshold buys precision with recall", fontsize=10)
    ax.legend(frameon=False, fontsize=9, loc="center left")
    return fig


@plot("kmeans-iterations")
def _kmeans_iterations() -> Figure:
    fig, axes = _figure(8.4, 3.5, ncols=2)
    rng = np.random.default_rng(11)
    centres = np.array([[0.0, 0.0], [4.0, 0.5], [2.0, 3.5]])
    X = np.vstack([c + 0.8 * rng.normal(size=(70, 2)) for c in centres])
    C = np.array([[-1.0, 3.5], [0.0, 3.0], [1.0, 3.5]])  # a poor start, all at the top left
    path, inertia = [C.copy()], []
    for _ in range(20):
        sq = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
        labels = sq.argmin(axis=1)
        inertia.append(sq[np.arange(len(X)), labels].sum())
        new = np.array(
            [X[labels == j].mean(axis=0) if np.any(labels == j) else C[j] for j in range(3)]
        )
        if np.array_equal(new, C):
            break
        C = new
        path.append(C.copy())
    colors = [BLUE, ORANGE, GREEN]
    for j in range(3):
        axes[0].plot(
            X[labels == j, 0],
            X[labels == j, 1],
            linestyle="none",
            marker="o",
            markersize=2.5,
            color=colors[j],
            alpha=0.5,
        )
        trail = np.array([p[j] for p in path])
        axes[0].plot(trail[:, 0], trail[:, 1], color="black", linewidth=1, marker="x", markersize=5)
    axes[0].plot(
        path[0][:, 0],
        path[0][:, 1],
        linestyle="none",
        marker="s",
        color=RED,
        markersize=5,
        label="start",
    )
    axes[0].legend(frameon=False, fontsize=9, loc="lower right")
    axes[0].set_title("centroids walk to the cluster means", fontsize=10)
    axes[0].set_aspect("equal")
    axes[1].plot(np.arange(1, len(inertia) + 1), inertia, color=PURPLE, marker="o", linewidth=2)
    axes[1].set_xlabel("Lloyd step")
    axes[1].set_ylabel("inertia J")
    axes[1].set_title("the objective never goes up", fontsize=10)
    return fig


@plot("knn-boundaries")
def _knn_boundaries() -> Figure:
    from matplotlib.colors import ListedColormap

    fig, axes = _figure(8.4, 3.6, ncols=2)
    rng = np.random.default_rng(5)
    n = 120
    X = rng.normal(size=(n, 2)) * 1.2
    y = ((X[:, 0] + 0.6 * np.sin(2 * X[:, 1]) + 0.5 * rng.normal(size=n)) > 0).astype(int)
    xs = np.linspace(-3.5, 3.5, 120)
    gx, gy = np.meshgrid(xs, xs)
    grid = np.c_[gx.ravel(), gy.ravel()]
    sq = ((grid[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)
    order = np.argsort(sq, axis=1, kind="stable")
    cmap = ListedColormap(["#dbeafe", "#ffedd5"])
    for ax, k in zip(axes, (1, 15), strict=True):
        votes = y[order[:, :k]].mean(axis=1)
        # imshow embeds one small bitmap; a pcolormesh would write every cell as an SVG path.
        ax.imshow(
            (votes > 0.5).reshape(gx.shape),
            cmap=cmap,
            origin="lower",
            extent=(xs[0], xs[-1], xs[0], xs[-1]),
            interpolation="nearest",
        )
        ax.grid(False)
        for label, color in ((0, BLUE), (1, ORANGE)):
            ax.plot(
                X[y == label, 0],
                X[y == label, 1],
                linestyle="none",
                marker="o",
                markersize=3,
                color=color,
            )
        ax.set_title(f"k = {k}", fontsize=10)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_aspect("equal")
    axes[0].set_xlabel("k = 1 follows every noisy point")
    axes[1].set_xlabel("k = 15 draws a smoother boundary")
    return fig


@plot("impurity-curves")
def _impurity_curves() -> Figure:
    fig, (ax,) = _figure(5.6, 3.3)
    p = np.linspace(1e-6, 1 - 1e-6, 300)
    entropy = -(p * np.log2(p) + (1 - p) * np.log2(1 - p))
    gini = 1 - p**2 - (1 - p) ** 2
    ax.plot(p, entropy, color=BLUE, linewidth=2, label="entropy (bits)")
    ax.plot(p, gini, color=ORANGE, linewidth=2, label="Gini impurity")
    ax.plot(p, 2 * gini, color=ORANGE, linewidth=1, linestyle=":", label="2 × Gini")
    ax.set_xlabel("share of class 1 in a node")
    ax.set_ylabel("impurity")
    ax.set_title("both are 0 for a pure node and peak at a 50/50 mix", fontsize=10)
    ax.legend(frameon=False, fontsize=9)
    return fig


# --- deep (issue #18): plots for the deep-learning-layers lesson ---


@plot("activations-gelu-leaky")
def _activations_gelu_leaky() -> Figure:
    import math

    fig, axes = _figure(8.2, 3.3, ncols=2)
    x = np.linspace(-4, 3, 400)
    cdf = 0.5 * (1 + np.vectorize(math.erf)(x / math.sqrt(2)))
    pdf = np.exp(-x * x / 2) / math.sqrt(2 * math.pi)
    alpha = 0.1
    curves = [
        ("ReLU", np.maximum(x, 0), (x > 0).astype(float), GREY, ":"),
        (f"leaky ReLU (α = {alpha})", np.where(x > 0, x, alpha * x), np.where(x > 0, 1, alpha),
         ORANGE, "-"),
        ("GELU", x * cdf, cdf + x * pdf, BLUE, "-"),
    ]  # fmt: skip
    for label, y, dy, color, style in curves:
        axes[0].plot(x, y, color=color, linestyle=style, linewidth=1.8, label=label)
        axes[1].plot(x, dy, color=color, linestyle=style, linewidth=1.8, label=label)
    axes[0].set_title("activation f(x)", fontsize=10)
    axes[1].set_title("derivative f′(x)", fontsize=10)
    axes[0].legend(frameon=False, fontsize=8, loc="upper left")
    for ax in axes:
        ax.axhline(0, color=GREY, linewidth=0.8)
        ax.set_xlabel("x")
    return fig


@plot("positional-encoding-waves")
def _positional_encoding_waves() -> Figure:
    fig, axes = _figure(8.2, 3.4, ncols=2)
    n, d = 64, 32
    pos = np.arange(n)[:, None]
    angles = pos / 10000.0 ** (np.arange(0, d, 2)[None, :] / d)
    pe = np.empty((n, d))
    pe[:, 0::2], pe[:, 1::2] = np.sin(angles), np.cos(angles)
    # imshow embeds one small raster; a pcolormesh of 2048 cells would be a 300 kB SVG.
    mesh = axes[0].imshow(pe, cmap="RdBu_r", vmin=-1, vmax=1, aspect="auto",
                          interpolation="nearest")  # fmt: skip
    axes[0].grid(False)
    axes[0].set_xlabel("column (dimension)")
    axes[0].set_ylabel("position")
    axes[0].set_title("the table PE, 64 positions × 32 columns", fontsize=10)
    fig.colorbar(mesh, ax=axes[0], shrink=0.8)
    for col, color in ((0, BLUE), (6, ORANGE), (14, GREEN)):
        axes[1].plot(np.arange(n), pe[:, col], color=color, linewidth=1.6, label=f"column {col}")
    axes[1].set_xlabel("position")
    axes[1].set_title("even columns: slower and slower sines", fontsize=10)
    axes[1].legend(frameon=False, fontsize=8, loc="lower left")
    return fig


# --- sampling (issue #18): plots for the sampling-monte-carlo lesson --------------------------


@plot("inverse-transform")
def _inverse_transform() -> Figure:
    fig, (ax,) = _figure(6.4, 3.6)
    rate = 1.0
    x = np.linspace(0, 5, 400)
    ax.plot(x, 1 - np.exp(-rate * x), color=BLUE, linewidth=2, label="CDF F(x) = 1 − e^(−x)")
    for u in np.linspace(0.05, 0.95, 10):
        xu = -np.log1p(-u) / rate
        ax.plot([0, xu], [u, u], color=ORANGE, linewidth=0.9)
        ax.plot([xu, xu], [u, 0], color=ORANGE, linewidth=0.9, linestyle=":")
        ax.plot([xu], [0], marker="o", color=ORANGE, markersize=4, clip_on=False)
    ax.set_xlim(0, 5)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("x = F⁻¹(u)")
    ax.set_ylabel("u")
    ax.legend(frameon=False, loc="lower right")
    return fig


@plot("rejection-sampling")
def _rejection_sampling() -> Figure:
    fig, (ax,) = _figure(6.4, 3.6)
    rng = np.random.default_rng(18)
    x = np.linspace(0, 1, 400)
    density = 30 * x * (1 - x) ** 4  # Beta(2, 5)
    envelope = density.max()  # M for a uniform proposal: the peak, at the mode 0.2
    proposals, heights = rng.random(600), rng.random(600) * envelope
    keep = heights < 30 * proposals * (1 - proposals) ** 4
    ax.scatter(proposals[~keep], heights[~keep], s=6, color=GREY, alpha=0.5, label="rejected")
    ax.scatter(proposals[keep], heights[keep], s=6, color=BLUE, label="accepted")
    ax.plot(x, density, color=ORANGE, linewidth=2, label="Beta(2, 5) density p(x)")
    ax.axhline(envelope, color=RED, linewidth=1.2, linestyle="--", label=f"M·q(x) = {envelope:.2f}")
    ax.set_xlabel("proposal x (uniform)")
    ax.set_ylabel("u · M")
    ax.set_title(f"accepted {keep.mean():.0%} of proposals (1/M = {1 / envelope:.0%})", fontsize=10)
    ax.set_ylim(0, envelope * 1.45)  # headroom above the envelope for the legend
    ax.legend(frameon=False, fontsize=8, loc="upper right", ncols=2)
    return fig


@plot("monte-carlo-convergence")
def _monte_carlo_convergence() -> Figure:
    fig, (ax,) = _figure(6.4, 3.6)
    rng = np.random.default_rng(7)
    n = np.arange(1, 20_001)
    hits = (rng.random((n.size, 2)) ** 2).sum(axis=1) <= 1.0
    mean = np.cumsum(hits) / n
    # Running sample variance of 0/1 values with divisor n - 1: n p (1 - p) / (n - 1).
    var = np.where(n > 1, mean * (1 - mean) * n / np.maximum(n - 1, 1), np.nan)
    half = 1.96 * np.sqrt(var / n)
    # 400 points spread evenly on the log axis draw the same picture in a small SVG.
    shown = np.unique(np.geomspace(1, n.size, 400).astype(int)) - 1
    n, mean, half = n[shown], mean[shown], half[shown]
    ax.fill_between(
        n,
        mean - half,
        mean + half,
        color=BLUE,
        alpha=0.2,
        linewidth=0,
        label="95% interval ± 1.96 s/√n",
    )
    ax.plot(n, mean, color=BLUE, linewidth=1.2, label="running estimate")
    ax.axhline(np.pi / 4, color=GREY, linestyle="--", linewidth=1, label="π/4")
    ax.set_xscale("log")
    # Plain labels: counts read better as 100 than as 1e2, and mathtext is slow to render.
    ax.set_xticks([1, 10, 100, 1000, 10_000], labels=["1", "10", "100", "1000", "10000"])
    ax.set_ylim(0.55, 1.0)
    ax.set_xlabel("number of points n")
    ax.set_ylabel("estimate of P(inside quarter disc)")
    ax.legend(frameon=False, fontsize=8, loc="upper right")
    return fig


@plot("bias-variance-estimators")
def _bias_variance_estimators() -> Figure:
    fig, (ax,) = _figure(6.4, 3.6)
    rng = np.random.default_rng(5)
    n = 5
    samples = rng.normal(size=(20_000, n))
    for ddof, color in ((1, BLUE), (0, ORANGE)):
        estimates = samples.var(axis=1, ddof=ddof)
        mse = np.mean((estimates - 1.0) ** 2)
        ax.hist(
            estimates,
            bins=list(np.linspace(0, 4, 81)),
            density=True,
            histtype="step",
            color=color,
            linewidth=1.6,
            label=f"divide by n − {ddof}: mean {estimates.mean():.2f}, MSE {mse:.2f}",
        )
        ax.axvline(estimates.mean(), color=color, linewidth=1, linestyle=":")
    ax.axvline(1.0, color=GREY, linestyle="--", linewidth=1, label="true σ² = 1")
    ax.set_xlabel("estimate of σ² from n = 5 values")
    ax.set_ylabel("density")
    ax.legend(frameon=False, fontsize=8, loc="upper right")
    return fig


# --- decomp: matrix decompositions, Newton's method and constrained optimization ---------


def _with_condition(rng: np.random.Generator, m: int, n: int, cond: float) -> np.ndarray:
    """An m x n matrix with singular values spread evenly (in log scale) from 1 to 1/cond."""
    U, _ = np.linalg.qr(rng.normal(size=(m, n)))
    V, _ = np.linalg.qr(rng.normal(size=(n, n)))
    return (U * np.logspace(0, -np.log10(cond), n)) @ V.T


def _gram_schmidt_q(A: np.ndarray, modified: bool) -> np.ndarray:
    Q = np.zeros_like(A)
    for j in range(A.shape[1]):
        v = A[:, j].copy()
        for i in range(j):
            v -= (Q[:, i] @ (v if modified else A[:, j])) * Q[:, i]
        Q[:, j] = v / np.linalg.norm(v)
    return Q


@plot("orthogonality-loss")
def _orthogonality_loss() -> Figure:
    fig, (ax,) = _figure(6.4, 3.6)
    rng = np.random.default_rng(12)
    conds = np.logspace(0, 12, 25)
    loss: dict[str, list[float]] = {"classical": [], "modified": [], "householder": []}
    for cond in conds:
        A = _with_condition(rng, 40, 10, cond)
        for name, Q in (
            ("classical", _gram_schmidt_q(A, modified=False)),
            ("modified", _gram_schmidt_q(A, modified=True)),
            ("householder", np.linalg.qr(A)[0]),
        ):
            loss[name].append(max(float(np.linalg.norm(Q.T @ Q - np.eye(10), 2)), 1e-17))
    styles = {
        "classical": (RED, "classical Gram–Schmidt"),
        "modified": (ORANGE, "modified Gram–Schmidt"),
        "householder": (BLUE, "Householder (np.linalg.qr)"),
    }
    for name, (color, label) in styles.items():
        ax.loglog(
            conds, loss[name], color=color, marker="o", markersize=3, linewidth=1.5, label=label
        )
    ax.loglog(conds, conds * 1.1e-16, color=GREY, linestyle="--", linewidth=1, label="κ·ε")
    ax.loglog(conds, conds**2 * 1.1e-16, color=GREY, linestyle=":", linewidth=1, label="κ²·ε")
    ax.set_ylim(1e-17, 10)
    ax.set_xlabel("condition number κ(A)")
    ax.set_ylabel("‖QᵀQ − I‖")
    ax.set_title("how far the computed Q is from orthogonal (40 × 10 matrices)", fontsize=10)
    ax.legend(frameon=False, fontsize=8, loc="upper left")
    return fig


@plot("lstsq-conditioning")
def _lstsq_conditioning() -> Figure:
    fig, (ax,) = _figure(6.4, 3.6)
    rng = np.random.default_rng(5)
    conds = np.logspace(0, 10, 21)
    errors: dict[str, list[float]] = {"normal": [], "qr": []}
    for cond in conds:
        X = _with_condition(rng, 60, 6, cond)
        w = rng.normal(size=6)
        y = X @ w
        Q, R = np.linalg.qr(X)
        for name, estimate in (
            ("normal", np.linalg.solve(X.T @ X, X.T @ y)),
            ("qr", np.linalg.solve(R, Q.T @ y)),
        ):
            err = np.linalg.norm(estimate - w) / np.linalg.norm(w)
            errors[name].append(min(max(float(err), 1e-17), 10.0))
    ax.loglog(
        conds,
        errors["normal"],
        color=RED,
        marker="o",
        markersize=3,
        linewidth=1.5,
        label="normal equation XᵀX w = Xᵀy",
    )
    ax.loglog(
        conds,
        errors["qr"],
        color=BLUE,
        marker="o",
        markersize=3,
        linewidth=1.5,
        label="QR: R w = Qᵀy",
    )
    ax.loglog(conds, conds * 1.1e-16, color=GREY, linestyle="--", linewidth=1, label="κ·ε")
    ax.loglog(conds, conds**2 * 1.1e-16, color=GREY, linestyle=":", linewidth=1, label="κ²·ε")
    ax.set_ylim(1e-17, 20)
    ax.set_xlabel("condition number κ(X)")
    ax.set_ylabel("relative error in w")
    ax.set_title("least squares: the normal equation squares the condition number", fontsize=10)
    ax.legend(frameon=False, fontsize=8, loc="upper left")
    return fig


@plot("newton-tangents")
def _newton_tangents() -> Figure:
    fig, (ax,) = _figure(6.4, 3.6)
    xs = np.linspace(0.8, 3.2, 200)
    ax.plot(xs, xs**2 - 2, color=BLUE, linewidth=2, label="p(x) = x² − 2")
    ax.axhline(0, color=GREY, linewidth=0.8)
    x = 3.0
    for step in range(3):
        px, slope = x**2 - 2, 2 * x
        nxt = x - px / slope
        ax.plot(
            [x, nxt],
            [px, 0],
            color=ORANGE,
            linewidth=1.3,
            label="tangent lines" if step == 0 else None,
        )
        ax.plot([x, x], [0, px], color=GREY, linewidth=0.8, linestyle=":")
        ax.scatter([x], [px], color=ORANGE, s=18, zorder=3)
        ax.annotate(
            f"x{step}", (x, 0), textcoords="offset points", xytext=(0, -14), ha="center", fontsize=9
        )
        x = nxt
    ax.scatter([np.sqrt(2)], [0], color=GREEN, marker="*", s=120, zorder=4, label="root √2")
    ax.set_xlabel("x")
    ax.set_title("Newton's method: follow the tangent to its zero, repeat", fontsize=10)
    ax.legend(frameon=False, fontsize=9, loc="upper left")
    return fig


@plot("newton-vs-gradient-descent")
def _newton_vs_gradient_descent() -> Figure:
    fig, (ax,) = _figure(6.4, 3.6)
    rng = np.random.default_rng(3)
    n = 400
    X = np.column_stack([np.ones(n), rng.normal(size=n), 3 * rng.normal(size=n)])
    y = (rng.random(n) < 1 / (1 + np.exp(-(X @ np.array([0.5, -1.0, 0.7]))))).astype(float)

    def grad_hess(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        p = 1 / (1 + np.exp(-(X @ w)))
        return X.T @ (p - y) / n, (X * (p * (1 - p))[:, None]).T @ X / n

    w_star = np.zeros(3)
    for _ in range(30):
        g, H = grad_hess(w_star)
        w_star -= np.linalg.solve(H, g)
    runs: dict[str, list[float]] = {"newton": [], "gd": []}
    w_newton, w_gd = np.zeros(3), np.zeros(3)
    for _ in range(40):
        runs["newton"].append(max(float(np.linalg.norm(w_newton - w_star)), 1e-16))
        runs["gd"].append(max(float(np.linalg.norm(w_gd - w_star)), 1e-16))
        g, H = grad_hess(w_newton)
        w_newton = w_newton - np.linalg.solve(H, g)
        w_gd = w_gd - 0.5 * grad_hess(w_gd)[0]
    ax.semilogy(
        runs["gd"],
        color=RED,
        marker="o",
        markersize=3,
        linewidth=1.4,
        label="gradient descent, η = 0.5",
    )
    ax.semilogy(
        runs["newton"], color=BLUE, marker="o", markersize=3, linewidth=1.4, label="Newton (IRLS)"
    )
    ax.set_ylim(1e-16, 10)
    ax.set_xlabel("iteration")
    ax.set_ylabel("‖w − w*‖")
    ax.set_title("logistic regression: Newton's error is squared each step", fontsize=10)
    ax.legend(frameon=False, fontsize=9)
    return fig


@plot("lagrange-tangency")
def _lagrange_tangency() -> Figure:
    fig, (ax,) = _figure(5.6, 4.2)
    gx, gy = np.meshgrid(np.linspace(-0.6, 2.2, 160), np.linspace(-0.6, 2.2, 160))
    f = (gx - 1.6) ** 2 + 2 * (gy - 1.4) ** 2
    ax.contour(gx, gy, f, levels=[0.05, 0.2, 0.45, 0.8, 1.3, 2.0, 3.0], colors=GREY, linewidths=0.8)
    t = np.linspace(-0.6, 2.2, 2)
    ax.plot(t, 1 - t, color=BLUE, linewidth=2, label="constraint x + y = 1")
    # minimiser of (x - 1.6)^2 + 2 (y - 1.4)^2 on x + y = 1: 2(x - 1.6) = 4(y - 1.4) = -λ,
    # so x - 1.6 = 2 (y - 1.4), and x + y = 1 gives x = 1.6 - 2 (1.6 + 1.4 - 1) / 3
    x_opt = 1.6 - 2 * (1.6 + 1.4 - 1) / 3
    y_opt = 1 - x_opt
    ax.contour(
        gx,
        gy,
        f,
        levels=[(x_opt - 1.6) ** 2 + 2 * (y_opt - 1.4) ** 2],
        colors=GREEN,
        linewidths=1.4,
    )
    # both arrows point along (1, 1): -grad f = lam * grad g with lam = 8/3 here
    ax.annotate(
        "",
        xy=(x_opt + 0.5, y_opt + 0.5),
        xytext=(x_opt, y_opt),
        arrowprops={"arrowstyle": "->", "color": RED, "linewidth": 1.6},
    )
    ax.annotate(
        "",
        xy=(x_opt + 0.25, y_opt + 0.25),
        xytext=(x_opt, y_opt),
        arrowprops={"arrowstyle": "->", "color": BLUE, "linewidth": 2.2},
    )
    ax.text(x_opt + 0.52, y_opt + 0.52, "−∇f", color=RED, fontsize=10)
    ax.text(x_opt + 0.2, y_opt + 0.05, "∇g", color=BLUE, fontsize=10)
    ax.scatter(
        [x_opt], [y_opt], color=GREEN, marker="*", s=140, zorder=4, label="constrained minimum"
    )
    ax.scatter([1.6], [1.4], color=ORANGE, s=30, zorder=4, label="unconstrained minimum")
    ax.set_xlim(-0.6, 2.2)
    ax.set_ylim(-0.6, 2.2)
    ax.set_aspect("equal")
    ax.set_title("at the optimum ∇f is parallel to the constraint's normal", fontsize=10)
    ax.legend(frameon=False, fontsize=8, loc="lower left")
    return fig
