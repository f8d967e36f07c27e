"""A small curated glossary of public-sector development vocabulary.

One line per concept (indented lines continue it): Finnish words | Swedish words | English
words, comma-separated. A query
word that is any member of a concept also searches for the other members, each analysed in its
own language. This bridges the two gaps morphology cannot: Swedish or English queries against
Finnish text, and Finnish synonyms (esimies / esihenkilö). It is domain knowledge about municipal
work, deliberately general; it is not fitted to any test queries. Only single words are keys;
any member may be several words (all of them are searched).
"""

from __future__ import annotations

from functools import lru_cache

CONCEPTS = """
esihenkilö, esimies, lähiesihenkilö, lähiesimies | chef, förman, närmaste chef | supervisor, manager
johtaminen, johto | ledarskap, ledning | leadership, management
johtaja | direktör, ledare | director, leader
työntekijä, henkilöstö, henkilökunta | anställd, personal, medarbetare | employee, staff, personnel
työhyvinvointi, työssäjaksaminen | arbetsvälbefinnande, arbetshälsa | wellbeing, well-being
työterveys, työterveyshuolto | företagshälsovård | occupational health
perehdytys, perehdyttäminen, työhönotto | introduktion, inskolning | onboarding, induction,
    orientation
rekrytointi, rekrytoida, palkkaaminen | rekrytering | recruitment, recruiting, hiring
osaaminen, ammattitaito | kompetens, kunnande | competence, skills, expertise
koulutus, valmennus | utbildning, fortbildning | training, education, coaching
kehittäminen, kehitys, kehittämistyö | utveckling, utvecklingsarbete | development, improvement
innovaatio, keksintö | innovation | innovation
kokeilu, pilotti, pilotointi | försök, pilot, experiment | pilot, experiment, trial
aloite, idea, kehittämisehdotus | initiativ, idé | idea, suggestion, proposal
yhteistyö, yhteistoiminta | samarbete | cooperation, collaboration, partnership
asiakas, kuntalainen, asukas | kund, invånare, kommuninvånare | customer, client, resident
asiakaslähtöisyys, asiakaskeskeisyys | kundorientering | customer-centred, customer-centric
asiakaspalvelu, neuvonta, palvelupiste | kundtjänst, kundservice, rådgivning, servicepunkt |
    customer service, helpdesk
asiakaskokemus, asiakastyytyväisyys | kundupplevelse, kundnöjdhet | customer experience,
    satisfaction
palaute, asiakaspalaute | respons, feedback | feedback
digitalisaatio, digitalisointi, sähköistäminen | digitalisering | digitalisation,
    digitalization, digital
sähköinen asiointi, verkkoasiointi, digipalvelu | e-tjänst, e-tjänster | e-service, e-services,
    online service
tekoäly | artificiell intelligens | artificial intelligence, ai
automaatio, robotiikka, ohjelmistorobotiikka | automation, robotisering | automation, rpa, robotics
järjestelmä, tietojärjestelmä | system, informationssystem | system
tilavaraus, tilanvaraus, varausjärjestelmä | lokalbokning, bokning, lokalbokningssystem |
    booking, reservation, room booking
tila, toimitila, kokoustila | lokal, lokaler, utrymme | premises, space, facility, room
etätyö, etätyöskentely, monipaikkainen työ, hybridityö | distansarbete, fjärrarbete |
    remote work, telework, telecommuting
sijainen, sijaisuus, sijaistus | vikarie, vikariat | substitute, replacement, deputy
työvuorosuunnittelu, työvuoro, vuorosuunnittelu | arbetsturer, schemaläggning, arbetsschema |
    shift planning, rostering, scheduling
hankinta, hankinnat | upphandling, anskaffning | procurement, purchasing
lasku, ostolasku, laskutus | faktura, fakturering, inköpsfaktura | invoice, invoicing, billing
talous, taloushallinto | ekonomi, ekonomiförvaltning | finance, financial management
prosessi, toimintatapa, työprosessi | process, arbetsprocess | process, workflow
lean, virtaviivaistaminen | lean | lean
laatu, laadunhallinta | kvalitet, kvalitetsledning | quality, quality management
mittari, indikaattori | mätare, indikator | metric, indicator, kpi
säästö, kustannussäästö, kustannus | besparing, kostnad | savings, cost
ympäristö, ilmasto, kestävyys, kestävä kehitys | miljö, klimat, hållbarhet | environment,
    climate, sustainability
energia, energiansäästö | energi, energibesparing | energy, energy saving
ruokahävikki, hävikki, ruokajäte | matsvinn, svinn | food waste
ruokapalvelu, ruokailu, kouluruoka, kouluruokailu | måltidsservice, skolmat, skolmåltid |
    catering, school meals, school lunch
koulu, perusopetus, opetus | skola, grundskola, undervisning | school, teaching, education
oppilas, koululainen | elev | pupil, student
opettaja | lärare | teacher
varhaiskasvatus, päiväkoti, päivähoito | småbarnspedagogik, daghem, dagvård |
    early childhood education, daycare, kindergarten
lapsi, lapset, perhe | barn, familj | child, children, family
nuori, nuoret, nuoriso | ungdom, unga | youth, young people
ikäihminen, ikääntynyt, vanhus, seniori | äldre, åldring, senior | elderly, older people, seniors
vanhuspalvelu, vanhustenhoito, ikääntyneiden palvelut | äldreomsorg | elderly care, eldercare
kotihoito, kotipalvelu | hemvård, hemtjänst | home care
hoiva, hoito, hoitotyö | vård, omsorg | care, nursing
terveydenhuolto, terveyspalvelu | hälsovård, hälso- och sjukvård | healthcare, health care
sosiaalityö, sosiaalipalvelu | socialt arbete, socialtjänst | social work, social services
hyvinvointialue | välfärdsområde | wellbeing services county
mielenterveys | psykisk hälsa | mental health
vammaispalvelu, vammainen | handikappservice, funktionsnedsättning | disability services, disability
maahanmuuttaja, kotoutuminen, kotouttaminen | invandrare, integration | immigrant, integration
työllisyys, työllistäminen, työnhakija | sysselsättning | employment
kirjasto | bibliotek | library
kulttuuri, kulttuuripalvelu | kultur | culture
liikunta, urheilu | idrott, motion | sport, exercise, physical activity
nuorisotyö | ungdomsarbete | youth work
kaavoitus, maankäyttö | planläggning, markanvändning | land use, zoning, urban planning
rakentaminen, rakennus | byggande, byggnad | construction, building
liikenne, joukkoliikenne | trafik, kollektivtrafik | traffic, transport, public transport
kunnossapito, ylläpito | underhåll | maintenance
kiinteistö, rakennuskanta | fastighet | property, real estate
turvallisuus | säkerhet | safety, security
tietosuoja, yksityisyys | dataskydd, integritet | data protection, privacy
tietoturva, kyberturvallisuus | informationssäkerhet | information security, cybersecurity
avoin data, avoimuus | öppna data, öppenhet | open data, transparency
osallisuus, osallistuminen, vaikuttaminen | delaktighet, deltagande | participation,
    engagement, inclusion
demokratia, asukasosallisuus | demokrati | democracy
viestintä, tiedottaminen | kommunikation, information | communication
kunta, kaupunki | kommun, stad | municipality, city, town
valtuusto, lautakunta, päätöksenteko | fullmäktige, nämnd, beslutsfattande | council, board,
    decision-making
toimiala, sektori | sektor, förvaltning | sector, department
yksikkö, tiimi | enhet, team | unit, team
verkosto, verkostoituminen | nätverk | network, networking
strategia | strategi | strategy
tuottavuus, tehokkuus | produktivitet, effektivitet | productivity, efficiency
ennaltaehkäisy, ennaltaehkäisevä, ehkäisevä | förebyggande, prevention | prevention, preventive
saavutettavuus, esteettömyys | tillgänglighet | accessibility
monikielisyys, kielitaito | flerspråkighet, språkkunskap | multilingualism, language skills
ilmoitus, tiedote | anmälan, meddelande | notification, notice
lomake | blankett | form
ajanvaraus | tidsbokning | appointment booking, appointment
""".strip()

