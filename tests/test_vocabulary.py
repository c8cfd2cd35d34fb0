"""One word per concept: the Swedish translations use the glossary's words."""

import gettext
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "wagtail_samverkan/locale/sv/LC_MESSAGES/django.mo"
GLOSSARY = ROOT / "docs/glossary.md"
AVOID = tomllib.loads((Path(__file__).parent / "vocabulary.toml").read_text())["avoid"]


def swedish_entries():
    """``(msgid, msgstr)`` for every translated entry of the compiled catalogue."""
    with CATALOGUE.open("rb") as file:
        catalogue = gettext.GNUTranslations(file)._catalog
    for key, msgstr in catalogue.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if msgid and msgstr:
            yield msgid.split("\x04")[-1], msgstr


def pattern(word):
    return re.compile(r"(?<!\w)" + re.escape(word), re.IGNORECASE)


def misused_words(texts):
    """``(text, word, use)`` for each text that uses a word to avoid."""
    return [
        (text, word, rule["use"])
        for text in texts
        for rule in AVOID
        for word in rule["words"]
        if pattern(word).search(text)
    ]


def test_no_swedish_translation_uses_a_word_the_glossary_avoids():
    found = [
        f"{msgid!r} is translated {msgstr!r}: write {use!r}, not {word!r}"
        for msgid, msgstr in swedish_entries()
        for _text, word, use in misused_words([msgstr])
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Välj kommunal organisation", "kommunal organisation"),
        ("Kommunala organisationer", "kommunala organisation"),
        ("Länkar till IOP:er", "IOP:er"),
        ("Ett evenemang i stadshuset", "evenemang"),
        ("Nämnder och förvaltningar", None),
        ("Digitalt möte", None),
        ("Idéburna organisationer", None),
    ],
)
def test_the_check_finds_the_words_it_should(text, expected):
    words = [word for _text, word, _use in misused_words([text])]
    assert words[:1] == ([expected] if expected else [])


def test_the_glossary_names_every_word_to_avoid():
    glossary = GLOSSARY.read_text()
    missing = [word for rule in AVOID for word in rule["words"] if word not in glossary]
    assert not missing, f"docs/glossary.md does not mention {missing}"
