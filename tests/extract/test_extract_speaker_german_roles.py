"""Speaker: German occupational nouns before a name are roles, not part of the name."""

import pytest

from bot.extract.quotes import find_lead_quote
from bot.extract.speaker.names import is_role_word


@pytest.mark.parametrize(
    "word",
    ["Kuratorin", "Regisseurin", "Pianistin", "Intendantin", "Hüttenwirt", "Verkehrsplaner"],
)
def test_german_agent_nouns_are_roles(word: str) -> None:
    assert is_role_word(word)


@pytest.mark.parametrize("word", ["Severin", "Karin", "Richter", "Wirth", "Müller", "Katrin"])
def test_given_names_and_surnames_are_not_roles(word: str) -> None:
    assert not is_role_word(word)


@pytest.mark.parametrize(
    ("role", "name"),
    [("Kuratorin", "Jana Brandt"), ("Hüttenwirt", "Georg Brandstätter")],
)
def test_role_before_name_is_left_out_of_the_speaker(role: str, name: str) -> None:
    body = f"„Mit so vielen Besuchern hatten wir nicht gerechnet“, sagte {role} {name} am Montag."
    found = find_lead_quote(body, "de")
    assert found is not None
    assert found.speaker == name
