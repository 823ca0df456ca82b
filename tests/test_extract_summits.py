"""Summits and ministerial meetings: mentions, merging, organizer, place and dates."""

from __future__ import annotations

from diplokg.dates import PartialDate as D
from diplokg.document import Document
from diplokg.extract import Extraction, Extractor

ARTICLE_DATE = D(2021, 3, 5)


def run(extractor: Extractor, text: str, date: D = ARTICLE_DATE) -> Extraction:
    return extractor.extract(Document(id="t", text=text, date=date))


def described(x: Extraction) -> list[tuple[str | None, str | None, str | None]]:
    def label(key: str | None) -> str | None:
        return x.entity(key).label if key else None

    return [(label(s.organizer), label(s.location), s.start.isoformat() if s.start else None) for s in x.summits]


def test_a_summit_with_organizer_place_and_date_range(extractor):
    x = run(extractor, "Leaders will meet at the NATO summit in Vilnius on July 11-12.")
    assert len(x.summits) == 1
    summit = x.summits[0]
    assert summit.organizer and summit.location
    assert x.entity(summit.organizer).label == "NATO"
    assert "Vilnius" in {x.entity(summit.location).label, *x.entity(summit.location).aliases}
    assert (summit.start, summit.end) == (D(2021, 7, 11), D(2021, 7, 12))


def test_mentions_of_one_summit_are_merged(extractor):
    text = ("EU leaders gather for a summit in Brussels next month. "
            "The summit will discuss migration. Diplomats expect the summit to be tense.")
    x = run(extractor, text)
    assert described(x) == [("European Union", "City of Brussels", "2021-04")]


def test_two_summits_stay_apart(extractor):
    text = ("The treaty followed their summit in Reykjavik last October and the earlier summit in Geneva "
            "in November 1985.")
    x = run(extractor, text, D(1987, 3, 1))
    starts = sorted(s.start.isoformat() for s in x.summits if s.start)
    assert starts == ["1985-11", "1986-10"]


def test_ministerial_meetings_of_an_organization_are_summits(extractor):
    x = run(extractor, "The annual meeting of the United Nations General Assembly opens tomorrow in New York.")
    assert [o for o, _, _ in described(x)] == ["United Nations General Assembly"]
    assert x.summits[0].start == D(2021, 3, 6)


def test_a_meeting_of_foreign_ministers_is_a_summit(extractor):
    x = run(extractor, "A meeting of foreign ministers of the region was held in Jakarta on Monday.")
    assert len(x.summits) == 1


def test_bilateral_meetings_and_visits_are_not_summits(extractor):
    text = ("The envoy had a meeting with the prime minister on Monday. "
            "A meeting of foreign ministers of both countries took place in Islamabad. "
            "They held bilateral talks in Paris.")
    assert run(extractor, text).summits == []


def test_a_meeting_only_tried_for_is_not_a_summit(extractor):
    x = run(extractor, "The alliance has been trying to hold a meeting of the council but has been unable to.")
    assert x.summits == []


def test_summit_evidence_points_at_its_sentence(extractor):
    text = "Ministers arrived. The G7 summit in Rome opened on Friday."
    x = run(extractor, text)
    ev = x.summits[0].evidence
    assert text[ev.start:ev.end] == ev.sentence == "The G7 summit in Rome opened on Friday."


def test_a_meeting_told_in_the_past_takes_the_last_such_date(extractor):
    x = run(extractor, "The ministers held a quadrilateral meeting in Washington on July 25.", D(2020, 1, 10))
    assert [s.start for s in x.summits] == [D(2019, 7, 25)]
    y = run(extractor, "The ministers will hold a quadrilateral meeting in Washington on July 25.", D(2020, 1, 10))
    assert [s.start for s in y.summits] == [D(2020, 7, 25)]


def test_a_meeting_of_leading_industrial_nations_is_the_named_group_s(extractor):
    text = ("The United States will urge Japan to act at Wednesday's meetings of leading industrial nations in "
            "Washington. The meeting, which will be attended by France, Britain, Italy and Canada as well as the "
            "U.S. and Japan, follows talks of the Group of Seven in January.")
    x = run(extractor, text)
    assert ("G7", "Washington, D.C.", "2021-03-10") in described(x)
    members = {x.entity(r.subject).label for r in x.relations if r.kind.name == "MEMBER_OF"}
    assert {"France", "United Kingdom", "Italy", "Canada", "Japan"} <= members


