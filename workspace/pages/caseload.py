"""The young people in this person's reach: a coordinator's caseload, a manager's council."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from models.young_people.caseload import caseload
from models.young_people.young_person import YoungPerson
from workspace.desk import CaseDesk
from workspace.rendering import render

router = APIRouter()
PAGE = 100


@router.get("/young-people", name="caseload", response_class=HTMLResponse)
async def caseload_page(desk: CaseDesk, name: str = "", after: int = 0) -> Response:
    query = caseload(desk.user).where(YoungPerson.id > max(after, 0))
    wanted = name.strip()[:100]
    if wanted:
        query = query.where(YoungPerson.preferred_name.ilike(f"%{_escaped(wanted)}%", escape="\\"))
    people = list(await desk.session.scalars(query.order_by(YoungPerson.id).limit(PAGE + 1)))
    more = len(people) > PAGE
    people = people[:PAGE]
    for person in people:
        desk.audit("read", "young_person", person.id, person.id)
    await desk.session.commit()
    return render(
        desk.request,
        "caseload.html",
        nav="caseload",
        people=people,
        name=wanted,
        next_after=people[-1].id if more and people else None,
    )


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
