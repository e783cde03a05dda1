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
