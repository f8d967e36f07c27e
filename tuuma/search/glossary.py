"""A small curated glossary of public-sector development vocabulary.

One line per concept (indented lines continue it): Finnish words | Swedish words | English
words, comma-separated. A query word that is any member of a concept also searches for the other
members, each analysed in its own language. This bridges the two gaps morphology cannot: Swedish
or English queries against Finnish text, and Finnish synonyms (esimies / esihenkilö). It is
domain knowledge about municipal work, deliberately general; it is not fitted to any test
queries.

How a query reaches a concept (analysis.analyze_query):
- a query word by its Finnish base forms, or its Swedish/English stem; a Swedish word also
  without its definite or plural ending (skolan, skolmaten, daghemmen);
- 2–3 consecutive query words matching a multi-word member word by word ("remote work",
  "sähköistä asiointia"): phrase_expansions;
- a compound whose modifier or head is a Finnish member gets the synonym swapped into that part
  (esihenkilötyö → esimiestyö): finnish_synonyms;
- a misspelt word's corrections (varhaiskasvatsu → varhaiskasvatus): lemma_expansions.
A multi-word member is searched by its words except the general ones (not_alone()).
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
talousarvio, budjetti | budget | budget
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
yhteistoimintamenettely, yt-neuvottelut, yhteistoimintaneuvottelut, muutosneuvottelut |
    samarbetsförfarande, samarbetsförhandlingar, omställningsförhandlingar |
    change negotiations, co-operation negotiations
sairauspoissaolo, poissaolo | sjukfrånvaro, frånvaro | sick leave, absence
työllisyys, työllistäminen, työnhakija | sysselsättning | employment
kirjasto | bibliotek | library
vapaaehtoistyö, vapaaehtoinen | frivilligarbete, frivillig | volunteering, volunteer
yrittäjyys, elinkeinoelämä, elinkeinopalvelu | företagande, näringsliv | entrepreneurship,
    business services
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
osallisuus, osallistuminen, osallistaminen, vaikuttaminen | delaktighet, deltagande |
    participation, engagement, inclusion
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

# Swedish and English words of multi-word members too general to search for alone (see
# not_alone(), which finds most such words by itself).
GENERIC_WORDS = """
change procedure service services work care people use public home social real information
arbete tjänst tjänster vård information
""".split()

# Swedish definite and plural endings, longest first: skolan, skolmaten, daghemmen, skolorna.
SV_ENDINGS = ("arna", "erna", "orna", "en", "et", "na", "ar", "er", "or", "an", "n", "t")
MIN_SV_STEM = 4


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


def _words(phrase: str) -> list[str]:
    from .analysis import STOPWORDS, tokenize

    return [w for w in tokenize(phrase) if w not in STOPWORDS]


def _word_terms(language: str, word: str) -> list[str]:
    from .analysis import analyze_word, stem

    return list(analyze_word(word)[0]) if language == "fi" else [stem(word, language)]


@lru_cache(maxsize=1)
def not_alone() -> frozenset[str]:
    """Terms a word of a multi-word member is not searched by on its own:
    - words that recur, in two or more concepts, as a word of a multi-word member or a part of
      a Finnish compound member ("work" in remote work, social work, youth work; "työ" in
      etätyö, hoitotyö, nuorisotyö; "palvelu");
    - GENERIC_WORDS;
    - words that are themselves one-word members: they name that concept ("ikääntynyt" in
      "ikääntyneiden palvelut", "education" in "early childhood education")."""
    from .analysis import analyze_word

    seen: dict[str, set[int]] = {}
    for number, members in enumerate(_concepts()):
        for language, phrase in members:
            words = _words(phrase)
            if len(words) > 1:
                terms = [t for word in words for t in _word_terms(language, word)]
            elif language == "fi" and words:
                terms = list(analyze_word(words[0])[1])
            else:
                terms = []
            for term in terms:
                seen.setdefault(term, set()).add(number)
    common = {t for t, concepts in seen.items() if len(concepts) > 1}
    common |= {t for word in GENERIC_WORDS for language in ("sv", "en")
               for t in _word_terms(language, word)}
    common |= {t for members in _concepts() for language, phrase in members
               if len(_words(phrase)) == 1 for t in _word_terms(language, phrase)}
    return frozenset(common)


def _member_terms(language: str, phrase: str) -> list[str]:
    """The terms a member is searched by. A multi-word member ("remote work") gives the terms of
    its words except those in not_alone(): "remot" is a useful term, "work" alone is not (the
    whole phrase is matched in queries by phrase_expansions)."""
    words = _words(phrase)
    terms = [t for word in words for t in _word_terms(language, word)]
    if len(words) > 1:
        common = not_alone()
        terms = [t for t in terms if t not in common]
    return terms


def _keys(language: str, word: str) -> list[tuple[str, str]]:
    """Lookup keys of a one-word member: Finnish lemmas, Swedish/English stems."""
    from .analysis import analyze_word, stem

    if language == "fi":
        return [("fi", lemma) for lemma in analyze_word(word)[0]]
    return [(language, stem(word, language)), ("raw", word)]


def _concept_terms(members) -> list[str]:
    return list(dict.fromkeys(t for language, phrase in members
                              for t in _member_terms(language, phrase)))


@lru_cache(maxsize=1)
def table() -> dict[tuple[str, str], tuple[str, ...]]:
    """(language, key) → the terms of every member of the key's concept(s)."""
    found: dict[tuple[str, str], list[str]] = {}
    for members in _concepts():
        terms = _concept_terms(members)
        for language, phrase in members:
            if len(_words(phrase)) > 1:
                continue
            for key in _keys(language, phrase):
                found.setdefault(key, []).extend(terms)
    return {k: tuple(dict.fromkeys(v)) for k, v in found.items()}


