"""What a language gives the extractor: its words, in one record per language.

Each field is a tuple of entries, in the order the language module writes them. Fields marked
*(regex)* hold regular-expression fragments (a stem with ``\\w*``, an optional ending ``[аи]?``,
``\\s+`` between words); a literal space in an entry is a space. The other fields hold plain
lower-case words, looked up in sets. An empty field means the language has no such words, or
none the extractor needs.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MONTHS_IN_YEAR", "Lexicon", "words"]

MONTHS_IN_YEAR = 12


def words(text: str) -> tuple[str, ...]:
    """The whitespace-separated entries of ``text``: keeps long word lists readable."""
    return tuple(text.split())


@dataclass(frozen=True, slots=True, kw_only=True)
class Lexicon:
    """The words of one language that the extraction rules read (see the module docstring)."""

    code: str
    """ISO 639-1 code, as ``detect_language`` returns it."""

    # Speech: who said a quotation (bot.extract.speechverbs, bot.extract.speaker).
    speech_verbs: tuple[str, ...] = ()
    """Verbs and phrases that introduce what someone said ('said', 'заявил[аи]?', 'a dit');
    ``[xy]`` and ``[xy]?`` spell out alternative endings."""
    reporting_words: tuple[str, ...] = ()
    """Words that report speech without introducing a quotation ('reported', 'по мнению')."""
    frequent_speech_verbs: tuple[str, ...] = ()
    """*(regex)* The most frequent verbs of saying: a name right before or after one ('X said',
    'said X') is the speaker a pronoun refers to."""
    quotation_labels: tuple[str, ...] = ()
    """Labels that introduce a quotation without naming anyone ('Дослівно:', 'Пряма мова:',
    'Zitat:'): a label, not a speaker."""
    source_labels: tuple[str, ...] = ()
    """Labels of a line that names the source of what follows ('Джерело: …', 'Source: …')."""
    object_pronouns: tuple[str, ...] = ()
    """Pronouns as the object of a verb of citing ('цитирует его'): the person named before."""
    relative_pronouns: tuple[str, ...] = ()
    """Relative pronouns that open a clause about the name before them ('X, который говорит')."""
    source_prepositions: tuple[str, ...] = ()
    """*(regex)* Words that introduce a source: 'according to X', 'по словам X', 'selon X'."""
    source_words_before_name: tuple[str, ...] = ()
    """*(regex)* Source words that count only before a capitalised name ('so Jane Doe', not
    'doing so would')."""
    source_announcers: tuple[str, ...] = ()
    """*(regex)* Words that announce a source in a sentence: 'сообщает X', 'reported by X'."""
    report_days: tuple[str, ...] = ()
    """Day phrases that may stand between a source word and the source ('в пятницу')."""
    report_places: tuple[str, ...] = ()
    """Place phrases that may stand before the source ('на сайте')."""
    pronouns: tuple[str, ...] = ()
    """Personal pronouns: an attribution to one of them is resolved to a name."""
    subject_pronouns: tuple[str, ...] = ()
    """Subject pronouns before a verb of saying ('he said', 'il a dit')."""
    inverted_pronouns: tuple[str, ...] = ()
    """Subject pronouns right after a verb of saying ('сказала она', 'sagte er')."""
    clause_final_inverted_pronouns: tuple[str, ...] = ()
    """Subject pronouns after the verb only where the clause ends ('said he.'): 'Jane says he
    sold it' has Jane as the subject."""
    person_pronouns: tuple[str, ...] = ()
    """Pronouns, possessives too, that show an introduction speaks of a person ('he wrote:')."""
    clause_openers: tuple[str, ...] = ()
    """Words that open a clause, not a subject ('" and predicted further cuts')."""
    subject_end_prepositions: tuple[str, ...] = ()
    """Prepositions that end a subject phrase ('said Dave Newton from the police')."""
    object_prepositions: tuple[str, ...] = ()
    """Prepositions that make the name after them an object, not a verb's subject."""
    auxiliaries: tuple[str, ...] = ()
    """Auxiliaries that may follow a subject ('Jane Doe has coached the team')."""
    subordinating_conjunctions: tuple[str, ...] = ()
    """Phrases that open a subordinate clause before the main one ('While …, X argued')."""
    role_adjectives: tuple[str, ...] = ()
    """Words that end a role's name after a role word ('Fiscal General', 'Attorney General'):
    alone they are a title, not a name."""
    title_abbreviations: tuple[str, ...] = ()
    """Capitalised short titles before a period that does not end a sentence ('Mr.', 'Sen.')."""

    # Who speaks: organisations, unnamed people (bot.extract.speaker).
    organisation_role_stems: tuple[str, ...] = ()
    """*(regex)* Stems of role words that stand for an organisation ('the company', 'a
    spokesman', 'пресс-служба')."""
    organisation_source_stems: tuple[str, ...] = ()
    """*(regex)* Stems of an unnamed source's head noun that stands for the organisation named
    earlier ('пресс-служба ведомства')."""
    spokesperson_stems: tuple[str, ...] = ()
    """*(regex)* Stems of 'spokesperson': the role speaks for the organisation it names."""
    indefinite_words: tuple[str, ...] = ()
    """Words that open a phrase about an unnamed individual ('one analyst', 'ein Anwohner')."""
    unnamed_person_nouns: tuple[str, ...] = ()
    """*(regex)* Common nouns for an unnamed individual ('the girl', 'очевидец')."""
    definite_articles: tuple[str, ...] = ()
    """Definite articles: a name that starts with one is a common noun phrase."""
    source_phrase_articles: tuple[str, ...] = ()
    """Articles that open a source phrase ('a statement from Acme' is no fuller name of Acme)."""

    # Names (bot.extract.speaker.names, .organisations).
    organisation_words: tuple[str, ...] = ()
    """Words that end an organisation's name ('corp', 'ministry', 'gmbh', 'служба')."""
    demonyms: tuple[str, ...] = ()
    """Words that name a people or a country's adjective: never a person."""
    not_name_words: tuple[str, ...] = ()
    """Capitalised words that are never (part of) a name: function words, common nouns, days,
    months."""
    role_words: tuple[str, ...] = ()
    """Role nouns: the name after one is a person ('Mayor Jane Doe')."""
    role_suffixes: tuple[str, ...] = ()
    """Endings of compounds that name a role ('Bundespräsident', 'Bahnchef')."""
    feminine_agent_endings: tuple[str, ...] = ()
    """Endings of feminine agent nouns ('Kuratorin') long enough to be no given name."""
    honorifics: tuple[str, ...] = ()
    """Honorifics kept with the name they precede ('Mr Beith', 'Dr Fox')."""
    party_words: tuple[str, ...] = ()
    """Words for a political party's members or its adjective ('Democratic', 'Tories',
    'Sozialdemokraten'): a name that ends in one is a party or a fragment, never a speaker."""
    organisation_nouns_after_name: tuple[str, ...] = ()
    """Lower-case nouns that make the name before them an organisation ('the Scottish
    government')."""
    organisation_head_stems: tuple[str, ...] = ()
    """*(regex)* Head nouns of organisation names that go on in lower case ('Ministry of
    Defence', 'Министерство экологии')."""
    organisation_connectors: tuple[str, ...] = ()
    """Lower-case words an organisation's name runs through after its head noun ('of')."""
    organisation_enders: tuple[str, ...] = ()
    """Cyrillic prepositions that end an organisation phrase ('служба в …')."""
    organisation_complement_prepositions: tuple[str, ...] = ()
    """Prepositions inside an organisation's name ('служба з надзвичайних ситуацій')."""
    region_nouns: tuple[str, ...] = ()
    """Lower-case nouns that finish a region's name ('Калужской области')."""

    # Quotations (bot.extract.quotes).
    naming_words: tuple[str, ...] = ()
    """*(regex)* Words before quotation marks that make the span a title or name ('a campaign
    called "…"', 'Titel')."""
    naming_noun_stems: tuple[str, ...] = ()
    """*(regex)* Stems of nouns that name what follows in «» ('фонду «…»', 'партії «…»'); any
    case ending of up to four letters follows."""
    legal_forms: tuple[str, ...] = ()
    """Legal-form abbreviations before a company name ('ООО «…»'); case matters."""
    name_function_words: tuple[str, ...] = ()
    """Words a title-cased name or title of a work leaves in lower case."""
    determiners: tuple[str, ...] = ()
    """Determiners before quotation marks that make the span part of a noun phrase ('the
    "pay as you dock" scheme')."""
    clause_words: tuple[str, ...] = ()
    """Personal pronouns, auxiliaries, modals and the copula: a quoted span holding one reads
    as a spoken clause ('we will', 'es ist'), not as a title or a term."""
    term_articles: tuple[str, ...] = ()
    """Articles that open a noun phrase: a short verbless quoted span that starts with one is a
    term ('"an island of democracy"'), not speech."""
    noun_phrase_openers: tuple[str, ...] = ()
    """Articles and prepositions before a noun that a quoted title stands beside ('im Bildband
    „…“'); the first letter may be a capital."""
    source_title_verbs: tuple[str, ...] = ()
    """*(regex)* Reporting verbs that name a source in quotation marks when no colon follows
    ('сообщает «Вестник …»')."""
    role_of_prepositions: tuple[str, ...] = ()
    """*(regex)* Prepositions between a role and whose role it is ('the mayor of Lyon', 'le
    maire de Lyon', 'el alcalde de Sevilla'): the name after them is no speaker."""
    genitive_articles: tuple[str, ...] = ()
    """Articles of a genitive organisation after a spokesperson ('Sprecher des
    Finanzministeriums'): the organisation speaks, named in the nominative."""
    citing_verbs: tuple[str, ...] = ()
    """*(regex)* Verbs by which an outlet quotes someone ('цитирует РБК белорусского лидера',
    'zitiert die Zeitung'): the verb's subject is the outlet, the speaker is its object."""
    document_title_openers: tuple[str, ...] = ()
    """Prepositions that open the title of a law, a decree or a tale ('«О полиции»', '«Про
    освіту»'): a verbless span opening with one is a title, not speech."""

    # Dates (bot.extract.dates, .lines, .telegram, .html.published).
    months: tuple[str, ...] = ()
    """Twelve entries, January first: each month's names and abbreviations, space-separated."""
    weekdays: tuple[str, ...] = ()
    """Names and abbreviations of the days of the week."""
    dateline_words: tuple[str, ...] = ()
    """Words that stand beside a date on a dateline ('updated', 'GMT', 'Uhr')."""
    update_words: tuple[str, ...] = ()
    """*(regex)* Words announcing a modification date rather than the publication date."""
    published_words: tuple[str, ...] = ()
    """Words stating a publication date in a post ('Опубліковано 12 березня')."""
    published_labels: tuple[str, ...] = ()
    """*(regex)* Labels of a displayed publication date on a page ('Published:')."""
    date_markup_words: tuple[str, ...] = ()
    """*(regex)* Class or id words of the page elements that hold a dateline or byline."""

    # Page noise (bot.extract.lines, .html.body, .telegram).
    credit_labels: tuple[str, ...] = ()
    """*(regex)* Openings of a photo or image credit line ('Photo:', 'Фото:')."""
    photo_words: tuple[str, ...] = ()
    """*(regex)* Words of a credit in parentheses closing a caption ('(AP Photo/…)')."""
    caption_tails: tuple[str, ...] = ()
    """*(regex)* Endings of a caption line ('File photo', 'Archivbild')."""
    read_more_labels: tuple[str, ...] = ()
    """*(regex)* Openings of a link to another article ('READ MORE', 'Читайте также')."""
    advertisement_labels: tuple[str, ...] = ()
    """*(regex)* Advertisement or sponsorship labels standing alone on a line."""
    counter_units: tuple[str, ...] = ()
    """*(regex)* Units of a view or comment counter ('views', 'просмотров')."""
    metadata_keys: tuple[str, ...] = ()
    """*(regex)* Keys of a metadata header line ('Published:', 'Дата публикации')."""
    byline_words: tuple[str, ...] = ()
    """*(regex)* Words that open an author line ('By', 'Von', 'Автор')."""
    author_roles: tuple[str, ...] = ()
    """*(regex)* Job titles that end or label an author line ('Staff Writer', 'Reporter:')."""
    headline_minor_words: tuple[str, ...] = ()
    """Words that stay lower-case inside a title-cased headline."""
    related_link_labels: tuple[str, ...] = ()
    """*(regex)* Openings of a related-link line in a page's main text."""
    credit_words: tuple[str, ...] = ()
    """*(regex)* Openings of a credit line in a page's main text ('Quelle:')."""
    page_labels: tuple[str, ...] = ()
    """*(regex)* Labels standing alone in a page's main text ('Anzeige')."""
    subscribe_calls: tuple[str, ...] = ()
    """*(regex)* Calls to subscribe in a channel's footer ('Подписаться', 'join us')."""

    # Sentences and language.
    abbreviations: tuple[str, ...] = ()
    """Lower-case abbreviations whose period ends no sentence ('dr', 'bzw', 'т.е')."""
    stopwords: tuple[str, ...] = ()
    """Frequent function words that tell a Latin-script language from the others (none that
    another language shares)."""

    def __post_init__(self) -> None:
        if self.months and len(self.months) != MONTHS_IN_YEAR:
            raise ValueError(
                f"Lexicon {self.code!r}: months needs twelve entries, January first, "
                f"not {len(self.months)}."
            )
