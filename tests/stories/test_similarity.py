"""The story decision on hand-written cases: what joins a story's core and what does not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.stories import (
    ArticleFeatures,
    StoryAssigner,
    StoryCore,
    Thresholds,
    article_features,
    same_story,
)

T0 = datetime(2019, 11, 15, 0, 0, tzinfo=UTC)

GARRETT = (
    "Browns' Myles Garrett suspended for rest of season for helmet attack on Mason Rudolph",
    "The NFL suspended Cleveland Browns defensive end Myles Garrett indefinitely on Friday, "
    "at least for the rest of the regular season and the playoffs, for ripping off the helmet "
    "of Pittsburgh Steelers quarterback Mason Rudolph and hitting him with it.",
)


def features(
    headline: str, lead: str, hours: float = 0.0, lang: str = "en", source: str = ""
) -> ArticleFeatures:
    return article_features(lang, T0 + timedelta(hours=hours), headline, lead, source)


def core_of(headline: str, lead: str, lang: str = "en", source: str = "") -> StoryCore:
    return StoryCore(features(headline, lead, lang=lang, source=source))


def test_a_separately_written_report_of_the_same_event_joins() -> None:
    rewrite = features(
        "NFL suspends Garrett indefinitely after he struck Rudolph with a helmet",
        "Myles Garrett of the Cleveland Browns was suspended indefinitely by the NFL on Friday "
        "after he tore the helmet off Steelers quarterback Mason Rudolph and swung it at his head.",
        hours=2,
    )
    decision = same_story(rewrite, core_of(*GARRETT))
    assert decision.joins, decision.reasons
    assert any("garrett" in reason for reason in decision.reasons)


def test_republished_wire_copy_joins_as_a_near_duplicate() -> None:
    copy = features(GARRETT[0], GARRETT[1] + " (AP)", hours=1)
    decision = same_story(copy, core_of(*GARRETT))
    assert decision.joins
    assert decision.reasons[0].startswith("near-duplicate")


def test_a_next_day_follow_up_does_not_join() -> None:
    follow_up = features(
        "Police will not pursue charges against Browns' Myles Garrett",
        "Cleveland police said on Saturday they will not file criminal charges against Myles "
        "Garrett, a day after the NFL suspended the Browns defensive end.",
        hours=30,
    )
    decision = same_story(follow_up, core_of(*GARRETT))
    assert not decision.joins, decision.reasons


def test_the_same_teams_next_match_does_not_join() -> None:
    first = core_of(
        "England beat Montenegro 7-0 to qualify for Euro 2020",
        "Harry Kane scored a hat-trick as England thrashed Montenegro 7-0 at Wembley on "
        "Thursday to book their place at Euro 2020.",
    )
    next_match = features(
        "England beat Kosovo 4-0 to finish Euro 2020 qualifying unbeaten",
        "Harry Kane scored again as England won 4-0 in Kosovo on Sunday to finish their Euro "
        "2020 qualifying campaign with seven wins.",
        hours=46,
    )
    assert not same_story(next_match, first).joins
    # Not only because the limit rises with time: the other opponent alone refuses the join.
    flat = Thresholds(late_event_score=Thresholds().event_score)
    decision = same_story(next_match, first, flat)
    assert not decision.joins, decision.reasons
    assert decision.score >= flat.event_score, "the words alone would join: the test is void"
    assert "headline names differ: kosovo, montenegro" in decision.reasons


def test_a_russian_rewrite_with_other_word_forms_joins() -> None:
    first = core_of(
        "«Союзмультфильм» готовит 26 новых эпизодов «Ну, погоди!»",
        "Киностудия «Союзмультфильм» снимет 26 новых серий мультфильма «Ну, погоди!» к его "
        "50-летию, сообщил председатель правления студии Юлиана Слащева.",
        lang="ru",
    )
    rewrite = features(
        "«Союзмультфильм» снимет новые серии «Ну, погоди!» к юбилею",
        "К 50-летию мультфильма «Ну, погоди!» студия «Союзмультфильм» выпустит 26 новых "
        "эпизодов, рассказала Юлиана Слащева.",
        hours=1,
        lang="ru",
    )
    decision = same_story(rewrite, first)
    assert decision.joins, decision.reasons


def test_nothing_joins_outside_the_window() -> None:
    late = features(GARRETT[0], GARRETT[1], hours=49)
    decision = same_story(late, core_of(*GARRETT))
    assert not decision.joins
    assert "window 48 h" in decision.reasons[0]
    assert same_story(late, core_of(*GARRETT), Thresholds(window_hours=72)).joins


def test_a_story_compares_with_its_core_so_weak_links_do_not_chain() -> None:
    """A drifts to B drifts to C: C is close to B but not to the story's core, A."""
    assigner = StoryAssigner(Thresholds(core_size=1))
    a = features(*GARRETT)
    b = features(
        "NFL suspends Browns' Myles Garrett indefinitely and fines Steelers' Mason Rudolph",
        "The NFL suspended Cleveland Browns defensive end Myles Garrett indefinitely for hitting "
        "Pittsburgh Steelers quarterback Mason Rudolph with a helmet, and fined Rudolph and "
        "suspended Maurkice Pouncey for three games.",
        hours=1,
    )
    c = features(
        "NFL fines Steelers' Mason Rudolph, suspends Maurkice Pouncey for three games",
        "The NFL fined Pittsburgh Steelers quarterback Mason Rudolph and suspended center "
        "Maurkice Pouncey for three games for their part in the brawl.",
        hours=2,
    )
    stories = [assigner.assign(x).story for x in (a, b, c)]
    assert stories[0] == stories[1]
    assert stories[2] != stories[0]
    assert same_story(c, StoryCore(b)).joins, "C is close to B alone: the test would prove nothing"


