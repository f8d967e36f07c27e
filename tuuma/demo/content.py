"""The Finnish texts of the demo: a city, its units, its people and their ideas.

Everything here is fiction written for tuuma. E-mail addresses use the reserved .example TLD.
"""

from dataclasses import dataclass

PASSWORD = "tuumasta-toimeen"

CITY = {
    "name_fi": "Tuumalan kaupunki",
    "name_sv": "Tuumala stad",
    "org_type": "city",
    "municipality": "Tuumala",
    "region": "Uusimaa",
    "business_id": "1618033-3",
    "languages": "fi,sv",
    "response_days": 30,
}
CITY_DOMAIN = "tuumala.example"

OTHER = {
    "name_fi": "Kaislan koulutuskuntayhtymä",
    "name_sv": "Samkommunen för utbildning i Kaisla",
    "org_type": "joint_authority",
    "municipality": "Tuumala",
    "region": "Uusimaa",
    "business_id": "1414213-0",
    "response_days": 21,
}
OTHER_DOMAIN = "kaisla.example"

PLATFORM_ADMIN = {"email": "yllapito@tuuma.example", "full_name": "Teemu Alanko",
                  "title": "alustan ylläpitäjä"}
DEMO_DOMAINS = (CITY_DOMAIN, OTHER_DOMAIN, "tuuma.example")

# sector key, fi, sv, [(service area fi, sv, [(unit key, fi, sv), …]), …]
CITY_UNITS = [
    ("hallinto", "Hallinto", "Förvaltning", [
        ("Talous ja henkilöstö", "Ekonomi och personal", [
            ("talous", "Taloushallinto", "Ekonomiförvaltningen"),
            ("henkilosto", "Henkilöstöpalvelut", "Personaltjänster"),
        ]),
        ("Asiointi ja digitalisaatio", "Kundservice och digitalisering", [
            ("palvelupiste", "Yhteispalvelupiste", "Samservicepunkten"),
            ("tietohallinto", "Tietohallinto", "IT-förvaltningen"),
        ]),
    ]),
    ("sivistys", "Sivistys", "Bildning", [
        ("Varhaiskasvatus", "Småbarnspedagogik", [
            ("pikkukarhu", "Päiväkoti Pikkukarhu", "Daghemmet Lillbjörnen"),
            ("kielo", "Päiväkoti Kielo", "Daghemmet Liljekonvaljen"),
        ]),
        ("Perusopetus", "Grundläggande utbildning", [
            ("keskuskoulu", "Keskuskoulu", "Centralskolan"),
            ("kirkonkyla", "Kirkonkylän koulu", "Kyrkbyns skola"),
        ]),
    ]),
    ("sote", "Sosiaali- ja terveys", "Social- och hälsovård", [
        ("Ikäihmisten palvelut", "Äldreomsorg", [
            ("kotihoito", "Kotihoito", "Hemvården"),
            ("iltarusko", "Palvelutalo Iltarusko", "Servicehuset Aftonrodnaden"),
        ]),
        ("Terveyspalvelut", "Hälsotjänster", [
            ("terveysasema", "Terveysasema", "Hälsostationen"),
            ("suunterveys", "Suun terveydenhuolto", "Munhälsovården"),
        ]),
    ]),
    ("tekninen", "Tekninen", "Teknik", [
        ("Kuntatekniikka", "Kommunteknik", [
            ("katu", "Katu- ja viheralueet", "Gator och grönområden"),
            ("kiinteisto", "Kiinteistöpalvelut", "Fastighetstjänster"),
        ]),
        ("Ateria- ja puhtauspalvelut", "Kost- och städtjänster", [
            ("ruoka", "Ruokapalvelut", "Kostservice"),
            ("siivous", "Siivouspalvelut", "Städtjänster"),
        ]),
    ]),
    ("vapaa", "Vapaa-aika", "Fritid", [
        ("Kulttuuripalvelut", "Kulturtjänster", [
            ("kirjasto", "Kaupunginkirjasto", "Stadsbiblioteket"),
            ("kansalaisopisto", "Kansalaisopisto", "Medborgarinstitutet"),
        ]),
        ("Liikunta- ja nuorisopalvelut", "Idrotts- och ungdomstjänster", [
            ("liikunta", "Liikuntapalvelut", "Idrottstjänster"),
            ("nuoriso", "Nuorisopalvelut", "Ungdomstjänster"),
        ]),
    ]),
    ("elinvoima", "Elinvoima ja konsernipalvelut", "Livskraft och koncerntjänster", [
        ("Kaupunkikehitys", "Stadsutveckling", [
            ("kaavoitus", "Kaavoitus ja paikkatieto", "Planläggning och geodata"),
            ("elinkeino", "Elinkeino- ja työllisyyspalvelut",
             "Närings- och sysselsättningstjänster"),
        ]),
    ]),
]

OTHER_UNITS = [
    ("koulutus", "Ammatillinen koulutus", "Yrkesutbildning", [
        ("Opiskelijapalvelut", "Studerandeservice", [
            ("opisto", "Ammattiopisto Kaisla", "Yrkesinstitutet Kaisla"),
            ("asuntola", "Opiskelija-asuntola", "Studenthemmet"),
        ]),
    ]),
]


@dataclass(frozen=True)
class Person:
    key: str
    name: str
    title: str
    unit: str  # a unit or sector key
    roles: tuple[str, ...] = ()
    email_mode: str = "immediate"
    language: str = "fi"


CITY_PEOPLE = [
    Person("marjo", "Marjo Heikkilä", "kehittämispäällikkö", "henkilosto", ("admin",)),
    Person("kari", "Kari Virtanen", "kaupunginjohtaja", "hallinto", ("decider",),
           email_mode="weekly"),
    Person("pirjo", "Pirjo Hakala", "sivistysjohtaja", "sivistys", ("decider",)),
    Person("tarja", "Tarja Mattila", "ikäihmisten palvelujen johtaja", "sote", ("decider",)),
    Person("jari", "Jari Heikkinen", "tekninen johtaja", "tekninen", ("decider",)),
    Person("juha", "Juha Lehtonen", "luokanopettaja, sisäinen kehittäjä", "keskuskoulu",
           ("developer",)),
    Person("sanna", "Sanna Koskinen", "sairaanhoitaja, sisäinen kehittäjä", "kotihoito",
           ("developer",)),
    Person("mikko", "Mikko Rantanen", "rakennusmestari, sisäinen kehittäjä", "kiinteisto",
           ("developer",)),
    Person("heidi", "Heidi Salo", "kirjastovirkailija, sisäinen kehittäjä", "kirjasto",
           ("developer",)),
    Person("eija", "Eija Koivisto", "kokki, pääluottamusmies", "ruoka", ("steward",)),
    Person("henna", "Henna Lindroos", "henkilöstöpäällikkö", "henkilosto", ("steward",)),
    Person("laura", "Laura Järvinen", "lähihoitaja", "kotihoito"),
    Person("aino", "Aino Korhonen", "kirjastovirkailija", "kirjasto", email_mode="weekly"),
    Person("matti", "Matti Mäkinen", "kadunhoidon työnjohtaja", "katu"),
    Person("tiina", "Tiina Hiltunen", "laitoshuoltaja", "siivous"),
    Person("johanna", "Johanna Lindholm", "palvelusihteeri", "palvelupiste", language="sv"),
    Person("antti", "Antti Karjalainen", "liikuntasuunnittelija", "liikunta"),
    Person("minna", "Minna Leinonen", "varhaiskasvatuksen opettaja", "pikkukarhu"),
    Person("ville", "Ville Kettunen", "IT-tukihenkilö", "tietohallinto"),
    Person("noora", "Noora Valtonen", "viestintäsuunnittelija", "hallinto", ("editor",)),
    Person("kaisa", "Kaisa Savolainen", "palkanlaskija", "talous"),
    Person("tuomas", "Tuomas Heinonen", "kiinteistönhoitaja", "kiinteisto"),
    Person("elina", "Elina Pitkänen", "sairaanhoitaja", "terveysasema"),
    Person("jukka", "Jukka Miettinen", "nuoriso-ohjaaja", "nuoriso"),
    Person("satu", "Satu Toivonen", "erityisopettaja", "kirkonkyla"),
    Person("hannu", "Hannu Laitinen", "kaavoitusarkkitehti", "kaavoitus"),
    Person("anu", "Anu Lehtinen", "suuhygienisti", "suunterveys"),
    Person("petri", "Petri Salminen", "kokki", "ruoka"),
    Person("riikka", "Riikka Peltonen", "suunnittelijaopettaja", "kansalaisopisto"),
    Person("oskari", "Oskari Hirvonen", "yrityskoordinaattori", "elinkeino"),
    Person("sari", "Sari Ahonen", "lähihoitaja", "iltarusko", email_mode="weekly"),
    Person("niina", "Niina Turunen", "lastenhoitaja", "kielo"),
    Person("ismo", "Ismo Väisänen", "kirjanpitäjä", "talous", email_mode="weekly"),
    Person("helena", "Helena Kauppinen", "koulusihteeri", "keskuskoulu"),
]

