"""Commitments: party, value and unit, deadline and topic; amounts in news forms."""

from __future__ import annotations

from decimal import Decimal

import pytest

from diplokg.dates import PartialDate as D
from diplokg.document import Document
from diplokg.extract import Extraction, Extractor
from diplokg.extract.amounts import find_amounts

ARTICLE_DATE = D(2019, 5, 2)


def run(extractor: Extractor, text: str) -> Extraction:
    return extractor.extract(Document(id="t", text=text, date=ARTICLE_DATE))


def commitments(x: Extraction) -> set[tuple[str, Decimal | None, str | None, str | None]]:
    return {(x.entity(c.party).label, c.value, c.unit, c.deadline.isoformat() if c.deadline else None)
            for c in x.commitments}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Germany pledged to spend 2 percent of its gross domestic product on defence by 2024.",
         {("Germany", Decimal(2), "percent of GDP", "2024")}),
        ("NATO wants allies, particularly Germany, to meet their commitments to spend 2 percent of their GDP "
         "on defence by 2024.", {("Germany", Decimal(2), "percent of GDP", "2024")}),
        ("Japan has offered dollars 1.8bn to the vaccine fund.", {("Japan", Decimal(1800000000), "USD", None)}),
        ("The EU also confirmed a new dollars 21m aid package.",
         {("European Union", Decimal(21000000), "USD", None)}),
        ("Canada committed 3.15 billion dlrs in fresh funds.", {("Canada", Decimal(3150000000), "USD", None)}),
        ("The United States was more forceful, committing to send more troops to Saudi Arabia.",
         {("United States of America", None, None, None)}),
        ("He also signed a communique stressing the EU's commitment to a stable Iraq.",
         {("European Union", None, None, None)}),
        ("Spain and Portugal signed an agreement to build the pipeline by 2025.",
         {("Spain", None, None, "2025"), ("Portugal", None, None, "2025")}),
    ],
)
def test_commitments_found(extractor, text, expected):
    assert commitments(run(extractor, text)) == expected


def test_a_minister_commits_the_state(extractor):
    x = run(extractor, "UK Chancellor Gordon Brown has offered pounds 960m to the immunisation fund.")
    assert commitments(x) == {("United Kingdom", Decimal(960000000), "GBP", None)}


def test_donors_at_an_organization_meeting_commit_the_organization(extractor):
    x = run(extractor, "Aid donors pledged 2 billion dlrs after a meeting of the Paris Club in Paris.")
    assert {label for label, *_ in commitments(x)} == {"Paris Club"}


@pytest.mark.parametrize(
    "text",
    [
        "Lord Carrington offered himself as a mediator.",  # an offer without money is no pledge
        "France did not pledge any money.",
        "The pounds 1bn commitment is part of a plan.",  # no party
        "Ministers agreed with the report.",
    ],
)
def test_no_commitment_without_one(extractor, text):
    assert commitments(run(extractor, text)) == set()


def test_one_commitment_per_party_and_value(extractor):
    text = "Britain pledged pounds 960m over 15 years. The UK has offered pounds 960m to the fund."
    assert commitments(run(extractor, text)) == {("United Kingdom", Decimal(960000000), "GBP", None)}


def test_commitment_keeps_a_topic_and_evidence(extractor):
    text = "Talks ended. Germany pledged to spend 2 percent of its GDP on defence by 2024."
    c = run(extractor, text).commitments[0]
    assert c.topic and "defence" in c.topic
    assert text[c.evidence.start:c.evidence.end] == c.evidence.sentence
    assert c.evidence.rule == "commitments.pledge-verb"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("pounds 960m", Decimal(960000000), "GBP"),
        ("dollars 1.8bn", Decimal(1800000000), "USD"),
        ("3.15 billion dlrs", Decimal(3150000000), "USD"),
        ("£3bn", Decimal(3000000000), "GBP"),
        ("US$400 million", Decimal(400000000), "USD"),
        ("six billion euros", Decimal(6000000000), "EUR"),
        ("2 percent of gross domestic product", Decimal(2), "percent of GDP"),
        ("0.7% of national income", Decimal("0.7"), "percent of national income"),
        ("three million Africans", Decimal(3000000), "africans"),
        ("10 mln Canadian dlrs", Decimal(10000000), "CAD"),
        ("20 mln Swiss francs", Decimal(20000000), "CHF"),
        ("three pct of GDP", Decimal(3), "percent of GDP"),
        ("half a percent", Decimal("0.5"), "percent"),
    ],
)
def test_amounts(text, value, unit):
    amounts = find_amounts(f"They gave {text} last year.")
    assert [(a.value, a.unit) for a in amounts] == [(value, unit)]


def test_no_amount_in_plain_numbers():
    assert find_amounts("In 2004, 25 nations met for 3 days.") == []