def test_a_supposed_meeting_is_no_summit(extractor):
    x = run(extractor, "Sharp deviations from the goals would trigger consultations among the countries.")
    assert x.summits == []


def test_ministers_meeting_here_for_a_third_day(extractor):
    text = ("LUXEMBOURG, April 29 - EC leaders hope to make progress when EC agriculture ministers meet for a "
            "third day of discussions here this morning.")
    x = run(extractor, text, D(1987, 4, 29))
    assert described(x) == [("European Community", "Luxembourg", "1987-04-29")]


def test_a_meeting_of_two_countries_officials_is_bilateral(extractor):
    x = run(extractor, "After the meeting of the Peruvian and Mexican central bank heads, Mexico said it would act.")
    assert x.summits == []


def test_a_national_body_organizes_no_summit(extractor):
    text = ("The Bundesbank is unlikely to change policy before the Venice summit. "
            "The Bundesbank council meets on Thursday.")
    assert all(org != "Bundesbank" for org, _, _ in described(run(extractor, text)))


def test_a_past_summit_without_a_date_is_not_dated_today(extractor):
    x = run(extractor, "Baker said the coordination agreed to at the Tokyo summit was working.")
    assert [s.start for s in x.summits] == [None]


def test_today_is_the_dateline_s_day_when_the_header_is_a_day_later(extractor):
    text = "WASHINGTON, April 8 - Finance ministers of the Group of Seven met here today."
    x = run(extractor, text, D(1987, 4, 9))
    assert [s.start for s in x.summits] == [D(1987, 4, 8)]


def test_a_summit_in_a_country_has_no_place(extractor):
    x = run(extractor, "Leaders of the G20 will hold a summit in Chile next month.")
    assert [(org, loc) for org, loc, _ in described(x)] == [("G20", None)]


def test_the_city_travelled_to_for_a_meeting_is_its_place(extractor):
    x = run(extractor, "The chancellor will fly to Lisbon next week to attend an EU council meeting.")
    assert described(x) == [("European Union", "Lisbon", "2021-03")]
    assert [loc for _, loc, _ in described(run(extractor, "She flew to Lisbon after the NATO summit."))] == [None]


def test_a_weekday_told_in_the_present_is_the_coming_one(extractor):
    # 2021-03-05 is a Friday: "meet on Tuesday" is 2021-03-09, "met on Tuesday" 2021-03-02
    assert [s for *_, s in described(run(extractor, "EU leaders meet in Rome on Tuesday."))] == ["2021-03-09"]
    assert [s for *_, s in described(run(extractor, "EU leaders met in Rome on Tuesday."))] == ["2021-03-02"]


def test_an_organization_s_ministers_negotiating_session_and_its_place_when_just_held(extractor):
    text = ("LISBON, March 5 - Diplomats said EC farm ministers, who earlier this week ended another marathon "
            "negotiating session, achieved more than ever before.")
    assert described(run(extractor, text)) == [("European Community", "Lisbon", "2021-03")]
    assert described(run(extractor, "Union leaders ended another negotiating session with the company.")) == []
    # told from elsewhere, or held long before: the dateline says nothing of where
    assert described(run(extractor, "LISBON, March 5 - NATO ministers met in Oslo on Tuesday.")) == [
        ("NATO", "Oslo", "2021-03-02")]
    assert described(run(extractor, "LISBON, March 5 - NATO ministers met last year.")) == [("NATO", None, "2020")]


def test_meetings_only_supposed_are_no_summits(extractor):
    for text in ("If the proposed meeting took place it would open the way for summit talks between the leaders.",
                 "Saudi Arabia said there was no need for an emergency OPEC meeting.",
                 "Reagan and the Democrats may finally sit down at a budget summit."):
        assert described(run(extractor, text)) == [], text


def test_a_date_said_of_another_noun_or_a_demonym_is_not_the_meeting_s(extractor):
    x = run(extractor, "EC ministers ended talks this morning on the farm year, which started on April 1.")
    assert [start for *_, start in described(x)] == ["2021-03-05"]
    x = run(extractor, "Delegates gathered in Lisbon for the 2nd European energy summit.")
    assert [loc for _, loc, _ in described(x)] == ["Lisbon"]


