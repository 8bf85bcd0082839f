"""The data files: every line reads, every example is caught, every "not:" stays quiet.

A malformed file is refused naming its file and line, so the lead can fix it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from models.safeguarding.recognition import DataError, Tier, recognise, recogniser
from models.safeguarding.recognition.data_files import languages, read_language
from models.safeguarding.recognition.matching import Recogniser

RULES = [rule for path in languages() for rule in read_language(path).patterns]
EXCEPTIONS = [rule for path in languages() for rule in read_language(path).exceptions]


def _id(rule) -> str:
    return f"{rule.language}:{rule.line}"


def test_every_language_folder_reads() -> None:
    assert {path.name for path in languages()} >= {"en"}
    assert recogniser().patterns


@pytest.mark.parametrize("rule", RULES, ids=_id)
def test_every_pattern_catches_its_examples(rule) -> None:
    for example in rule.examples:
        fired = {hit.where for hit in recogniser().hits(example)}
        assert f"{rule.language}/patterns.txt:{rule.line}" in fired, (rule.source, example)
        reading = recognise(example)
        assert reading is not None
        if rule.tier == "clear":
            assert reading.tier == Tier.clear, (example, reading)


@pytest.mark.parametrize("rule", [r for r in RULES if r.counter_examples], ids=_id)
def test_what_a_pattern_must_not_catch_stays_quiet(rule) -> None:
    for text in rule.counter_examples:
        assert recognise(text) is None, (text, recognise(text))


@pytest.mark.parametrize("rule", EXCEPTIONS, ids=_id)
def test_every_exception_example_stays_quiet(rule) -> None:
    for text in rule.examples:
        assert recognise(text) is None, (text, recognise(text))


def _language(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "xx"
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("files", "line", "why"),
    [
        ({"lexicons": "[agent]\nhe\n[agent]\nshe\n"}, 3, "appears twice"),
        ({"lexicons": "he, she\n"}, 1, "before the first"),
        ({"lexicons": "[Agent]\nhe\n"}, 1, "heading"),
        ({"lexicons": "[a]\nhe, , she\n"}, 2, "empty entry"),
        (
            {"patterns": "clear abuse: hits me\nexample: he hits me\nclear abuse: {agent} me\n"},
            3,
            "not a lexicon",
        ),
        ({"patterns": "urgent abuse: hits me\nexample: x\n"}, 1, "tier"),
        ({"patterns": "clear bullying: hits me\nexample: x\n"}, 1, "category"),
        ({"patterns": "clear abuse: hits me\n"}, 1, "no example"),
        ({"patterns": "example: hits me\n"}, 1, "before any pattern"),
        ({"patterns": "hits me\n"}, 1, "tier category: pattern"),
        ({"patterns": "clear abuse: ... hits\nexample: hits\n"}, 1, "start or end"),
        ({"exceptions": "hit me up\nhit me back\nexample: hit me back\n"}, 1, "no example"),
    ],
)
def test_a_malformed_file_is_refused_naming_file_and_line(tmp_path, files, line, why) -> None:
    with pytest.raises(DataError, match=why) as refused:
        Recogniser(_language(tmp_path, **files))
    assert refused.value.line == line
    assert refused.value.path.endswith(f"{next(iter(files))}.txt")
    assert f"line {line}" in str(refused.value)


def test_a_lexicon_that_includes_itself_is_refused(tmp_path) -> None:
    folder = _language(
        tmp_path,
        lexicons="[a]\n{b}\n[b]\n{a}\n",
        patterns="clear abuse: {a}\nexample: x\n",
    )
    with pytest.raises(DataError, match="includes itself"):
        Recogniser(folder)


def test_a_small_language_works_end_to_end(tmp_path) -> None:
    folder = _language(
        tmp_path,
        lexicons="[negation]\nnie\n[verb]\nbije, bił*\n",
        patterns="clear abuse: {verb} mnie\nexample: tata mnie bije\n",
        exceptions="bije mnie w grze\nexample: brat bije mnie w grze\n",
    )
    engine = Recogniser(folder)
    assert [h.tier for h in engine.hits("Tata BIJE mnie!!")] == ["clear"]
    assert [h.tier for h in engine.hits("tata nie bije mnie")] == ["possible"]
    assert engine.hits("brat bije mnie w grze") == []
    assert [h.category for h in engine.hits("bilam... on bił mnie")] == ["abuse"]


def test_a_spelling_never_hides_a_word_another_file_uses_in_its_own_sense() -> None:
    """A text-speak spelling is read as its meaning everywhere, so wherever the data lists
    the spelling (a lexicon, a [a|b] choice), it lists the meaning too: Polish "w" is "in",
    never English "with"."""
    engine = recogniser()
    clashes = []
    for directory in languages():
        data = read_language(directory)
        groups = [[" ".join(entry) for entry in entries] for entries in data.lexicons.values()]
        for rule in [*data.patterns, *data.exceptions]:
            groups += [[" ".join(entry) for entry in piece.value] for piece in rule.pieces]
        for group in groups:
            for typed, meant in engine.spellings.words.items():
                if typed in group and meant not in group:
                    clashes.append((directory.name, typed, meant, group[:6]))
        if directory.name != "en":
            # Nor a word of another language at all (Vietnamese "noi" is "no1" folded).
            words = {word for group in groups for entry in group for word in entry.split()}
            clashes += [(directory.name, t) for t in engine.spellings.words if t in words]
    assert clashes == []


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("dnt feel safe @ home", Tier.clear),
        ("im nt safe here", Tier.clear),
        ("i got rapd", Tier.clear),
        ("sum1 is followin me", Tier.possible),
        ("hes threatnin me", Tier.clear),
        ("evry1 wud b beta off without me", Tier.clear),
        ("idk wer to go 2nite", Tier.possible),
        ("i burnd myself", Tier.clear),
    ],
)
def test_text_speak_is_read_as_the_words_it_stands_for(text, tier) -> None:
    reading = recognise(text)
    assert reading is not None and reading.tier == tier, (text, reading)


def test_an_ending_is_made_whole_only_into_a_word_the_data_knows() -> None:
    engine = recogniser()
    assert engine.correct("scard") == "scared"
    assert engine.correct("followin") == "following"
    assert engine.correct("robin") == "robin"
    assert engine.correct("cousin") == "cousin"
