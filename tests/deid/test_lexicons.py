"""Lexicons: the Census lists are ASCII, so accented spellings of listed names are found too."""

import pytest


@pytest.mark.parametrize("word", ["José", "Joaquín", "Ramón", "Müller", "Rodríguez", "ZOË"])
def test_accented_spellings_of_census_names_are_names(lexicons, word):
    assert lexicons.is_name(word)


@pytest.mark.parametrize("word", ["café", "naïve", "Vroñqel"])
def test_accented_words_no_list_holds_are_not_names(lexicons, word):
    assert not lexicons.is_name(word)


def test_an_accented_name_has_the_rank_of_its_plain_spelling(lexicons):
    assert lexicons.first_names["josé"] == lexicons.first_names["jose"]


@pytest.mark.parametrize("name", ["garcia", "miller", "nguyen", "Hernández"])
def test_names_english_uses_as_names_have_a_low_name_excess(lexicons, name):
    assert lexicons.name_excess(name) < 5.1


@pytest.mark.parametrize("word", ["brown", "white", "check", "park"])
def test_names_that_are_also_english_words_have_a_high_name_excess(lexicons, word):
    assert lexicons.name_excess(word) > 5.1


def test_a_word_the_census_does_not_list_has_no_name_excess(lexicons):
    assert lexicons.name_excess("metoprolol") is None