OTHER_PEOPLE = [
    Person("outi", "Outi Rautio", "opintopalvelupäällikkö", "opisto",
           ("admin", "developer", "decider")),
    Person("tapio", "Tapio Kallio", "asuntolanohjaaja", "asuntola"),
]

# Who is shown on the login list for each role: (label, person key or "platform").
LOGINS = [
    ("työntekijä / employee", "laura"),
    ("sisäinen kehittäjä / internal developer", "sanna"),
    ("päättäjä / decision-maker", "pirjo"),
    ("luottamusmies / shop steward", "eija"),
    ("pääkäyttäjä / organization admin", "marjo"),
    ("katalogin toimittaja / catalogue editor", "noora"),
    ("alustan ylläpitäjä / platform admin", "platform"),
    ("toinen organisaatio / other organization", "outi"),
]

# The decision-maker who answers ideas of each sector.
DECIDER_OF_SECTOR = {"hallinto": "kari", "sivistys": "pirjo", "sote": "tarja",
                     "tekninen": "jari", "vapaa": "pirjo", "elinvoima": "kari"}
DEVELOPER_OF_SECTOR = {"sivistys": "juha", "sote": "sanna", "tekninen": "mikko",
                       "vapaa": "heidi"}


@dataclass(frozen=True)
class IdeaText:
    key: str
    title: str
    problem: str
    proposal: str
    units: tuple[str, ...]
    outcome: str  # the Status the idea ends in
    reason: str = ""  # the decision-maker's reason (or why a duplicate was merged)
    result: str = ""  # what came of an implemented idea
    into: str = ""  # the key of the idea a duplicate is merged into
    benefit: str = "both"
    author: str = ""  # a person key; empty picks someone from the idea's sector
    hide: bool = False
    comments: tuple = ()  # texts, or (person key, text) when who says it matters