# -- commitments in the many ways news says them (sentences written for these tests) --------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # giving, with the value in the clause; a dative recipient is no party
        ("The World Bank last month granted Indonesia a 300 mln dlr structural adjustment loan.",
         {("World Bank", Decimal(300000000), "USD", None)}),
        ("Japan will provide 500 mln dlrs in emergency aid to the Philippines, the foreign ministry said.",
         {("Japan", Decimal(500000000), "USD", None)}),
        # a passive with its agent: what was undertaken comes first
        ("A 50 mln dlr aid package for Jamaica was approved by the World Bank on Friday.",
         {("World Bank", Decimal(50000000), "USD", None)}),
        # a minister pledges for their state
        ("Italian Prime Minister Romano Prodi pledged 100 million euros for the reconstruction.",
         {("Italy", Decimal(100000000), "EUR", None)}),
        # a capital stands for its country when the article names the country
        ("Washington has offered Pakistan 3 billion dollars in economic assistance. The United States said so.",
         {("United States of America", Decimal(3000000000), "USD", None)}),
        # "by X to Y": the level committed, not the change
        ("OPEC agreed to lower its output ceiling by 7.25 pct to 15.8 mln bpd.",
         {("Organization of the Petroleum Exporting Countries", Decimal(15800000), "bpd", None)}),
        # an obligation, and a deal that commits its object
        ("Mexico is required under the agreement to cut import tariffs to 20 pct by 2010.",
         {("Mexico", Decimal(20), "percent", "2010")}),
        ("The accord commits Brazil to reduce its budget deficit to 2 pct of GDP by 2021.",
         {("Brazil", Decimal(2), "percent of GDP", "2021")}),
        # agreed to a measure, and a list parsed as an apposition
        ("India and Pakistan have agreed to a ceasefire along the border.",
         {("India", None, None, None), ("Pakistan", None, None, None)}),
        ("The United States, Japan, France and Italy agreed to use a set of economic indicators.",
         {(c, None, None, None) for c in ("United States of America", "Japan", "France", "Italy")}),
        # the news form of a decided future
        ("Britain is to double its aid to Africa by 2010.", {("United Kingdom", None, None, "2010")}),
        # what the other side receives from a giver named
        ("Under the accord, Egypt will receive 1.3 billion dlrs in aid from the United States.",
         {("United States of America", Decimal(1300000000), "USD", None)}),
    ],
)
def test_commitment_forms(extractor, text, expected):
    assert commitments(run(extractor, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Analysts said Saudi Arabia would raise output to 5 mln barrels a day.",  # a forecast
        "The United States urged Japan to open its rice market.",  # a call on others
        "Germany may contribute up to 500 mln marks to the fund.",  # a modal
        "If Congress approves the bill, the administration will impose tariffs on Japanese goods.",  # a condition
        "The company offered 20 dlrs a share for the remaining stock.",  # a price
        "Brazil hopes to reach an agreement with its creditors this year.",  # a hope
        "The EC Commission proposed a tax of 330 Ecus a tonne on vegetable oils.",  # a proposal
        "The tariffs would be imposed before Japan agreed to talks.",  # a condition again
        "Airstrikes hit Syrian targets on Sunday.",  # a target struck, not one set
        # nothing undertaken: a bond's guarantor, a commitment that names no goal
        "The ten-year bond pays 7 pct and is guaranteed by Sweden.",
        "We will stay, and our commitment there is not going to be risk free, the French minister said.",
        # a central bank's market operation of the day
        "The Bank of Canada said it had provided the money market with 40 mln dlrs of help this morning.",
        # how a pledge was broken is no pledge
        "Critics said Canada's prime minister broke an election pledge by introducing a new sales tax.",
    ],
)
def test_no_commitment_in_these(extractor, text):
    assert commitments(run(extractor, text)) == set()


def test_a_pledge_others_want_kept_is_still_the_pledge_of_its_owner(extractor):
    text = "The United States wants allies, particularly Germany, to meet their pledge to spend 2 percent of GDP."
    assert {label for label, *_ in commitments(run(extractor, text))} == {"Germany"}


def test_a_pronoun_inside_a_charge_is_the_one_charged(extractor):
    text = ("Foreign Minister Taro Aso of Japan spoke. Critics accused Mr Aso of missing his target of "
            "providing 10 billion dollars by 2008.")
    assert commitments(run(extractor, text)) == {("Japan", Decimal(10000000000), "USD", "2008")}


def test_the_measure_as_subject_is_its_maker_s(extractor):
    text = ("Canada has imposed sanctions on Ruritania. The sanctions will end all military cooperation "
            "and cut economic aid.")
    x = run(extractor, text)
    assert {label for label, *_ in commitments(x)} == {"Canada"}
    assert len(x.commitments) == 3  # the sanctions, and each of their effects


def test_a_deal_s_term_is_the_deadline_of_its_commitments(extractor):
    text = ("Chile and Peru signed an agreement to share fishing data. Under the agreement, which runs "
            "until December 2023, both will report catches.")
    assert {(label, deadline) for label, _, _, deadline in commitments(run(extractor, text))} == {
        ("Chile", "2023-12"), ("Peru", "2023-12")}


def test_a_date_of_agreeing_is_no_deadline(extractor):
    text = "OPEC agreed in December to cut its output by 5 pct."  # the article is of May 2019
    assert commitments(run(extractor, text)) == {
        ("Organization of the Petroleum Exporting Countries", Decimal(5), "percent", None)}


def test_a_party_pledge_is_the_party_s(extractor):
    text = "The Labour Party has pledged to spend pounds 2bn more on schools by 2008."
    assert commitments(run(extractor, text)) == {("Labour Party", Decimal(2000000000), "GBP", "2008")}


def test_a_government_is_the_country_it_was_filed_from(extractor):
    text = "OTTAWA, May 2 - The government said it will provide 40 mln dlrs to Haiti. Canada and Haiti."
    assert {label for label, *_ in commitments(run(extractor, text))} == {"Canada"}


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("ecu 615 mln", Decimal(615000000), "XEU"),
        ("6,000 bn yen", Decimal(6000000000000), "JPY"),
        ("300 mln stg", Decimal(300000000), "GBP"),
        ("34,300 tonnes", Decimal(34300), "tonnes"),
        ("5,000 troops", Decimal(5000), "troops"),
        ("20 pct", Decimal(20), "percent"),
    ],
)
def test_more_amounts(text, value, unit):
    assert [(a.value, a.unit) for a in find_amounts(f"They gave {text} last year.")] == [(value, unit)]


