"""The tests a quoted span passes to be speech: a spoken clause, a term, an attribution."""

from __future__ import annotations

from bot.extract.speechlike import completes_a_clause, is_attributed, is_term, reads_as_speech


def test_the_speech_tests() -> None:
    assert reads_as_speech("Мы с ними не общаемся", "ru")
    assert reads_as_speech("Тому що вони хотять піти значно далі", "uk")
    assert reads_as_speech("It will rain", "en")
    assert reads_as_speech("hair trigger in single-action mode,", "en")  # '"…," he said'
    assert not reads_as_speech("Холокост: уничтожение, освобождение, спасение", "ru")
    assert not reads_as_speech("an island of democracy", "en")
    assert is_term("the Richard & Judy effect", "en")
    assert not is_term("shared goal across government", "en")
    assert is_attributed("Mr Balls said Labour would win ", "")
    assert is_attributed("The minister was firm: ", ", — сказал он.")
    assert not is_attributed("Booksellers credit ", " for the rise.")
    assert completes_a_clause("the levy was ", "en")
    assert not completes_a_clause("Booksellers credit ", "en")