def test_a_few_members_of_a_large_organization_meeting_is_not_its_meeting(extractor):
    text = ("The OECD forecast slower growth in its 24 member countries this year. The OECD said so in its "
            "report. OECD economists agreed. Trade grew. "
            "At a meeting in Paris last month, Britain, Canada, France, Japan, the United States and West Germany "
            "agreed to cooperate on exchange rates.")
    x = run(extractor, text, date=D(1987, 3, 20))
    assert [(org, loc) for org, loc, _ in described(x)] == [(None, "Paris")]
    assert not [r for r in x.relations if r.evidence.rule == "memberships.summit-participant"]


def test_an_accord_made_in_a_city_was_made_at_a_meeting_there(extractor):
    date = D(1987, 4, 10)
    assert described(run(extractor, "Baker said the agreement in Lisbon of February 22 was still working.",
                         date)) == [(None, "Lisbon", "1987-02-22")]
    # no date of its own: the text speaks of the agreement, not of the meeting that made it
    assert described(run(extractor, "The G-7 reaffirmed the Lisbon accord.", date)) == []
    assert described(run(extractor, "They hope to reach a Lisbon accord next year.", date)) == []
    assert described(run(extractor, "They will sign the Lisbon accord next week.", date)) == []


def test_a_meeting_a_journey_is_planned_for_is_to_come_and_not_at_the_dateline(extractor):
    text = ("LISBON, March 5 - Asked if he planned to visit the U.S. to attend conferences including "
            "International Monetary Fund meetings in early April, the minister said he would decide soon.")
    assert described(run(extractor, text)) == [("International Monetary Fund", None, "2021-04")]


def test_an_organization_meeting_with_others_holds_no_meeting_of_its_own(extractor):
    x = run(extractor, "During the tour, the Arctic Council has met with many world leaders, including the Pope.")
    assert x.summits == []


def test_a_name_after_a_summit_s_in_is_its_place_when_the_ner_missed_it(extractor):
    x = run(extractor, "July's G8 summit in Glenmorrow in Perthshire will discuss aid to Africa.", D(2005, 3, 11))
    assert described(x) == [("G8", "Glenmorrow", "2005-07")]


def test_a_meeting_dated_to_the_article_s_day_is_held_at_the_dateline(extractor):
    x = run(extractor, "OTTAWA, March 23 - OECD trade ministers will begin a two-day meeting today which will review "
                       "the trade round.", D(1987, 3, 23))
    assert described(x) == [("Organisation for Economic Co-operation and Development", "Ottawa", "1987-03-23")]


def test_a_summit_in_a_story_of_an_organization_that_holds_none_is_not_its_summit(extractor):
    x = run(extractor, "GATT talks on farm trade resumed. At the Osaka economic summit last year, western leaders "
                       "named farm trade a problem. GATT members will meet again.", D(1987, 4, 9))
    assert ("General Agreement on Tariffs and Trade", "Osaka", "1986") not in described(x)
    assert (None, "Osaka", "1986") in described(x)


def test_a_when_clause_takes_the_date_it_describes(extractor):
    x = run(extractor, "TOKYO, March 26 - Dealers said the dollar will rise toward early April when the Group of "
                       "Seven industrial nations meets to discuss currencies again.", D(1987, 3, 26))
    assert described(x) == [("G7", None, "1987-04")]


def test_an_undated_meeting_told_as_held_is_at_the_dateline(extractor):
    text = ("OSLO, May 4 - The Norwegian minister told a conference of Nordic Council ministers that fishing quotas "
            "must be cut.")
    x = run(extractor, text, D(1999, 5, 4))
    assert [(o, (loc or "").lower()) for o, loc, _ in described(x)] == [("Nordic Council", "oslo")]


def test_a_city_state_dateline_is_the_meeting_place(extractor):
    text = "SINGAPORE, May 4 - The Thai minister told a conference of ASEAN ministers that tariffs must fall."
    x = run(extractor, text, D(1999, 5, 4))
    assert [loc for _, loc, _ in described(x)] == ["Singapore"]


def test_an_undated_meeting_and_a_summit_this_month_stay_apart(extractor):
    text = ("SINGAPORE, May 4 - The Thai minister told a conference of ASEAN ministers that tariffs must fall. "
            "The policy was endorsed by the Venice economic summit this month.")
    x = run(extractor, text, D(1999, 5, 4))
    assert sorted(loc or "" for _, loc, _ in described(x)) == ["Singapore", "Venice"]