def test_prices_are_no_amounts():
    assert find_amounts("It offered 20 dlrs a share and 18 dlrs per barrel.") == []


def test_a_count_lent_with_a_term_in_months(extractor):
    text = ("President Carlos Perez said Venezuela would loan two mln barrels of crude to Colombia over the "
            "next two months.")
    assert commitments(run(extractor, text)) == {("Venezuela", Decimal(2000000), "barrels", "2019-07")}


def test_a_subject_glued_to_the_opening_phrase(extractor):
    text = "Under the Plaza Accord Britain and France pledged to cut their spending."
    assert {label for label, *_ in commitments(run(extractor, text))} == {"United Kingdom", "France"}


def test_a_campaign_promise_commits_no_state_unless_a_head_of_government_makes_it(extractor):
    minister = ("Campaigning before the general election, Chancellor Gordon Brown promised to end teenage "
                "unemployment. Britain votes in May.")
    assert commitments(run(extractor, minister)) == set()
    head = ("Campaigning before the election, Turkish President Recep Tayyip Erdogan pledged to build a new "
            "airport in Istanbul.")
    assert {label for label, *_ in commitments(run(extractor, head))} == {"Turkey"}


def test_commitments_kept_by_the_ones_urged_and_by_each_named_keeper(extractor):
    urged = "The U.S. will urge Tokyo and Bonn to meet commitments to speed economic growth. Japan and West Germany."
    x = extractor.extract(Document(id="t", text=urged, date=D(1987, 4, 6)))
    assert {label for label, *_ in commitments(x)} == {"Japan", "West Germany"}
    made = "Japan and France made their commitments under the Paris agreement."
    assert {label for label, *_ in commitments(run(extractor, made))} == {"Japan", "France"}


def test_neither_nor_ratified_is_no_measure(extractor):
    text = "The fund failed because neither the U.S. nor the Soviet Union has ratified it."
    assert commitments(run(extractor, text)) == set()


def test_the_month_a_pledge_was_made_is_no_deadline(extractor):
    text = "Saudi Arabia's oil minister reiterated the kingdom's commitment to the December OPEC accord."
    # (the accord is OPEC's own too)
    opec = "Organization of the Petroleum Exporting Countries"
    assert commitments(run(extractor, text)) == {("Saudi Arabia", None, None, None), (opec, None, None, None)}


def test_a_campaign_promise_is_the_politician_s_party_s_when_the_article_says_which(extractor):
    text = ("Charles Kennedy has told voters at an election rally that his Liberal Democrats will offer an honest "
            "choice. Mr Kennedy pledged to scrap student fees.")
    assert {label for label, *_ in commitments(run(extractor, text))} == {"Liberal Democrats"}


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("Finance ministers of the Group of Seven reaffirmed the Plaza accord on exchange rates.", {"G7"}),
        ("Norway said it would abide by the fishing pact.", {"Norway"}),
        ("Kenya and Uganda remain committed to the border treaty.", {"Kenya", "Uganda"}),
        ("Chile criticised the Andean trade accord.", set()),
        ("Peru might honour the accord.", set()),
    ],
)
def test_whoever_keeps_a_deal_is_bound_by_it(extractor, text, parties):
    assert {label for label, *_ in commitments(run(extractor, text))} == parties


def test_a_list_hung_on_the_opening_phrase_is_the_subject(extractor):
    text = ("Under the Lisbon pact Italy and Greece, which both run large deficits, pledged to cut spending, "
            "while Austria agreed to lower its tariffs.")
    assert {label for label, *_ in commitments(run(extractor, text))} == {"Italy", "Greece", "Austria"}


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("Kuwait was strongly committed to its OPEC quota.", {"Kuwait"}),
        ("Kenya is committed to reducing its deficit.", {"Kenya"}),
        ("Kenya is committed to peace.", set()),
        ("Ministers of Chile were due to have adopted a package by April 1.", set()),
        ("Britain is to freeze petrol duty and fund a 1bn pounds package.", {"United Kingdom"}),
    ],
)
def test_committed_to_a_measure_or_a_deed_not_to_a_stance(extractor, text, parties):
    assert {label for label, *_ in commitments(run(extractor, text))} == parties


def test_a_list_of_infinitives_shares_its_to(extractor):
    text = "Britain is to freeze petrol duty and fund a 1bn pounds package."
    assert ("United Kingdom", Decimal(1000000000), "GBP", None) in commitments(run(extractor, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The European Union will open accession talks with Turkey next year.",
         {("European Union", None, None, "2020")}),
        ("Britain will send a team of experts to Jakarta.", {("United Kingdom", None, None, None)}),
        ("Kenya agreed that it would cut subsidies by 2022.", {("Kenya", None, None, "2022")}),
        ("The G7 leaders agreed a plan to write off the debts of the poorest nations.", {("G7", None, None, None)}),
        ("Kenya agreed with Uganda that the talks were useful.", set()),
        ("India has signed a $40bn deal to import gas from Iran.", {("India", Decimal(40000000000), "USD", None)}),
    ],
)
def test_measures_agreed_or_to_come(extractor, text, expected):
    assert commitments(run(extractor, text)) == expected


