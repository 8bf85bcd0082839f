"""What a coordinator or manager reads from Kith on their phone: nudges and the daily digest.

Short, and never the young person's own words (a lock screen can be seen by anyone); the
detail is in the API. Said in the organisation's language through the one catalog.
"""

from __future__ import annotations

from texts.catalog import N_, t

# Keyed by the nudge kind's value (models.core.enums.NudgeKind); texts knows nothing of Kith.
NUDGE_TITLES: dict[str, str] = {
    "new_self_referral": N_("New self-referral"),
    "triage_waiting": N_("Referral waiting for triage"),
    "concern": N_("URGENT: a young person may not be safe"),
    "low_wellbeing": N_("Wellbeing is low or falling"),
    "checkin_missed": N_("Check-in missed"),
    "contact_asked": N_("Asked you to get in touch"),
    "told": N_("Sent you a message"),
    "opted_out": N_("Opted out"),
    "unreachable": N_("Blocked the bot: unreachable on Telegram"),
    "stopped": N_("Used /stop: no more messages from Kith"),
    "review_due": N_("Review due within 7 days"),
    "commitment_not_yet": N_("A commitment has not happened twice"),
    "delivery_failed": N_("A message could not be delivered"),
    "rights_request": N_("Rights request to answer within a month"),
    "worried_about_person": N_("Worried about someone in their circle"),
}
NUDGE = N_("{title}{who}. Open Kith to see more. (nudge #{number})")
# An urgent nudge nobody acknowledged in time, sent again to the coordinator and every manager.
ESCALATED = N_(
    "NOT ACKNOWLEDGED after {minutes} minutes: {title}{who}. "
    "Please act now, or find someone who can. Open Kith to see more. (nudge #{number})"
)
BTN_ACKNOWLEDGE = N_("Acknowledge")
DIGEST_ONE = N_("Good morning. One thing needs you today:")
DIGEST_MANY = N_("Good morning. {count} things need you today:")
DIGEST_LINE = N_("{title}{who} (#{number})")
DIGEST_END = N_("Open Kith to see more.")


def nudge_title(kind: str, language: str | None = None) -> str:
    return t(language, NUDGE_TITLES[kind])


def _who(young_person_name: str | None) -> str:
    return f" — {young_person_name}" if young_person_name else ""


def nudge_text(
    kind: str, number: int, young_person_name: str | None, language: str | None = None
) -> str:
    title = nudge_title(kind, language)
    return t(language, NUDGE, title=title, who=_who(young_person_name), number=str(number))


def escalated_text(
    kind: str, number: int, young_person_name: str | None, minutes: int, language: str | None = None
) -> str:
    title = nudge_title(kind, language)
    return t(
        language,
        ESCALATED,
        title=title,
        who=_who(young_person_name),
        number=str(number),
        minutes=minutes,
    )


def digest_line(
    kind: str, number: int, young_person_name: str | None, language: str | None = None
) -> str:
    title = nudge_title(kind, language)
    return t(language, DIGEST_LINE, title=title, who=_who(young_person_name), number=str(number))


def digest_text(lines: list[str], language: str | None = None) -> str:
    head = (
        t(language, DIGEST_ONE) if len(lines) == 1 else t(language, DIGEST_MANY, count=len(lines))
    )
    return "\n".join([head, *(f"• {line}" for line in lines), t(language, DIGEST_END)])
