"""The demo's development acts and the organizations around the demo city that publish them.

Everything here is fiction written for tuuma; e-mail addresses use the reserved .example TLD.
Person keys refer to content.CITY_PEOPLE and content.OTHER_PEOPLE; organization keys to ORGS
below ("city" and "kaisla" are the two demo organizations of content.py).
"""

from dataclasses import dataclass

# Organizations elsewhere in Finland, each with one person who documents and adopts acts.
# key, spec for create_organization, domain, (person name, title)
ORGS = [
    ("kallioniemi", {"name_fi": "Kallioniemen kaupunki", "name_sv": "Kallioniemi stad",
                     "org_type": "city", "municipality": "Kallioniemi",
                     "region": "Pirkanmaa", "business_id": "1732050-2"},
     "kallioniemi.example", ("Riitta Aaltonen", "henkilöstön kehittämisen asiantuntija")),
    ("revonlahti", {"name_fi": "Revonlahden kunta", "org_type": "municipality",
                    "municipality": "Revonlahti", "region": "Pohjois-Pohjanmaa",
                    "business_id": "2236067-2"},
     "revonlahti.example", ("Jouni Paananen", "hallintojohtaja")),
    ("vaarala", {"name_fi": "Vaaralan hyvinvointialue", "name_sv": "Vaarala välfärdsområde",
                 "org_type": "wellbeing_county", "municipality": "Vaarala",
                 "region": "Pohjois-Karjala", "business_id": "1442249-0"},
     "vaarala.example", ("Merja Hyvönen", "kehittämiskoordinaattori")),
    ("rantalahti", {"name_fi": "Rantalahden kaupunki", "name_sv": "Strandviks stad",
                    "org_type": "city", "municipality": "Rantalahti", "region": "Pohjanmaa",
                    "languages": "sv,fi", "business_id": "2645751-9"},
     "strandvik.example", ("Camilla Nyström", "kundservicechef")),
    ("kivikoski", {"name_fi": "Kivikosken ateria- ja puhtauspalvelut liikelaitos",
                   "org_type": "enterprise", "municipality": "Kivikoski",
                   "region": "Keski-Suomi", "business_id": "3162277-7"},
     "kivikoski.example", ("Sirpa Lappalainen", "palvelupäällikkö")),
    ("ilvesjarvi", {"name_fi": "Ilvesjärven kunta", "org_type": "municipality",
                    "municipality": "Ilvesjärvi", "region": "Etelä-Savo",
                    "business_id": "1259921-7"},
     "ilvesjarvi.example", ("Tero Hämäläinen", "kirjastotoimenjohtaja")),
    ("tunturila", {"name_fi": "Tunturilan kunta", "org_type": "municipality",
                   "municipality": "Tunturila", "region": "Lappi", "business_id": "2449489-3"},
     "tunturila.example", ("Aila Magga", "rehtori")),
    ("sarvijoki", {"name_fi": "Sarvijoen seudun kuntayhtymä", "org_type": "joint_authority",
                   "municipality": "Sarvijoki", "region": "Etelä-Pohjanmaa",
                   "business_id": "2828427-9"},
     "sarvijoki.example", ("Kimmo Hautala", "ympäristöterveyspäällikkö")),
    ("kotkanniemi", {"name_fi": "Kotkanniemen kaupunki", "org_type": "city",
                     "municipality": "Kotkanniemi", "region": "Kymenlaakso",
                     "business_id": "3316624-2"},
     "kotkanniemi.example", ("Hanna Sundström", "työllisyyspalvelujen päällikkö")),
]
ORG_DOMAINS = tuple(domain for _key, _spec, domain, _person in ORGS)