def test_a_promised_clause_is_the_action_its_date_the_deadline(extractor):
    x = extractor.extract(Document(id="t", date=D(1987, 4, 9), text=(
        "The EC has promised the United States it will import two mln tonnes of maize this year.")))
    assert commitments(x) == {("European Community", Decimal(2000000), "tonnes", "1987")}
    assert x.commitments[0].topic.startswith("it will import")


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("Kenya made no commitment to Uganda on the tax.", set()),
        ("The bankruptcy filing effectively froze all Texaco obligations.", set()),
        ("Japan honoured its obligations under the treaty.", {"Japan"}),
    ],
)
def test_no_commitment_and_debts_are_no_undertakings(extractor, text, parties):
    assert {label for label, *_ in commitments(run(extractor, text))} == parties


def test_his_country_is_the_speaker_s_state(extractor):
    x = extractor.extract(Document(id="t", date=D(1987, 6, 18), text=(
        "Canada's Foreign Minister Joe Clark spoke. Clark said his country will provide 10 mln Canadian dlrs "
        "as aid over the next five years to the South Pacific.")))
    assert commitments(x) == {("Canada", Decimal(10000000), "CAD", "1992")}


def test_the_package_is_the_sum_an_earlier_sentence_gave(extractor):
    x = extractor.extract(Document(id="t", date=D(1987, 3, 5), text=(
        "Kenya Railways has secured 25.6 mln dlrs aid from banks for a repair program. The aid will buy spares. "
        "The World Bank, Canada and Belgium had contributed to the package, he said.")))
    assert commitments(x) == {(p, Decimal(25600000), "USD", None) for p in ("World Bank", "Canada", "Belgium")}
    alone = run(extractor, "The World Bank and Canada had contributed to the package, he said.")
    assert {value for _, value, *_ in commitments(alone)} == {None}


def test_the_government_of_a_story_filed_from_a_capital_in_capitals(extractor):
    x = extractor.extract(Document(id="t", date=D(1987, 4, 9), text=(
        "BONN, April 9 - A banker called for lower West German taxes. The government announced in March that "
        "5.2 billion marks worth of tax cuts would be added next year.")))
    assert commitments(x) == {("West Germany", Decimal(5200000000), "DEM", "1988")}


def test_an_indefinite_group_is_no_reference_to_the_article_s_organization(extractor):
    x = extractor.extract(Document(id="t", date=D(1987, 3, 5), text=(
        "Chile held talks with the IMF on Monday. The United States and a group of other rich nations on "
        "Thursday granted Chile a 300 mln dlr bridge loan. The IMF will meet again in May.")))
    assert commitments(x) == {("United States of America", Decimal(300000000), "USD", None)}


def test_two_companies_joined_by_and_each_commit(extractor):
    x = run(extractor, "Regulators said Acme Widgets Corp and Borden Tools Inc had agreed to pay fines of "
                       "50,000 dlrs each.")
    assert commitments(x) == {(p, Decimal(50000), "USD", None) for p in ("Acme Widgets Corp", "Borden Tools Inc")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Paris Club of creditor nations on Wednesday offered to freeze the debts of Malawi.",
         {("Paris Club", None, None, None)}),
        ("Norway offered to send 150 troops to the mission.", {("Norway", Decimal(150), "troops", None)}),
        ("The Argentine government is targeting four pct real growth in gross domestic product.",
         {("Argentina", Decimal(4), "percent", None)}),
    ],
)
def test_offers_of_a_measure_and_figures_targeted(extractor, text, expected):
    assert commitments(run(extractor, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Japan offered to help with the reconstruction.",  # no measure offered
        "Rebels targeted the convoy 30 km from the border.",  # a target struck
        "Acme Corp's plan targets total sales of about six billion dlrs.",  # a company's goal
    ],
)
def test_no_offer_or_target_without_a_measure_or_figure(extractor, text):
    assert commitments(run(extractor, text)) == set()


def test_a_person_without_an_office_pledges_for_no_state(extractor):
    x = run(extractor, "The United States was named often in the report. Lena Borgstrom promised protests every week "
                       "until Sweden acted on the climate.")
    assert commitments(x) == set()


def test_the_country_is_the_one_just_named(extractor):
    x = run(extractor, "Chile's exports fell sharply last year. The country is thus targeting a fall in its trade "
                       "deficit to 2.0 billion dlrs.")
    assert commitments(x) == {("Chile", Decimal(2000000000), "USD", None)}


def test_a_government_body_commits_the_article_s_country(extractor):
    x = run(extractor, "Sri Lanka counted the cost of the floods. Sri Lanka needs help, and Sri Lanka asked donors. "
                       "A government task force met the World Bank and promised to publish a rebuilding plan.")
    assert {party for party, *_ in commitments(x)} == {"Sri Lanka"}


def test_delegates_at_an_organization_s_meeting_commit_it(extractor):
    x = run(extractor, "The Inter-American Development Bank met in Miami on Monday. Delegates of the Inter-American "
                       "Development Bank agreed to freeze lending to Chile until June.")
    assert {party for party, *_ in commitments(x)} == {"Inter-American Development Bank"}


def test_a_relative_clause_of_undertaking_commits_the_sum_of_the_noun_it_describes(extractor):
    x = run(extractor, "Canada's Prime Minister Anna Lindqvist spoke on Monday. The plan is her 3bn Canadian dollars "
                       "of savings which Lindqvist has pledged to spend on schools.")
    assert {value for _, value, *_ in commitments(x)} == {Decimal(3000000000)}


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("Japan yesterday ordered a cutback in chip production to end the dumping.", {"Japan"}),
        ("The Polish Interior Minister said he had ordered fire inspections of escape rooms across Poland.",
         {"Poland"}),
        ("The airline ordered 20 new aircraft from Boeing.", set()),  # a purchase, no state's measure
        ("The court ordered the company to pay damages.", set()),
    ],
)
def test_a_measure_ordered_is_decided(extractor, text, parties):
    assert {party for party, *_ in commitments(run(extractor, text))} == parties


