"""Small PNG plots: PnL histograms against baselines, holdings against spot at a fixed date (Buehler Fig. 3)."""
from __future__ import annotations

from pathlib import Path
from typing import Dict, Optional

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402


def pnl_histogram(pnls: Dict[str, torch.Tensor], path, title: str, premium: Optional[float] = None) -> Path:
    """Overlayed PnL histograms; with ``premium`` every PnL is shifted by it (the paper's q - Z + (delta.S))."""
    fig, ax = plt.subplots(figsize=(5.5, 3.5), dpi=90)
    allx = np.concatenate([p.double().cpu().numpy() for p in pnls.values()]) + (premium or 0.0)
    lo, hi = np.quantile(allx, [0.002, 0.998])
    bins = np.linspace(lo, hi, 80)
    for name, pnl in pnls.items():
        ax.hist(pnl.double().cpu().numpy() + (premium or 0.0), bins=bins, histtype="step", label=name, density=True)
    ax.set_xlabel("terminal PnL per unit scale" + (" + premium" if premium else ""))
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return Path(path)


def holdings_vs_spot(spot: torch.Tensor, holdings: Dict[str, torch.Tensor], path, title: str, max_points: int = 3000) -> Path:
    """Scatter of holdings of instrument 0 against spot at one date, for several policies."""
    fig, ax = plt.subplots(figsize=(5.5, 3.5), dpi=90)
    s = spot.double().cpu().numpy()[:max_points]
    for name, h in holdings.items():
        ax.scatter(s, h.double().cpu().numpy()[:max_points], s=2, alpha=0.4, label=name)
    ax.set_xlabel("spot")
    ax.set_ylabel("holding per unit scale")
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=7, markerscale=4)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return Path(path)


def surface_comparison(s_grid, v_grid, left, right, path, titles) -> Path:
    """Two heat maps of a holding on a (spot, variance) grid, e.g. model hedge vs deep hedge (Buehler Fig. 3)."""
    fig, axes = plt.subplots(1, 2, figsize=(8, 3.3), dpi=90)
    vmin = min(float(left.min()), float(right.min()))
    vmax = max(float(left.max()), float(right.max()))
    for ax, z, title in zip(axes, (left, right), titles):
        im = ax.pcolormesh(s_grid, v_grid, z, shading="auto", vmin=vmin, vmax=vmax)
        ax.set_xlabel("spot")
        ax.set_ylabel("variance")
        ax.set_title(title, fontsize=9)
    fig.colorbar(im, ax=axes)
    fig.savefig(path)
    plt.close(fig)
    return Path(path)


def line_plot(xs, series: Dict[str, list], path, xlabel: str, ylabel: str, title: str) -> Path:
    fig, ax = plt.subplots(figsize=(5, 3.5), dpi=90)
    for name, ys in series.items():
        ax.plot(xs, ys, marker="o", label=name)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return Path(path)
