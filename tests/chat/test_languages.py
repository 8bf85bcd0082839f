"""Every young person in their own language: suggested at /start, one tap away, kept after."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from models import Organisation
from models.core.enums import MeetingKind
from models.meetings.conference import record_conference_held
from models.meetings.meeting import Meeting
from tests.chat.kit import ChatSandbox
from tests.support.chat_journeys import COUNCIL, council, record_of, referred, tap
from texts import chat as texts
from texts import unasked
from texts.catalog import t
from texts.languages import LANGUAGES
from texts.when import period_text


async def test_amira_whose_telegram_is_arabic_is_welcomed_in_arabic_and_switches_in_one_tap(
    sandbox: ChatSandbox, every_language_complete: Path
) -> None:
    await council(sandbox)
    amira = sandbox.young_person("أميرة", language_code="ar-SA")
    await amira.says("/start")
    await amira.sees(t("ar", texts.WELCOME))
    consent = await amira.sees(t("ar", texts.ASK_CONSENT))
    assert t("ar", texts.BTN_YES_GO_ON) in consent.buttons
    # Every other language by its own name, on the same message: one tap away.
    assert {LANGUAGES[code].name for code in LANGUAGES if code != "ar"} <= set(consent.buttons)
    assert LANGUAGES["ar"].name not in consent.buttons
    await tap(amira, "English")
    await amira.sees(texts.WELCOME)
    await tap(amira, texts.BTN_YES_GO_ON)
    await amira.sees(texts.ASK_NAME)
    await amira.says("Amira")
    await amira.says("15")
    await tap(amira, texts.BTN_IN_CARE)
    await tap(amira, COUNCIL)
    await tap(amira, texts.BTN_NO)
    await tap(amira, texts.BTN_EVENING)
    await amira.sees("Thank you, Amira!")
    record = await record_of(sandbox, amira)
    assert record is not None and record.language == "en"


async def test_a_telegram_language_kith_does_not_speak_gets_english_and_every_choice(
    sandbox: ChatSandbox, every_language_complete: Path
) -> None:
    await council(sandbox)
    joao = sandbox.young_person("João", language_code="pt-BR")
    await joao.says("/start")
    consent = await joao.sees(texts.ASK_CONSENT)
    assert {language.name for language in LANGUAGES.values()} - {"English"} <= set(consent.buttons)
    await tap(joao, LANGUAGES["uk"].name)
    await joao.sees(t("uk", texts.WELCOME))


async def test_language_offers_all_thirteen_and_the_choice_is_kept_on_the_record(
    sandbox: ChatSandbox, every_language_complete: Path
) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    await sam.says("/language")
    choices = await sam.sees(texts.ASK_LANGUAGE)
    assert choices.buttons == [language.name for language in LANGUAGES.values()]
    await tap(sam, LANGUAGES["cy"].name)
    await sam.sees(t("cy", texts.LANGUAGE_SET))
    record = await record_of(sandbox, sam)
    assert record is not None and record.language == "cy"
    await sam.says("/help")
    menu = await sam.sees(t("cy", texts.HELP))
    assert t("cy", texts.BTN_MY_PEOPLE) in menu.buttons


async def test_a_council_offers_only_the_languages_it_chose(
    sandbox: ChatSandbox, every_language_complete: Path
) -> None:
    org, _, _ = await council(sandbox)
    async with sandbox.sessionmaker.begin() as session:
        found = await session.get_one(Organisation, org.id)
        found.offered_languages = "en,ps,fa-AF"
    sam = await referred(sandbox)
    await sam.says("/language")
    choices = await sam.sees(texts.ASK_LANGUAGE)
    assert choices.buttons == ["English", "پښتو", "دری"]


async def test_a_check_in_arrives_in_tigrinya_for_yonas_who_chose_it(
    sandbox: ChatSandbox, every_language_complete: Path
) -> None:
    await council(sandbox)
    yonas = await referred(sandbox, "Yonas")
    await yonas.says("/language")
    await tap(yonas, LANGUAGES["ti"].name)
    await yonas.sees(t("ti", texts.LANGUAGE_SET))
    record = await record_of(sandbox, yonas)
    assert record is not None and record.language == "ti"
    async with sandbox.sessionmaker.begin() as session:
        conference = Meeting(
            organisation_id=record.organisation_id,
            young_person_id=record.id,
            kind=MeetingKind.conference,
            scheduled_at=sandbox.clock.now(),
            created_at=sandbox.clock.now(),
        )
        session.add(conference)
        await session.flush()
        [first, *_] = await record_conference_held(
            session=session, now=sandbox.clock.now(), conference=conference
        )
    sandbox.clock.set(first.due_at + timedelta(minutes=1))
    await sandbox.run_due_work()
    period = period_text("2 weeks", language="ti")
    checkin = await yonas.sees(t("ti", unasked.CHECKIN, name="Yonas", label=period))
    assert "2 ሰሙናት" in checkin.text
    assert t("ti", texts.BTN_SKIP) in checkin.buttons
    await tap(yonas, "😄")
    await yonas.sees(t("ti", texts.ASK_CHECKIN_MORE))