@dataclass(frozen=True)
class ActText:
    key: str
    org: str  # "city", "kaisla" or a key of ORGS
    title: str
    summary: str
    need: str
    solution: str
    results: str = ""
    lessons: str = ""
    status: str = "completed"
    themes: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    units: tuple[str, ...] = ()  # unit keys of the city
    team: tuple[str, ...] = ()  # person keys; the first one documents the act
    contacts: tuple = ()  # person keys, or (name, title, e-mail) of someone outside tuuma
    visibility: str = "public"  # public, pending (asked for approval) or internal
    days_ago: int = 60  # when it was published (or last worked on)
    months: tuple[int, int] | None = None  # (start, end) in months before today
    metrics: tuple = ()  # (name, unit, baseline, target, result)
    updates: tuple = ()  # (days ago, person key, text)
    adopted_by: tuple = ()  # (organization key, note, create a linked act?)
    idea: str = ""  # the title of the demo idea it grew from
    language: str = "fi"
    translation: dict | None = None  # {"language": …, "title": …, "summary": …}


CITY_ACTS = [
    ActText(
        "varauskalenteri", "city", "Liikuntatilojen varauskalenteri verkkoon",
        "Kaikkien liikuntatilojen vuorot yhdessä verkkokalenterissa, josta asukas näkee vapaat "
        "ajat ja lähettää varauspyynnön.",
        "", "",  # from the idea
        results="Kalenteri avattiin syyskuussa. Puolet vuoroista varataan nyt verkossa, ja "
                "liikuntatoimiston puhelut ovat vähentyneet selvästi. Myös yhteispalvelupiste "
                "näkee vapaat vuorot suoraan asiakkaan kanssa.",
        lessons="Yhdistysten kausivuorot kannatti siirtää kalenteriin ensimmäisenä: niistä "
                "tuli eniten kysymyksiä. Vahtimestarit merkitsevät huoltokatkot itse, joten "
                "tieto pysyy ajan tasalla.",
        themes=("asiakaslahtoisyys", "digitalisaatio", "yhteistyo"),
        sectors=("kulttuuri", "tekninen"), units=("liikunta", "kiinteisto", "palvelupiste"),
        team=("heidi", "antti", "johanna"), contacts=("antti", "heidi"), days_ago=95,
        months=(9, 4), idea="Liikuntatilojen varauskalenteri verkkoon",
        metrics=(("Verkossa tehdyt varaukset", "%", 0, 40, 52),
                 ("Puhelut liikuntatoimistoon viikossa", "kpl", 120, 60, 55)),
        updates=((200, "antti", "Kartoitimme kaikkien salien ja kenttien nykyiset varauslistat. "
                                "Niitä löytyi yhdeksästä eri paikasta."),
                 (150, "heidi", "Kuukauden kokeilu kahden koulun salissa alkoi tänään."),
                 (100, "antti", "Kalenteri on auki kaikille. Kiitos vahtimestareille!")),
        adopted_by=(("kaisla", "Otamme kalenterin käyttöön opiston liikuntasalissa ja "
                               "asuntolan kerhohuoneissa.", True),
                    ("kallioniemi", "Sama ongelma meillä uimahallin ratavuoroissa.", False),
                    ("ilvesjarvi", "", False)),
    ),
    ActText(
        "mobiilikirjaus", "city", "Kotihoidon käyntikirjaukset puhelimella",
        "Hoitajat kirjaavat käynnin asiakkaan luona puhelimella, eikä kirjauksia tarvitse enää "
        "tehdä toimistolla vuoron lopuksi.",
        "Kotihoidon hoitajat kävivät vuoron jälkeen toimistolla kirjaamassa päivän käynnit. "
        "Kirjaamiseen kului puoli tuntia vuorossa, ja osa tiedosta ehti unohtua.",
        "Otettiin käyttöön potilastietojärjestelmän mobiilikirjaus. Hoitajat kirjaavat käynnin "
        "heti sen päätyttyä. Kokeilu aloitettiin yhdellä tiimillä, ja tiimin kokemukset "
        "koottiin ohjeeksi muille.",
        results="Kirjaukset ovat tarkempia, ja iltavuoro saa tiedot heti. Vuoron lopun "
                "toimistokäynnit jäivät pois.",
        lessons="Puhelimen näppäimistö on pieni: valmiit fraasit yleisimpiin kirjauksiin "
                "nopeuttivat työtä eniten.",
        themes=("digitalisaatio", "prosessit", "tyohyvinvointi"), sectors=("sote",),
        units=("kotihoito", "tietohallinto"), team=("sanna", "laura", "ville"),
        contacts=("sanna",), days_ago=120, months=(12, 5),
        metrics=(("Kirjaamiseen kuluva aika vuorossa", "min", 30, 10, 8),),
        adopted_by=(("vaarala", "Kokeilemme kahdessa kotihoidon tiimissä.", False),),
    ),
    ActText(
        "havikkivaaka", "city", "Kouluruoan hävikki näkyviin ruokalassa",
        "Ruokalan vaaka näyttää päivän lautashävikin, ja oppilaat seuraavat sitä itse.",
        "Kouluruokaa heitettiin pois päivittäin, mutta kukaan ei tiennyt kuinka paljon.",
        "Ruokalan palautuspisteeseen tuli vaaka ja näyttö. Oppilaskunta asetti viikkotavoitteen "
        "ja kertoi tuloksista aamunavauksissa. Ruokapalvelut muutti annoskokoja palautteen "
        "mukaan.",
        results="Lautashävikki pieneni lukukaudessa noin kolmanneksella.",
        themes=("kestava-kehitys", "osallisuus"), sectors=("sivistys", "tukipalvelut"),
        units=("ruoka", "keskuskoulu"), team=("juha", "petri"), contacts=("petri",),
        days_ago=70, months=(8, 3),
        metrics=(("Lautashävikki oppilasta kohden", "g", 28, 20, 18),),
        adopted_by=(("kivikoski", "Tuomme vaa'at kaikkiin kuuteen keittiöön.", False),
                    ("tunturila", "", False)),
    ),
    ActText(
        "aurauskartta", "city", "Aurausjärjestys kartalle verkkoon",
        "Kartta näyttää, missä järjestyksessä kadut aurataan ja missä aura on viimeksi käynyt.",
        "Lumisina aamuina katupuhelin soi jatkuvasti, kun asukkaat kysyivät, milloin heidän "
        "katunsa aurataan.",
        "Aurauskaluston paikannustiedot yhdistetään kaupungin karttapalveluun. Ensimmäisessä "
        "vaiheessa kartalla ovat pääkadut ja kevyen liikenteen väylät.",
        status="in_progress", themes=("digitalisaatio", "viestinta", "asiakaslahtoisyys"),
        sectors=("tekninen",), units=("katu", "kaavoitus"), team=("mikko", "matti", "hannu"),
        contacts=("matti",), days_ago=25, months=(3, None),
        updates=((40, "matti", "Paikantimet on asennettu kaikkiin neljään auraukseen."),
                 (10, "hannu", "Karttataso on testikäytössä. Palautetta otetaan vastaan.")),
    ),
    ActText(
        "valmennus", "city", "Sisäisten kehittäjien valmennus eri toimialoille",
        "Neljäkymmentä työntekijää kuudelta toimialalta valmentautui sisäisiksi kehittäjiksi ja "
        "vei kukin ryhmä yhden kehittämistavoitteen käytäntöön.",
        "Kehittäminen oli jäänyt johtoryhmän asiaksi, eikä hyviä ideoita saatu leviämään "
        "yksiköstä toiseen.",
        "Valmennus järjestettiin viitenä päivänä puolen vuoden aikana. Ryhmät valitsivat "
        "tavoitteensa itse: liikuntatilojen varaukset, asiakaspalvelu, tilojen käyttö, "
        "tiedonkulku teknisessä toimessa ja koulujen yhteistyö. Valmennuspäivien välissä "
        "ryhmät kokeilivat ja kertoivat kokemuksistaan seuraavalla kerralla.",
        results="Jokainen ryhmä sai tavoitteensa käyntiin, ja kolme niistä on jo julkaistu "
                "kehittämistekoina. Osallistujat saivat todistukset.",
        lessons="Toimialojen sekaryhmät toivat eniten uusia ajatuksia. Esihenkilöiden tuki "
                "kokeiluille piti sopia jo ennen ensimmäistä päivää.",
        themes=("osaaminen", "kokeilukulttuuri", "yhteistyo"), sectors=("hallinto",),
        units=("henkilosto",), team=("marjo", "henna"), contacts=("marjo",), days_ago=160,
        months=(14, 8),
        metrics=(("Valmennetut kehittäjät", "henkilöä", 0, 40, 38),
                 ("Käynnistyneet kehittämistavoitteet", "kpl", 0, 5, 5)),
    ),
    ActText(
        "sijaisuudet", "city", "Sihteerien sijaisuudet yli toimialarajojen",
        "Yhteispalvelupisteen ja toimialojen sihteerit sijaistavat toisiaan yhteisen "
        "tehtäväkuvauksen ja vuorolistan avulla.",
        "Kun sihteeri sairastui, hänen tehtävänsä jäivät odottamaan, koska muiden toimialojen "
        "sihteerit eivät tunteneet niitä.",
        "Henkilöstö kuvasi yhdessä keskeiset tehtävät työpajoissa, jotka suunniteltiin "
        "johdon ja luottamusmiesten kanssa. Jokaiselle tehtävälle nimettiin varahenkilö, ja "
        "sihteerit kiersivät päivän toistensa työssä.",
        results="Sijainen löytyy nyt samana päivänä. Koulutustarpeet kartoitettiin, ja "
                "tehtävänkuvat päivitetään seuraavaksi.",
        themes=("yhteistyo", "prosessit", "tyohyvinvointi"), sectors=("hallinto", "tukipalvelut"),
        units=("palvelupiste", "talous"), team=("marjo", "johanna", "eija"),
        contacts=("johanna", ("Pirkko Salmi", "hallintosihteeri", "pirkko.salmi@tuumala.example")),
        days_ago=210, months=(18, 10),
    ),
    ActText(
        "omatoimikirjasto", "city", "Omatoimikirjasto iltaisin ja viikonloppuisin",
        "Pääkirjastoon pääsee kirjastokortilla myös silloin, kun henkilökuntaa ei ole paikalla.",
        "", "", status="in_progress", themes=("asiakaslahtoisyys",), sectors=("kulttuuri",),
        units=("kirjasto",), team=("heidi", "aino"), contacts=("aino",), visibility="pending",
        days_ago=6, months=(2, None), idea="Omatoimikirjasto iltaisin ja viikonloppuisin",
        updates=((20, "aino", "Kulunvalvonnan tarjous saatiin. Asennus on sovittu "
                              "ensi kuulle."),),
    ),
    ActText(
        "sijaispankki", "city", "Päiväkotien yhteinen sijaispankki",
        "Päiväkodit jakavat yhteisen listan sijaisista ja sopivat aamuisin, kuka menee minne.",
        "Aamulla sairastumisten jälkeen johtajat soittivat samoille sijaisille päällekkäin.",
        "Kokeillaan yhteistä sijaislistaa ja aamun tekstiviestiketjua kahden päiväkodin kesken.",
        status="in_progress", themes=("tyohyvinvointi", "prosessit"), sectors=("sivistys",),
        units=("pikkukarhu", "kielo"), team=("minna", "niina"), contacts=("minna",),
        visibility="internal", days_ago=15, months=(2, None),
    ),
    ActText(
        "vikailmoitukset", "city", "Kiinteistöjen vikailmoitukset yhteen paikkaan",
        "Yksi lomake kaikille kiinteistöjen vikailmoituksille ja näkymä siihen, missä vaiheessa "
        "korjaus on.",
        "Vikailmoituksia tulee puhelimella, sähköpostilla ja käytävällä, ja osa unohtuu.",
        "Suunnitteilla on sähköinen lomake, jonka ilmoitukset menevät suoraan "
        "kiinteistönhoitajien työjonoon.",
        status="planned", themes=("prosessit", "digitalisaatio"), sectors=("tekninen",),
        units=("kiinteisto",), team=("mikko", "tuomas"), contacts=("tuomas",),
        visibility="internal", days_ago=4,
    ),
    ActText(
        "vertaismentorointi", "city", "Vertaismentorointi uusille esihenkilöille",
        "Uusi esihenkilö saa kokeneemman kollegan toiselta toimialalta tueksi ensimmäiseksi "
        "vuodeksi.",
        "Uudet esihenkilöt kokivat jäävänsä yksin, ja samoja kysymyksiä ratkottiin jokaisessa "
        "yksikössä erikseen.",
        "Mentoriparit tapaavat kerran kuussa. Henkilöstöpalvelut kokoaa parit ja järjestää "
        "kaksi yhteistä tapaamista vuodessa.",
        results="Ensimmäiset kahdeksan paria aloittivat. Väliarvioinnissa kaikki uudet "
                "esihenkilöt suosittelivat mentorointia.",
        status="in_progress", themes=("johtaminen", "tyohyvinvointi", "osaaminen"),
        sectors=("hallinto",), units=("henkilosto",), team=("henna", "marjo"),
        contacts=("henna",), days_ago=45, months=(6, None),
        metrics=(("Mentoriparit", "kpl", 0, 12, 8),),
    ),
    ActText(
        "takaisinsoitto", "city", "Takaisinsoitto yhteispalvelupisteen puhelinjonoon",
        "Soittaja voi jättää numeronsa jonoon, ja palvelupiste soittaa takaisin.",
        "Ruuhka-aikoina puhelinjono kesti yli kymmenen minuuttia, ja moni luopui soitostaan.",
        "Puhelinjärjestelmään otettiin käyttöön takaisinsoitto. Takaisinsoitot jaetaan "
        "palvelusihteereille hiljaisempiin tunteihin.",
        results="Keskimääräinen jonotusaika lyheni neljään minuuttiin.",
        themes=("asiakaslahtoisyys", "prosessit"), sectors=("hallinto",),
        units=("palvelupiste",), team=("johanna", "ville"), contacts=("johanna",),
        days_ago=140, months=(10, 6),
        metrics=(("Keskimääräinen jonotusaika", "min", 12, 5, 4),),
    ),
    ActText(
        "ulkoiluystavat", "city", "Vapaaehtoiset ulkoiluystävät palvelutaloon",
        "Seurakunnan ja järjestöjen vapaaehtoiset ulkoilevat palvelutalon asukkaiden kanssa "
        "viikoittain.",
        "Asukkaat pääsivät ulos harvoin, koska hoitajien aika ei riittänyt saattamiseen.",
        "Palvelutalo sopi paikallisten järjestöjen kanssa ulkoiluvuoroista, ja vapaaehtoiset "
        "perehdytettiin yhdessä iltapäivässä.",
        results="Jokainen halukas asukas pääsee ulos vähintään kerran viikossa.",
        themes=("osallisuus", "yhteistyo"), sectors=("sote",), units=("iltarusko",),
        team=("sanna", "sari"), contacts=("sari",), days_ago=80, months=(9, 5),
        translation={"language": "sv", "title": "Frivilliga utevänner till servicehuset",
                     "summary": "Frivilliga från församlingen och föreningar går ut med "
                                "servicehusets invånare varje vecka."},
    ),
    ActText(
        "nuorisotila", "city", "Nuorisotilan aukiolot nuorten päätettäviksi",
        "Nuoret saivat päättää nuorisotilan aukioloajoista kokeilukauden ajan.",
        "Nuorisotila oli hiljainen arki-iltaisin mutta suljettu perjantaisin, jolloin nuoret "
        "olisivat tulleet.",
        "Nuorisovaltuusto teki kyselyn, ja aukiolot siirrettiin kolmeksi kuukaudeksi sen "
        "mukaisiksi.",
        results="Kävijämäärä kasvoi perjantaisin, mutta kokeilu keskeytettiin, kun "
                "iltavuoroihin ei saatu toista ohjaajaa.",
        lessons="Henkilöstön työvuorot olisi pitänyt suunnitella yhdessä nuorten kanssa jo "
                "alussa. Kokeilu kannattaa uusia, kun ohjaajaresurssi on varmistettu.",
        status="discontinued", themes=("osallisuus", "kokeilukulttuuri"),
        sectors=("kulttuuri",), units=("nuoriso",), team=("jukka",), contacts=("jukka",),
        days_ago=100, months=(7, 4),
    ),
    ActText(
        "tietoturvavideot", "city", "Tietoturvakoulutus lyhyinä videoina",
        "Kolmen minuutin videot tietoturvan perusasioista koko henkilöstölle.",
        "Vuosittainen tietoturvakoulutus kesti kaksi tuntia, ja sen suoritti alle puolet.",
        "Tietohallinto teki kuusi lyhyttä videota, jotka katsotaan työpaikkakokouksissa.",
        results="Kaikki toimialat ovat katsoneet videot.",
        themes=("osaaminen", "turvallisuus"), sectors=("tukipalvelut",),
        units=("tietohallinto",), team=("ville",), contacts=("ville",), visibility="internal",
        days_ago=55, months=(5, 2),
    ),
]

