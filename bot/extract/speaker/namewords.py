"""Word lists that tell names from other capitalised words: roles, organisations, common words.

Kept apart from :mod:`bot.extract.speaker.names` so the name-finding logic reads without the
lists. Every list is of general vocabulary (function words, role nouns, organisation nouns) in
the languages the extractor reads; none names a person, an outlet or a place of any article.
"""

from __future__ import annotations

import re

__all__ = [
    "DEMONYMS",
    "HONORIFICS",
    "NOT_NAME_WORDS",
    "ORG_HEAD_RE",
    "ORG_NOUN_AFTER_RE",
    "ORG_WORDS",
    "FEMININE_AGENT_ENDINGS",
    "FEMININE_AGENT_MIN_LENGTH",
    "ROLE_SUFFIXES",
    "ROLE_WORDS",
    "word_set",
]


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``: keeps long word lists readable."""
    return frozenset(text.split())


#: Words that end an organisation's name; a run ending in one is an organisation.
ORG_WORDS = word_set(
    """co corp corporation inc ltd plc llc ag gmbh sa group bank association party ministry
    department office agency council committee commission court government administration
    university institute foundation company news times post channel service services union
    communications media holding holdings partners capital systems technologies consulting
    league organisation organization embassy programme program board authority police army newspaper
    newsroom magazine network ministerium amt verband partei gericht bundesverwaltungsgericht
    министерство минобороны мвд мчс агентство служба управление администрация партия банк
    міністерство служба партія компанія"""
)
#: Single words that name a people or a country's adjective: not a person, but "the Scottish
#: government" is an organisation.
DEMONYMS = word_set(
    """american americans british syrian syrians ethiopian ethiopians european europeans african
    chinese japanese russian russians ukrainian ukrainians german germans french israeli israelis
    palestinian palestinians"""
)
#: Capitalised words that are never (part of) a name: function words, German nouns for roles and
#: common words, words that open English sentences, qualifiers of roles, days and months.
NOT_NAME_WORDS = (
    word_set(
        """the a an he she it they we i you his her its their this that these those but and or
    if in on at as for to of by with from after before when while although however meanwhile
    also mr mrs ms dr sir lord fr rev prof monday tuesday wednesday thursday friday saturday
    sunday january february march april may june july august september october november
    december der die das ein eine er sie es wir ich und aber auch doch denn dass wenn als so
    laut nach sprecher sprecherin chef chefin geschäftsführer geschäftsführerin präsident
    präsidentin minister ministerin kanzler kanzlerin direktor direktorin leiter leiterin
    vorsitzender vorsitzende gericht unternehmen konzern behörde zudem dabei damit jetzt
    heute gestern он она они мы я вы это как по но и а в на также глава президент премьер
    губернатор він вона вони ми як за та і але також голова президент прем'єр прем’єр
    губернатор il elle ils nous je le la les selon mais et pour dans él ella ellos según
    pero y en auf zur zum vom beim über unter gegen bei seit wie ihr ihre sein seine unser
    unsere boss organisatorin redaktion anfrage begründung christmas easter correction update
    editorial statement report south north east west prime deputy vice acting former foreign
    interior yesterday today tomorrow tonight now then here there earlier later last next
    meanwhile am im um an aus montag dienstag mittwoch donnerstag freitag samstag sonntag
    januar februar märz juni juli oktober dezember"""
    )
    | DEMONYMS
)
#: Role nouns: a word naming a role ("Sprecherin") or ending in one ("VW-Chef") is not a name,
#: the name right after one is a person ("Mayor Jane Doe") and the name right before one is
#: who the role belongs to ("Acme Corp chairman").
ROLE_WORDS = word_set(
    """sprecher sprecherin chef chefin boss präsident präsidentin minister ministerin kanzler
    kanzlerin direktor direktorin leiter leiterin vorsitzender vorsitzende organisatorin
    experte expertin spokesman spokeswoman spokesperson chief president minister secretary
    analyst expert envoy official director chairman chairwoman chair editor premier mayor
    governor senator congressman congresswoman attorney ambassador pope bishop cardinal
    judge prosecutor commissioner chancellor coach ceo executive officer founder professor
    mp mep lawmaker legislator councillor councilor broker strategist trader researcher
    scientist lawyer banker adviser advisor consultant manager
    депутат посол сенатор адвокат прокурор судья директор руководитель председатель советник
    помощник командующий аналитик политолог суддя керівник радник помічник командувач
    аналітик політолог очільник
    porte-parole ministre président présidente directeur directrice maire эксперт президент
    премьер министр глава спикер представитель пресс-секретарь секретарь мэр губернатор
    секретар прем'єр прем’єр міністр речник експерт мер голова
    kurator kuratorin intendant intendantin regisseur regisseurin redakteur redakteurin
    ingenieur ingenieurin architekt architektin autorin anwalt anwältin journalist
    journalistin polizist polizistin lehrerin forscherin ärztin wirtin beauftragte
    beauftragter"""
)
#: German compounds end in their role: 'Bundespräsident', 'Pressesprecherin', 'Außenminister'.
ROLE_SUFFIXES = (
    "präsident",
    "präsidentin",
    "sprecher",
    "sprecherin",
    "direktor",
    "direktorin",
    "minister",
    "ministerin",
    "kanzler",
    "kanzlerin",
    "vorsitzender",
    "vorsitzende",
    "leiter",
    "leiterin",
    "meister",
    "meisterin",
    "chef",
    "chefin",
    "trainer",
    "trainerin",
    "experte",
    "expertin",
    "richter",
    "richterin",
    "rat",
    "rätin",
    "wirt",
    "wirtin",
    "arzt",
    "ärztin",
    "planer",
    "planerin",
    "berater",
    "beraterin",
    "forscher",
    "forscherin",
    "beauftragte",
    "beauftragter",
)
#: German feminine agent nouns ('Kuratorin', 'Regisseurin', 'Pianistin', 'Intendantin') end in
#: one of these; with the length floor of :data:`FEMININE_AGENT_MIN_LENGTH` no given name does.
FEMININE_AGENT_ENDINGS = ("erin", "orin", "eurin", "istin", "antin", "entin", "ektin")
FEMININE_AGENT_MIN_LENGTH = 9
#: Honorifics kept with the name they precede ("Mr Beith", "Dr Fox").
HONORIFICS = frozenset(["mr", "mrs", "ms", "dr", "sir", "lord", "fr", "rev", "prof", "dame"])

#: A lower-case organisation noun right after a name makes the pair an organisation:
#: "the Scottish government", "the Daily Planet newspaper".
ORG_NOUN_AFTER_RE = re.compile(
    r"[ \t\u00a0]+(?:government|administration|ministry|newspaper|agency|company|firm|group|"
    r"police|embassy|council|committee|parliament|authorities|regulator|broadcaster|"
    r"network|party|union|commission|department)\b"
)
#: A capitalised head noun that starts an organisation's name which goes on in lower-case words
#: ("Ministry of Defence", "Министерство экологии и природопользования Московской области").
ORG_HEAD_RE = re.compile(
    r"(?:ministry|department|office|university|institute|agency|council|committee|commission|"
    r"министерств|міністерств|управлени|управлінн|комитет|комітет|департамент|служб|агентств|"
    r"агенці|правительств|администраци|адміністраці|прокуратур)",
    re.IGNORECASE,
)
