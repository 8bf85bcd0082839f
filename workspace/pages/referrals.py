"""The referrals board: the journey as columns; triage (priority, accept, decline, withdraw
with a reason), allocation (managers) and moves along the journey, with the domain's own
refusals shown plainly beside the form."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from models.core.enums import Priority, ReferralStatus
from models.referrals.board import COLUMNS, coordinators_of, referral_board, set_priority
from models.referrals.journey import IllegalMoveError, ReasonRequiredError, allowed_targets
from models.referrals.moving import MANAGER_MOVES, MoveDetailsError, NotYourMoveError, move_as
from models.referrals.referral import ReferralTransition
from models.young_people.caseload import NotACoordinatorError, reachable_referral
from models.young_people.consent import MissingConsentError
from texts.catalog import t
from texts.workspace import REFERRALS
from workspace.desk import CaseDesk
from workspace.forms import Form, form_of
from workspace.rendering import link, render

router = APIRouter()


@router.get("/referrals", name="referrals_board", response_class=HTMLResponse)
async def board_page(desk: CaseDesk) -> Response:
    board = await referral_board(session=desk.session, now=desk.now, user=desk.user)
    for cards in board.values():
        for card in cards:
            desk.audit("read", "referral", card.referral_id, card.young_person_id)
    await desk.session.commit()
    return render(desk.request, "referrals.html", nav="referrals", board=board, columns=COLUMNS)


async def _referral(
    desk: CaseDesk,
    referral_id: int,
    *,
    form: Form | None = None,
    problem: str | None = None,
    status_code: int = 200,
) -> Response:
    referral, person = await reachable_referral(
        session=desk.session, user=desk.user, referral_id=referral_id
    )
    transitions = list(
        await desk.session.scalars(
            select(ReferralTransition)
            .where(ReferralTransition.referral_id == referral.id)
            .order_by(ReferralTransition.at, ReferralTransition.id)
        )
    )
    targets = sorted(allowed_targets(referral.status))
    if desk.user.role.value != "manager":
        targets = [s for s in targets if s not in MANAGER_MOVES]
    coordinators = await coordinators_of(
        session=desk.session, organisation_id=desk.user.organisation_id
    )
    desk.audit("read", "referral", referral.id, person.id)
    await desk.session.commit()
    return render(
        desk.request,
        "referral.html",
        status_code=status_code,
        nav="referrals",
        referral=referral,
        person=person,
        transitions=transitions,
        targets=targets,
        coordinators=coordinators,
        form=form or Form({}),
        problem=problem,
        priorities=list(Priority),
        now=desk.now,
    )


@router.get("/referrals/{referral_id}", name="referral_page", response_class=HTMLResponse)
async def referral_page(referral_id: int, desk: CaseDesk) -> Response:
    return await _referral(desk, referral_id)


@router.post("/referrals/{referral_id}/moves", name="move_referral")
async def move(referral_id: int, desk: CaseDesk) -> Response:
    form = await form_of(desk.request)
    referral, person = await reachable_referral(
        session=desk.session, user=desk.user, referral_id=referral_id
    )
    if form.typed.get("seen_status") != referral.status.value:
        return await _referral(
            desk,
            referral_id,
            form=form,
            status_code=409,
            problem=t(None, REFERRALS["moved_meanwhile"], status=referral.status.value),
        )
    target = form.choice("to", ReferralStatus)
    reason = form.text("reason", max_length=2000)
    raw_coordinator = form.typed.get("coordinator_id", "")
    coordinator_id = int(raw_coordinator) if raw_coordinator.isdigit() else None
    if target is None:
        return await _referral(desk, referral_id, form=form, status_code=422)
    if target != ReferralStatus.allocated:
        coordinator_id = None
    try:
        await move_as(
            session=desk.session,
            now=desk.now,
            user=desk.user,
            referral=referral,
            young_person=person,
            to=target,
            reason=reason or None,
            coordinator_id=coordinator_id,
        )
    except NotYourMoveError:
        form.error("to", t(None, REFERRALS["not_yours"], status=target.value))
    except MoveDetailsError as refused:
        form.error(refused.field, t(None, REFERRALS["choose_coordinator"]))
    except NotACoordinatorError:
        form.error("coordinator_id", t(None, REFERRALS["choose_coordinator"]))
    except ReasonRequiredError:
        form.error("reason", t(None, REFERRALS["reason_needed"], status=target.value))
    except IllegalMoveError as refused:
        form.error("to", str(refused))
    except MissingConsentError as refused:
        form.error("to", str(refused))
    if not form.ok:
        await desk.undo()
        return await _referral(desk, referral_id, form=form, status_code=409)
    desk.audit("move", "referral", referral.id, person.id)
    await desk.session.commit()
    return RedirectResponse(str(link(desk.request, "referral_page", referral_id=referral_id)), 303)


@router.post("/referrals/{referral_id}/priority", name="referral_priority")
async def priority(referral_id: int, desk: CaseDesk) -> Response:
    form = await form_of(desk.request)
    referral, person = await reachable_referral(
        session=desk.session, user=desk.user, referral_id=referral_id
    )
    chosen = form.choice("priority", Priority)
    if chosen is None:
        return await _referral(desk, referral_id, form=form, status_code=422)
    set_priority(referral=referral, priority=chosen)
    desk.audit("update", "referral", referral.id, person.id)
    await desk.session.commit()
    return RedirectResponse(str(link(desk.request, "referral_page", referral_id=referral_id)), 303)