def run_on(extractor: Extractor, text: str, date: D) -> Extraction:
    return extractor.extract(Document(id="t", text=text, date=date))


def test_an_agreement_to_plural_talks_is_one(extractor):
    x = run(extractor, "NATO foreign ministers agreed to formal talks on a security pact with Georgia.")
    assert commitments(x) == {("NATO", None, None, None)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A 40 mln dlr loan approved by the Asian Development Bank last week will pay for new roads in Laos.",
         {("Asian Development Bank", Decimal(40000000), "USD", None)}),
        ("Ghana said the 12 billion yen in credits extended by Japan would be repaid over 30 years.",
         {("Japan", Decimal(12000000000), "JPY", None)}),
        ("The offer of 30 dlrs a share made by the Canadian group was turned down.", set()),
    ],
)
def test_what_a_participle_says_its_agent_gave(extractor, text, expected):
    assert commitments(run(extractor, text)) == expected


def test_a_quota_owned_with_its_figure_is_a_commitment(extractor):
    x = run_on(extractor, "Ministers said that in May, Venezuela pumped 50,000 bpd below its 1.5 mln bpd quota, "
                          "Kuwait 30,000 bpd less than its 900,000 bpd allocation.", D(1987, 6, 1))
    assert {(party, value) for party, value, *_ in commitments(x)} == {
        ("Venezuela", Decimal(1500000)), ("Kuwait", Decimal(900000))}
    x = run_on(extractor, "Gabon's OPEC output quota is currently 160,000 barrels a day.", D(1987, 6, 1))
    assert {(party, value) for party, value, *_ in commitments(x)} == {("Gabon", Decimal(160000))}


@pytest.mark.parametrize(
    "text",
    [
        "Iraq, which said it would not honour its 1.5 mln bpd quota, pumped more.",
        "Kenya had sought to raise its coffee export quota to 1.4 mln bags.",
        "Colombia wanted to keep its previous quota share of 17 pct.",
        "The country's quota in the fund allows it to borrow 40 mln dlrs.",
    ],
)
def test_no_quota_commitment_when_refused_sought_or_past(extractor, text):
    assert not [c for c in run_on(extractor, text, D(1987, 6, 1)).commitments if c.evidence.rule == "commitments.quota"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ireland is bound by the directive to cut its fish catch by 15 pct within three years.",
         {("Ireland", Decimal(15), "percent", "2022")}),
        ("The treaty obliges Poland to keep its deficit below 3 pct of GDP.",
         {("Poland", Decimal(3), "percent of GDP", None)}),
        ("Anyone so fond of control was bound to clash with Sweden's voters.", set()),
    ],
)
def test_obligations_by_what_binds(extractor, text, expected):
    assert commitments(run(extractor, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mexico said exports were weak. The country is targeting a fall in this year's current account deficit "
         "to 2.0 billion dlrs.", {("Mexico", Decimal(2000000000), "USD", "1987")}),
        ("Chile has set a five pct economic growth target for 1988.", {("Chile", Decimal(5), "percent", "1988")}),
        ("The Dutch government has decided on tax cuts of some two billion guilders for next year.",
         {("Netherlands", Decimal(2000000000), "NLG", "1988")}),
    ],
)
def test_the_period_a_target_or_measure_is_for_is_its_deadline(extractor, text, expected):
    assert commitments(run_on(extractor, text, D(1987, 3, 5))) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Traders said OPEC's output accord reached in Geneva last month was holding.",
         {("Organization of the Petroleum Exporting Countries", None, None, None)}),
        ("Officials said Spain's agreement with Morocco on fishing rights was working well.",
         {("Spain", None, None, None), ("Morocco", None, None, None)}),
        ("Diplomats said they would insist on a human rights clause in any EC-Comecon agreement.", set()),
        ("Finland has no wish to leave the NATO treaty talks.", set()),
        ("Ministers said the European Union's Stability and Growth Pact allows small deficits.", set()),
        ("Italy's delegate spoke at the General Agreement on Tariffs and Trade in Geneva.", set()),
    ],
)
def test_a_deal_a_party_names_as_its_own_binds_it(extractor, text, expected):
    assert commitments(run_on(extractor, text, D(1987, 4, 27))) == expected


def test_a_number_inside_a_name_is_no_value(extractor):
    x = run_on(extractor, "Canada promised to support the Group of Seven dollar agreement.", D(1987, 4, 27))
    assert {(party, value) for party, value, *_ in commitments(x)} >= {("Canada", None)}
    assert not any(value for _, value, *_ in commitments(x))


def test_a_past_figure_in_a_relative_clause_is_no_value(extractor):
    x = run_on(extractor, "Canada pledged to cut its budget deficit, which last year reached 30 billion dlrs.",
               D(1987, 4, 27))
    assert {(party, value) for party, value, *_ in commitments(x)} == {("Canada", None)}
    y = run_on(extractor, "Canada pledged to cut its deficit, which reached 30 billion dlrs last year, by 5 "
                          "billion dlrs.", D(1987, 4, 27))
    assert {(party, value) for party, value, *_ in commitments(y)} == {("Canada", Decimal(5000000000))}
    # what the undertaking itself will come to still counts
    z = run_on(extractor, "Italy agreed to a loan which will total 2 billion dlrs.", D(1987, 4, 27))
    assert {(party, value) for party, value, *_ in commitments(z)} == {("Italy", Decimal(2000000000))}


