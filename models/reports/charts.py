"""The one-page picture for a panel: headline figures, the referral funnel, network size
before and after the conference, and wellbeing month by month, with small numbers suppressed.

Drawn with matplotlib's object API (no pyplot): no global state, safe in a web worker.
"""

from __future__ import annotations

import io
from typing import Literal

from matplotlib.axes import Axes
from matplotlib.figure import Figure as Page

from models.reports.definitions import SUPPRESSION_NOTE
from models.reports.figures import ProgrammeReport
from models.reports.suppression import SUPPRESSED, is_small, publishable, show

FUNNEL = [
    ("received", "Received"),
    ("accepted", "Accepted"),
    ("allocated", "Allocated"),
    ("initial_planning_meeting_held", "Planning meeting"),
    ("conference_held", "Conference held"),
]
HEADLINES = [
    ("Referrals received", "received", ""),
    ("Accepted", "accepted", ""),
    ("Conversion (accepted ÷ decided)", "conversion_rate", ""),
    ("Conferences held in the period", "conferences_held", ""),
    ("Active interventions at the end", "active_interventions", ""),
    ("Median days, referral to conference", "days_to_conference", "median"),
    ("Check-in response rate", "check_in_response_rate", ""),
    ("No placement move in 12 months", "placement_stability", ""),
]
TEAL, AMBER, GREY = "#1b7f79", "#e0a030", "#6b6b6b"


def _headlines(ax: Axes, report: ProgrammeReport) -> None:
    ax.axis("off")
    ax.set_title("Headlines", loc="left", fontsize=11, fontweight="bold")
    for row, (label, name, category) in enumerate(HEADLINES):
        figure = report.get(name, category)
        shown = show(figure)
        text = shown.value or "–"
        if figure.unit.value == "%" and text not in ("", "suppressed", "–"):
            text += "%"
        elif shown.percent:
            text += f"  ({shown.percent}%)"
        y = 0.92 - row * 0.115
        ax.text(0.0, y, label, fontsize=9, transform=ax.transAxes, color=GREY)
        ax.text(1.0, y, text, fontsize=10, ha="right", transform=ax.transAxes, fontweight="bold")


def _funnel(ax: Axes, report: ProgrammeReport) -> None:
    ax.set_title("Referral funnel (received in the period)", loc="left", fontsize=11)
    labels = [label for _, label in FUNNEL]
    values = [report.value(name) or 0 for name, _ in FUNNEL]
    drawn = [0 if is_small(v) else v for v in values]
    positions = list(range(len(FUNNEL)))[::-1]
    ax.barh(positions, drawn, color=TEAL)
    ax.set_yticks(positions, labels, fontsize=9)
    top = max(drawn) if any(drawn) else 1
    for y, value in zip(positions, values, strict=True):
        text = SUPPRESSED if is_small(value) else f"{int(value)}"
        ax.text((0 if is_small(value) else value) + top * 0.02, y, text, va="center", fontsize=9)
    ax.set_xlim(0, top * 1.15)
    ax.tick_params(axis="x", labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)


def _networks(ax: Axes, report: ProgrammeReport) -> None:
    ax.set_title("Network size: at referral and after the conference", loc="left", fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    base = report.get("network_size_young_people").base
    if not publishable(report.value("network_size_at_referral", "mean"), base):
        reason = "fewer than 5 young people" if is_small(base) else "no paired measures"
        ax.text(0.5, 0.5, f"Not shown: {reason}", ha="center", transform=ax.transAxes)
        ax.set_xticks([])
        ax.set_yticks([])
        return
    groups = ["mean", "median"]
    before = [report.value("network_size_at_referral", g) or 0 for g in groups]
    after = [report.value("network_size_after_conference", g) or 0 for g in groups]
    xs = [0.0, 1.0]
    ax.bar([x - 0.18 for x in xs], before, width=0.36, color=GREY, label="at referral")
    ax.bar([x + 0.18 for x in xs], after, width=0.36, color=TEAL, label="after conference")
    for x, b, a in zip(xs, before, after, strict=True):
        ax.text(x - 0.18, b, f"{b:g}", ha="center", va="bottom", fontsize=9)
        ax.text(x + 0.18, a, f"{a:g}", ha="center", va="bottom", fontsize=9)
    ax.set_xticks(xs, groups)
    ax.set_ylim(0, max(*before, *after, 1) * 1.3)
    ax.set_ylabel("people", fontsize=9)
    ax.legend(fontsize=8, frameon=False, loc="upper left")
    ax.text(
        1.0,
        1.0,
        f"{base} young people",
        ha="right",
        va="bottom",
        fontsize=8,
        transform=ax.transAxes,
        color=GREY,
    )


def _wellbeing(ax: Axes, report: ProgrammeReport) -> None:
    ax.set_title("Wellbeing at check-ins, by month (1-5)", loc="left", fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    months = [f for f in report.breakdown("wellbeing_mean") if publishable(f.value, f.base)]
    if not months:
        ax.text(
            0.5, 0.5, "Not shown: fewer than 5 answers a month", ha="center", transform=ax.transAxes
        )
        ax.set_xticks([])
        ax.set_yticks([])
        return
    positions = list(range(len(months)))
    ax.plot(positions, [f.value or 0 for f in months], marker="o", color=AMBER)
    ax.set_xticks(positions, [f.category for f in months])
    ax.set_ylim(1, 5)
    ax.tick_params(axis="x", labelsize=7, rotation=45)
    ax.grid(axis="y", alpha=0.3)


def render_page(report: ProgrammeReport) -> Page:
    """The A4 landscape page, ready to save."""
    page = Page(figsize=(11.69, 8.27), layout="constrained")
    page.suptitle(
        f"Lifelong Links programme report — {report.organisation}\n{report.period.label}",
        fontsize=14,
        fontweight="bold",
    )
    grid = page.add_gridspec(2, 2)
    _headlines(page.add_subplot(grid[0, 0]), report)
    _funnel(page.add_subplot(grid[0, 1]), report)
    _networks(page.add_subplot(grid[1, 0]), report)
    _wellbeing(page.add_subplot(grid[1, 1]), report)
    page.supxlabel(SUPPRESSION_NOTE, fontsize=7, color=GREY)
    return page


def to_image(report: ProgrammeReport, kind: Literal["pdf", "png"]) -> bytes:
    """The page as PDF or PNG bytes."""
    buffer = io.BytesIO()
    render_page(report).savefig(buffer, format=kind, dpi=110, metadata=_metadata(report, kind))
    return buffer.getvalue()


def _metadata(report: ProgrammeReport, kind: str) -> dict[str, str]:
    title = f"Programme report {report.organisation_slug} {report.period.label}"
    if kind == "pdf":
        return {"Title": title, "Creator": "Kith"}
    return {"Title": title, "Software": "Kith"}
