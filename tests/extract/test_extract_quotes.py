"""Lead quote: quote marks, pairing, and quote vs scare quote vs title."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.extract.quotemarks import Role, find_quote_spans, quote_marks
from bot.extract.quotes import LeadQuote, find_lead_quote, is_direct_quote


def quote(body: str, lang: str = "en") -> str | None:
    found = find_lead_quote(body, lang)
    return found.text if found else None


def test_straight_quote_with_attribution() -> None:
    body = (
        'Growth slowed. "We had a very frank discussion on burden-sharing,"'
        " Stoltenberg told reporters."
    )
    assert find_lead_quote(body, "en") == LeadQuote(
        "We had a very frank discussion on burden-sharing,", "Stoltenberg"
    )


def test_no_quote_marks_gives_none() -> None:
    assert find_lead_quote("The minister said prices would rise next year.", "en") is None


def test_scare_quotes_under_four_words_are_skipped() -> None:
    body = (
        'The Tories called the plan "desperate" and a "shared goal". '
        '"We are going to extend the pay to nine months," Ms Hewitt said.'
    )
    assert quote(body) == "We are going to extend the pay to nine months,"


def test_title_case_span_is_a_title_not_a_quote() -> None:
    body = (
        'The campaign runs under the theme "The New Vision of Kodak." '
        '"Our sales exceeded four billion dollars last year," it said.'
    )
    assert quote(body) == "Our sales exceeded four billion dollars last year,"


def test_name_after_naming_word_is_not_a_quote() -> None:
    body = "Депутаты партии «Слуга народа и друзья навсегда» проголосовали. Других новостей нет."
    assert quote(body, "ru") is None


def test_french_guillemets_with_no_break_spaces() -> None:
    body = "Le ministre a déclaré\u00a0: «\u00a0Nous ne sommes pas que des chiffres\u00a0», hier."
    assert quote(body, "fr") == "Nous ne sommes pas que des chiffres"


def test_german_low_high_marks_and_mixed_pair() -> None:
    assert quote("Er sagte: „Wir wehren uns gegen die totale Überwachung“.", "de") == (
        "Wir wehren uns gegen die totale Überwachung"
    )
    assert quote('Laut Hanisch: "Wir verbrauchen siebzig Prozent weniger Energie“, sagt er.', "de")


def test_german_reversed_guillemets() -> None:
    assert quote("Sie sagte: »Das ist ein guter Tag für uns alle«.", "de") == (
        "Das ist ein guter Tag für uns alle"
    )


def test_nested_quote_stays_inside() -> None:
    body = "\"I prefer a move to 'target zones' in which the countries agree,\" Bergsten said."
    assert quote(body) == "I prefer a move to 'target zones' in which the countries agree,"


def test_one_mark_closing_nested_and_outer_quote() -> None:
    body = (
        "«Мы наблюдаем справедливость известной поговорки «сапожник без сапог», — сказал Бальбек."
    )
    assert (
        quote(body, "ru") == "Мы наблюдаем справедливость известной поговорки «сапожник без сапог"
    )


def test_interrupted_quote_gives_first_part() -> None:
    body = '"Assets are one thing, and companies are another," Crandall said. "We wait."'
    assert quote(body) == "Assets are one thing, and companies are another,"


def test_unclosed_mark_is_not_a_quote() -> None:
    body = (
        'Он обвинил "националистические формирования в обстрелах.\n'
        "Другой пункт без кавычек.\n"
        '"Не позволяйте использовать ваших детей как щит", - сказал Путин.'
    )
    assert quote(body, "ru") == "Не позволяйте использовать ваших детей как щит"


def test_multi_paragraph_quote_gives_first_paragraph() -> None:
    body = (
        'Ami Caton said: "She was an ex-smoker and a vape smoker.\n\n'
        '"She was blue and cold when I woke up."'
    )
    assert quote(body) == "She was an ex-smoker and a vape smoker."


def test_reopened_quote_on_one_line_gives_first_paragraph() -> None:
    body = 'Ms Hewitt said: "We have already doubled maternity pay. "We are going further."'
    assert quote(body) == "We have already doubled maternity pay."


def test_curly_single_quotes_and_apostrophes() -> None:
    body = "‘It’s a good-news bad-news story,’ said Trevor Houser."
    assert quote(body) == "It’s a good-news bad-news story,"


def test_lost_newline_n_in_cyrillic_text_is_repaired() -> None:
    body = "в непогоду.n«Когда идёт дождь или снег, номер грязный», —nзаявилnон."
    assert quote(body, "ru") == "Когда идёт дождь или снег, номер грязный"


def test_marks_roles_come_from_context() -> None:
    roles = [(m.char, m.role) for m in quote_marks('He said "yes, we can" and "no."')]
    assert roles == [('"', Role.OPEN), ('"', Role.CLOSE), ('"', Role.OPEN), ('"', Role.CLOSE)]


def test_apostrophes_are_not_marks() -> None:
    assert quote_marks("don't, it’s, l'homme") == []


def test_spans_are_in_body_order() -> None:
    text = "«один» и «два три четыре пять»"
    assert [text[s.start : s.end] for s in find_quote_spans(text)] == [
        "один",
        "два три четыре пять",
    ]


def test_is_direct_quote_rules() -> None:
    assert is_direct_quote("from time to time,", "acquisitions taking place ")
    assert not is_direct_quote("shark attack!", "")
    assert not is_direct_quote("Postcolonial Remembrance in the City", "the project ")
    assert not is_direct_quote("IRA MB 32135 GUESTS", "")
    assert is_direct_quote("Die Altenpflege ist kein Hotspot der Pandemie", "", "de")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(), max_size=400), st.sampled_from(["en", "ru", "de", "fr"]))
def test_never_raises_on_arbitrary_text(body: str, lang: str) -> None:
    found = find_lead_quote(body, lang)
    assert found is None or (isinstance(found.text, str) and found.text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="\"“”„«»‚‘’' ab.,\n—Hxsaid", max_size=200))
def test_never_raises_on_quote_mark_soup(body: str) -> None:
    found = find_lead_quote(body, "en", title="Title: x")
    assert found is None or found.text == " ".join(found.text.split())
