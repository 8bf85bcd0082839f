"""The circle picture: the young person in the middle, their people on three rings by closeness.

Shared by the bot (the young person's own picture) and the API (the coordinator's view, with
status). Only a first name is drawn — never a surname or contact details — because a picture
on a phone is easily shown to, or seen by, someone else.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Circle

from models.core.enums import Closeness, ConnectionCategory, ConnectionStatus
from models.network.fonts import name_families


@dataclass(frozen=True)
class CirclePerson:
    name: str
    closeness: Closeness
    category: ConnectionCategory
    status: ConnectionStatus | None = None


RING_RADIUS: dict[Closeness, float] = {
    Closeness.inner: 1.25,
    Closeness.middle: 2.35,
    Closeness.outer: 3.45,
}
# Colour-blind-safe (Okabe-Ito), and each category also has its own marker shape.
CATEGORY_STYLE: dict[ConnectionCategory, tuple[str, str]] = {
    ConnectionCategory.family: ("#E69F00", "o"),
    ConnectionCategory.friend: ("#56B4E9", "s"),
    ConnectionCategory.carer: ("#009E73", "D"),
    ConnectionCategory.professional: ("#0072B2", "^"),
    ConnectionCategory.community: ("#CC79A7", "P"),
}
DEFAULT_LABELS: dict[str, str] = {
    "family": "Family",
    "friend": "Friends",
    "carer": "Carers",
    "professional": "Workers",
    "community": "Community",
}
# Words that come before a name ("Aunt Jo"): keep the next word too, still no surname.
_TITLES = frozenset(
    {
        "aunt",
        "auntie",
        "aunty",
        "uncle",
        "nan",
        "nana",
        "nanny",
        "grandad",
        "grandma",
        "grandpa",
        "gran",
        "cousin",
        "mr",
        "mrs",
        "miss",
        "ms",
        "mx",
        "dr",
        "big",
        "little",
    }
)
MAX_LABEL = 14


def first_name(name: str) -> str:
    """The part of a name safe to draw: the first word (two after a title), shortened."""
    words = name.split()
    if not words:
        return "?"
    kept = words[:2] if words[0].casefold().strip(".") in _TITLES and len(words) > 1 else words[:1]
    label = " ".join(kept)
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _positions(count: int, radius: float, turn: float) -> list[tuple[float, float, float]]:
    """Evenly round a ring; crowded rings stagger in and out so labels do not collide."""
    crowded = count > max(6, int(radius * 5))
    spots = []
    for index in range(count):
        angle = turn + 2 * math.pi * index / max(count, 1)
        r = radius + ((0.28 if index % 2 else -0.28) if crowded else 0.0)
        spots.append((r * math.cos(angle), r * math.sin(angle), angle))
    return spots


def render_circle(
    *,
    centre_name: str,
    people: Sequence[CirclePerson],
    show_status: bool,
    labels: Mapping[str, str] | None = None,
) -> bytes:
    """A square PNG (1200 px) readable on a phone; `labels` translates the legend and statuses."""
    figure = draw_circle(
        centre_name=centre_name, people=people, show_status=show_status, labels=labels
    )
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight", facecolor="white")
    return buffer.getvalue()


def draw_circle(
    *,
    centre_name: str,
    people: Sequence[CirclePerson],
    show_status: bool,
    labels: Mapping[str, str] | None = None,
) -> Figure:
    """The picture as a Matplotlib figure (tests read the texts it draws)."""
    words = {**DEFAULT_LABELS, **(labels or {})}
    families = name_families()
    # A bare Figure on the Agg canvas: no pyplot global state, so safe in API worker threads.
    figure = Figure(figsize=(8, 8), dpi=150)
    FigureCanvasAgg(figure)
    axes = figure.subplots()
    axes.set_xlim(-4.3, 4.3)
    axes.set_ylim(-4.6, 4.3)
    axes.set_aspect("equal")
    axes.axis("off")
    for radius in RING_RADIUS.values():
        axes.add_patch(
            Circle((0, 0), radius, fill=False, linewidth=2, edgecolor="#B8B8B8", zorder=1)
        )
    axes.add_patch(Circle((0, 0), 0.7, color="#FFD966", zorder=2))
    axes.text(
        0,
        0,
        first_name(centre_name),
        ha="center",
        va="center",
        fontsize=17,
        fontweight="bold",
        family=families,
        zorder=3,
    )
    for ring_index, closeness in enumerate(Closeness):
        on_ring = [p for p in people if p.closeness == closeness]
        turn = math.pi / 2 + ring_index * 0.45
        for person, (x, y, _) in zip(
            on_ring, _positions(len(on_ring), RING_RADIUS[closeness], turn), strict=True
        ):
            colour, marker = CATEGORY_STYLE[person.category]
            axes.scatter(
                [x],
                [y],
                s=430,
                c=colour,
                marker=marker,
                edgecolors="white",
                linewidths=1.5,
                zorder=4,
            )
            text = first_name(person.name)
            if show_status and person.status is not None:
                text += "\n" + words.get(person.status.value, person.status.value)
            axes.text(
                x,
                y - 0.3,
                text,
                ha="center",
                va="top",
                fontsize=12,
                family=families,
                zorder=5,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
            )
    handles = [
        axes.scatter([], [], s=160, c=colour, marker=marker, label=words[category.value])
        for category, (colour, marker) in CATEGORY_STYLE.items()
    ]
    axes.legend(
        handles=handles,
        loc="lower center",
        ncol=5,
        prop={"size": 11, "family": families},
        frameon=False,
        bbox_to_anchor=(0.5, -0.02),
        handletextpad=0.2,
        columnspacing=0.8,
    )
    return figure