OTHER_ACTS = [
    ActText(
        "asuntolakokous", "kaisla", "Asuntolan yhteisökokoukset opiskelijoiden vetäminä",
        "Opiskelija-asuntolan asukkaat kokoontuvat kuukausittain sopimaan yhteisistä asioista.",
        "Asuntolan säännöistä päätettiin opiston toimistossa, ja opiskelijat kokivat ne "
        "vieraiksi.",
        "Asukkaat valitsevat vuorotellen kokouksen vetäjän. Ohjaaja on mukana, mutta ei johda.",
        results="Siivousvuorot ja hiljaiset tunnit sovittiin uudelleen, ja riitoja on ollut "
                "vähemmän.",
        themes=("osallisuus",), sectors=("sivistys",), team=("outi",),
        contacts=("tapio",), days_ago=130, months=(10, 5),
    ),
    ActText(
        "etatyo", "kallioniemi", "Etätyön pelisäännöt yhdessä henkilöstön kanssa",
        "Jokainen työyhteisö sopi omat etätyön pelisääntönsä yhteisen pohjan päälle.",
        "Etätyöstä oli tullut pysyvää, mutta käytännöt vaihtelivat ja aiheuttivat "
        "epätasa-arvon kokemuksia.",
        "Henkilöstö ja esihenkilöt tekivät yhteisen pohjan työpajoissa. Työyhteisöt "
        "täydensivät sen omiin tarpeisiinsa, ja pelisäännöt tarkistetaan vuosittain.",
        results="Pelisäännöt ovat käytössä kaikissa työyhteisöissä. Työhyvinvointikyselyssä "
                "etätyön sujuvuus nousi.",
        themes=("johtaminen", "tyohyvinvointi"), sectors=("hallinto",), days_ago=230,
        months=(20, 12),
        adopted_by=(("city", "Käytämme pohjaa kaupungin etätyöohjeen uudistuksessa.", False),),
    ),
    ActText(
        "selkokieli", "kallioniemi", "Valtuuston esityslistat selkokielisiksi",
        "Esityslistojen tärkeimmät asiat kerrotaan selkokielisenä tiivistelmänä.",
        "Asukkaat eivät ymmärtäneet esityslistoja, eikä päätöksenteosta juuri kysytty.",
        "Valmistelijat saivat selkokielen koulutuksen, ja jokaiseen pykälään kirjoitetaan "
        "kolmen virkkeen tiivistelmä.",
        status="in_progress", themes=("viestinta", "osallisuus"), sectors=("hallinto",),
        days_ago=35, months=(4, None),
    ),
    ActText(
        "strategiatyopajat", "revonlahti", "Kunnan strategia koko henkilöstön työpajoissa",
        "Koko 150 hengen henkilöstö osallistui kuntastrategian linjausten valmisteluun.",
        "Edellinen strategia oli jäänyt henkilöstölle etäiseksi, eikä sitä tunnistettu omassa "
        "työssä.",
        "Jokainen työyhteisö piti kaksi työpajaa, joiden tulokset koottiin valtuuston "
        "seminaariin.",
        results="Strategian toimenpiteistä kolmannes tuli henkilöstön työpajoista. Henkilöstö "
                "tuntee strategian ja kertoo sen näkyvän omassa työssä.",
        themes=("osallisuus", "johtaminen"), sectors=("hallinto",), days_ago=300,
        months=(24, 16),
        adopted_by=(("sarvijoki", "", False),),
    ),
    ActText(
        "paivystys", "vaarala", "Päivystyksen ajanvaraus takaisinsoitolla",
        "Kiireetöntä asiaa soittava saa takaisinsoittoajan jonottamisen sijaan.",
        "Päivystyksen puhelinjonot olivat iltaisin pitkiä, ja moni tuli paikan päälle "
        "kiireettömän asian kanssa.",
        "Hoidon tarpeen arvioija soittaa takaisin sovittuna aikana ja varaa tarvittaessa ajan "
        "terveysasemalle.",
        results="Kiireettömät käynnit päivystyksessä vähenivät viidenneksellä.",
        themes=("asiakaslahtoisyys", "digitalisaatio"), sectors=("sote",), days_ago=65,
        months=(9, 3),
        metrics=(("Kiireettömät päivystyskäynnit kuukaudessa", "kpl", 900, 750, 720),),
    ),
    ActText(
        "kotiutus", "vaarala", "Kotiutustiimi sairaalasta kotiin",
        "Kotiutustiimi käy iäkkään potilaan luona kotiutuspäivänä ja seuraavana päivänä.",
        "Kotiutuksen jälkeen potilaat palasivat usein sairaalaan muutaman päivän kuluessa.",
        "Sairaalan ja kotihoidon yhteinen tiimi suunnittelee kotiutuksen ja varmistaa, että "
        "lääkkeet ja apuvälineet ovat kotona.",
        status="in_progress", themes=("yhteistyo", "prosessit"), sectors=("sote",),
        days_ago=20, months=(5, None),
    ),
    ActText(
        "kaksikielisyys", "rantalahti", "Tvåspråkig kundservice i samservicepunkten",
        "Kunden får alltid betjäning på sitt eget språk, finska eller svenska.",
        "Svenskspråkiga kunder fick ibland vänta på en tjänsteman som talar svenska.",
        "Personalen gick en kurs i kundservicesvenska och -finska, och skiftlistan planeras så "
        "att båda språken alltid finns på plats.",
        results="Kunderna får betjäning på sitt eget språk under alla öppettider.",
        themes=("asiakaslahtoisyys", "osaaminen"), sectors=("hallinto",), days_ago=110,
        months=(12, 6), language="sv",
    ),
    ActText(
        "siivousmitoitus", "kivikoski", "Siivous tilojen todellisen käytön mukaan",
        "Siivouksen tiheys mitoitetaan sen mukaan, miten paljon tiloja oikeasti käytetään.",
        "Osaa tiloista siivottiin päivittäin, vaikka niitä käytettiin kerran viikossa.",
        "Tilojen käyttöaste mitattiin kuukauden ajan anturien avulla, ja siivoussuunnitelmat "
        "tehtiin uudelleen yhdessä laitoshuoltajien kanssa.",
        results="Vapautunut työaika siirrettiin kouluihin ja päiväkoteihin, joissa tarve on "
                "suurin.",
        themes=("prosessit", "kestava-kehitys"), sectors=("tukipalvelut",), days_ago=180,
        months=(14, 7),
        adopted_by=(("city", "Kokeilemme Keskuskoulussa ja kaupungintalolla.", False),),
    ),
    ActText(
        "kirjastoauto", "ilvesjarvi", "Kirjastoauton reitit asukkaiden toiveista",
        "Kyläläiset saivat ehdottaa kirjastoauton pysäkkejä ja aikoja.",
        "Kirjastoauton reitit olivat pysyneet samoina vuosikymmenen, vaikka asutus oli "
        "muuttunut.",
        "Kysely kylätalkoissa ja verkossa. Reitit suunniteltiin uudelleen ja koulujen "
        "pysäkit siirrettiin koulupäivän aikaan.",
        results="Lainaus kasvoi ja uusia asiakkaita tuli erityisesti lapsiperheistä.",
        themes=("osallisuus", "asiakaslahtoisyys"), sectors=("kulttuuri",), days_ago=90,
        months=(8, 3),
    ),
    ActText(
        "etaopetus", "tunturila", "Etäopetus kyläkoulujen kesken",
        "Kolme kyläkoulua opettaa valinnaisaineita yhdessä etäyhteyksin.",
        "Pienissä kouluissa valinnaisaineita ei voitu tarjota, koska oppilaita ja opettajia "
        "oli vähän.",
        "Opettajat jakoivat aineet keskenään, ja tunnit pidetään yhteisinä etätunteina. "
        "Kerran kuussa oppilaat tapaavat toisensa.",
        results="Valinnaisaineiden tarjonta kolminkertaistui.",
        lessons="Hyvä äänentoisto on tärkeämpi kuin kuva.",
        themes=("digitalisaatio", "yhteistyo"), sectors=("sivistys",), days_ago=150,
        months=(16, 8),
    ),
    ActText(
        "tarkastukset", "sarvijoki", "Ympäristöterveyden tarkastukset mobiililaitteella",
        "Tarkastaja täyttää tarkastuskertomuksen tabletilla kohteessa.",
        "Tarkastuskertomukset kirjoitettiin puhtaaksi toimistolla, ja niiden lähettäminen "
        "kesti viikkoja.",
        "Tarkastuslomakkeet siirrettiin tabletille, ja kertomus lähtee kohteeseen saman "
        "päivän aikana.",
        results="Kertomukset lähtevät keskimäärin kahdessa päivässä aiemman kolmen viikon "
                "sijaan.",
        themes=("digitalisaatio", "prosessit"), sectors=("tekninen",), days_ago=75,
        months=(10, 4),
    ),
    ActText(
        "asiakasohjaus", "kotkanniemi", "Työllisyyspalvelujen yhteinen asiakasohjaus",
        "Työnhakija ohjataan yhdellä tapaamisella oikeaan palveluun.",
        "Asiakas kiersi kunnan, työvoimapalvelujen ja oppilaitosten välillä ja kertoi "
        "tarinansa moneen kertaan.",
        "Palvelujen edustajat tapaavat asiakkaan yhdessä, ja ohjaus kirjataan yhteiseen "
        "suunnitelmaan.",
        status="in_progress", themes=("yhteistyo", "asiakaslahtoisyys"),
        sectors=("elinvoima",), days_ago=30, months=(6, None),
    ),
]

ALL_ACTS = CITY_ACTS + OTHER_ACTS
