"""Query analysis and the glossary, without a database: phrase members, synonyms inside
compounds, typo corrections and Swedish inflected forms reaching the glossary."""

import os

import pytest

from tuuma.search import analysis, glossary
from tuuma.search.analysis import Vocabulary, analyze_query

needs_voikko = pytest.mark.skipif(
    not analysis.available() and os.environ.get("CI") != "true",
    reason="Voikko (libvoikko1 + voikko-fi) is not installed")


class Index(Vocabulary):
    """An index that holds exactly TERMS."""

    def __init__(self, terms):
        self.terms = set(terms)

    def known(self, terms) -> set[str]:
        return self.terms.intersection(terms)


def terms(text, vocabulary=None):
    return analyze_query(text, vocabulary, fuzzy=vocabulary is not None).terms


# ---------------------------------------------------------------------------- phrases
@needs_voikko
def test_a_multi_word_member_matches_as_a_phrase():
    assert "etätyö" in terms("remote work")
    assert "etätyö" in terms("Remote work policy")
    assert "ruokahävikki" in terms("food waste in schools")  # a stop word in between
    assert "päiväkoti" in terms("early childhood education")
    # Finnish, inflected: word by word base forms
    assert "verkkoasiointi" in terms("sähköistä asiointia")
    # the words alone are no concept
    assert "etätyö" not in terms("remote")
    assert "etätyö" not in terms("work")
    assert "verkkoasiointi" not in terms("asiointia")


@needs_voikko
def test_a_phrase_must_be_consecutive_words():
    assert "etätyö" not in terms("remote teams work")


@needs_voikko
def test_general_words_of_multi_word_members_are_not_searched_alone():
    remote = glossary.table()[("fi", "etätyö")]
    assert "remot" in remote and "monipaikkainen" in remote
    assert "työ" not in remote and "work" not in remote
    elderly_care = glossary.table()[("fi", "vanhuspalvelu")]
    assert "palvelu" not in elderly_care
    assert "ikääntynyt" not in elderly_care  # it names the concept of elderly people


# ---------------------------------------------------------------------------- compounds
@needs_voikko
def test_a_synonym_is_swapped_into_a_compound_part():
    found = terms("esihenkilötyö")
    assert "esimiestyö" in found and "lähiesimiestyö" in found
    assert "esihenkilötyö" in terms("esimiestyön")
    # the synonym alone is not searched: "esimies" would rank any text about supervisors
    assert "esimies" not in found


@needs_voikko
def test_a_piece_before_a_hyphen_is_indexed_as_written():
    _lemmas, parts = analysis.analyze_word("Lean-toteutus")
    assert "lean" in parts and "toteutus" in parts
    _lemmas, parts = analysis.analyze_word("kunnanjohtaja")
    assert "kunnan" not in parts


# ---------------------------------------------------------------------------- typos
@needs_voikko
def test_a_corrected_typo_brings_its_glossary_concept():
    index = Index({"varhaiskasvatus", "päiväkoti", "daghem"})
    found = terms("varhaiskasvatsu", index)
    assert "varhaiskasvatus" in found
    assert "päiväkoti" in found and "småbarnspedagogik" in found


@needs_voikko
def test_a_correctly_spelt_word_gets_no_typo_concepts():
    index = Index({"varhaiskasvatus"})
    assert "päiväkoti" not in terms("kasvatus", index)


# ---------------------------------------------------------------------------- Swedish
@needs_voikko
@pytest.mark.parametrize("word, concept_term", [
    ("skolan", "koulu"),
    ("skolorna", "koulu"),
    ("skolmaten", "kouluruoka"),
    ("daghemmen", "päiväkoti"),
    ("daghemmet", "päiväkoti"),
])
def test_swedish_definite_and_plural_forms_reach_the_glossary(word, concept_term):
    assert concept_term in terms(word)


@needs_voikko
def test_a_finnish_word_is_not_stripped_of_swedish_endings():
    # "kunnan" is Finnish (known to Voikko): its base form decides, no Swedish guesses
    assert terms("kunnan") == terms("kunta")


# ---------------------------------------------------------------------------- vocabulary
@needs_voikko
def test_municipal_concepts():
    assert "yhteistoimintamenettely" in terms("yt-neuvottelut")
    assert "muutosneuvottelu" in terms("YT-neuvottelut")
    assert "osallisuus" in terms("kuntalaisten osallistaminen")
    assert "vanhus" in terms("ikäihmiset") and "seniori" in terms("vanhukset")
