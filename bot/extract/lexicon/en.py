"""English."""

from __future__ import annotations

from bot.extract.lexicon.model import Lexicon, words

LEXICON = Lexicon(
    code="en",
    speech_verbs=words(
        """said says say told tells added adds noted notes wrote writes explained explains stated
        declared warned argued insisted asked continued recalled tweeted posted replied
        responded commented claimed announced acknowledged admitted concluded hesitated written
        snapped quipped retorted joked shouted yelled exclaimed remarked observed conceded urged
        vowed testified stressed cautioned complained countered answered predicted reiterated
        emphasi[sz]ed pledged promised argues insists warns stresses recalls admits
        acknowledges concedes tweets saying"""
    )
    + ("pointed out", "shot back", "fired back", "hit back", "put it"),
    reporting_words=words("reported reports hailed published"),
    quotation_labels=("quote", "verbatim", "in full"),
    source_labels=("source",),
    object_pronouns=(),
    relative_pronouns=("who",),
    role_adjectives=("general",),
    frequent_speech_verbs=words(
        "said says told tells added wrote writes noted explained stated warned"
    ),
    source_prepositions=("according to",),
    source_announcers=("reported by", "according to"),
    pronouns=words("he she they it him her"),
    subject_pronouns=words("he she they"),
    clause_final_inverted_pronouns=words("he she they"),
    person_pronouns=words("he she they his her their"),
    clause_openers=words("and but or which who whose whom while"),
    subject_end_prepositions=words("from at in on for with during after before to"),
    object_prepositions=words("in at from of to for on by with"),
    auxiliaries=words("has had is was will would who also"),
    subordinating_conjunctions=(
        "rather than",
        "instead of",
        *words("while whilst although though after before when since if as because despite"),
        *words("unlike like"),
        "apart from",
        "besides",
    ),
    title_abbreviations=words("Mr Mrs Ms Dr Sen Rep Gov St Fr Prof Gen"),
    organisation_role_stems=words(
        """compan firm bank ministr agenc government editorial statement report document
        newspaper channel universit court spokes board group"""
    ),
    organisation_source_stems=words("company firm agency ministry"),
    spokesperson_stems=("spokes",),
    indefinite_words=words("a an one some another"),
    unnamed_person_nouns=words(
        """girl boy man woman lady lad guy voice caller witness resident neighbou?r passer-by
        bystander stranger child kid teenager customer passenger source insider someone"""
    ),
    definite_articles=("the",),
    source_phrase_articles=words("a an the one"),
    organisation_words=words(
        """co corp corporation inc ltd plc llc group bank association party ministry department
        office agency council committee commission court government administration university
        institute foundation company news times post channel service services union
        communications media holding holdings partners capital systems technologies consulting
        league organisation organization embassy programme program board authority police army
        newspaper newsroom magazine network brotherhood movement alliance coalition front federation
        society fund trust clinic hospital school club team"""
    ),
    demonyms=words(
        """american americans british syrian syrians ethiopian ethiopians european europeans
        african chinese japanese russian russians ukrainian ukrainians german germans french
        israeli israelis palestinian palestinians"""
    ),
    not_name_words=words(
        """the a an he she it they we i you his her its their this that these those but and or
        if in on at as for to of by with from after before when while although however
        meanwhile also mr mrs ms dr sir lord fr rev prof monday tuesday wednesday thursday
        friday saturday sunday january february march april may june july august september
        october november december christmas easter correction update editorial statement report
        south north east west prime deputy vice acting former foreign interior yesterday today
        tomorrow tonight now then here there earlier later last next"""
    ),
    role_words=words(
        """spokesman spokeswoman spokesperson chief president minister secretary analyst expert
        envoy official director chairman chairwoman chair editor premier mayor governor senator
        congressman congresswoman attorney ambassador pope bishop cardinal judge prosecutor
        commissioner chancellor coach ceo executive officer founder professor mp mep lawmaker
        legislator councillor councilor broker strategist trader researcher scientist lawyer
        banker adviser advisor consultant manager journalist"""
    ),
    honorifics=words("mr mrs ms dr sir lord fr rev prof dame"),
    party_words=words(
        """democrat democrats democratic republican republicans gop tory tories labour
        conservative conservatives liberal liberals socialist socialists communist communists"""
    ),
    organisation_nouns_after_name=words(
        """government administration ministry newspaper agency company firm group police embassy
        council committee parliament authorities regulator broadcaster network party union
        commission department"""
    ),
    organisation_head_stems=words(
        "ministry department office university institute agency council committee commission"
    ),
    organisation_connectors=words("of for and on the"),
    clause_words=words(
        """i you he she it we they me us him them is are was were be been
        being am have has had do does did will would shall should can could may might must
        not don doesn didn won isn aren wasn weren"""
    ),
    term_articles=words("the a an"),
    naming_words=words(
        """called titled entitled named dubbed theme threme slogan motto book film movie show
        series campaign programme program song album exhibition project hashtag brand study
        survey documentary novel podcast poem essay"""
    ),
    name_function_words=words("of the a an and or in on at to for with by from"),
    determiners=words("the a an this these its their our his"),
    months=(
        "january jan",
        "february feb",
        "march mar",
        "april apr",
        "may",
        "june jun",
        "july jul",
        "august aug",
        "september sep sept",
        "october oct",
        "november nov",
        "december dec",
    ),
    weekdays=words(
        "monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun"
    ),
    dateline_words=words(
        """am pm a m p gmt utc bst cet cest est edt pst pdt et hrs updated update published
        posted last modified on at"""
    ),
    update_words=("updated?", "modified", "last edited"),
    published_words=("published",),
    published_labels=words("published first\\s+published posted"),
    date_markup_words=words("date time byline author publish posted meta stamp"),
    credit_labels=words(
        """copyright\\b image\\s+copyright photo(?:graph)?s?\\s*(?:credit)?\\s*[:/©]
        pictures?\\s*: images?\\s*: credits?\\s*: illustration\\s*:
        source\\s+(?:photo|image)\\s*:"""
    ),
    photo_words=words("photos? image picture pic"),
    caption_tails=words("file\\s+photo archive\\s+photo photo\\s+archive"),
    read_more_labels=words(
        """read\\s+(?:more|also|next) also\\s+read see\\s+also
        related(?:\\s+(?:article|story|news))? more\\s+on\\s+this watch recommended"""
    ),
    advertisement_labels=words(
        "advertisement advert ad ads sponsored(?:\\s+content)? promoted partner\\s+content"
    ),
    counter_units=words("views? reads? comments? shares? likes?"),
    metadata_keys=words("date published publication\\s+date posted pubdate dated"),
    byline_words=("by",),
    author_roles=words(
        """correspondent reporter writer editor columnist contributor journalist analyst
        photographer staff bureau"""
    ),
    headline_minor_words=words(
        "a an and as at but by for from in into of on or over the to up vs via with"
    ),
    related_link_labels=(
        "read more",
        "read also",
        "also read",
        "more",
        "related",
        "see also",
        "watch",
    ),
    credit_words=words("photo image credit source"),
    page_labels=("advertisement", "sponsored", "this article originally appeared on .{0,60}"),
    subscribe_calls=("subscribe", "join us"),
    abbreviations=words(
        """mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep rev hon
        pres inc ltd corp co bros no nos vs etc al approx dept est fig jan feb mar apr jun jul
        aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m"""
    ),
    stopwords=words(
        """the and of to is that for with was are on by this from have has were which be it
        not but they their he she said would will at been"""
    ),
    citing_verbs=words("quotes"),
    document_title_openers=words("on"),
    role_of_prepositions=words("of"),
)