@lru_cache(maxsize=1)
def phrases() -> dict[str, list[tuple[tuple[frozenset[str], ...], tuple[str, ...]]]]:
    """Multi-word members for phrase matching: a key of the first word → [(the keys of each
    word, the terms of the member's concept)]. A Finnish word's keys are its Voikko base forms,
    a Swedish or English word's its stem; stop words ("hälso- och sjukvård") are left out."""
    found: dict[str, list] = {}
    for members in _concepts():
        terms = tuple(_concept_terms(members))
        for language, phrase in members:
            words = _words(phrase)
            if len(words) < 2:
                continue
            keys = tuple(frozenset(_word_terms(language, w)) | {w} for w in words)
            for key in keys[0]:
                found.setdefault(key, []).append((keys, terms))
    return found


def query_forms(token: str) -> frozenset[str]:
    """What a query word can match a phrase member's word by: its Voikko base forms and its
    Swedish and English stems (the query's language is unknown)."""
    from .analysis import analyze_word, stem

    low = token.lower()
    return frozenset((*analyze_word(token)[0], low, stem(low, "sv"), stem(low, "en")))


def phrase_expansions(tokens: list[str]) -> dict[int, list[str]]:
    """{index of the phrase's first query word: concept terms} for every run of 2–3
    consecutive query words that is a multi-word glossary member ("remote work", "early
    childhood education", "sähköistä asiointia")."""
    table_ = phrases()
    forms = [query_forms(t) for t in tokens]
    found: dict[int, list[str]] = {}
    for i, first in enumerate(forms):
        for key in first:
            for keys, terms in table_.get(key, ()):
                n = len(keys)
                if i + n <= len(forms) and all(forms[i + j] & keys[j] for j in range(1, n)):
                    found.setdefault(i, []).extend(terms)
    return {i: list(dict.fromkeys(terms)) for i, terms in found.items()}


@lru_cache(maxsize=1)
def finnish_synonyms() -> dict[str, tuple[str, ...]]:
    """Finnish base form → the base forms of the other one-word Finnish members of its
    concept(s), for swapping a synonym into a compound part (esihenkilötyö → esimiestyö)."""
    from .analysis import known

    found: dict[str, list[str]] = {}
    for members in _concepts():
        lemmas = [lemma for language, phrase in members if language == "fi"
                  and len(_words(phrase)) == 1 and known(phrase)
                  for lemma in _word_terms("fi", phrase)]
        lemmas = [lemma for lemma in dict.fromkeys(lemmas) if lemma.isalpha()]
        for lemma in lemmas:
            found.setdefault(lemma, []).extend(x for x in lemmas if x != lemma)
    return {k: tuple(dict.fromkeys(v)) for k, v in found.items()}


def _swedish_base(word: str) -> list[tuple[str, str]]:
    """Lookup keys of a Swedish word without its definite or plural ending (skolmaten →
    skolmat, daghemmen → daghem, skolan → skola): the first ending that leaves a key wins."""
    from .analysis import stem

    lookup = table()
    for ending in SV_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_SV_STEM:
            base = word[:-len(ending)]
            bases = [base] + ([base[:-1]] if base[-1] == base[-2] else [])  # daghemm → daghem
            keys = [k for b in bases for k in (("raw", b), ("sv", stem(b, "sv")))]
            if any(k in lookup for k in keys):
                return keys
    return []


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
    if not found and not known(token):
        for key in _swedish_base(token.lower()):
            found += lookup.get(key, ())
    return [t for t in dict.fromkeys(found) if t not in lemmas]


def lemma_expansions(lemmas) -> list[str]:
    """Glossary terms for Finnish base forms (a misspelt word's corrections)."""
    lookup = table()
    found = [t for lemma in lemmas for t in lookup.get(("fi", lemma), ())]
    return [t for t in dict.fromkeys(found) if t not in lemmas]