LANGUAGES = ("fi", "sv", "en")


def _lines() -> list[str]:
    """A line starting with spaces continues the concept above it."""
    lines: list[str] = []
    for line in CONCEPTS.splitlines():
        if line.startswith(" ") and lines:
            lines[-1] += " " + line.strip()
        else:
            lines.append(line)
    return lines


def _concepts() -> list[list[tuple[str, str]]]:
    concepts = []
    for line in _lines():
        members = []
        for language, cell in zip(LANGUAGES, line.split("|"), strict=True):
            members += [(language, w.strip().lower()) for w in cell.split(",") if w.strip()]
        concepts.append(members)
    return concepts


def _member_terms(language: str, phrase: str) -> list[str]:
    from .analysis import analyze_word, stem, tokenize

    terms = []
    for word in tokenize(phrase):
        terms += analyze_word(word)[0] if language == "fi" else [stem(word, language)]
    return terms


def _keys(language: str, word: str) -> list[tuple[str, str]]:
    """Lookup keys of a one-word member: Finnish lemmas, Swedish/English stems."""
    from .analysis import analyze_word, stem

    if language == "fi":
        return [("fi", lemma) for lemma in analyze_word(word)[0]]
    return [(language, stem(word, language)), ("raw", word)]


@lru_cache(maxsize=1)
def table() -> dict[tuple[str, str], tuple[str, ...]]:
    """(language, key) → the terms of every member of the key's concept(s)."""
    found: dict[tuple[str, str], list[str]] = {}
    for members in _concepts():
        terms = [t for language, phrase in members for t in _member_terms(language, phrase)]
        for language, phrase in members:
            if " " in phrase:
                continue
            for key in _keys(language, phrase):
                found.setdefault(key, []).extend(terms)
    return {k: tuple(dict.fromkeys(v)) for k, v in found.items()}


def expansions(token: str, lemmas: list[str]) -> list[str]:
    """Glossary terms for a query word (LEMMAS: its Finnish base forms or stem)."""
    from .analysis import known, stem

    lookup = table()
    keys = [("fi", t) for t in lemmas] + [("raw", token.lower())]
    if not known(token):
        keys += [("sv", stem(token, "sv")), ("en", stem(token, "en"))]
    found: list[str] = []
    for key in keys:
        found += lookup.get(key, ())
    return [t for t in dict.fromkeys(found) if t not in lemmas]