def test_contributions_raised_and_givers_named_such_as(extractor):
    text = ("Ministers said international agencies such as the Asian Development Bank pledged an unchanged "
            "900 mln dlrs to Nepal. Japan raised its pledge to 40 billion yen from 35 billion. Britain almost "
            "doubled its contribution to 60 mln stg from 32 mln.")
    assert {(party, value) for party, value, *_ in commitments(run_on(extractor, text, D(1987, 6, 18)))} == {
        ("Asian Development Bank", Decimal(900000000)), ("Japan", Decimal(40000000000)),
        ("United Kingdom", Decimal(60000000))}
    rate = "The Bank of Japan raised its discount rate to 3 pct."
    assert commitments(run_on(extractor, rate, D(1987, 6, 18))) == set()


def test_what_was_given_at_an_organization_s_meeting_with_no_giver_is_the_organization_s(extractor):
    text = ("Officials spoke after the annual meeting of the Paris Club, at which 2.5 billion dlrs of debt relief "
            "were pledged.")
    assert {(party, value) for party, value, *_ in commitments(run_on(extractor, text, D(1987, 6, 18)))} == {
        ("Paris Club", Decimal(2500000000))}
    text = "Kenya's minister told a Paris Club meeting that measures adopted last year had worked."
    assert commitments(run_on(extractor, text, D(1987, 6, 18))) == set()


def test_the_participants_of_an_organization_s_meeting_commit_it(extractor):
    text = ("Finance ministers of the Group of Seven met in Rome. The Group of Seven said growth was slow. The "
            "communique said the participants agreed to cooperate closely on exchange rates.")
    assert {party for party, *_ in commitments(run_on(extractor, text, D(1987, 2, 23)))} == {"G7"}


def test_a_pledge_reconfirmed_is_kept(extractor):
    text = "Canada reconfirmed its pledge to cut farm subsidies by 10 pct."
    assert commitments(run_on(extractor, text, D(1987, 2, 23))) == {("Canada", Decimal(10), "percent", None)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The 300 mln dlr pledge by Norway was welcomed by the agency.", {("Norway", Decimal(300000000), "USD", None)}),
        ("Canada's 1.5 billion dlr aid package for Bangladesh was welcomed.",
         {("Canada", Decimal(1500000000), "USD", None)}),
        ("Chevron's offer of 2 billion dlrs for the refinery was turned down.", set()),
        ("Peru's 14 billion dlr debt weighs on its growth.", set()),
    ],
)
def test_what_a_party_gives_owned_with_its_sum(extractor, text, expected):
    assert commitments(run_on(extractor, text, D(1987, 4, 10))) == expected


def test_a_package_its_owner_gets_is_no_commitment_of_its_own(extractor):
    text = "Bankers cited Chile's 9 billion dlr loan and refinancing package agreed in May."
    assert commitments(run_on(extractor, text, D(1987, 4, 10))) == set()


def test_money_already_spent_is_no_commitment(extractor):
    assert not run(extractor, "Last year Spain spent 26 billion dlrs on farm support.").commitments
    assert not run(extractor, "In 2001 Norway put 300 mln dlrs into a three-year research program.").commitments
    assert commitments(run(extractor, "Spain will spend 26 billion dlrs on farm support.")) == {
        ("Spain", Decimal(26_000_000_000), "USD", None)}


def test_a_deadline_of_the_infinitive_s_conjunct_is_the_undertaking_s(extractor):
    x = run(extractor, "The Labour Party has agreed to back the bill and allow its passage through parliament "
                       "by July 1.")
    assert {d for _, _, _, d in commitments(x)} == {"2019-07-01"}


def test_sums_given_in_the_passive_with_no_giver_are_the_giver_s_before(extractor):
    text = ("The Spanish government is to hand its struggling olive industry 60m euros in aid. About 40m euros will be "
            "offered in the form of cheap loans. A further 12m euros will be made available to cooperatives.")
    assert {(p, v) for p, v, _, _ in commitments(run(extractor, text))} == {
        ("Spain", Decimal(60_000_000)), ("Spain", Decimal(40_000_000)), ("Spain", Decimal(12_000_000))}
    # with no commitment before, a sum given in the passive has no party
    assert not run(extractor, "A further 12m euros will be made available to cooperatives.").commitments
    # and "make" gives nothing but what is made available
    assert not run(extractor, "Spain made a profit of 12m euros on the sale.").commitments


def test_a_measure_the_members_will_take_agreed_as_a_clause_is_the_organization_s(extractor):
    x = run(extractor, "NATO defence ministers agreed that member states would have to raise spending by 10 pct.")
    assert {(p, v) for p, v, _, _ in commitments(x)} == {("NATO", Decimal(10))}
    # agreeing that something is so, or that others will act, undertakes nothing
    assert not run(extractor, "NATO defence ministers agreed that the threat would grow.").commitments
    assert not run(extractor, "NATO defence ministers agreed that Russia would have to cut its forces.").commitments


def test_an_organization_s_meeting_agreeing_is_the_organization_agreeing(extractor):
    x = run(extractor, "The OPEC meeting agreed to cut output by 5 pct from next month.")
    assert {p for p, _, _, _ in commitments(x)} == {"Organization of the Petroleum Exporting Countries"}


