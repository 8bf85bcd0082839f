"""A national-scale fictional dataset, generated inside PostgreSQL (INSERT ... SELECT over
generate_series): 40 councils of very different sizes, one referral per young person walked
along the journey, connections, check-ins and measures. Deterministic (setseed).
"""

from __future__ import annotations

from dataclasses import dataclass

import asyncpg  # type: ignore[import-untyped]

NOW = "2027-01-01 00:00:00+00"


@dataclass(frozen=True)
class Scale:
    organisations: int
    young_people: int
    connections: int
    check_ins: int


FULL = Scale(organisations=40, young_people=150_000, connections=3_000_000, check_ins=2_000_000)
QUICK = Scale(organisations=40, young_people=7_500, connections=150_000, check_ins=100_000)


def statements(scale: Scale, name_token: str) -> list[tuple[str, str]]:
    """(what, SQL) in order. The one encrypted value is a real Fernet token for every row."""
    n, orgs = scale.young_people, scale.organisations
    token = name_token.replace("'", "''")
    return [
        ("seed", "SELECT setseed(0.42)"),
        (
            "organisations",
            f"""
            INSERT INTO organisation (id, name, slug, timezone, quiet_start, quiet_end,
                working_start, working_end, checkin_cadence, checkin_reminder_hours,
                checkin_missed_days, eligible_max_age, eligible_cohorts, accepts_self_referrals,
                created_at)
            SELECT g, 'Council ' || g || ' (fictional)', 'council-' || g, 'Europe/London',
                '21:00', '08:00', '09:00', '17:00', '14d,42d,3m,6m,9m,12m', 48, 5, 25,
                'in_care,care_leaver,former_care_leaver,in_custody,uasc,not_sure', true,
                timestamptz '2023-01-01'
            FROM generate_series(1, {orgs}) g""",
        ),
        (
            "young people",
            # Skewed sizes: council 1 is the largest (about a tenth of the country's cases).
            f"""
            INSERT INTO young_person (id, organisation_id, preferred_name, cohort, date_of_birth,
                gender, ethnicity, disability, language, timezone, preferred_hour,
                birthday_reminders, created_at)
            SELECT g, 1 + floor({orgs} * power(random(), 1.6))::int,
                (ARRAY['Sam','Alex','Jay','Riley','Kai','Quinn'])[1 + g % 6],
                (ARRAY['in_care','in_care','in_care','care_leaver','care_leaver',
                       'former_care_leaver','uasc','in_custody'])[1 + floor(random() * 8)::int],
                date '2002-01-01' + floor(random() * 5800)::int,
                (ARRAY['male','female','male','female','non-binary'])[1 + floor(random() * 5)::int],
                (ARRAY['WBRI','WBRI','WBRI','WOTH','MWBC','BAFR','APKN','OOTH'])
                    [1 + floor(random() * 8)::int],
                random() < 0.2, 'en', 'Europe/London', 17, false, timestamptz '{NOW}'
            FROM generate_series(1, {n}) g""",
        ),
        (
            "journey plan",
            f"""
            CREATE TEMP TABLE plan AS
            SELECT id, organisation_id, received, fate,
                received + a1 AS decided,
                received + a1 + a2 AS allocated,
                received + a1 + a2 + a3 AS planning,
                received + a1 + a2 + a3 + a4 AS searching,
                received + a1 + a2 + a3 + a4 + a5 AS conference_planned,
                received + a1 + a2 + a3 + a4 + a5 + a6 AS conference,
                received + a1 + a2 + a3 + a4 + a5 + a6 + a7 AS closed
            FROM (
                SELECT id, organisation_id, random() AS fate,
                    timestamptz '{NOW}' - random() * interval '1095 days' AS received,
                    (2 + random() * 19) * interval '1 day' AS a1,
                    (3 + random() * 27) * interval '1 day' AS a2,
                    (7 + random() * 28) * interval '1 day' AS a3,
                    (5 + random() * 15) * interval '1 day' AS a4,
                    (30 + random() * 80) * interval '1 day' AS a5,
                    (14 + random() * 26) * interval '1 day' AS a6,
                    (270 + random() * 180) * interval '1 day' AS a7
                FROM young_person
            ) people""",
        ),
        (
            "referrals",
            """
            INSERT INTO referral (id, organisation_id, young_person_id, source, priority, status,
                received_at, status_changed_at)
            SELECT id, organisation_id, id,
                (ARRAY['social_worker','social_worker','social_worker','self','coordinator'])
                    [1 + id % 5],
                'standard', 'received', received, received
            FROM plan""",
        ),
        (
            "transitions",
            f"""
            INSERT INTO referral_transition (organisation_id, referral_id, from_status, to_status,
                at, by_kind)
            SELECT organisation_id, id, from_status, to_status, at, 'user' FROM (
                SELECT p.id, p.organisation_id, p.fate, s.from_status, s.to_status, s.at,
                    s.needs_accept
                FROM plan p
                CROSS JOIN LATERAL (VALUES
                    (NULL, 'received', p.received, false),
                    ('received', CASE WHEN p.fate < 0.08 THEN 'declined'
                                      WHEN p.fate < 0.14 THEN 'withdrawn'
                                      WHEN p.fate < 0.18 THEN 'opted_out'
                                      ELSE 'accepted' END, p.decided, false),
                    ('accepted', 'allocated', p.allocated, true),
                    ('allocated', 'planning', p.planning, true),
                    ('planning', 'searching', p.searching, true),
                    ('searching', 'conference_planned', p.conference_planned, true),
                    ('conference_planned', 'sustaining', p.conference, true),
                    ('sustaining', 'closed', p.closed, true)
                ) AS s(from_status, to_status, at, needs_accept)
            ) steps
            WHERE at < timestamptz '{NOW}' AND (NOT needs_accept OR fate >= 0.18)
            ORDER BY id, at""",
        ),
        (
            "referral status",
            """
            UPDATE referral r SET status = last.to_status, status_changed_at = last.at
            FROM (SELECT DISTINCT ON (referral_id) referral_id, to_status, at
                  FROM referral_transition ORDER BY referral_id, at DESC, id DESC) last
            WHERE last.referral_id = r.id""",
        ),
        (
            "conferences and reviews",
            f"""
            INSERT INTO meeting (organisation_id, young_person_id, kind, scheduled_at, held_at,
                created_at)
            SELECT organisation_id, id, kind, at, at, at FROM (
                SELECT organisation_id, id, 'conference' AS kind, conference AS at FROM plan
                WHERE fate >= 0.18
                UNION ALL
                SELECT organisation_id, id, 'planning', planning FROM plan WHERE fate >= 0.18
                UNION ALL
                SELECT organisation_id, id, 'review', conference + interval '182 days'
                FROM plan WHERE fate >= 0.18
            ) m WHERE at < timestamptz '{NOW}'""",
        ),
        (
            "check-ins",
            # Every young person after their conference: one a month (a long cadence), until
            # the total is reached.
            f"""
            INSERT INTO check_in (organisation_id, young_person_id, label, due_at, state,
                sent_at, answered_at, wellbeing, created_at)
            SELECT organisation_id, id, k || ' months', due,
                CASE WHEN due >= timestamptz '{NOW}' THEN 'scheduled'
                     WHEN r < 0.70 THEN 'answered' WHEN r < 0.95 THEN 'missed' ELSE 'sent' END,
                CASE WHEN due < timestamptz '{NOW}' THEN due END,
                CASE WHEN due < timestamptz '{NOW}' AND r < 0.70 THEN due + interval '3 hours' END,
                CASE WHEN due < timestamptz '{NOW}' AND r < 0.70
                     THEN 1 + floor(random() * 5)::int END,
                conference
            FROM (
                SELECT p.organisation_id, p.id, p.conference, k,
                    p.conference + k * interval '30 days' AS due, random() AS r
                FROM plan p CROSS JOIN generate_series(1, 40) k
                WHERE p.fate >= 0.18 AND p.conference < timestamptz '{NOW}'
                ORDER BY k, p.id
                LIMIT {scale.check_ins}
            ) c""",
        ),
        (
            "connections",
            f"""
            INSERT INTO connection (organisation_id, young_person_id, name, relationship_label,
                category, named_by, closeness, safety_concern, status, status_changed_at,
                created_at)
            SELECT p.organisation_id, p.id, '{token}', 'nan', 'family',
                (ARRAY['young_person','coordinator','family'])[1 + g % 3],
                (ARRAY['inner','middle','outer'])[1 + g % 3], false,
                (ARRAY['agreed','agreed','agreed','named','located','contacted','declined',
                       'ended'])[1 + floor(random() * 8)::int],
                p.received + random() * interval '400 days', p.received
            FROM generate_series(1, {scale.connections}) g
            JOIN plan p ON p.id = 1 + (g - 1) % {n}""",
        ),
        (
            "measures",
            f"""
            INSERT INTO measure (organisation_id, young_person_id, kind, value, recorded_on,
                created_at)
            SELECT organisation_id, id, kind, value, at::date, at FROM (
                SELECT organisation_id, id, 'network_size' AS kind,
                    3 + floor(random() * 9)::int AS value, allocated AS at
                FROM plan WHERE fate >= 0.18
                UNION ALL
                SELECT organisation_id, id, 'network_size', 14 + floor(random() * 25)::int,
                    conference + interval '90 days' FROM plan WHERE fate >= 0.18
                UNION ALL
                SELECT organisation_id, id, 'sdq_total', 12 + floor(random() * 19)::int, allocated
                FROM plan WHERE fate >= 0.18
                UNION ALL
                SELECT organisation_id, id, 'sdq_total', 6 + floor(random() * 19)::int,
                    conference + interval '180 days' FROM plan WHERE fate >= 0.18
                UNION ALL
                SELECT organisation_id, id, 'placement_move', 1,
                    conference + random() * interval '500 days'
                FROM plan WHERE fate >= 0.18 AND random() < 0.3
            ) m WHERE at < timestamptz '{NOW}'""",
        ),
        ("vacuum and analyse", "VACUUM ANALYZE"),
    ]