CITY_IDEAS = [
    # --- Hallinto ----------------------------------------------------------------------------
    IdeaText(
        "ostolaskut", "Ostolaskut kiertoon kokonaan sähköisesti",
        "Ostolaskut tulevat verkkolaskuina, mutta moni hyväksyjä tulostaa ne yhä paperille "
        "liitteiden tarkistamista varten. Lomien aikana laskut jäävät odottamaan, ja "
        "maksumuistutuksia tulee joka kuukausi.",
        "Määritetään jokaiselle hyväksyjälle varahenkilö laskujen kierrätykseen ja luovutaan "
        "tulostamisesta. Taloushallinto pitää puolen tunnin etäkoulutuksen liitteiden "
        "avaamisesta ja laskun palauttamisesta.",
        ("talous",), "implemented", benefit="staff",
        reason="Helppo ja hyödyllinen. Varahenkilöt määritetään kaikille hyväksyjille ennen "
               "kesälomia.",
        result="Varahenkilö on nyt 46 hyväksyjällä, ja maksumuistutukset ovat vähentyneet "
               "selvästi. Koulutuksen tallenne löytyy intrasta.",
    ),
    IdeaText(
        "palkkamuutokset", "Palkkaan vaikuttavat muutokset yhdellä lomakkeella",
        "Esihenkilöt ilmoittavat palkkaan vaikuttavat muutokset milloin sähköpostilla, milloin "
        "puhelimella tai paperilla. Palkanlaskenta joutuu kyselemään puuttuvia tietoja, ja "
        "virheet näkyvät työntekijän palkassa vasta kuukauden päästä.",
        "Otetaan käyttöön yksi sähköinen lomake, jonka pakolliset kentät ohjaavat antamaan "
        "kaikki tiedot kerralla. Lomake menee suoraan palkanlaskennan työjonoon.",
        ("talous", "henkilosto"), "accepted", benefit="staff", author="kaisa",
        reason="Hyväksytään. Lomake rakennetaan nykyiseen sähköiseen asiointiin, joten "
               "lisäkustannuksia ei tule. Palkanlaskenta ja henkilöstöpalvelut valmistelevat "
               "sen yhdessä kevään aikana.",
    ),
    IdeaText(
        "lisatunnit", "Lisätunnit ja vuoronvaihdot sähköisesti",
        "Lisätunnit ja vuoronvaihdot kirjataan lapuille, jotka kulkevat esihenkilön kautta "
        "palkanlaskentaan. Lappuja katoaa, ja korjauksia tehdään jälkikäteen.",
        "Tehdään lomake, jolla työntekijä ilmoittaa lisätunnit ja esihenkilö hyväksyy ne. "
        "Tieto siirtyisi palkanlaskentaan ilman käsin kopiointia.",
        ("talous", "iltarusko"), "merged", into="palkkamuutokset", benefit="staff",
        reason="Sama tarve kuin yhteisessä muutosilmoituslomakkeessa. Lisätunnit otetaan "
               "mukaan lomakkeen suunnitteluun, joten keskustelu jatkuu siellä.",
    ),
    IdeaText(
        "perehdytys", "Uuden työntekijän perehdytys yhteen paikkaan",
        "Perehdytysaineisto on hajallaan intrassa, yksiköiden kansioissa ja esihenkilöiden "
        "sähköposteissa. Uusi työntekijä ei tiedä, mistä löytyvät työterveyden yhteystiedot, "
        "avainten luovutus tai lomakäytännöt.",
        "Kootaan intraan koko kaupungin yhteinen perehdytyssivu, ja jokainen yksikkö lisää "
        "siihen oman lyhyen osionsa. Esihenkilölle tehdään tarkistuslista ensimmäisen viikon "
        "asioista.",
        ("henkilosto",), "implemented", benefit="staff", author="henna",
        reason="Tärkeä asia, joka nousi esiin myös työhyvinvointikyselyssä. Henkilöstöpalvelut "
               "kokoaa sivun, yksiköt täydentävät omat osionsa.",
        result="Perehdytyssivu avattiin, ja sitä on käyttänyt jo yli 30 uutta työntekijää. "
               "Tarkistuslista on liitetty rekrytointiohjeeseen.",
        comments=("Tämä on tosi tarpeen. Itse etsin ensimmäisellä viikolla kolme päivää, "
                  "keneltä saan kulkukortin.",),
    ),
    IdeaText(
        "sijaisrekisteri", "Yhteinen sijaisrekisteri kaikille toimialoille",
        "Jokainen yksikkö pitää omaa listaansa sijaisista. Kun joku sairastuu aamulla, "
        "esihenkilö soittaa samoille ihmisille kuin naapuriyksikkö, ja osa sijaisista jää "
        "kokonaan ilman keikkoja.",
        "Kootaan sijaiset yhteen rekisteriin, josta näkee sijaisen pätevyydet, toiveet ja "
        "vapaat päivät. Kokeillaan ensin varhaiskasvatuksessa ja kotihoidossa, joissa tarve "
        "on suurin.",
        ("henkilosto", "pikkukarhu", "kotihoito"), "in_evaluation",
        comments=(("minna", "Meillä päiväkodissa tämä säästäisi joka aamu puoli tuntia "
                            "puhelimessa."),
                  ("henna", "Muistetaan, että sijaisten tietojen käsittelystä pitää kertoa "
                            "heille itselleen.")),
    ),
    IdeaText(
        "varahenkilo", "Päiväkotien varahenkilö yhteiseksi",
        "Kun päiväkodista puuttuu aamulla kaksi työntekijää, sijaista ei aina saada ajoissa ja "
        "ryhmiä joudutaan yhdistämään.",
        "Sovitaan Pikkukarhun ja Kielon välille varahenkilö, joka tuntee molempien "
        "päiväkotien lapset ja käytännöt ja siirtyy tarpeen mukaan.",
        ("kielo", "pikkukarhu"), "merged", into="sijaisrekisteri", benefit="staff",
        reason="Liittyy suoraan yhteisen sijaisrekisterin valmisteluun, jossa varhaiskasvatus "
               "on mukana ensimmäisenä. Arvioidaan ehdotukset yhdessä.",
    ),
    IdeaText(
        "takaisinsoitto", "Takaisinsoitto yhteispalvelupisteen puhelinjonoon",
        "Ruuhka-aikoina asiakkaat jonottavat puhelimessa jopa puoli tuntia, ja moni katkaisee "
        "puhelun. Sama asiakas soittaa uudelleen, ja jono pitenee entisestään.",
        "Otetaan käyttöön takaisinsoitto: asiakas jättää numeronsa, ja palveluneuvoja soittaa "
        "takaisin vuoron tullessa. Puhelinjärjestelmässä ominaisuus on jo valmiina.",
        ("palvelupiste",), "implemented", benefit="customers", author="johanna",
        reason="Ominaisuus sisältyy nykyiseen sopimukseen, joten otetaan käyttöön heti.",
        result="Takaisinsoitto on ollut käytössä kaksi kuukautta. Kesken jääneitä puheluita on "
               "enää noin kolmannes aiemmasta.",
    ),
    IdeaText(
        "terveysasema-jono", "Takaisinsoitto myös terveysaseman ajanvaraukseen",
        "Ajanvaraukseen soitetaan aamulla kahdeksalta, ja linja on heti tukossa. Iäkkäät "
        "asiakkaat eivät jaksa soittaa yhä uudelleen.",
        "Lisätään ajanvarauksen puhelinjonoon takaisinsoitto, jotta asiakkaan ei tarvitse "
        "odottaa linjalla.",
        ("terveysasema",), "merged", into="takaisinsoitto", benefit="customers",
        reason="Takaisinsoitto otettiin juuri käyttöön yhteispalvelupisteessä. Yhdistetään, "
               "jotta laajennus terveysasemalle suunnitellaan samalla kertaa.",
    ),
    IdeaText(
        "tietoturvavideot", "Tietoturvakoulutus lyhyinä videoina",
        "Pakollinen tietoturvakoulutus kestää kaksi tuntia kerralla. Kenttätyötä tekevillä ei "
        "ole aikaa istua koneella niin pitkään, ja moni jättää koulutuksen kesken.",
        "Pilkotaan koulutus viiden minuutin videoiksi, jotka voi katsoa puhelimella vaikka "
        "taukotilassa. Jokaisen videon perään kaksi kysymystä.",
        ("tietohallinto",), "accepted", benefit="staff", author="ville",
        reason="Hyväksytään. Tietohallinto tekee videot yhdessä kahden sisäisen kehittäjän "
               "kanssa, ja ensimmäiset julkaistaan syksyllä.",
    ),
    IdeaText(
        "salasanat", "Salasanan vaihto ilman tukipyyntöä",
        "Unohtunut salasana tarkoittaa aina soittoa IT-tukeen. Yövuorossa tukea ei ole, ja "
        "hoitaja voi olla tuntikausia ilman pääsyä asiakastietoihin.",
        "Otetaan käyttöön itsepalvelu, jossa salasanan voi vaihtaa vahvalla tunnistautumisella "
        "puhelimessa. Tukeen soitetaan vain poikkeustapauksissa.",
        ("tietohallinto", "terveysasema", "iltarusko"), "in_evaluation", benefit="staff",
    ),
    IdeaText(
        "kokoukset", "Kokoukset 45 minuuttiin ja esityslista etukäteen",
        "Tiimien ja johtoryhmien kokoukset venyvät, eikä esityslistaa aina ole. Osallistujat "
        "eivät tiedä etukäteen, mihin heidän pitäisi valmistautua.",
        "Sovitaan kaupungin yhteiset kokouskäytännöt: esityslista viimeistään edellisenä "
        "päivänä, oletuspituus 45 minuuttia ja päätökset kirjataan yhteiseen paikkaan jo "
        "kokouksen aikana.",
        ("henkilosto",), "parked", benefit="staff", hide=True,
        reason="Hyvä ehdotus. Kokouskäytännöt ovat yksi esihenkilöiden valmennuksen aiheista "
               "keväällä, joten palataan tähän, kun valmennuksen sisältö on päätetty.",
    ),
    IdeaText(
        "laskutusvirheet", "Asiakasmaksulaskujen virheet kiinni ennen lähetystä",
        "Varhaiskasvatuksen ja kotihoidon asiakasmaksulaskuissa on toistuvasti virheitä, kun "
        "tulotiedot päivittyvät myöhässä. Oikaisut työllistävät sekä laskutusta että "
        "asiakaspalvelua.",
        "Ajetaan ennen laskujen lähettämistä tarkistusraportti, joka nostaa esiin poikkeuksellisen "
        "suuret muutokset edelliseen kuukauteen. Epäselvät laskut katsotaan käsin ennen "
        "lähetystä.",
        ("talous", "pikkukarhu", "kotihoito"), "in_evaluation", author="ismo",
    ),
    IdeaText(
        "tyokierto", "Työkierto toimialojen välillä",
        "Moni on tehnyt samaa tehtävää vuosikymmenen eikä tunne muiden yksiköiden työtä. "
        "Sijaistaminen yli yksikkörajojen on siksi vaikeaa.",
        "Luodaan kevyt työkiertomalli, jossa halukkaat voivat olla viikon tai kaksi toisessa "
        "yksikössä. Työkierrosta sovitaan kehityskeskustelussa.",
        ("henkilosto", "palvelupiste", "talous"), "in_evaluation", benefit="staff",
        comments=(("kaisa", "Olisin heti lähdössä kokeilemaan palvelupisteen työtä!"),),
    ),
    IdeaText(
        "etatyo", "Selkeät pelisäännöt etätyöhön",
        "Etätyön käytännöt vaihtelevat yksiköittäin: toisaalla saa tehdä kaksi etäpäivää "
        "viikossa, toisaalla ei yhtään, eikä perusteita kerrota.",
        "Laaditaan kaupungille yhteinen etätyöohje, jossa on periaatteet ja kriteerit "
        "esihenkilön harkinnan tueksi.",
        ("henkilosto",), "submitted", benefit="staff", hide=True,
    ),
    # --- Sivistys ----------------------------------------------------------------------------
    IdeaText(
        "havikkivaaka", "Kouluruoan hävikki näkyviin ruokalassa",
        "Keskuskoulun ruokalasta menee päivittäin biojätteeseen kymmeniä kiloja syötävää "
        "ruokaa. Oppilaat eivät tiedä, kuinka paljon ruokaa heitetään pois.",
        "Punnitaan lautashävikki joka päivä ja näytetään tulos ruokalan näytöllä. Oppilaskunta "
        "voisi järjestää luokkien välisen hävikkikisan.",
        ("keskuskoulu", "ruoka"), "implemented", author="petri",
        reason="Edullinen ja opettavainen. Ruokapalvelut hankkii vaa'an, ja oppilaskunta "
               "vastaa kisasta.",
        result="Lautashävikki pieneni kokeilun aikana noin neljänneksen. Malli laajenee "
               "syksyllä Kirkonkylän kouluun.",
        comments=(("juha", "Oppilaskunnan hallitus innostui tästä heti, kun kerroin."),),
    ),
    IdeaText(
        "havikki-kaikkiin", "Lautashävikin punnitus kaikkiin kouluihin",
        "Koulujen ruokalat eivät seuraa, paljonko ruokaa jää lautasille, joten valmistettavan "
        "ruoan määrää on vaikea suunnitella.",
        "Hankitaan jokaiseen ruokalaan vaaka ja kirjataan hävikki päivittäin.",
        ("ruoka", "kirkonkyla"), "merged", into="havikkivaaka",
        reason="Keskuskoulussa on jo käynnissä sama kokeilu. Laajentaminen muihin kouluihin "
               "ratkaistaan kokeilun tulosten perusteella.",
    ),
    IdeaText(
        "toiveruoka", "Oppilaiden toiveruokaviikko kerran lukukaudessa",
        "Oppilaat kokevat, ettei heidän mielipiteellään ole väliä kouluruoassa, ja osa jättää "
        "lounaan kokonaan väliin.",
        "Järjestetään kerran lukukaudessa toiveruokaviikko, jonka ruokalistan oppilaskunta "
        "kokoaa äänestämällä ruokapalvelujen resepteistä.",
        ("keskuskoulu", "kirkonkyla", "ruoka"), "accepted", benefit="customers",
        reason="Hyvä tapa lisätä oppilaiden osallisuutta. Ruokapalvelut valitsee äänestykseen "
               "vaihtoehdot, jotka mahtuvat raaka-ainebudjettiin.",
    ),
    IdeaText(
        "huoltajaviestit", "Yhteiset vastausajat huoltajien viesteihin",
        "Huoltajat lähettävät viestejä myöhään illalla ja odottavat vastausta heti. Opettajat "
        "vastaavat iltaisin, vaikka se ei kuulu työaikaan, ja kuormitus kasvaa.",
        "Kirjataan kaikille kouluille yhteiset vastausajat, esimerkiksi kaksi arkipäivää, ja "
        "kerrotaan ne huoltajille lukuvuoden alussa. Kiireelliset asiat hoidetaan puhelimella.",
        ("keskuskoulu", "kirkonkyla"), "accepted", benefit="staff", hide=True,
        reason="Hyväksytään. Rehtorit valmistelevat yhteisen tekstin ennen lukuvuoden alkua, ja "
               "se lähetetään kaikille huoltajille.",
        comments=(("satu", "Kiitos tästä. Iltaviestit ovat meillä todellinen "
                           "jaksamiskysymys."),),
    ),
    IdeaText(
        "paivakotikuvat", "Päivän kuulumiset ja kuvat huoltajille sovelluksella",
        "Huoltajat kysyvät lasta hakiessaan, mitä päivän aikana on tehty, eikä kiireessä ehdi "
        "kertoa kaikille. Paperiset viikkotiedotteet jäävät lukematta.",
        "Lähetetään huoltajille joka päivä lyhyt kooste ja pari kuvaa ryhmän toiminnasta "
        "sähköisen viestisovelluksen kautta.",
        ("pikkukarhu", "kielo"), "declined", benefit="customers", author="minna",
        reason="Tavoite on hyvä, mutta lasten kuvien jakaminen vaatii jokaiselta huoltajalta "
               "erillisen luvan ja tietosuojan arvioinnin, eikä nykyinen viestisovellus täytä "
               "vaatimuksia. Päivän kulusta kerrotaan jatkossa eteisen ilmoitustaululla.",
    ),
    IdeaText(
        "kirjavinkkaus", "Kirjaston kirjavinkkarit kouluille",
        "Lukuinto hiipuu monella yläkouluun mennessä, eikä opettajilla ole aikaa seurata "
        "uusinta nuortenkirjallisuutta.",
        "Kirjaston väki kiertää kouluissa kerran lukukaudessa vinkkaamassa kirjoja jokaiselle "
        "vuosiluokalle. Vinkatut kirjat ovat samalla viikolla lainattavissa koulun "
        "kirjastokärrystä.",
        ("kirjasto", "keskuskoulu", "kirkonkyla"), "implemented", benefit="customers",
        author="aino",
        reason="Hyväksytään. Kirjasto ja koulut sopivat aikataulusta lukuvuoden alussa.",
        result="Kirjavinkkarit ovat käyneet kaikilla 7.–9. luokilla. Nuorten lainaus kasvoi "
               "syyslukukaudella selvästi.",
    ),
    IdeaText(
        "koulukyydit", "Tekstiviesti koulukyytien muutoksista",
        "Kun koulutaksi myöhästyy tai reitti muuttuu kelin takia, tieto kulkee opettajan "
        "kautta huoltajille. Pienet oppilaat odottavat pihalla pakkasessa.",
        "Liikennöitsijä lähettää poikkeuksista suoraan tekstiviestin reitin huoltajille. "
        "Ilmoitusvelvollisuus kirjataan seuraavaan kuljetussopimukseen.",
        ("kirkonkyla",), "parked", benefit="customers", author="satu",
        reason="Hyvä ehdotus, mutta nykyinen kuljetussopimus on voimassa vielä vuoden. "
               "Ilmoitusvelvollisuus otetaan mukaan seuraavaan kilpailutukseen, jonka "
               "valmistelu alkaa syksyllä.",
    ),
    IdeaText(
        "tukimateriaalit", "Yhteinen materiaalipankki erityisopetukseen",
        "Erityisopettajat tekevät samoja tukimateriaaleja kukin omalle koneelleen. Kun opettaja "
        "vaihtaa koulua, materiaalit lähtevät hänen mukanaan.",
        "Perustetaan erityisopettajille yhteinen, selkeästi järjestetty kansio tehtäväpohjille "
        "ja kuvatuille. Kerran kuussa lyhyt etätapaaminen, jossa esitellään uudet materiaalit.",
        ("kirkonkyla", "keskuskoulu"), "submitted", benefit="staff", author="satu",
    ),
    IdeaText(
        "kerholiikunta", "Iltapäiväkerhoon liikuntaa seurojen kanssa",
        "Iltapäiväkerhossa lapset ovat pääosin sisällä, vaikka koulun sali on iltapäivisin "
        "tyhjillään.",
        "Sovitaan urheiluseurojen kanssa, että seuran ohjaaja pitää kerholaisille kerran "
        "viikossa liikuntatuokion koulun salissa. Seura saa samalla uusia harrastajia.",
        ("keskuskoulu", "liikunta"), "in_evaluation", benefit="customers",
    ),
    IdeaText(
        "vasu-kirjaus", "Vähemmän päällekkäistä kirjaamista varhaiskasvatuksessa",
        "Lapsen varhaiskasvatussuunnitelman tiedot kirjataan ensin paperille keskustelussa ja "
        "sitten järjestelmään. Samat tiedot kysytään huoltajilta vielä erillisellä "
        "lomakkeella.",
        "Täytetään suunnitelma suoraan järjestelmään keskustelun aikana tabletilla ja "
        "luovutaan erillisestä esitietolomakkeesta.",
        ("pikkukarhu", "kielo"), "submitted", benefit="staff", author="niina",
    ),
    # --- Sosiaali- ja terveys ----------------------------------------------------------------
    IdeaText(
        "avainlukot", "Kotihoidon avaimet sähköiseen lukkoon",
        "Hoitajat kuljettavat mukanaan kymmeniä asiakkaiden avaimia. Avainten luovutus "
        "vuoronvaihdossa vie aikaa, ja kadonnut avain tarkoittaa lukon vaihtoa.",
        "Otetaan käyttöön sähköiset avainlukot, jotka avataan puhelimella. Kokeillaan ensin "
        "yhden tiimin asiakkailla ja lasketaan, paljonko aikaa säästyy.",
        ("kotihoito",), "accepted", author="laura",
        reason="Hyväksytään puolen vuoden kokeiluna yhdelle tiimille. Kustannukset katetaan "
               "kehittämismäärärahasta, ja tulokset arvioidaan ennen laajentamista.",
        comments=(("sanna", "Tämä olisi iso helpotus myös iltavuoroon."),),
    ),
    IdeaText(
        "kotihoitoreitit", "Kotihoidon käyntireitit kartan avulla",
        "Käyntireitit suunnitellaan käsin, ja hoitajat ajavat päivittäin ristiin samoja teitä. "
        "Ajoon kuluu aikaa, joka on pois asiakkailta.",
        "Käytetään reittien suunnittelussa optimointityökalua, joka ottaa huomioon käyntien "
        "kellonajat ja hoitajien osaamisen. Aloitetaan kokeilulla kahdella alueella.",
        ("kotihoito", "kaavoitus"), "in_evaluation",
        comments=(("hannu", "Paikkatiedosta voidaan auttaa osoiteaineiston kanssa."),),
    ),
    IdeaText(
        "mobiilikirjaus", "Käyntikirjaukset puhelimella asiakkaan luona",
        "Hoitajat kirjaavat käynnit toimistolla vuoron lopussa, koska mobiilisovellus "
        "katkeilee. Kirjaukset viivästyvät ja yksityiskohtia unohtuu.",
        "Selvitetään sovelluksen yhteysongelma ja annetaan kaikille puhelimet, joissa sovellus "
        "toimii. Kirjaus tehdään heti käynnin päätteeksi.",
        ("kotihoito", "tietohallinto"), "implemented", benefit="staff", author="laura",
        reason="Tietohallinto selvitti, että vika johtuu vanhoista puhelinmalleista. Puhelimet "
               "vaihdetaan etuajassa.",
        result="Uudet puhelimet on jaettu kaikille kotihoidon tiimeille. Kirjaukset tehdään "
               "nyt pääosin käynnin aikana, ja ylitöitä kertyy vähemmän.",
    ),
    IdeaText(
        "ulkoiluystavat", "Vapaaehtoiset ulkoiluystävät palvelutaloon",
        "Palvelutalon asukkaat pääsevät ulos harvoin, koska hoitajilla ei ole aikaa lähteä "
        "mukaan. Moni asukas toivoo ulkoilua enemmän kuin mitään muuta.",
        "Kootaan seurakunnan ja järjestöjen kanssa vapaaehtoisten ulkoiluystävien vuorolista. "
        "Palvelutalo järjestää vapaaehtoisille lyhyen perehdytyksen.",
        ("iltarusko",), "implemented", benefit="customers", author="sari",
        reason="Hyväksytään. Yhteistyö aloitetaan keväällä, ja vastuuhenkilönä toimii "
               "palvelutalon sosiaaliohjaaja.",
        result="Ulkoiluystäviä on nyt kahdeksan, ja jokainen halukas asukas pääsee ulos "
               "vähintään kerran viikossa.",
    ),
    IdeaText(
        "hammasmuistutus", "Tekstiviestimuistutus hammashoitoajasta",
        "Suun terveydenhuollon ajoista jää joka viikko useita käyttämättä, kun asiakas unohtaa "
        "ajan. Peruutuksista ei saada tietoa ajoissa, joten aikaa ei voi antaa jonossa "
        "olevalle.",
        "Lähetetään automaattinen muistutus kaksi päivää ennen aikaa, ja viestiin vastaamalla "
        "voi perua ajan.",
        ("suunterveys",), "implemented", benefit="customers", author="anu",
        reason="Sama järjestelmä lähettää muistutuksia jo naapurikunnissa. Otetaan käyttöön "
               "heti.",
        result="Käyttämättä jääneiden aikojen määrä on puolittunut, ja vapautuneet ajat "
               "annetaan jonossa oleville.",
    ),
    IdeaText(
        "odotustila", "Vuoronumeronäyttö ja selkeät opasteet terveysasemalle",
        "Odotustilassa asiakkaat eivät tiedä, milloin on heidän vuoronsa, ja kyselevät sitä "
        "vastaanoton luukulta. Opasteet ovat pientä tekstiä ja vain suomeksi.",
        "Hankitaan vuoronumeronäyttö ja uusitaan opasteet selkokielellä suomeksi, ruotsiksi "
        "ja englanniksi kuvasymbolien kera.",
        ("terveysasema",), "declined", benefit="customers", author="elina",
        reason="Terveysasema peruskorjataan ensi vuonna, ja odotustila suunnitellaan silloin "
               "kokonaan uudelleen. Nyt hankittava näyttö jouduttaisiin purkamaan. Selkokieliset "
               "ja kolmikieliset opasteet kirjataan peruskorjauksen tavoitteisiin.",
    ),
    IdeaText(
        "kaatumiset", "Kaatumisten ehkäisy kotihoidon ensikäynnillä",
        "Moni ikäihminen kaatuu kotonaan mattoon tai huonon valaistuksen takia, ja kaatuminen "
        "johtaa usein sairaalajaksoon.",
        "Lisätään ensikäynnille lyhyt kodin tarkistuslista: matot, valaistus ja tukikahvat. "
        "Kiinteistöpalvelujen kanssa sovitaan, miten tukikahvat asennetaan nopeasti.",
        ("kotihoito", "kiinteisto"), "accepted", benefit="customers", author="laura",
        reason="Hyväksytään. Tarkistuslista otetaan käyttöön kaikilla ensikäynneillä, ja "
               "asennusten työnjaosta sovitaan kiinteistöpalvelujen kanssa.",
    ),
    IdeaText(
        "taukotila", "Rauhallinen taukotila kotihoidon tiimeille",
        "Hoitajat syövät eväänsä autossa, koska toimistolla ei ole taukotilaa. Kiireessä "
        "tauot jäävät kokonaan pitämättä.",
        "Otetaan vapautuva neuvotteluhuone taukotilaksi: pöytä, mikroaaltouuni ja jääkaappi. "
        "Sovitaan, että jokainen pitää tauon vähintään kerran vuorossa.",
        ("kotihoito",), "submitted", benefit="staff", author="laura", hide=True,
    ),
    IdeaText(
        "omaishoitajat", "Omaishoitajien infoillat verkossa",
        "Omaishoitajat eivät pääse päiväsaikaan pidettäviin infotilaisuuksiin, koska eivät voi "
        "jättää läheistään yksin.",
        "Järjestetään infotilaisuudet iltaisin etäyhteydellä ja tallennetaan ne myöhemmin "
        "katsottaviksi. Kysymyksiä voi lähettää etukäteen.",
        ("iltarusko", "kotihoito"), "submitted", benefit="customers",
    ),
    # --- Tekninen ----------------------------------------------------------------------------
    IdeaText(
        "vikailmoitus-kartalle", "Katujen vikailmoitukset kuvalla ja karttapisteellä",
        "Asukkaat ilmoittavat katujen kuopista ja rikkinäisistä valaisimista puhelimella ja "
        "sähköpostilla. Sijainti on usein epätarkka, ja sama vika ilmoitetaan monta kertaa.",
        "Otetaan käyttöön palautekanava, jossa asukas merkitsee vian kartalle ja liittää kuvan. "
        "Ilmoitus menee suoraan kunnossapidon työjonoon, ja ilmoittaja näkee, kun vika on "
        "korjattu.",
        ("katu", "kaavoitus", "palvelupiste"), "in_evaluation", benefit="customers",
        author="matti",
    ),
    IdeaText(
        "aurauskartta", "Aurausjärjestys kartalle verkkoon",
        "Lumisateen jälkeen yhteispalvelupisteeseen soitetaan kymmeniä kertoja, milloin oma "
        "katu aurataan. Työnjohto vastaa puheluihin kesken aurauksen.",
        "Julkaistaan verkkosivuilla kartta, josta näkyvät katujen aurausjärjestys ja "
        "kunnossapitoluokat. Kartta päivitetään kerran talvessa.",
        ("katu", "palvelupiste"), "implemented", benefit="both", author="matti",
        reason="Hyvä ja edullinen. Paikkatieto tekee kartan ennen talvea.",
        result="Aurauskartta julkaistiin marraskuussa. Ensimmäisen lumimyräkän jälkeen "
               "puheluita tuli alle puolet edellistalvesta.",
    ),
    IdeaText(
        "aurauskoneet", "Aurauskoneiden sijainti reaaliajassa",
        "Asukkaat eivät tiedä, onko heidän katunsa jo aurattu tai milloin vuoro tulee, ja "
        "soittavat siksi kaupungille.",
        "Näytetään aurauskoneiden sijainti verkossa reaaliajassa.",
        ("katu",), "merged", into="aurauskartta", benefit="customers",
        reason="Aurausjärjestyksen kartta on jo tekeillä. Reaaliaikainen seuranta kirjataan "
               "sen jatkokehitykseksi.",
    ),
    IdeaText(
        "kiinteistoviat", "Kiinteistöjen vikailmoitukset yhteen paikkaan",
        "Kouluissa ja päiväkodeissa viat ilmoitetaan milloin tekstiviestillä "
        "kiinteistönhoitajalle, milloin sähköpostilla isännöitsijälle. Kukaan ei tiedä, onko "
        "vika jo ilmoitettu.",
        "Otetaan käyttöön yksi sähköinen vikailmoituslomake, josta ilmoittaja saa kuittauksen "
        "ja näkee korjauksen tilan.",
        ("kiinteisto", "keskuskoulu", "pikkukarhu"), "accepted", author="tuomas",
        reason="Hyväksytään. Huoltokirjajärjestelmässä on valmiina vikailmoitusosio, joka "
               "otetaan käyttöön kevään aikana.",
        comments=(("tiina", "Tästä hyötyisivät myös siivoojat, jotka huomaavat viat usein "
                           "ensimmäisinä."),),
    ),
    IdeaText(
        "ruokavaliot", "Erityisruokavaliot sähköiseen järjestelmään",
        "Erityisruokavaliot ilmoitetaan keittiölle paperilomakkeella, joka kulkee huoltajalta "
        "opettajalle ja edelleen keittiöön. Tiedot vanhenevat, eikä sijaiskokki löydä "
        "ajantasaista listaa.",
        "Huoltaja ilmoittaa ruokavalion sähköisellä lomakkeella, ja keittiö näkee ajantasaisen "
        "listan ryhmittäin. Lista tulostuu myös jakelukeittiöihin.",
        ("ruoka", "keskuskoulu", "pikkukarhu"), "in_evaluation", author="petri",
    ),
    IdeaText(
        "ylijaamaruoka", "Ylijäämäruoan myynti koulun keittiöstä",
        "Koulun keittiöstä jää päivittäin syömättä kelvollista ruokaa, joka päätyy "
        "biojätteeseen.",
        "Myydään ylijäämäruokaa edullisesti asukkaille iltapäivisin keittiön ovelta ja kerrotaan "
        "myynnistä sosiaalisessa mediassa.",
        ("ruoka",), "parked", benefit="customers", author="eija",
        reason="Kannatettava, mutta myynti vaatii elintarvikevalvonnan kanssa sovitut "
               "käytännöt ja maksutavan. Palataan asiaan, kun uusi kassajärjestelmä on käytössä.",
    ),
    IdeaText(
        "siivousvalit", "Siivousvälit tilojen todellisen käytön mukaan",
        "Osa tiloista siivotaan päivittäin, vaikka niitä käytetään kerran viikossa. Samaan "
        "aikaan koulujen käytävät ovat iltapäivällä likaisia.",
        "Käytetään tilavarausten tietoa tilojen todellisesta käytöstä ja mitoitetaan siivousvälit "
        "sen mukaan. Vapautuva aika siirretään eniten käytettyihin tiloihin.",
        ("siivous", "kiinteisto"), "in_evaluation", benefit="staff", author="tiina",
    ),
    IdeaText(
        "siivousaineet", "Vähemmän siivousaineita, enemmän mikrokuitua",
        "Siivouskärryissä on kymmenkunta eri ainetta, joista osa ärsyttää ihoa ja "
        "hengitysteitä. Uudet työntekijät eivät tiedä, mitä ainetta käyttää mihinkin.",
        "Karsitaan valikoima muutamaan perusaineeseen ja siirrytään mikrokuituvälineisiin, "
        "joilla useimmat kohteet puhdistuvat pelkällä vedellä. Kärryyn kuvallinen ohje.",
        ("siivous",), "implemented", benefit="staff", author="tiina",
        reason="Hyväksytään. Muutos tukee myös työterveyshuollon suosituksia.",
        result="Aineet karsittiin kolmeen, ja kuvalliset ohjeet ovat kaikissa kärryissä. "
               "Hankintakulut laskivat.",
    ),
    IdeaText(
        "viikkotiedote", "Viikkotiedote teknisen toimen kenttähenkilöstölle",
        "Kentällä työskentelevät eivät lue sähköpostia päivittäin, joten tieto työmaiden "
        "muutoksista ja koulutuksista tavoittaa heidät myöhässä.",
        "Kootaan joka maanantai lyhyt viikkotiedote, joka käydään läpi aamupalaverissa ja "
        "lähetetään linkkinä tekstiviestillä. Kysymyksiin vastataan seuraavassa tiedotteessa.",
        ("katu", "kiinteisto"), "accepted", benefit="staff", author="matti",
        reason="Hyväksytään kolmen kuukauden kokeiluna. Tiedotteen kokoavat vuorotellen kaksi "
               "työnjohtajaa.",
    ),
    IdeaText(
        "katuvalot", "Katuvalojen himmennys yöllä",
        "Katuvalot palavat täydellä teholla koko yön myös hiljaisilla asuinkaduilla, vaikka "
        "liikennettä ei ole.",
        "Himmennetään LED-valaisimia kello 24–05 hiljaisilla kaduilla. Säästetään energiaa ja "
        "vähennetään valosaastetta.",
        ("katu",), "declined", benefit="both",
        reason="Selvitimme asian: vain noin viidennes valaisimista on himmennettäviä, ja "
               "ohjauksen muutos maksaisi enemmän kuin sillä säästettäisiin vuosiin. Himmennys "
               "tehdään sitä mukaa kuin valaisimia muutenkin uusitaan.",
    ),
    IdeaText(
        "ilmanvaihto", "Koulujen ilmanvaihto pienemmälle loma-aikoina",
        "Kirkonkylän koulun ilmanvaihto käy täydellä teholla myös hiihtolomalla ja kesällä, "
        "kun rakennus on tyhjä.",
        "Tarkistetaan kaikkien koulujen ja päiväkotien ilmanvaihdon aikaohjelmat ja lisätään "
        "niihin loma-ajat.",
        ("kiinteisto", "kirkonkyla"), "submitted", benefit="both", author="tuomas",
    ),
    # --- Vapaa-aika --------------------------------------------------------------------------
    IdeaText(
        "varauskalenteri", "Liikuntatilojen varauskalenteri verkkoon",
        "Salivuoroja kysytään puhelimella ja sähköpostilla, ja vapaat ajat selviävät vain "
        "liikuntatoimiston taulukosta. Asiakkaat eivät näe, mikä tila on vapaana, ja "
        "toimiston aika kuluu kyselyihin.",
        "Kootaan kaikkien liikuntatilojen vuorot yhteen verkkokalenteriin, josta asiakas näkee "
        "vapaat ajat ja voi lähettää varauspyynnön.",
        ("liikunta", "kiinteisto", "palvelupiste"), "implemented", author="antti",
        reason="Hyväksytään. Vastaa suoraan strategian tavoitteeseen asiakaslähtöisistä "
               "palveluista. Toteutetaan liikuntapalvelujen ja tietohallinnon yhteistyönä.",
        result="Varauskalenteri avattiin asukkaille. Ensimmäisen kuukauden aikana puolet "
               "vuoroista varattiin verkossa, ja liikuntatoimiston puhelut vähenivät.",
        comments=(("johanna", "Tämä helpottaisi palvelupisteessäkin, kun voisimme katsoa "
                              "vapaat vuorot suoraan asiakkaan kanssa."),
                  "Muistakaa, että myös yhdistysten kausivuorot pitää saada näkyviin."),
    ),
    IdeaText(
        "koulujen-tilat", "Koulujen tilat iltakäyttöön varauskalenterin kautta",
        "Koulujen luokat ja salit ovat iltaisin tyhjinä, vaikka yhdistykset etsivät "
        "kokoontumistiloja. Tilojen lainaamiseen ei ole selkeää käytäntöä.",
        "Lisätään koulujen iltakäyttöön sopivat tilat liikuntapalvelujen varauskalenteriin ja "
        "sovitaan avainten ja siivouksen käytännöt.",
        ("liikunta", "keskuskoulu", "kiinteisto"), "in_evaluation", author="antti",
    ),
    IdeaText(
        "omatoimikirjasto", "Omatoimikirjasto iltaisin ja viikonloppuisin",
        "Kirjasto on auki arkisin kuuteen, joten vuorotyötä tekevät ja muualla työssä käyvät "
        "eivät ehdi sinne. Lauantaisin kirjasto on auki vain neljä tuntia.",
        "Otetaan käyttöön omatoimiaika: kirjastokortilla ja tunnusluvulla pääsee sisään kello "
        "7–21 myös silloin, kun henkilökuntaa ei ole paikalla. Kokeillaan ensin pääkirjastossa.",
        ("kirjasto",), "accepted", benefit="customers", author="aino",
        reason="Hyväksytään. Kulunvalvonta asennetaan kiinteistöpalvelujen investointina, ja "
               "omatoimiaika alkaa kokeiluna.",
    ),
    IdeaText(
        "kirjakassi", "Kirjaston kirjakassit ikäihmisille kotiin",
        "Moni palvelutalon ja kotihoidon asiakas lukisi mielellään, mutta ei pääse kirjastoon.",
        "Kirjasto kokoaa asiakkaan toiveiden mukaan kirjakassin, jonka kotihoito tai "
        "vapaaehtoinen vie kerran kuussa. Edellinen kassi palautetaan samalla käynnillä.",
        ("kirjasto", "kotihoito", "iltarusko"), "implemented", benefit="customers",
        reason="Hyvä esimerkki toimialojen yhteistyöstä. Aloitetaan palvelutalon asukkaista.",
        result="Kirjakassi kulkee nyt 22 palvelutalon asukkaalle. Kotihoidon asiakkaille palvelu "
               "laajenee vapaaehtoisten avulla.",
    ),
    IdeaText(
        "tavaralainaamo", "Tavaralainaamo kirjastoon",
        "Asukkaat ostavat porakoneita, lumikenkiä ja retkivarusteita, joita käyttävät kerran "
        "vuodessa.",
        "Perustetaan kirjastoon tavaralainaamo, josta voi lainata kirjastokortilla työkaluja, "
        "urheiluvälineitä ja pelejä. Aloitetaan lahjoituksina saaduilla tavaroilla.",
        ("kirjasto", "liikunta"), "submitted", benefit="customers",
    ),
    IdeaText(
        "kurssi-ilmo", "Kansalaisopiston ilmoittautumisruuhka porrastamalla",
        "Ilmoittautumisen alkaessa sivusto kaatuu, ja suosituimmat kurssit täyttyvät "
        "minuuteissa. Puhelimella ilmoittautuvat ikäihmiset jäävät aina jonon hännille.",
        "Avataan ilmoittautuminen porrastetusti aihealueittain eri päivinä ja varataan osa "
        "paikoista puhelimella ilmoittautuville.",
        ("kansalaisopisto",), "declined", benefit="customers", author="riikka",
        reason="Porrastusta kokeiltiin kolme vuotta sitten, ja se lisäsi puheluita ja "
               "sekaannusta. Ilmoittautumisjärjestelmän palvelin vaihdetaan ennen seuraavaa "
               "kautta, mikä poistaa kaatumiset. Puhelinkiintiöt asettaisivat verkossa "
               "ilmoittautuvat eriarvoiseen asemaan.",
    ),
    IdeaText(
        "perjantai-illat", "Nuorisotila auki perjantai-iltaisin",
        "Perjantai-iltaisin nuoret kokoontuvat kauppakeskuksen parkkipaikalle, koska "
        "nuorisotila on kiinni.",
        "Siirretään yksi arki-ilta perjantaille ja kokeillaan aukioloa kello 18–23 koko "
        "kevään. Mukaan etsivä nuorisotyö.",
        ("nuoriso",), "accepted", benefit="customers", author="jukka",
        reason="Hyväksytään kevään kokeiluna. Vuoroista sovitaan nuoriso-ohjaajien kanssa, ja "
               "nuorilta kerätään palaute kokeilun lopuksi.",
    ),
    IdeaText(
        "pelipaja", "Ohjattu pelipaja nuorisotilaan",
        "Osa nuorista ei käy nuorisotilalla lainkaan, koska heidän harrastuksensa on "
        "pelaaminen.",
        "Hankitaan nuorisotilaan kaksi pelikonetta ja järjestetään kerran viikossa ohjattu "
        "pelipaja, jossa puhutaan myös peliajan hallinnasta.",
        ("nuoriso",), "parked", benefit="customers", author="jukka",
        reason="Idea on hyvä, mutta tämän vuoden hankintamääräraha on käytetty. Esitetään ensi "
               "vuoden talousarvioon, ja palataan asiaan, kun määrärahat on päätetty.",
    ),
    IdeaText(
        "uimahallin-ruuhka", "Uimahallin ruuhkatilanne verkkoon",
        "Uimahalli on iltaisin täynnä, ja asiakkaat tulevat turhaan paikalle. Kassalla "
        "joudutaan käännyttämään ihmisiä pois.",
        "Näytetään verkossa reaaliaikainen kävijämäärä, jonka kassajärjestelmä jo laskee. "
        "Asiakas voi valita hiljaisemman ajan.",
        ("liikunta",), "submitted", benefit="customers",
    ),
    IdeaText(
        "tapahtumakalenteri", "Yksi tapahtumakalenteri koko kaupungille",
        "Kirjaston, kansalaisopiston, nuorisopalvelujen ja liikuntapalvelujen tapahtumat "
        "julkaistaan kukin omalla sivullaan. Asukas ei löydä kaikkea yhdestä paikasta.",
        "Otetaan käyttöön yhteinen tapahtumakalenteri, johon jokainen yksikkö syöttää "
        "tapahtumansa samalla lomakkeella.",
        ("kirjasto", "kansalaisopisto", "nuoriso", "liikunta"), "in_evaluation",
        author="riikka",
    ),
    IdeaText(
        "henkilostoliikunta", "Henkilöstölle vapaa pääsy uimahalliin",
        "Liikuntaetu on käytössä vain liikuntasetelinä, jota moni ei käytä, koska lähin "
        "yksityinen sali on kaukana.",
        "Annetaan henkilöstölle vapaa pääsy kaupungin uimahalliin ja kuntosalille "
        "henkilökortilla.",
        ("liikunta", "henkilosto"), "declined", benefit="staff",
        reason="Vapaa pääsy olisi verotettava etu, ja uimahallin iltavuorot ovat jo täynnä. "
               "Liikuntaedun käyttöä helpotetaan sen sijaan niin, että uimahallin sarjakortin "
               "voi jatkossa maksaa sähköisellä liikuntaedulla.",
    ),
    # --- Elinvoima ja yhteiset -----------------------------------------------------------------
    IdeaText(
        "yrittajan-yhteyshenkilo", "Yrittäjälle yksi yhteyshenkilö",
        "Uusi yrittäjä asioi kaavoituksen, rakennusvalvonnan, ympäristöterveyden ja "
        "elinkeinopalvelujen kanssa erikseen, eikä kukaan kokoa kokonaisuutta.",
        "Nimetään jokaiselle yrityshankkeelle yksi yhteyshenkilö, joka kutsuu tarvittavat "
        "asiantuntijat yhteiseen palaveriin heti alkuvaiheessa.",
        ("elinkeino", "kaavoitus"), "accepted", benefit="customers", author="oskari",
        reason="Hyväksytään. Elinkeinopalvelut vastaa yhteyshenkilömallista, ja ensimmäinen "
               "yhteispalaveri pidetään jo seuraavan hankkeen kohdalla.",
    ),
    IdeaText(
        "kaavakartta", "Voimassa olevat kaavat karttapalveluun",
        "Asukkaat kysyvät puhelimella, mitä omalle tontille tai naapuriin saa rakentaa. "
        "Voimassa olevat kaavat ovat PDF-tiedostoina eri sivuilla.",
        "Julkaistaan kaavat karttapalvelussa, josta kaavamerkinnät löytyvät osoitteella.",
        ("kaavoitus",), "accepted", benefit="both", author="hannu",
        reason="Hyväksytään. Aineisto on jo digitaalisessa muodossa, joten työ on pääosin "
               "julkaisua. Tavoite on avata palvelu kevään aikana.",
    ),
    IdeaText(
        "kesatyohaku", "Nuorten kesätyöt yhdellä hakemuksella",
        "Nuorten kesätyöpaikat haetaan jokaiseen yksikköön erikseen, ja sama nuori täyttää "
        "viisi hakemusta. Yksiköt käsittelevät samoja hakemuksia päällekkäin.",
        "Tehdään yksi yhteinen haku, jossa nuori valitsee kiinnostavat tehtävät, ja hakemukset "
        "jaetaan yksiköille keskitetysti.",
        ("elinkeino", "henkilosto"), "submitted", author="oskari",
    ),
    IdeaText(
        "tuntikirjaukset", "Turhista tuntikirjauksista luopuminen",
        "Asiantuntijat kirjaavat työtunnit projekteille puolen tunnin tarkkuudella, vaikka "
        "tietoa ei käytetä mihinkään.",
        "Luovutaan tuntikirjauksista niissä tehtävissä, joissa niitä ei tarvita laskutukseen "
        "tai hankkeiden raportointiin.",
        ("kaavoitus", "elinkeino"), "declined", benefit="staff", hide=True,
        reason="Tuntikirjauksia tarvitaan EU-rahoitteisten hankkeiden raportointiin ja "
               "sisäiseen laskutukseen, joten niistä ei voi luopua. Kirjaamista kevennetään "
               "kuitenkin niin, että tarkkuus on jatkossa tunti.",
    ),
    IdeaText(
        "intran-tiedotteet", "Intran etusivulle vain tärkeimmät tiedotteet",
        "Intran etusivulla on kymmeniä tiedotteita, ja olennaiset asiat, kuten palkanmaksupäivän "
        "muutos, hukkuvat muiden alle.",
        "Jaetaan tiedotteet kahteen luokkaan: koko henkilöstöä koskevat näkyvät etusivulla "
        "viikon, muut löytyvät oman toimialan sivulta. Jokaiselle tiedotteelle vastuuhenkilö ja "
        "voimassaoloaika.",
        ("henkilosto", "tietohallinto"), "parked", benefit="staff",
        reason="Intra uudistetaan ensi vuonna. Ehdotus kirjataan uudistuksen vaatimuksiin, ja "
               "palataan siihen, kun uudistus käynnistyy.",
    ),
    IdeaText(
        "henkilostolounas", "Henkilöstöruokailu koulun ruokalassa",
        "Kaupungintalon lähellä ei ole lounasravintolaa, ja moni syö lounaan työpöytänsä "
        "ääressä.",
        "Avataan Keskuskoulun ruokala henkilöstölle kello 12–13 henkilöstöruokailun hinnalla.",
        ("ruoka", "keskuskoulu", "henkilosto"), "declined", benefit="staff",
        reason="Keskuskoulun ruokala on jo nyt täynnä koko ruokailuajan, ja lisäkävijät "
               "pidentäisivät oppilaiden jonoja. Lounasedun ehtoja selvitetään sen sijaan "
               "henkilöstöetujen uudistuksessa.",
    ),
    IdeaText(
        "tyopaja-asiakkaat", "Asiakasraati palvelujen kehittämiseen",
        "Palveluja kehitetään pääosin henkilöstön näkemysten pohjalta. Asiakkaiden kokemukset "
        "tulevat esiin vasta, kun joku tekee valituksen.",
        "Kootaan jokaiselle toimialalle pieni asiakasraati, joka kokoontuu kahdesti vuodessa "
        "työpajaan yhdessä henkilöstön kanssa.",
        ("palvelupiste", "kirjasto", "kotihoito"), "submitted", benefit="customers",
    ),
]

