"""German."""

from __future__ import annotations

from bot.extract.lexicon.model import Lexicon, words

LEXICON = Lexicon(
    code="de",
    speech_verbs=(
        *words(
            """sagte sagt sagten erklärte erklärt betonte betont meinte meint schrieb schreibt
            warnte ergänzte erläuterte erläutert schilderte schildert äußerte äußert entgegnete
            entgegnet bekräftigte kommentierte bilanzierte"""
        ),
        "fügte hinzu",
        "teilte mit",
        *words("berichtete kritisierte forderte"),
        # More of the verbs German news attributes with, present and past, and the plural.
        *words(
            """sagen erklärten betonten meinten schrieben warnt warnten ergänzt fordert
            kritisiert berichtet bestätigte bestätigt unterstrich versicherte versichert
            beteuerte mahnte mahnt verriet verrät erzählte erzählt antwortete antwortet
            twitterte resümierte formuliert formulierte ordnet ordnete"""
        ),
        "räumte ein",
        "gab zu",
        "hob hervor",
        "fügt hinzu",
        "teilt mit",
        "stellte klar",
    ),
    quotation_labels=("zitat", "wortlaut", "im wortlaut"),
    source_labels=("quelle",),
    object_pronouns=(),
    relative_pronouns=("der", "die"),
    frequent_speech_verbs=words("sagte sagt erklärte schrieb"),
    source_prepositions=("laut",),
    source_words_before_name=("so",),
    source_announcers=("laut", "teilte mit"),
    pronouns=words("er sie es ihm ihr"),
    subject_pronouns=words("er sie"),
    inverted_pronouns=words("er sie"),
    person_pronouns=words("er sie"),
    clause_openers=words("und aber oder sondern welche welcher"),
    subject_end_prepositions=words("aus bei beim vor auf im zum zur vom während"),
    object_prepositions=words("für aus bei im"),
    auxiliaries=words("ist hat war wird"),
    organisation_role_stems=words("unternehmen konzern sprecher gericht behörde ministerium"),
    spokesperson_stems=("sprecher",),
    indefinite_words=words("ein eine einer einen einem eines"),
    unnamed_person_nouns=words("frau mann zeug\\w+ quelle augenzeug\\w* passant\\w*"),
    definite_articles=words("der die das"),
    organisation_words=words(
        """ag gmbh ministerium amt verband partei gericht bundesverwaltungsgericht zeitung
        rundfunk fernsehen agentur verein gruppe institut universität polizei behörde stiftung
        dienst bank konzern kommission rat bundestag landtag regierung senat zentrale"""
    ),
    honorifics=words("herr frau dr prof"),
    party_words=words(
        """sozialdemokraten christdemokraten grünen grüne linke linken liberalen
        konservativen sozialdemokratische christdemokratische"""
    ),
    not_name_words=words(
        """der die das ein eine er sie es wir ich und aber auch doch denn dass wenn als so laut
        nach sprecher sprecherin chef chefin geschäftsführer geschäftsführerin präsident
        präsidentin minister ministerin kanzler kanzlerin direktor direktorin leiter leiterin
        vorsitzender vorsitzende gericht unternehmen konzern behörde zudem dabei damit jetzt
        heute gestern auf zur zum vom beim über unter gegen bei seit wie ihr ihre sein seine
        unser unsere boss organisatorin redaktion anfrage begründung am im um an aus montag
        dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz juni juli
        oktober dezember"""
    ),
    role_words=words(
        """sprecher sprecherin chef chefin boss präsident präsidentin minister ministerin kanzler
        kanzlerin direktor direktorin leiter leiterin vorsitzender vorsitzende organisatorin
        experte expertin kurator kuratorin intendant intendantin regisseur regisseurin redakteur
        redakteurin ingenieur ingenieurin architekt architektin autorin anwalt anwältin
        journalist journalistin polizist polizistin lehrerin forscherin ärztin wirtin
        beauftragte beauftragter trainer trainerin kapitän kapitänin spieler spielerin"""
    ),
    role_suffixes=words(
        """präsident präsidentin sprecher sprecherin direktor direktorin minister ministerin
        kanzler kanzlerin vorsitzender vorsitzende leiter leiterin meister meisterin chef chefin
        trainer trainerin experte expertin richter richterin rat rätin wirt wirtin arzt ärztin
        planer planerin berater beraterin forscher forscherin beauftragte beauftragter"""
    ),
    feminine_agent_endings=words("erin orin eurin istin antin entin ektin"),
    clause_words=words(
        """ich du er sie es wir ihr mich mir uns euch ist sind war waren bin bist sein seid hat
        haben hatte hatten habe wird werden wurde wurden kann können konnte muss müssen musste
        soll sollen sollte will wollen wollte darf dürfen nicht man"""
    ),
    term_articles=words("der die das ein eine einen einem einer"),
    naming_words=words(
        r"""motto titel buch film sendung kampagne aktion \w*werk \w*roman grundsatz leitlinie
        parole losung schlagwort"""
    ),
    name_function_words=words("der die das und von zu im am für mit"),
    determiners=words(
        """der die das den dem des ein eine einen einem eines einer ihr ihre ihren sein seine
        seinen"""
    ),
    noun_phrase_openers=words(
        """der die das den dem des ein eine einen einem eines im am vom zum zur beim ins in mit
        von aus für über unter nach bei auf"""
    ),
    months=(
        "januar jänner",
        "februar",
        "märz maerz mrz mär",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober okt",
        "november",
        "dezember dez",
    ),
    weekdays=words("montag dienstag mittwoch donnerstag freitag samstag sonntag"),
    dateline_words=words("uhr mez mesz am um"),
    update_words=words("aktualisiert geändert"),
    published_words=("veröffentlicht",),
    published_labels=("veröffentlicht(?:\\s+am)?",),
    date_markup_words=("datum",),
    credit_labels=words("foto(?:s)?\\s*[:/©] bild\\s*:"),
    photo_words=("foto",),
    caption_tails=words("archivbild symbolbild"),
    read_more_labels=words(
        "lesen\\s+sie\\s+(?:auch|mehr) mehr\\s+zum\\s+thema auch\\s+interessant"
    ),
    advertisement_labels=words("anzeige werbung"),
    counter_units=("aufrufe",),
    metadata_keys=words("datum veröffentlicht"),
    byline_words=("von",),
    author_roles=words("korrespondent(?:in)? redakteur(?:in)? reporter(?:in)? autor(?:in)?"),
    headline_minor_words=words("von der die das und im zu"),
    related_link_labels=("lesen sie auch", "mehr zum thema", "auch interessant"),
    credit_words=words("foto bild quelle"),
    page_labels=("anzeige",),
    abbreviations=words("dipl ing hr fr frau nr bzw ca dt evtl ggf inkl"),
    stopwords=words(
        """der die das und ist nicht ein eine einen dem den mit sich auf für wird wurde sind auch
        von zu im bei nach aus wie oder dass"""
    ),
    citing_verbs=words("zitiert(?:e|en)?"),
    document_title_openers=words("über zur zum"),
    genitive_articles=words("des der"),
    role_of_prepositions=words("von"),
)