BULK_TABLES = ("referral", "referral_transition", "meeting", "check_in", "connection", "measure")

# Indexes and foreign keys of the tables filled in bulk, except primary keys and the indexes
# behind unique constraints: (drop, create) statements, read from the catalogue so they stay
# exactly what the migration made.
DEFERRABLE = """
SELECT format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
WHERE t.relname = ANY($1::text[]) AND NOT i.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
UNION ALL
SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
       format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname,
              pg_get_constraintdef(c.oid))
FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
WHERE t.relname = ANY($1::text[]) AND c.contype = 'f'
"""


async def generate(connection: asyncpg.Connection, scale: Scale, name_token: str) -> list[str]:
    """Run every statement on one connection (so setseed holds); returns timing lines.

    The bulk tables' indexes and foreign keys are dropped first and made again after the
    load: one sort per index and one join per foreign key, instead of maintaining them row
    by row (about twice as fast at 150,000 young people).
    """
    import time

    lines = []

    async def timed(what: str, *sqls: str) -> None:
        started = time.perf_counter()
        for sql in sqls:
            await connection.execute(sql)
        lines.append(f"  {what}: {time.perf_counter() - started:.1f} s")
        print(lines[-1], flush=True)

    await connection.execute("SET synchronous_commit = off")
    await connection.execute("SET maintenance_work_mem = '256MB'")
    deferred = await connection.fetch(DEFERRABLE, list(BULK_TABLES))
    await timed("drop indexes and foreign keys", *(row[0] for row in deferred))
    steps = statements(scale, name_token)
    for what, sql in steps[:-1]:
        await timed(what, sql)
    await timed("indexes and foreign keys again", *(row[1] for row in deferred))
    await timed(*steps[-1])
    return lines