OTHER_IDEAS = [
    IdeaText(
        "pyykkitupa", "Asuntolan pyykkituvalle sähköinen varauslista",
        "Pyykkituvan paperinen varauslista katoaa tai kastuu, ja vuoroista tulee riitaa.",
        "Otetaan käyttöön sähköinen varauslista, jonka opiskelija näkee puhelimestaan.",
        ("asuntola",), "accepted", benefit="customers", author="tapio",
        reason="Hyväksytään. Lista tehdään oppilaitoksen nykyiseen varausjärjestelmään.",
    ),
    IdeaText(
        "tyopaikkaohjaajat", "Perehdytysvideo työpaikkaohjaajille",
        "Työpaikkaohjaajat saavat ohjeet sähköpostin liitteinä, eikä niitä ehditä lukea ennen "
        "opiskelijan tuloa.",
        "Tehdään kymmenen minuutin video, jossa käydään läpi ohjaajan tärkeimmät tehtävät.",
        ("opisto",), "submitted", benefit="both", author="tapio",
    ),
    IdeaText(
        "hiljainen-tila", "Hiljainen opiskelutila asuntolaan",
        "Asuntolan yhteistiloissa on aina melua, eikä tenttiin voi lukea rauhassa.",
        "Muutetaan yksi kerhohuoneista hiljaiseksi lukutilaksi iltaisin.",
        ("asuntola", "opisto"), "submitted", benefit="customers", author="tapio",
    ),
]

