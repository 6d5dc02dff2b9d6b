"""French."""

from __future__ import annotations

from bot.extract.lexicon.model import Lexicon, words

LEXICON = Lexicon(
    code="fr",
    speech_verbs=(
        "a déclaré",
        "a dit",
        *words("déclare dit estime estimant"),
        "a estimé",
        "a affirmé",
        "affirme",
        "a expliqué",
        "explique",
        "a ajouté",
        "ajoute",
        "a souligné",
        "souligne",
        "écrit",
        "a écrit",
        "rappelle",
        "a rappelé",
        "raconte",
        "a raconté",
        "précise",
        "a précisé",
        "a indiqué",
        "assure",
        "a assuré",
        "confie",
        "a confié",
        *words("témoigne insiste"),
        # The present and the passé composé of the verbs French news attributes with, and the
        # plural of the commonest ('« … », déclarent les syndicats').
        *words(
            """poursuit répond reconnaît avertit martèle commente résume prévient confirme
            conclut observe regrette dénonce déplore détaille admet avoue plaide fustige
            déclarent affirment expliquent estiment soulignent ajoutent rapporte indique"""
        ),
        *(
            f"{auxiliary} {participle}"
            for participle in words(
                """poursuivi répondu reconnu averti martelé lancé annoncé commenté résumé
                prévenu confirmé conclu observé regretté dénoncé déploré détaillé admis avoué
                plaidé fustigé insisté témoigné tweeté jugé noté rapporté"""
            )
            for auxiliary in ("a", "ont")
        ),
        *(f"ont {participle}" for participle in words("déclaré dit expliqué estimé affirmé")),
    ),
    reporting_words=("indique",),
    quotation_labels=("citation", "verbatim"),
    source_labels=("source",),
    object_pronouns=(),
    relative_pronouns=("qui",),
    role_adjectives=("général", "générale"),
    frequent_speech_verbs=("a déclaré", "a dit"),
    source_prepositions=("selon",),
    source_announcers=("selon",),
    pronouns=words("il elle ils elles"),
    subject_pronouns=words("il elle ils elles"),
    inverted_pronouns=words("il elle ils elles"),
    person_pronouns=words("il elle"),
    clause_openers=words("et mais ou qui"),
    subject_end_prepositions=words("dans sur pour en au à lors devant pendant"),
    object_prepositions=words("dans à en de"),
    auxiliaries=words("est a était"),
    organisation_role_stems=words("entreprise minist[eè]re gouvernement porte-parole"),
    spokesperson_stems=("porte-parole",),
    indefinite_words=words("un une"),
    unnamed_person_nouns=words("femme homme témoin"),
    definite_articles=words("le la"),
    organisation_words=words(
        """sa ministère gouvernement parti syndicat association agence banque groupe université
        institut fondation tribunal cour conseil commission préfecture mairie police gendarmerie
        journal quotidien radio télévision"""
    ),
    honorifics=words("mme mlle"),
    party_words=words("socialistes socialiste républicains républicain écologistes insoumis"),
    not_name_words=words("il elle ils nous je le la les selon mais et pour dans"),
    role_words=words(
        """porte-parole ministre président présidente directeur directrice maire secrétaire
        préfet préfète procureur procureure député députée sénateur sénatrice ambassadeur
        ambassadrice chef dirigeant dirigeante juge commissaire gouverneur adjoint adjointe
        patron patronne"""
    ),
    clause_words=words(
        """je j tu il elle nous vous ils elles on est sont était étaient être suis sommes êtes
        ai as a avons avez ont avait avaient sera seront serait peut peuvent pouvons doit
        doivent devons faut ne n pas c qu"""
    ),
    term_articles=words("le la les un une"),
    naming_words=words(
        """intitulée? appelée? baptisée? rapport livre ouvrage roman série émission exposition
        spectacle pièce opération campagne programme projet festival journal magazine parti
        mouvement association collectif fondation documentaire chanson slogan devise"""
    ),
    name_function_words=words("de la le les des du et"),
    months=(
        "janvier janv",
        "février fevrier févr fevr",
        "mars",
        "avril avr",
        "mai",
        "juin",
        "juillet juil",
        "août aout",
        "septembre",
        "octobre",
        "novembre",
        "décembre decembre déc",
    ),
    weekdays=words("lundi mardi mercredi jeudi vendredi samedi dimanche"),
    dateline_words=words("h le"),
    update_words=("mis à jour", "modifié"),
    published_words=("publié",),
    published_labels=("publié(?:\\s+le)?",),
    credit_labels=("crédits?\\s*(?:photo)?\\s*:", "illustration\\s*:"),
    caption_tails=("photo\\s+d'archives",),
    # 'A lire aussi': the capital À often loses its accent.
    read_more_labels=words("lire\\s+aussi [àa]\\s+(?:surtout\\s+)?lire\\s+aussi voir\\s+aussi"),
    advertisement_labels=("publicité",),
    counter_units=("vues",),
    metadata_keys=("publié(?:\\s+le)?",),
    byline_words=("par",),
    author_roles=words("correspondant(?:e)? rédact(?:eur|rice) journaliste envoyée?\\s+spéciale?"),
    headline_minor_words=words("de des du la le les et en"),
    related_link_labels=("lire aussi", "à lire aussi"),
    page_labels=("publicité",),
    abbreviations=words("mme mlle"),
    stopwords=words(
        """le les et est une du dans pour qui sur pas par avec au aux ce cette été sont mais ont
        elle leur plus ses"""
    ),
    citing_verbs=words("cite citent"),
    document_title_openers=words("sur"),
    role_of_prepositions=words("de d['’] du des"),
)