def test_a_meeting_named_after_its_venue_is_a_summit_there(extractor):
    text = "The finance minister, who hosted the Louvre meeting, said the Louvre accord of last February still held."
    x = run(extractor, text, D(1987, 10, 19))
    assert [loc for _, loc, _ in described(x)] == ["Louvre"]


def test_a_meeting_named_after_the_dateline_city_is_held_there(extractor):
    text = "ROTORUA, March 2 - The Fijian minister said the Rotorua meeting of Commonwealth ministers went well."
    x = run(extractor, text, D(1991, 3, 2))
    assert [(loc or "").lower() for _, loc, _ in described(x)] == ["rotorua"]


def test_an_organizations_talks_are_its_meeting_but_talks_between_sides_are_not(extractor):
    text = ("Delegates at the OPEC talks here agreed to cut output. "
            "Officials held talks between the oil companies and the unions.")
    x = run(extractor, text, D(1987, 3, 2))
    assert [o for o, _, _ in described(x)] == ["Organization of the Petroleum Exporting Countries"]


def test_a_meeting_organised_by_an_organization_is_its_own(extractor):
    text = "The presidents urged donors to act at a meeting organised by the Economic Commission for Africa."
    x = run(extractor, text, D(1987, 6, 15))
    assert [o for o, _, _ in described(x)] == ["Economic Commission for Africa"]



def test_an_organization_called_by_its_number_of_members_meets(extractor):
    text = ("The Group of Seven is worried about the dollar. "
            "When the Seven meet in Rome next month, currencies will top the agenda.")
    x = run(extractor, text, D(1991, 4, 13))
    assert described(x) == [("G7", "Rome", "1991-05")]


def test_community_ministers_are_the_european_communitys(extractor):
    text = "The European Community is split on fish. Community ministers agreed in Luxembourg to cut the quotas."
    x = run(extractor, text, D(1991, 4, 13))
    assert [(o, loc) for o, loc, _ in described(x)] == [("European Community", "Luxembourg")]


def test_a_name_of_the_community_is_not_its_ministers(extractor):
    text = "The European Community was set to plunge into a budget crisis, diplomats said."
    assert run(extractor, text, D(1991, 4, 13)).summits == []


def test_talks_two_parties_hold_are_bilateral(extractor):
    text = "GENEVA, March 2 - The European Community and Comecon ended talks here on trade."
    assert run(extractor, text, D(1987, 3, 2)).summits == []


def test_an_organizations_committee_meeting_is_its_meeting(extractor):
    text = "Delegates prepared for next week's International Monetary Fund interim committee meeting in Washington."
    x = run(extractor, text, D(1987, 4, 7))
    assert described(x) == [("International Monetary Fund", "Washington, D.C.", "1987-04")]


def test_a_meeting_known_by_its_city_needs_no_organizer(extractor):
    text = "In line with a pledge made at the Rome monetary conference in February, the cabinet cut taxes."
    x = run(extractor, text, D(1987, 4, 9))
    assert described(x) == [(None, "Rome", "1987-02")]


def test_a_meeting_body_told_as_meeting_is_a_summit(extractor):
    x = run(extractor, "The European Council, which met in Brussels on Friday, backed the plan.", D(2005, 3, 27))
    assert [(loc, start) for _, loc, start in described(x)] == [("City of Brussels", "2005-03-25")]
    assert run(extractor, "The European Council has the power to appoint the president.", D(2005, 3, 27)).summits == []


def test_the_ministers_after_an_organization_s_ministers_are_theirs(extractor):
    text = ("NATO defence ministers ended a two-day meeting in Oslo on Tuesday without a deal. "
            "Officials hope the ministers can settle the matter at a meeting in Madrid on May 18.")
    x = run(extractor, text, D(1987, 4, 29))
    assert ("NATO", "Madrid", "1987-05-18") in described(x)
    # ministers the article never tied to an organization meet for nobody
    y = run(extractor, "Officials hope the ministers can settle the matter at a meeting in Madrid on May 18.",
            D(1987, 4, 29))
    assert not y.summits