# Comments anyone might write on an idea.
COMMENTS = [
    "Kannatan! Sama ongelma toistuu meilläkin lähes joka viikko.",
    "Tätä voisi kokeilla ensin yhdessä yksikössä ja katsoa sitten, miten toimii.",
    "Onko tietohallinnon kanssa jo selvitetty, taipuuko nykyinen järjestelmä tähän?",
    "Hyvä ajatus. Muistetaan ottaa mukaan myös iltavuorolaiset, he jäävät usein tiedotuksen "
    "ulkopuolelle.",
    "Meillä kokeiltiin samantapaista pari vuotta sitten. Silloin se kaatui siihen, ettei "
    "kukaan ehtinyt ylläpitää. Vastuuhenkilö kannattaa sopia heti alussa.",
    "Asiakkaat ovat toivoneet tätä suoraan palautteissaan.",
    "Naapurikunnassa tämä on ollut käytössä jo jonkin aikaa, heiltä voisi kysyä kokemuksia.",
    "Paljonko tämä veisi työaikaa? Jos vähän, niin ehdottomasti kannattaa.",
    "Olen valmis olemaan mukana kokeilussa.",
    "Tätä kannattaisi miettiä koko toimialan kesken eikä vain yhdessä yksikössä.",
    "Tärkeä asia myös työturvallisuuden kannalta.",
    "Hyvä, että joku nosti tämän esiin. Tästä on puhuttu kahvipöydässä jo pitkään.",
    "Kokeilun vaikutusta voisi seurata jollain yksinkertaisella mittarilla, vaikka "
    "asiakaspalautteella.",
    "Tästä voisi pitää lyhyen työpajan, jossa olisi mukana myös asiakkaiden edustajia.",
    "Pienellä rahalla iso vaikutus, peukku tälle.",
    "Kannattaa varmistaa, että ohje on saatavilla myös ruotsiksi.",
]

