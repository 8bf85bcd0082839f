"""Recognition as young people write: tiers, idioms, spelling, scripts, long messages, corpus."""

from __future__ import annotations

import pytest

from models.safeguarding.recognition import Tier, recognise, recogniser
from models.safeguarding.recognition.corpus import corpus_files, read_corpus
from models.safeguarding.recognition.data_files import languages
from models.safeguarding.recognition.normalising import normalise


@pytest.mark.parametrize(
    ("text", "tier", "category"),
    [
        ("i dont feel safe at home, my step dad hurts me", Tier.clear, None),
        ("my step dad hurts me", Tier.clear, "abuse"),
        ("mums boyfriend slapped me", Tier.clear, "abuse"),
        ("he beat me with a belt", Tier.clear, "abuse"),
        ("kms", Tier.clear, "suicide"),
        ("im gonna unalive myself", Tier.clear, "suicide"),
        ("i feel sucidal", Tier.clear, "suicide"),
        ("everyone would be better off without me", Tier.clear, "suicide"),
        ("they make me carry packages", Tier.clear, "exploitation"),
        ("an older guy keeps asking for pics", Tier.clear, "exploitation"),
        ("he says hell send my pics to everyone unless i send more", Tier.clear, "exploitation"),
        ("my foster dad tries to kiss me", Tier.clear, "sexual_abuse"),
        ("started sh again", Tier.clear, "self_harm"),
        ("i bang my head on the wall", Tier.clear, "self_harm"),
        ("i cut my finger on purpose", Tier.clear, "self_harm"),
        ("she keeps slapping me", Tier.clear, "abuse"),
        ("i dont want to go back to my carers", Tier.clear, "running_away"),
        ("frightened of what hell do tonight", Tier.clear, "unsafe"),
        ("i have nowhere to sleep tonight", Tier.clear, "unsafe"),
        ("gang stabbed my friend and said im next", Tier.clear, "hurt"),
        ("im going to run away tonight", Tier.clear, "running_away"),
        ("scared to go home", Tier.possible, "unsafe"),
        ("he gets really angry", Tier.possible, "abuse"),
        ("i owe them money", Tier.possible, "exploitation"),
        ("i dont want to be here anymore", Tier.possible, "suicide"),
    ],
)
def test_danger_reaches_its_tier(text, tier, category) -> None:
    reading = recognise(text)
    assert reading is not None, text
    assert reading.tier == tier, (text, reading)
    assert category is None or reading.category == category, (text, reading)


@pytest.mark.parametrize(
    "text",
    [
        "hit me up later",
        "hit me up when ur free x",
        "this homework is killing me",
        "id die for a pizza",
        "i killed it in my exam",
        "a runaway train",
        "i feel safe with my carers",
        "my mum hugs me",
        "he hit the ball so hard",
        "my feet are killing me",
        "she beat me at fifa",
        "we watched suicide squad",
        "my cat ran away",
    ],
)
def test_everyday_speech_does_not_alarm(text) -> None:
    assert recognise(text) is None, (text, recognise(text))


def test_a_not_turns_danger_down_a_tier() -> None:
    assert recognise("he hits me") == recognise("he hits me")
    reading = recognise("he never hits me")
    assert reading is not None and reading.tier == Tier.possible


@pytest.mark.parametrize(
    "text",
    [
        "im not suicidal dont worry",
        "i havent self harmed in a year",
        "i wont hurt myself i promise",
    ],
)
def test_a_not_made_a_settled_fact_asks_nothing(text) -> None:
    assert recognise(text) is None, (text, recognise(text))


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("i cant do this anymore", Tier.possible),
        ("i dont think i can go on anymore", Tier.possible),
        ("i dont want to live anymore", Tier.clear),
        ("i dont feel safe at home anymore", Tier.clear),
        ("he doesnt hit me anymore but he still scares me", Tier.possible),
    ],
)
def test_a_settling_word_without_a_not_changes_nothing(text, tier) -> None:
    reading = recognise(text)
    assert reading is not None and reading.tier == tier, (text, reading)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("I DON’T want to", ["i", "dont", "want", "to"]),
        ("pleeeeease", ["pleease"]),
        ("k1ll my$elf", ["kill", "myself"]),
        ("at 5am 2nite", ["at", "5am", "2nite"]),
        ("su\u200bici\u200dde", ["suicide"]),
        ("كيف يا", ["کیف", "یا"]),
        ("أنا إلى آخر", ["انا", "الی", "اخر"]),
        ("٣ ۴", ["3", "4"]),
        ("zażółć", ["zazolc"]),
        # Sorani on a keyboard without its letters: ە as heh and a joiner, ێ as yeh.
        ("دەمەوێت", ["دهمهویت"]),
        ("ده\u200cمه\u200cويت", ["دهمهویت"]),
        ("😭😭 ok.", ["😭", "😭", "ok", "."]),
    ],
)
def test_normalising_folds_what_people_type(text, words) -> None:
    assert normalise(text) == words


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "🙂🙂🙂",
        "🔥" * 3000,
        "日本語のテキスト",
        "Ελληνικά κείμενα",
        "a" * 50_000,
        "\x00\x01",
    ],
)
def test_odd_input_never_crashes(text) -> None:
    recognise(text)


