"""Spanish."""

from __future__ import annotations

from bot.extract.lexicon.model import Lexicon, words

LEXICON = Lexicon(
    code="es",
    speech_verbs=words(
        """dijo afirmó aseguró explicó declaró señaló añadió indicó escribió dice afirma asegura
        explica declara señala añade indica escribe sostiene sostuvo advierte advirtió apunta
        apuntó subraya subrayó recuerda recordó destaca destacó comenta comentó agrega agregó
        manifestó manifiesta precisó precisa insistió insiste relató relata expresó expresa
        puntualizó reconoció reconoce admitió admite aseveró concluyó respondió responde
        detalló detalla aclaró aclara tuiteó sentenció lamentó lamenta reiteró remarcó
        enfatizó opinó opina dijeron afirmaron aseguraron explicaron señalaron indicaron
        añadieron advirtieron resaltó resalta"""
    )
    # The perfect tense Spanish news attributes with: 'ha comentado la presentadora'.
    + tuple(
        f"ha {participle}"
        for participle in words(
            """dicho comentado explicado asegurado señalado afirmado añadido declarado indicado
            relatado contado reconocido destacado subrayado recordado apuntado advertido
            insistido manifestado"""
        )
    ),
    quotation_labels=("cita", "textual", "literal"),
    source_labels=("fuente",),
    object_pronouns=(),
    relative_pronouns=("quien", "quienes"),
    role_adjectives=("general",),
    frequent_speech_verbs=words("dijo afirmó"),
    source_prepositions=("según", "de acuerdo con"),
    pronouns=words("él ella ellos ellas"),
    clause_openers=words("y pero o"),
    subject_end_prepositions=words("con desde durante"),
    organisation_role_stems=words("empresa gobierno portavoz"),
    spokesperson_stems=("portavoz",),
    role_words=words(
        """ministro ministra presidente presidenta vicepresidente vicepresidenta portavoz
        director directora alcalde alcaldesa secretario secretaria consejero consejera jefe
        jefa líder diputado diputada senador senadora gobernador gobernadora fiscal juez jueza
        embajador embajadora delegado delegada canciller comisario comisaria concejal
        concejala presentador presentadora cantante actor actriz entrenador entrenadora
        futbolista""",
    ),
    indefinite_words=words("un una uno"),
    definite_articles=("el",),
    organisation_words=words(
        """sa ministerio gobierno partido sindicato asociación agencia banco grupo universidad
        instituto fundación tribunal juzgado consejo comisión ayuntamiento policía guardia
        diario periódico radio televisión"""
    ),
    honorifics=words("sr sra srta dr dra"),
    party_words=words("socialistas socialista populares republicanos conservadores"),
    not_name_words=words("él ella ellos según pero y en"),
    clause_words=words(
        """yo tú él ella nosotros nosotras ellos ellas usted es son era eran soy somos está
        están estamos fue fueron ha han he hemos había habían será serán puede pueden podemos
        debe deben hay no"""
    ),
    term_articles=words("el la los las un una"),
    naming_words=words("titulad[oa] llamad[oa] lema"),
    name_function_words=words("el y del en"),
    months=(
        "enero ene",
        "febrero",
        "marzo",
        "abril abr",
        "mayo",
        "junio",
        "julio",
        "agosto ago",
        "septiembre setiembre",
        "octubre",
        "noviembre",
        "diciembre dic",
    ),
    weekdays=words("lunes martes miércoles jueves viernes sábado domingo"),
    update_words=("actualizado",),
    published_words=("publicado",),
    published_labels=("publicado",),
    date_markup_words=("fecha",),
    credit_labels=("foto(?:s)?\\s*[:/©]",),
    photo_words=("foto",),
    read_more_labels=words("lee\\s+también leer\\s+más ver\\s+también"),
    advertisement_labels=("publicidad",),
    metadata_keys=words("fecha publicado"),
    byline_words=("por",),
    author_roles=words("corresponsal redactor(?:a)? periodista"),
    headline_minor_words=words("el los las y del en"),
    related_link_labels=("lee también", "leer más", "léase también"),
    page_labels=("publicidad",),
    abbreviations=words("sra dña"),
    stopwords=words("el los las y es del su al como más pero sus fue está han este esta"),
    role_of_prepositions=words("de del"),
)