# What an internal developer writes when picking an idea up.
DEVELOPER_COMMENTS = [
    "Kiitos ideasta! Otan tämän kehittäjätiimin seuraavaan palaveriin ja palaan asiaan.",
    "Kysyin asiasta yksikön esihenkilöltä, ja hän suhtautuu myönteisesti. Valmistelen "
    "arvioinnin.",
    "Tästä on tullut muitakin samansuuntaisia ideoita, joten kokoan ne yhteen.",
    "Pyysin arvioijiksi ihmisiä niistä yksiköistä, joita asia koskee.",
]

# What the author may add after a yes or after a no.
THANKS = {
    "yes": ["Kiitos! Autan mielelläni kokeilun suunnittelussa.",
            "Hienoa! Kerron tästä tiimille seuraavassa palaverissa."],
    "no": ["Kiitos perustelusta, ymmärrän tilanteen.",
           "Harmi, mutta hyvä että asia selvitettiin. Palataan tähän myöhemmin."],
}

# Evaluators' comments for the decision-maker, by how promising they found the idea.
EVALUATION_COMMENTS = {
    "high": [
        "Selkeä hyöty, ja toteutus onnistuu pienellä budjetilla.",
        "Kannattaa ehdottomasti. Vaikutus näkyy nopeasti arjessa.",
        "Hyvä idea, jonka voi aloittaa heti kokeiluna.",
    ],
    "mid": [
        "Kannattaa kokeilla ensin rajatusti.",
        "Hyöty jää pääosin yhteen yksikköön, mutta sielläkin se on merkittävä.",
        "Vaatii järjestelmämuutoksen, joka ei ole nopea, mutta tavoite on oikea.",
        "",
    ],
    "low": [
        "Kustannukset ovat epäselvät; tarvitaan tarjous ennen päätöstä.",
        "Ei mahdu tämän vuoden talousraamiin, vaikka asia on tärkeä.",
        "Hyöty jää pieneksi työmäärään nähden.",
    ],
}