def test_the_meeting_under_way_is_not_the_summit_due_later(extractor):
    text = ("ROME, May 12 - Ministers of the European Union ended a tense session without agreement today. "
            "Officials said the meeting failed, so the matter goes to EU heads of government who hold a summit "
            "meeting on May 28 and 29 in Madrid.")
    x = run(extractor, text, D(2003, 5, 12))
    assert sorted(described(x), key=str) == sorted([("European Union", "Rome", "2003-05-12"),
                                                    ("European Union", "Madrid", "2003-05-28")], key=str)


def test_a_meeting_of_described_members_is_their_organization_s(extractor):
    text = ("OTTAWA, May 3 - Canada will press for lower tariffs at the meeting of the seven leading industrial "
            "nations tomorrow, officials said. The Group of Seven has met twice this year.")
    x = run(extractor, text, D(1988, 5, 3))
    assert ("G7", "Ottawa", "1988-05-04") in described(x)


def test_ministers_meeting_somewhere_are_the_organization_s_meeting(extractor):
    text = ("LUXEMBOURG, April 10 - The European Union is ready to compromise on fishing quotas. The EU fisheries "
            "commissioner told "
            "fisheries ministers meeting in Luxembourg that the plan could change.")
    x = run(extractor, text, D(2001, 4, 10))
    assert described(x) == [("European Union", "Luxembourg", "2001-04-10")]


def test_ministers_of_many_countries_acting_together_met(extractor):
    text = ("The Group of Seven is under pressure to act. Last month in Ottawa, finance ministers of the U.S., "
            "Japan, West Germany, France, Italy, Britain and Canada endorsed a plan to steady the yen.")
    x = run(extractor, text, D(1988, 5, 3))
    assert ("G7", "Ottawa", "1988-04") in described(x)


def test_a_body_named_conference_on_something_is_no_meeting(extractor):
    text = "Ana Ruiz, an economist for the United Nations Conference on Trade and Development, said prices fell."
    assert run(extractor, text, D(1990, 2, 1)).summits == []


def test_the_meetings_own_verb_dates_it(extractor):
    # the parser joins "the March meeting" to the noun before and "yielded" to "will" change
    text = ("Words will not change the trend for now and the March meeting of finance ministers yielded little, "
            "a dealer said.")
    x = run(extractor, text, D(1990, 6, 1))
    assert [start for _, _, start in described(x)] == ["1990-03"]
    text = ("Officials warned that a deal may be hard to reach ahead of an EU heads of government meeting in "
            "Athens on March 3.")
    x = run(extractor, text, D(1990, 10, 1))
    assert [start for _, _, start in described(x)] == ["1991-03-03"]


def test_a_meeting_called_off_or_unlikely_is_not_held(extractor):
    for text in ("A meeting of European Union trade ministers is unlikely to take place next week, a spokesman said.",
                 "The planned meeting June 7 of NATO defence ministers has been postponed until the autumn."):
        assert run(extractor, text, D(2000, 5, 2)).summits == [], text


def test_talks_named_by_their_subject_are_a_negotiation(extractor):
    text = "The group has become a third force in the multilateral trade talks, the minister said."
    assert run(extractor, text, D(1990, 2, 1)).summits == []


def test_two_countries_ministers_meeting_is_bilateral(extractor):
    text = ("Reports said India's oil minister Ravi Kumar and Russian energy minister Ivan Petrov would discuss "
            "the pipeline at a meeting on Tuesday.")
    assert run(extractor, text, D(2005, 1, 10)).summits == []


def test_an_organization_called_by_a_noun_holds_its_summit(extractor):
    # "the body's summit" is the organization's, not a metaphor like "rugby's summit"
    text = ("Aides from the Group of Seven nations said the body's October summit will be held in Ottawa, "
            "a spokesman said.")
    x = run(extractor, text, D(1995, 6, 5))
    assert ("Group of Seven", "Ottawa", "1995-10") in [(o and "Group of Seven", loc, start)
                                                        for o, loc, start in described(x)]


def test_an_organizations_officials_meeting_is_its_meeting(extractor):
    text = ("Senior officials from the Group of Seven countries will meet next week to prepare the leaders' "
            "summit in Ottawa in October, diplomats said.")
    x = run(extractor, text, D(1995, 6, 28))
    starts = sorted(start for _, _, start in described(x) if start)
    assert starts == ["1995-07", "1995-10"]  # next week, from June 28, is in July
    text = "Officials from Chile and Peru will meet next week to discuss the border."
    assert run(extractor, text, D(1995, 6, 28)).summits == []