def test_danger_late_in_a_long_message_is_found() -> None:
    long = "we went to the park and it was nice. " * 400 + "my stepdad hits me"
    reading = recognise(long)
    assert len(long) > 10_000 and reading is not None and reading.tier == Tier.clear


def test_ethiopic_words_are_read_as_written_and_latin_ones_still_corrected() -> None:
    """One Ethiopic letter is a syllable: "I hit" (እመታለሁ) is one letter from "I wish"."""
    assert recogniser().correct("እመታለሁ") == "እመታለሁ"
    assert recogniser().correct("thretened") == "threatened"
    reading = recognise("ጭንቅላቴን ግድግዳ ላይ እመታለሁ")
    assert reading is not None and reading.category == "self_harm"


def test_sorani_typed_without_sorani_letters_is_still_read() -> None:
    """An Arabic keyboard has no ە, ێ or ڵ: "my dad hits me" typed with ه, ي and ل."""
    reading = recognise("باوکم ليم ده\u200cدات")
    assert reading is not None and reading.category == "abuse"


def test_a_message_in_another_script_is_still_checked() -> None:
    mixed = "bonjour 😊 my step dad hits me مرحبا"
    assert recognise(mixed) is not None


WITH_DATA = {path.name for path in languages()}
CORPORA = [path for path in corpus_files() if path.stem in WITH_DATA]


@pytest.mark.parametrize("path", CORPORA, ids=[path.stem for path in CORPORA])
def test_a_sample_of_the_tuned_corpus_reaches_its_tier(path) -> None:
    """Every fifth tune line: danger is recognised, safe never reaches clear."""
    rows = [row for row in read_corpus(path) if row.split == "tune"][::5]
    wrong = []
    for row in rows:
        reading = recognise(row.text)
        if (row.label == "danger") != (reading is not None) and not (
            row.label == "safe" and reading is not None and reading.tier == Tier.possible
        ):
            wrong.append((row.line, row.text, reading))
    assert wrong == []


@pytest.mark.parametrize("path", CORPORA, ids=[path.stem for path in CORPORA])
def test_the_held_out_corpus_stays_above_its_goals(path) -> None:
    """Held out lines are never tuned on, so this guards the whole rate loosely, not each line.

    The goals (97% recall, 3% clear alarms) are bench/danger.py's; this floor only catches a
    data change that breaks a language, without asking anyone to fit the held-out lines.
    """
    rows = [row for row in read_corpus(path) if row.split == "heldout"]
    danger = [row for row in rows if row.label == "danger"]
    safe = [row for row in rows if row.label == "safe"]
    found = sum(recognise(row.text) is not None for row in danger)
    alarms = sum(getattr(recognise(row.text), "tier", None) == Tier.clear for row in safe)
    assert found >= 0.8 * len(danger)
    assert alarms <= 0.05 * len(safe)


def test_the_learned_net_only_ever_asks(tmp_path) -> None:
    """Words no pattern knows, but the corpus does, get the gentle question, never the alarm."""
    from models.safeguarding.recognition.matching import Recogniser

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = ["label\tcategory\tsplit\ttext"]
    for n in range(12):
        lines.append(f"danger\texploitation\ttune\tthe olders want me on the trainline {n}")
        lines.append(f"safe\teveryday\ttune\twe had chips and watched telly {n}")
    lines.append("danger\texploitation\theldout\tnever learned from")
    (corpus / "xx.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    engine = Recogniser(tmp_path)
    hits = engine.hits("the olders want me on the trainline again")
    assert [(h.tier, h.category, h.where) for h in hits] == [
        ("possible", "exploitation", "learned")
    ]
    assert engine.hits("we had chips and watched telly") == []
    assert engine.nets["xx"].size == (12, 12)  # the held-out line is never learned from
    again = Recogniser(tmp_path).hits("the olders want me on the trainline again")
    assert again == hits


def test_a_weak_cue_among_words_the_net_reads_as_safe_is_not_asked_about() -> None:
    """A possible pattern in a message whose words lean to the safe lines asks nothing."""
    engine = recogniser()
    text = "my carer let me use the big knife to chop veg for tea, im basically a chef"
    assert recognise(text) is None
    gate = engine.gate
    engine.gate = float("-inf")  # the net weighing nothing: the pattern alone would ask
    try:
        assert {hit.tier for hit in engine.hits(text)} == {"possible"}
    finally:
        engine.gate = gate


@pytest.mark.parametrize("text", ["help me", "i need help now", "unsafe", "self harm"])
def test_a_few_words_are_always_asked_about(text) -> None:
    assert getattr(recognise(text), "tier", None) == Tier.possible


def test_a_clear_match_is_never_weighed_by_the_net() -> None:
    text = "we went to the cinema and had pizza and it was fun but my step dad hurts me"
    assert getattr(recognise(text), "tier", None) == Tier.clear
