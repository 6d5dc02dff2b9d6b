"""Speed-ups of the extraction hot paths give exactly what the plain definitions give.

Each fast path (counting scripts per distinct character, stopping word counts early, searching
only the last token for an abbreviation, skipping regex scans that cannot match) is checked
against the straightforward formulation it replaced, on generated text that mixes the
characters each one is sensitive to.
"""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from bot.extract import lang, linebreaks, lines, sentences, telegram, text
from bot.extract.telegram import PostEntity, extract_telegram_post


def mixed(alphabet: str, max_size: int = 60) -> st.SearchStrategy[str]:
    return st.text(alphabet=st.sampled_from(list(alphabet)), max_size=max_size)


SCRIPTS = "aZ éÿĀɏɐяЁіїыэΩשعא中か한ไაԱ'’\n1_🔴" + "\ud800"
_VOTING_WORDS = ["the", "der", "le", "el", "gli", "het", "é", "das", "и", "і", "ы", "said"]
WORDS = st.lists(
    st.sampled_from(_VOTING_WORDS),
    max_size=30,
).map(" ".join)


def regex_script_counts(sample: str) -> dict[str, int]:
    """The one-regex-per-script count the fast path replaced."""
    counts = {"latin": len(re.findall(r"[A-Za-z\u00c0-\u024f]", sample))}
    for script, low, high in lang._SCRIPT_RANGES:
        counts[script] = len(re.findall(f"[{chr(low)}-{chr(high)}]", sample))
    return counts


@given(mixed(SCRIPTS))
def test_script_counts_equal_one_regex_per_script(sample: str) -> None:
    assert lang._script_counts(sample) == regex_script_counts(sample)


@given(WORDS)
def test_stopword_votes_equal_a_vote_per_language_list(sample: str) -> None:
    votes = dict.fromkeys(lang._LATIN_STOPWORDS, 0)
    for word in lang._WORD.findall(sample.lower()):
        for code, stopwords in lang._LATIN_STOPWORDS.items():
            votes[code] += word in stopwords
    best = max(votes, key=lambda code: votes[code])
    assert lang._latin_language(sample) == (best if votes[best] else lang.DEFAULT_LANGUAGE)


def test_a_word_of_two_languages_votes_for_both() -> None:
    assert lang._STOPWORD_LANGUAGES["das"] == ("de", "pt")
    assert lang.detect_language("das das é") == "pt"  # pt 3 votes, de 2


def test_ukrainian_letters_outvote_russian_ones() -> None:
    assert lang.detect_language("Україна і Європа їдуть разом") == "uk"
    assert lang.detect_language("Россия и Украина: съезд объявлен") == "ru"


@given(mixed("aZяЁ\u04ff\u0500 é🔴\ud800"))
def test_mostly_cyrillic_counts_like_the_regexes(sample: str) -> None:
    cyrillic = len(re.findall(r"[\u0400-\u04ff]", sample))
    latin = len(re.findall(r"[A-Za-z]", sample))
    assert linebreaks._is_mostly_cyrillic(sample) == (cyrillic > latin)


def test_glued_line_breaks_are_repaired_in_cyrillic_text() -> None:
    repaired = linebreaks.repair_line_breaks("Ветер усилится.nUFC отменил турнир.n«Когда начнём?»")
    assert repaired == "Ветер усилится.\nUFC отменил турнир.\n«Когда начнём?»"
    assert linebreaks.repair_line_breaks("Written in Latin.nUFC stays glued.") == (
        "Written in Latin.nUFC stays glued."
    )


@given(mixed("ab \t\u00a0\n\u2003x"))
def test_lines_collapse_like_one_line_at_a_time(raw: str) -> None:
    expected = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in raw.split("\n")]
    assert text._collapsed_lines(raw) == expected


@given(mixed("ab \t\u00a0\n\u2003\r.!"))
def test_sentence_space_collapse_matches_any_white_space_run(raw: str) -> None:
    assert sentences._SPACES.sub(" ", raw) == re.sub(r"\s+", " ", raw)


@given(mixed("a1_ -'’я", max_size=40), st.integers(min_value=0, max_value=6))
def test_word_count_exceeds_agrees_with_word_count(line: str, limit: int) -> None:
    assert lines.word_count_exceeds(line, limit) == (lines.word_count(line) > limit)


@given(mixed("Mr J. U.S г(“«»”)!?\n\u00a0a", max_size=40))
def test_abbreviation_check_reads_only_the_last_token(chunk: str) -> None:
    match = sentences._LAST_WORD.search(chunk)
    word = match.group(1).lower() if match else ""
    expected = bool(word) and (
        (len(word) == 1 and word.isalpha()) or word in sentences._ABBREVIATIONS
    )
    assert sentences._is_abbreviation(chunk) == expected


@given(mixed("Mr J. A b!?\n“”", max_size=50), st.integers(min_value=1, max_value=3))
def test_first_sentences_are_the_first_of_split_sentences(body: str, n: int) -> None:
    assert sentences.first_sentences(body, n) == sentences.split_sentences(body)[:n]


@given(mixed("pic.twitter.com/(@) a1,—\n", max_size=50))
def test_social_embed_prefilter_skips_only_lines_the_regex_rejects(line: str) -> None:
    assert lines.is_social_embed(line) == (lines._SOCIAL_EMBED.search(line) is not None)


@given(mixed("a1_ —🔴\u00a0я!"))
def test_has_words_is_any_letter_or_digit(line: str) -> None:
    assert telegram._has_words(line) == any(char.isalnum() for char in line)


@given(
    mixed("ab 🔴", max_size=20),
    st.lists(st.tuples(st.integers(0, 25), st.integers(1, 10)), max_size=4),
)
def test_text_outside_links_drops_exactly_the_linked_characters(
    content: str, raw_links: list[tuple[int, int]]
) -> None:
    line = telegram._Line(3, 3 + len(content), content)
    links = [(start, start + length) for start, length in raw_links]
    outside = "".join(
        char
        for index, char in enumerate(content, start=line.start)
        if not any(start <= index < end for start, end in links)
    )
    found = telegram._text_outside_links(line, links)
    assert (found if found is not None else content) == outside
    assert (found is None) == (
        outside == content
        and not any(start < line.end and end > line.start for start, end in links)
    )


def test_link_only_signature_line_is_dropped_and_a_line_with_words_is_kept() -> None:
    body = "Депутати проголосували за бюджет на наступний рік."
    linked = "Бюджет ще має підписати президент, деталі на сайті"
    signature = "⚡️ Канал Новини"
    post = f"Рада ухвалила бюджет\n{body}\n{linked}\n{signature}"
    link_start = len(post) - len(signature) + 3  # after the emoji (2 units) and the space
    links = [
        PostEntity("text_link", link_start, len("Канал Новини"), "https://t.me/news"),
        PostEntity("text_link", post.index("сайті"), len("сайті"), "https://example.org"),
    ]
    result = extract_telegram_post(post, links, dt.datetime(2024, 1, 2, 9, 0))
    assert result.body == f"{body}\n{linked}"