def test_next_week_is_the_week_after_the_articles():
    from diplokg.extract.temporal import resolve

    def start(text: str, base: D) -> D | None:
        found = resolve(text, base, False, future=True)
        return found.start if found is not None else None

    assert start("next week", D(1995, 6, 28)) == D(1995, 7)
    assert start("this week", D(1995, 6, 28)) == D(1995, 6)
    assert start("next week", D(1995, 6, 3)) == D(1995, 6)


def test_a_meeting_told_in_the_pluperfect_is_not_the_articles(extractor):
    text = ("ROME, May 4 - Italy and Spain had both promised at OPEC meetings to limit output, "
            "the minister said. He said OPEC ministers had agreed a new quota system.")
    assert run(extractor, text, D(1995, 5, 4)).summits == []
    # placed, it is kept, but of no known day
    x = run(extractor, "ROME, May 4 - NATO ministers had agreed at the Oslo summit to expand.", D(1995, 5, 4))
    assert [(loc, start) for _, loc, start in described(x)] == [("Oslo", None)]


def test_a_meeting_placed_in_another_country_is_not_at_the_dateline(extractor):
    text = ("BONN, March 3 - The minister phoned from Canada, where he is attending a NATO ministerial meeting, "
            "to deny the report.")
    x = run(extractor, text, D(1995, 3, 3))
    assert [loc for _, loc, _ in described(x)] == [None]
    # but the dateline names the country: the meeting is where the article was filed
    text = "HALIFAX, Canada, March 3 - The minister is in Canada for a NATO ministerial meeting."
    x = run(extractor, text, D(1995, 3, 3))
    assert [loc and loc.title() for _, loc, _ in described(x)] == ["Halifax"]


def test_a_summit_of_a_group_the_article_does_not_name_is_not_its_organizations(extractor):
    text = ("The European Union said the issue was ignored until Norway raised it last year at the Tokyo summit "
            "of seven leading industrial nations. The European Union will act.")
    x = run(extractor, text, D(1995, 3, 3))
    assert [(o, loc) for o, loc, _ in described(x)] == [(None, "Tokyo")]


def test_a_meeting_of_farm_leaders_with_ministers_is_no_summit(extractor):
    # (nor are the meetings such ministers chair, told as a kind of meeting)
    text = ("BRUSSELS, May 3 - She spoke after a meeting of farm leaders with the French and Irish farm ministers, "
            "who currently chair meetings of their EU colleagues.")
    assert run(extractor, text, D(1995, 5, 3)).summits == []


def test_multilateral_talks_are_a_negotiation(extractor):
    text = "Norway tabled its position on Monday in Geneva in the multilateral talks under the WTO."
    assert run(extractor, text, D(1995, 3, 3)).summits == []


def test_an_earlier_session_and_a_meeting_to_come_are_not_the_articles(extractor):
    text = ("ROME, April 7 - Italy stayed away from a G-7 meeting in Paris on February 22 after being left out of "
            "an earlier session of G-5 talks.")
    x = run(extractor, text, D(1995, 4, 7))
    assert [(o, loc, start) for o, loc, start in described(x)] == [("G7", "Paris", "1995-02-22")]
    # a meeting still to come and one held are two, however alike
    text = ("The annual meeting of the leading industrial democracies will take place in June. "
            "Decisions taken at meetings of G-7 finance ministers in Paris this year were kept.")
    x = run(extractor, text, D(1995, 4, 7))
    assert len(x.summits) == 2 and ("G7", "Paris", "1995") in described(x)


def test_ministers_meetings_are_the_organizations_not_its_executives(extractor):
    text = ("LUXEMBOURG, June 18 - European Union farm ministers began talks on prices. The ministers ended their "
            "meeting in Luxembourg still split on European Commission proposals.")
    x = run(extractor, text, D(1995, 6, 18))
    assert [o for o, _, _ in described(x)] == ["European Union"]  # one summit, not the Commission's