YALTA_LEAD = (
    "Ялта, 15 ноября. Крыминформ. {} Об этом глава администрации города Иван Имгрунт заявил "
    "в интервью Крыминформу."
)


def test_an_outlets_second_item_on_the_same_topic_does_not_join() -> None:
    """One interview, two statements, one outlet: two items, not one event twice."""
    first = core_of(
        "Ялта приступает к разработке проектов для привлечения инвестиций",
        YALTA_LEAD.format(
            "Ялтинские власти активизируют разработку проектов для привлечения бюджетных и "
            "внебюджетных инвестиций."
        ),
        lang="ru",
        source="Крыминформ",
    )
    second = (
        "Проект «Умный город» в Ялте будет расширяться – глава местной администрации",
        YALTA_LEAD.format("Ялтинские власти продолжат реализацию проекта «Умный город»."),
    )
    decision = same_story(features(*second, lang="ru", source="Крыминформ"), first)
    assert not decision.joins, decision.reasons
    assert "same source 'Крыминформ': limit 0.65" in decision.reasons
    unknown_source = features(*second, lang="ru")
    assert same_story(unknown_source, first).joins, "without the source rule it would join"


def test_the_same_outlet_republishing_its_text_still_joins() -> None:
    first = core_of(*GARRETT, source="AP")
    again = features(GARRETT[0], GARRETT[1] + " Updated.", hours=1, source="AP")
    assert same_story(again, first).joins


def test_a_shared_boilerplate_lead_does_not_make_a_near_duplicate() -> None:
    lead = "Keep up to date with all the latest news from FIFA U-17 World Cup 2019"
    first = core_of("Lazaro’s dressing-room premonition comes true", lead, source="FIFA")
    other = features("CIMED join Brazil 2019 as National Supporter", lead, source="FIFA")
    decision = same_story(other, first)
    assert not decision.joins, decision.reasons
    assert "shingle Jaccard 0.57" in decision.reasons, "the texts are near-duplicates by shingles"
    loose = Thresholds(duplicate_headline_overlap=0.0)
    assert same_story(other, first, loose).reasons[0].startswith("near-duplicate")


def test_a_name_most_news_use_is_not_evidence_of_one_event() -> None:
    first = core_of(
        "На юго-востоке Москвы построили клубный дом на 150 квартир",
        "Группа «Эталон» построила на юго-востоке Москвы клубный дом на 150 квартир.",
        lang="ru",
    )
    explosion = features(
        "В квартире в Москве прогремел взрыв",
        "На западе Москвы в квартире одного из домов по улице Удальцова произошел взрыв.",
        lang="ru",
    )
    decision = same_story(explosion, first)
    assert not decision.joins, decision.reasons
    assert "names: none" in decision.reasons
    loose = Thresholds(common_name_share=1.0)
    assert same_story(explosion, first, loose).joins, "'москва' alone would have joined them"


def test_an_acronym_typed_in_the_other_alphabet_is_the_same_name() -> None:
    first = core_of(
        "Роджер Федерер взял верх над Новаком Джоковичем на Итоговом турнире ATP",
        "Роджер Федерер обыграл серба Новака Джоковича со счётом 6/4, 6/3 в матче Итогового "
        "турнира ATP в Лондоне.",
        lang="ru",
    )
    cyrillic = features(
        "Федерер победил Джоковича и вышел в полуфинал Итогового турнира АТР",
        "Роджер Федерер обыграл серба Новака Джоковича в матче Итогового турнира АТР в Лондоне.",
        hours=0.5,
        lang="ru",
    )
    decision = same_story(cyrillic, first)
    assert decision.joins, decision.reasons


def test_a_tag_in_one_headline_is_not_another_event() -> None:
    lead = (
        "Head coach of the Black Stars Kwesi Appiah has hailed the influence of his deputy CK "
        "Akonnor in team's win over South Africa on Thursday."
    )
    first = core_of(
        "VIDEO: Kwesi Appiah praises new assistant C.K Akonnor after South Africa victory", lead
    )
    tagged = features(
        "AFCON 2021 Qualifiers: Ghana coach Kwesi Appiah hails impact of deputy CK Akonnor in "
        "victory over South Africa",
        lead,
    )
    decision = same_story(tagged, first)
    assert decision.joins, decision.reasons


def test_a_published_time_without_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="no time zone"):
        article_features("en", datetime(2019, 11, 15), "Headline", "Lead")


def test_thresholds_out_of_range_are_refused() -> None:
    with pytest.raises(ValueError, match="event_score"):
        Thresholds(event_score=1.5)