def test_a_state_s_plan_of_a_measure_is_a_commitment_a_company_s_is_not(extractor):
    x = run(extractor, "Norway plans to provide poor nations with up to 3 billion dlrs in loans over the next "
                       "three years.")
    assert {(p, v) for p, v, _, _ in commitments(x)} == {("Norway", Decimal(3_000_000_000))}
    assert not run(extractor, "Acme Corp plans to cut 500 jobs.").commitments
    assert not run(extractor, "Norway plans to announce a package of economic measures next month.").commitments
    assert not run(extractor, "Norway plans to study the matter.").commitments


def test_a_start_still_to_come_is_the_measure_s_deadline(extractor):
    assert commitments(run(extractor, "The EC will ban imports of the pesticide from March 1.")) == {
        ("European Community", None, None, "2020-03-01")}
    # a start already past is no deadline
    assert commitments(run(extractor, "Canada will impose the tariffs from January 2019.")) == {
        ("Canada", None, None, None)}


def test_a_quota_a_state_has_is_its_commitment(extractor):
    assert commitments(run(extractor, "Gabon has an output quota of 180,000 bpd.")) == {
        ("Gabon", Decimal(180_000), "bpd", None)}
    assert not run(extractor, "Gabon had an output quota of 180,000 bpd in 2010.").commitments
    # "the OPEC member" is the country the text made its subject just before, not OPEC
    x = run(extractor, "Nigeria asked Algeria for help. The OPEC member has a production quota of 1.3 mln bpd.")
    assert commitments(x) == {("Nigeria", Decimal(1_300_000), "bpd", None)}


def test_a_state_s_provision_of_a_loan_is_its_commitment(extractor):
    x = run(extractor, "The Commission will look into Spain's provision of a 300m euro loan to the shipyard.")
    assert commitments(x) == {("Spain", Decimal(300_000_000), "EUR", None)}
    assert not run(extractor, "The bank's provision of 300m euros for bad loans hurt its profits.").commitments


def test_a_state_s_budget_and_its_measures_are_its_commitments(extractor):
    text = ("The Irish government unveiled its budget on Tuesday. The 60bn-euro budget includes 2bn euros for new "
            "housing. Spending on health will rise by 7%.")
    assert {(p, v) for p, v, _, _ in commitments(run(extractor, text))} >= {
        ("Ireland", Decimal(60_000_000_000)), ("Ireland", Decimal(2_000_000_000)), ("Ireland", Decimal(7))}
    # a measure told with no state's budget before it, or spending that is no state's, commits nobody
    assert not run(extractor, "Spending on health will rise by 7%.").commitments
    x = run(extractor, "The Irish government unveiled its budget on Tuesday. Consumer spending will rise by 3%.")
    assert Decimal(3) not in {v for _, v, _, _ in commitments(x)}


def test_what_a_rule_in_force_obliges_is_a_commitment(extractor):
    x = run(extractor, "Under the government's fiscal rules, Italy must keep its deficit below 3% of GDP.")
    assert commitments(x) == {("Italy", Decimal(3), "percent of GDP", None)}
    # the rule of a state's minister binds the state, "should" included
    x = run(extractor, "Danish Finance Minister Karen Hansen set out her plans on Monday. Under Ms Hansen's fiscal "
                       "rule, public debt should stay under 50% of GDP.")
    assert commitments(x) == {("Denmark", Decimal(50), "percent of GDP", None)}
    assert not run(extractor, "Under the proposed rules, Italy must cut its deficit.").commitments
    assert not run(extractor, "Under EU rules, companies must publish their accounts.").commitments


def test_creditor_governments_are_not_the_article_s_organization(extractor):
    x = run(extractor, "The EC met on Monday. Western creditor governments agreed to refinance 400 mln dlrs of "
                       "Peru's debt.")
    assert "European Community" not in {p for p, _, _, _ in commitments(x)}


def test_amounts_with_a_hyphen_before_the_currency():
    assert [(a.value, a.unit) for a in find_amounts("a 418bn-rand budget and a 5-billion-euro fund")] == [
        (Decimal(418_000_000_000), "ZAR"), (Decimal(5_000_000_000), "EUR")]


def test_what_a_passive_is_to_be_raised_by_is_the_giver_s_sum(extractor):
    text = ("Spain will give its farmers 60m euros. Efforts to promote Spanish wine abroad are to be boosted by an "
            "extra 3.5m euros in funding.")
    assert {(p, v) for p, v, _, _ in commitments(run(extractor, text))} == {
        ("Spain", Decimal(60_000_000)), ("Spain", Decimal(3_500_000))}
    # with no giver before it, the sum has no party
    text = "Efforts to promote Spanish wine abroad are to be boosted by an extra 3.5m euros."
    assert not run(extractor, text).commitments


def test_money_a_state_will_have_available_is_its_commitment(extractor):
    x = run(extractor, "West Germany will have over two billion marks available to pay farmers.")
    assert commitments(x) == {("West Germany", Decimal(2_000_000_000), "DEM", None)}
    assert not run(extractor, "West Germany has a deficit of two billion marks.").commitments


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a measure lifted or suspended is a decision taken; the sums it applies to are not its value
        ("Kenya has lifted its ban on maize exports, the trade ministry said.", {("Kenya", None, None, None)}),
        ("Peru suspended interest payments on 14 billion dlrs of foreign debt in March.",
         {("Peru", None, None, None)}),
        ("Chile has launched a rebuilding programme worth 2 billion dlrs.",
         {("Chile", Decimal(2000000000), "USD", None)}),
        ("Peru will retain its currency auction system despite the crisis.", {("Peru", None, None, None)}),
        ("Norway will take further steps to open its fish market, the minister said.", {("Norway", None, None, None)}),
    ],
)
def test_decided_measures_of_other_forms(extractor, text, expected):
    assert commitments(run(extractor, text)) == expected