def test_the_summit_to_come_is_one_whatever_it_is_called(extractor):
    text = ("ROME, June 1 - Leaders of the Group of Seven will talk trade at next week's Venice summit. "
            "The annual meeting of the major industrial democracies will take place amid tension. "
            "Officials said the processes leading to the Venice summit were on track.")
    x = run(extractor, text, D(1995, 6, 1))
    venice = [(o, start) for o, loc, start in described(x) if loc == "Venice"]
    assert venice == [("G7", "1995-06")] and len(x.summits) == 1
    # but a meeting of an organization that holds no summits is another
    text = ("ROME, June 1 - Leaders of the Group of Seven are due to attend a summit in Venice this month. "
            "The plan would be put to ministers before the IMF annual meetings later this year.")
    x = run(extractor, text, D(1995, 6, 1))
    assert ("G7", "Venice", "1995-06") in described(x)


def test_an_accord_named_after_a_place_tells_of_no_meeting(extractor):
    date = D(1987, 4, 10)
    assert described(run(extractor, "He helped devise the September 1985 Plaza agreement, when five nations "
                                    "curbed the dollar.", date)) == []
    assert described(run(extractor, "Baker said the Lisbon accord of February 22 was still working.", date)) == []
    # but an accord told as made in a city on a day was made at a meeting there
    assert described(run(extractor, "The statement reaffirmed a February 22 agreement in Lisbon in which the "
                                    "ministers agreed to fight protectionism.", date)) == [
        (None, "Lisbon", "1987-02-22")]


def test_a_meeting_the_article_places_elsewhere_is_not_at_the_dateline(extractor):
    text = ("HONG KONG, April 7 - Dealers were sidelined ahead of the International Monetary Funds meeting in "
            "Washington this week. They said the Group of Seven will meet during the IMF gathering.")
    x = run(extractor, text, D(1987, 4, 7))
    assert all(loc != "Hong Kong" for _, loc, _ in described(x))


def test_a_meeting_a_traveller_leaves_for_is_not_at_the_dateline(extractor):
    text = "TOKYO, April 3 - The finance minister leaves on April 7 to attend the IMF meetings."
    assert described(run(extractor, text, D(1987, 4, 3))) == [("International Monetary Fund", None, "1987-04-07")]


def test_a_date_of_a_participle_said_of_another_noun_is_not_the_meeting_s(extractor):
    text = ("BOGOTA, March 3 - An ICO special meeting ended last night in London with nations failing to agree "
            "on a resumption of export quotas, suspended one year ago after prices soared.")
    assert described(run(extractor, text, D(1987, 3, 3))) == [
        ("International Coffee Organisation", "London", "1987-03-02")]


def test_an_undated_mention_of_a_meeting_to_come_is_that_meeting(extractor):
    text = ("WASHINGTON, March 31 - The figures will go to the IMF's Interim Committee here next week. Those "
            "talks are one of several meetings during the semi-annual meetings of the IMF.")
    assert described(run(extractor, text, D(1987, 3, 31))) == [
        ("International Monetary Fund", "Washington, D.C.", "1987-04")]


def test_a_date_of_what_ministers_undertook_is_not_their_meeting_s(extractor):
    text = ("BRUSSELS, March 31 - European Community farm ministers agreed to extend the milk marketing year to "
            "the end of May, a minister said.")
    assert described(run(extractor, text, D(1987, 3, 31))) == [("European Community", "City of Brussels", "1987-03-31")]
    text = "BRUSSELS, March 31 - European Community farm ministers agreed to meet again on April 27."
    # (the day is the meeting's own; its year is another matter: "agreed" makes the sentence past)
    assert [(start or "")[5:] for *_, start in described(run(extractor, text, D(1987, 3, 31)))] == ["04-27"]


def test_a_meeting_known_by_a_place_elsewhere_is_not_dated_today(extractor):
    text = ("WASHINGTON, March 31 - Baker outlined the measures taken to cut trade imbalances during the Lisbon "
            "meeting.")
    assert [start for *_, start in described(run(extractor, text, D(1987, 3, 31)))] == [None]


def test_a_meeting_of_either_organization_placed_elsewhere_moves_both(extractor):
    text = ("TOKYO, April 8 - Dealers are sceptical about any G-5 or G-7 meeting in Washington. Officials told "
            "Reuters the G-7 will meet today.")
    assert all(loc != "Tokyo" for _, loc, _ in described(run(extractor, text, D(1987, 4, 8))))
