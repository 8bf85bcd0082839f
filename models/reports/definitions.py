"""What every figure of the programme report means, exactly. The issue was silent on these;
they are the choices a DfE return and a corporate parenting panel would expect, and they
travel with the report (in the JSON, and in `kith report --help`'s reference, README).

Words used below:
- *period*: whole days from `from` to `to` inclusive, in the council's timezone.
- *received in the period*: the referral's `received_at` falls in the period.
- *reached X by the period end*: the referral has a recorded move to X before the period
  ended (whenever it moved, so a referral that opted out and came back counts once).
- *first reached X in the period*: its first move to X falls in the period.
- *supported*: a young person whose conference was held (their referral reached
  `sustaining`) before the period ended, and whose referral had not left `sustaining`
  (closed, withdrawn, opted out) before the period began.
"""

from __future__ import annotations

DEFINITIONS: dict[str, str] = {
    # referrals: the cohort received in the period, and how far it got by the period end
    "received": "Referrals received in the period.",
    "received_by_source": "Referrals received in the period, by who referred (% of received).",
    "accepted": "Received in the period and reached 'accepted' by the period end.",
    "allocated": "Received in the period and allocated to a coordinator by the period end.",
    "initial_planning_meeting_held": (
        "Received in the period and reached 'planning' (initial planning meeting held) by the "
        "period end."
    ),
    "conference_held": (
        "Received in the period and had their family group conference by the period end."
    ),
    "declined": "Received in the period and declined by the service by the period end.",
    "withdrawn": "Received in the period and withdrawn by the referrer by the period end.",
    "opted_out": (
        "Received in the period where the young person said no (opted out) at any point by the "
        "period end, whether or not they came back."
    ),
    "decided": "Received in the period and accepted or declined by the period end.",
    "conversion_rate": "Accepted as a % of decided (accepted + declined).",
    # activity in the period, whenever the referral came in
    "initial_planning_meetings_held": (
        "Referrals that first reached 'planning' in the period (initial planning meeting held)."
    ),
    "conferences_held": (
        "Family group conferences held in the period (referrals first reaching 'sustaining')."
    ),
    "reviews_held": "Review meetings held in the period.",
    "closed": "Referrals closed in the period.",
    # caseload at the end of the period
    "active_interventions": (
        "Referrals that stood in allocated, planning, searching, conference planned or "
        "sustaining at the end of the period."
    ),
    "in_sustaining": "Referrals in 'sustaining' (after the conference) at the end of the period.",
    # time taken
    "days_to_acceptance": (
        "Days from receipt to acceptance, for referrals accepted in the period: count, median "
        "and 90th centile (linear interpolation, as PostgreSQL's percentile_cont)."
    ),
    "days_to_allocation": "Days from receipt to allocation, for referrals allocated in the period.",
    "days_to_conference": (
        "Days from receipt to the conference, for conferences held in the period."
    ),
    "days_to_closure": "Days from receipt to closure, for referrals closed in the period.",
    "supported_young_people": "Young people supported after their conference in the period.",
    "check_ins_per_young_person": (
        "Check-ins due in the period that went out (sent, answered or missed), per supported "
        "young person."
    ),
    "reviews_per_young_person": "Review meetings held in the period, per supported young person.",
    # reach: each young person referred in the period once
    "young_people_referred": "Distinct young people with a referral received in the period.",
    "gender": "Young people referred, by gender as recorded.",
    "ethnicity": (
        "Young people referred, by the five 2021 Census groups (from DfE codes or Census "
        "category names as recorded)."
    ),
    "age_band": (
        "Young people referred, by age at their first referral in the period (from date of "
        "birth, else the age recorded at referral)."
    ),
    "cohort": "Young people referred, by cohort (in care, care leaver, ...).",
    "disability": "Young people referred, by whether a disability is recorded.",
    # outcomes
    "network_size_young_people": (
        "Supported young people with a network size recorded both on or before their "
        "conference day and after it."
    ),
    "network_size_at_referral": (
        "Their earliest network size recorded on or before the conference day (mean, median)."
    ),
    "network_size_after_conference": (
        "Their latest network size recorded after the conference day and before the period end."
    ),
    "agreed_connections_per_young_person": (
        "Connections 'agreed' (safety-checked and willing) by the period end, per supported "
        "young person (mean, median)."
    ),
    "check_ins_sent": "Check-ins due in the period that went out (sent, answered or missed).",
    "check_ins_answered": "Of those, answered.",
    "check_in_response_rate": "Answered as a % of check-ins that went out.",
    "wellbeing_mean": (
        "Mean wellbeing (1-5) of the answered check-ins due in each calendar month (UTC) of the "
        "period; base is the number of answers with a wellbeing score."
    ),
    "sdq_young_people": "Supported young people with two or more SDQ totals recorded.",
    "sdq_first": "Their first SDQ total difficulties score (0-40; lower is better), mean.",
    "sdq_latest": "Their latest SDQ total before the period end, mean.",
    "sdq_change": "Latest minus first SDQ total (negative means fewer difficulties).",
    "sdq_improved": "Young people whose latest SDQ total is lower than their first.",
    "placement_followed_up": (
        "Young people in care (in care or UASC) whose twelve months after their first "
        "conference ended in the period."
    ),
    "placement_no_move_12_months": (
        "Of those, with no placement move recorded in the twelve months after the conference."
    ),
    "placement_stability": "No move as a % of those followed up.",
}

SUPPRESSION_NOTE = (
    "Published figures follow official-statistics practice: any count of 1 to 4 is shown as "
    "'<5' and its percentage hidden, and any mean, median, centile or rate resting on 1 to 4 "
    "cases is hidden, so that no child can be picked out."
)
NOT_FOR_PUBLICATION = (
    "Exact figures for the manager's own screen: NOT FOR PUBLICATION. Use the CSV or PDF, "
    "which suppress small numbers, for anything shared."
)


def definition(figure: str) -> str:
    return DEFINITIONS.get(figure, "")