def test_a_measure_that_stops_something_says_so_in_its_topic(extractor):
    # the topic of "suspended payments" is no promise of payments
    x = run(extractor, "Peru suspended interest payments on its foreign debt in March.")
    assert [c.topic for c in x.commitments] == ["suspend interest payments on its foreign debt"]
    x = run(extractor, "Kenya has lifted its ban on maize exports.")
    assert [c.topic for c in x.commitments] == ["lift its ban on maize exports"]


@pytest.mark.parametrize(
    "text",
    [
        "Norway suspended two officials after the audit.",  # no measure suspended
        "The European Commission launched an inquiry into the merger.",  # an inquiry is no decided measure
        "Peru sold part of the bank. The remaining 15% will be retained by Peru.",  # a stake kept
        "Norway would take such steps only as a last resort.",  # the steps of a threat told before
        "The new governor of Norway will take office in June.",
    ],
)
def test_not_decided_measures(extractor, text):
    assert commitments(run(extractor, text)) == set()


def test_the_date_a_measure_takes_effect_is_its_deadline(extractor):
    x = run(extractor, "Kenya will cut import duties on 40 goods, the ministry said. The duty cuts will take "
                       "effect on July 1.")
    assert commitments(x) == {("Kenya", None, None, "2019-07-01")}
    # the next sentence's subject must be the measure told
    x = run(extractor, "Kenya will cut import duties on 40 goods, the ministry said. The new banking rules will "
                       "take effect on July 1.")
    assert commitments(x) == {("Kenya", None, None, None)}


def test_a_date_phrase_put_first_is_the_deadline(extractor):
    x = run(extractor, "Kenya announced that on June 30 it would raise tariffs on steel imports.")
    assert commitments(x) == {("Kenya", None, None, "2019-06-30")}


def test_a_time_phrase_is_not_the_topic(extractor):
    x = run(extractor, "On Tuesday, Norway approved a budget of 2 billion crowns for flood relief.")
    topics = [c.topic or "" for c in x.commitments]
    assert topics and not any(t.lower().startswith("on tuesday") for t in topics)
    assert any("budget" in t for t in topics)


@pytest.mark.parametrize(
    "text",
    [
        "The jury praised Philips for its brave commitment to good design.",
        "Harlow Gear Co was praised for its commitment to excellence in customer service.",
    ],
)
def test_a_company_s_commitment_to_a_virtue_is_no_pledge(extractor, text):
    assert commitments(run(extractor, text)) == set()


def test_a_state_s_commitment_to_a_goal_is_its_policy(extractor):
    x = run(extractor, "The minister stressed Norway's commitment to growth.")
    assert {label for label, *_ in commitments(x)} == {"Norway"}


def test_a_commitment_to_a_deed_or_a_deal_is_still_a_pledge(extractor):
    x = run(extractor, "Norway reiterated its commitment to the fishing accord.")
    assert {label for label, *_ in commitments(x)} == {"Norway"}
    x = run(extractor, "Norway stressed its commitment to reducing its budget deficit.")
    assert {label for label, *_ in commitments(x)} == {"Norway"}


def test_a_company_s_output_target_and_a_bank_s_obligations_are_no_pledges(extractor):
    x = run(extractor, "A spokesman for Nordsukker A/S said its 1987 sugar target was 300,000 tonnes.")
    assert commitments(x) == set()
    x = run(extractor, "Moody's said it raised the deposit obligations of Harbor Trust Bank and Trust Co.")
    assert commitments(x) == set()


def test_an_arrangement_whereby_one_side_agreed_is_that_side_s_undertaking(extractor):
    text = ("Chile and the World Bank reached a stopgap arrangement on credit lines, whereby the bank's staff "
            "agreed to pass on a Chilean request to extend the lines to May 31.")
    found = commitments(run(extractor, text))
    assert ("Chile", None, None, "2019-05-31") not in found
    assert not any(deadline for *_, deadline in found)  # an extension only asked for sets no deadline


def test_a_price_per_share_offered_is_a_bid_not_a_pledge(extractor):
    x = run(extractor, "Harlow Air offered 71 dlrs cash per share for half of Skyway stock.")
    assert commitments(x) == set()


@pytest.mark.parametrize(
    "text",
    [
        "\"It promises to be a long day,\" a dealer said of the Norway talks.",
        "The Kaypro 286 model will sell for 4,495 dlrs, the company said.",
        "Harlow Rehabilitation Inc provides therapy services worth about six mln dlrs a year.",
        "Norway gave no direct comparison with the 40 mln dlrs of last year.",
    ],
)
def test_what_will_be_a_price_or_a_business_is_no_pledge(extractor, text):
    assert commitments(run(extractor, text)) == set()


def test_a_court_rules_and_pledges_nothing(extractor):
    x = run(extractor, "The Harlow District Court agreed to permit the sale of the Norway plant for 20 mln dlrs.")
    assert commitments(x) == set()


def test_a_relative_pronoun_is_not_the_topic(extractor):
    x = run(extractor, "This is an issue on which Norway committed to spending 20 mln crowns.")
    assert [c.topic for c in x.commitments] and all(c.topic != "on which" for c in x.commitments)
