"""Finnish building blocks for synthetic data at scale: places, services, problems, solutions.

Written for tuuma. Combined at random they make titles and texts that read like real
development acts and ideas, inflect like real Finnish and share words across organizations, so
search and similarity have realistic work to do.
"""

# Place-name parts: (nominative ending, genitive ending) for the last part of a compound.
PLACE_HEADS = ["Kallio", "Järvi", "Mänty", "Koivu", "Haapa", "Lehto", "Kivi", "Ranta", "Vaara",
               "Suvi", "Kuusi", "Pihlaja", "Tammi", "Sammal", "Kataja", "Hirvi", "Kotka",
               "Joutsen", "Karhu", "Ilves", "Routa", "Halla", "Lumi", "Kaisla", "Kulta", "Honka",
               "Paju", "Lepo", "Vesi", "Saari", "Ahven", "Kurki", "Revon", "Tervas", "Kanerva"]
PLACE_TAILS = [("la", "lan"), ("järvi", "järven"), ("koski", "kosken"), ("niemi", "niemen"),
               ("vaara", "vaaran"), ("lahti", "lahden"), ("salmi", "salmen"), ("mäki", "mäen"),
               ("kylä", "kylän"), ("ranta", "rannan"), ("harju", "harjun"),
               ("kangas", "kankaan"), ("suo", "suon"), ("joki", "joen"), ("saari", "saaren")]
# Organization types and how the name is formed from the place's genitive.
ORG_FORMS = [("city", "{} kaupunki", 30), ("municipality", "{} kunta", 40),
             ("joint_authority", "{} seudun kuntayhtymä", 10),
             ("wellbeing_county", "{} hyvinvointialue", 8),
             ("enterprise", "{} tilapalvelut liikelaitos", 7), ("other", "{} kuntapalvelut Oy", 5)]

# Where the work is done: (genitive, illative, sector slug, unit name)
TARGETS = [
    ("kotihoidon", "kotihoitoon", "sote", "Kotihoito"),
    ("terveysaseman", "terveysasemalle", "sote", "Terveysasema"),
    ("hammashoitolan", "hammashoitolaan", "sote", "Suun terveydenhuolto"),
    ("palvelutalon", "palvelutaloon", "sote", "Palvelutalo"),
    ("sosiaalitoimiston", "sosiaalitoimistoon", "sote", "Sosiaalipalvelut"),
    ("neuvolan", "neuvolaan", "sote", "Neuvola"),
    ("päiväkodin", "päiväkotiin", "sivistys", "Päiväkoti"),
    ("koulun", "kouluun", "sivistys", "Koulu"),
    ("lukion", "lukioon", "sivistys", "Lukio"),
    ("koulukuljetusten", "koulukuljetuksiin", "sivistys", "Opetustoimi"),
    ("kirjaston", "kirjastoon", "kulttuuri", "Kirjasto"),
    ("uimahallin", "uimahalliin", "kulttuuri", "Liikuntapalvelut"),
    ("nuorisotilan", "nuorisotilaan", "kulttuuri", "Nuorisopalvelut"),
    ("kansalaisopiston", "kansalaisopistoon", "kulttuuri", "Kansalaisopisto"),
    ("museon", "museoon", "kulttuuri", "Museo"),
    ("katukunnossapidon", "katukunnossapitoon", "tekninen", "Katu- ja viheralueet"),
    ("rakennusvalvonnan", "rakennusvalvontaan", "tekninen", "Rakennusvalvonta"),
    ("vesihuollon", "vesihuoltoon", "tekninen", "Vesihuolto"),
    ("jätehuollon", "jätehuoltoon", "tekninen", "Jätehuolto"),
    ("kiinteistöhuollon", "kiinteistöhuoltoon", "tekninen", "Kiinteistöpalvelut"),
    ("ruokapalvelujen", "ruokapalveluihin", "tukipalvelut", "Ruokapalvelut"),
    ("siivouspalvelujen", "siivouspalveluihin", "tukipalvelut", "Siivouspalvelut"),
    ("taloushallinnon", "taloushallintoon", "tukipalvelut", "Taloushallinto"),
    ("palkanlaskennan", "palkanlaskentaan", "tukipalvelut", "Palkkahallinto"),
    ("tietohallinnon", "tietohallintoon", "tukipalvelut", "Tietohallinto"),
    ("asiakaspalvelupisteen", "asiakaspalvelupisteeseen", "hallinto", "Asiakaspalvelu"),
    ("kirjaamon", "kirjaamoon", "hallinto", "Kirjaamo"),
    ("henkilöstöpalvelujen", "henkilöstöpalveluihin", "hallinto", "Henkilöstöpalvelut"),
    ("työllisyyspalvelujen", "työllisyyspalveluihin", "elinvoima", "Työllisyyspalvelut"),
    ("yrityspalvelujen", "yrityspalveluihin", "elinvoima", "Elinkeinopalvelut"),
    ("pelastusaseman", "pelastusasemalle", "pelastus", "Pelastusasema"),
]

# What was made: (nominative, theme slugs it suggests)
SOLUTIONS = [
    ("sähköinen ajanvaraus", ("digitalisaatio", "asiakaslahtoisyys")),
    ("takaisinsoittopalvelu", ("asiakaslahtoisyys", "prosessit")),
    ("yhteinen varauskalenteri", ("digitalisaatio", "yhteistyo")),
    ("mobiilikirjaus", ("digitalisaatio", "prosessit")),
    ("perehdytysmalli", ("osaaminen", "tyohyvinvointi")),
    ("vertaismentorointi", ("osaaminen", "johtaminen")),
    ("työnkiertokokeilu", ("osaaminen", "kokeilukulttuuri")),
    ("asiakasraati", ("osallisuus", "asiakaslahtoisyys")),
    ("palautekanava", ("asiakaslahtoisyys", "viestinta")),
    ("viikkotiedote", ("viestinta",)),
    ("työvuorosuunnittelun uudistus", ("tyohyvinvointi", "prosessit")),
    ("sijaisjärjestelyjen malli", ("yhteistyo", "prosessit")),
    ("hävikin seuranta", ("kestava-kehitys", "talous")),
    ("energiansäästökokeilu", ("kestava-kehitys", "talous")),
    ("tilojen yhteiskäyttö", ("yhteistyo", "talous")),
    ("chat-neuvonta", ("digitalisaatio", "asiakaslahtoisyys")),
    ("selkokielinen ohjeistus", ("viestinta", "osallisuus")),
    ("turvallisuuskävely", ("turvallisuus", "tyohyvinvointi")),
    ("ideointityöpaja", ("kokeilukulttuuri", "osallisuus")),
    ("laskujen sähköinen käsittely", ("digitalisaatio", "talous")),
    ("etätyön pelisäännöt", ("johtaminen", "tyohyvinvointi")),
    ("asiakasohjauksen toimintamalli", ("prosessit", "yhteistyo")),
    ("omatoimiaika", ("asiakaslahtoisyys",)),
    ("tarkistuslista", ("prosessit", "turvallisuus")),
    ("videokoulutus", ("osaaminen", "digitalisaatio")),
    ("kehityskeskustelumalli", ("johtaminen", "osaaminen")),
]
SOLUTION_ILLATIVE = ["Uusi toimintamalli", "Sähköinen lomake", "Mobiilisovellus",
                     "Takaisinsoitto", "Tekstiviestimuistutus", "Yhteinen kalenteri",
                     "Palautekysely", "Kokeilukulttuuri", "Tilannekuvanäyttö",
                     "Vertaistuki", "Sähköinen allekirjoitus", "Robotiikka"]

# Sentences: {t} = target genitive (lower case), {s} = solution, {n}/{m} numbers.
NEEDS = [
    "Asiakkaat joutuivat jonottamaan puhelimessa pitkään, ja moni luopui soitostaan.",
    "{T} työntekijät käyttivät paljon aikaa tietojen kirjaamiseen kahteen kertaan.",
    "Tieto kulki {t} yksiköiden välillä sähköpostilla, ja osa viesteistä hukkui.",
    "Uudet työntekijät kokivat perehdytyksen hajanaiseksi ja sattumanvaraiseksi.",
    "Sijaisia etsittiin aamuisin puhelimella, mikä vei esihenkilöltä tunnin päivässä.",
    "Asiakaspalautetta kertyi, mutta sitä ei käsitelty järjestelmällisesti.",
    "{T} tilat olivat iltaisin tyhjillään, vaikka yhdistykset etsivät kokoontumispaikkoja.",
    "Laskujen käsittely kesti viikkoja, ja viivästyskorkoja maksettiin turhaan.",
    "Henkilöstökyselyssä työn kuormittavuus nousi suurimmaksi huolenaiheeksi.",
    "Asiakkaat eivät löytäneet ohjeita verkosta ja soittivat samoista asioista.",
    "Ruokaa ja tarvikkeita heitettiin pois, koska tilaukset tehtiin arvioiden perusteella.",
    "Kehittämisideoita syntyi, mutta niille ei ollut selvää käsittelypaikkaa.",
    "Asiakas joutui kertomaan asiansa usealle eri työntekijälle.",
    "Työvuorolistat tehtiin käsin, ja muutokset aiheuttivat päällekkäisyyksiä.",
    "Ajanvaraukset jäivät käyttämättä, koska asiakkaat unohtivat aikansa.",
]
GOALS = [
    "Tavoitteena oli lyhentää asiakkaan odotusaikaa ja vapauttaa työaikaa asiakastyöhön.",
    "Tavoitteena oli, että tieto löytyy yhdestä paikasta kaikille.",
    "Haluttiin kokeilla, voisiko {s} keventää arkea ilman lisäkustannuksia.",
    "Tavoitteeksi asetettiin, että jokainen uusi työntekijä pääsee työhön kiinni viikossa.",
    "Tavoitteena oli vähentää turhia yhteydenottoja puoleen.",
    "Tarkoituksena oli ottaa henkilöstön osaaminen paremmin käyttöön.",
]
SOLUTION_SENTENCES = [
    "Henkilöstö suunnitteli ratkaisun yhdessä työpajoissa, ja sitä kokeiltiin {n} kuukautta.",
    "Otettiin käyttöön {s}, jota kokeiltiin ensin yhdessä yksikössä.",
    "Sisäiset kehittäjät kokosivat ideat, ja esihenkilöt valitsivat kokeiltavat ratkaisut.",
    "Kokeilun aikana kerättiin palautetta sekä asiakkailta että työntekijöiltä.",
    "Käytännöt kirjattiin lyhyeksi ohjeeksi, joka on kaikkien saatavilla intrassa.",
    "Yhteistyössä tietohallinnon kanssa nykyiseen järjestelmään lisättiin uusi toiminto.",
    "Kokeilu laajennettiin kaikkiin toimipisteisiin, kun ensimmäiset tulokset olivat hyviä.",
    "Työnjakoa muutettiin niin, että jokaisella tehtävällä on nimetty vastuuhenkilö.",
    "Asiakkaat otettiin mukaan testaamaan ratkaisua jo suunnitteluvaiheessa.",
    "Ratkaisu rakennettiin olemassa olevista välineistä, joten kustannukset jäivät pieniksi.",
]
RESULTS = [
    "Odotusajat lyhenivät noin {m} prosenttia.",
    "Asiakaspalaute parani selvästi, ja kiitoksia on tullut aiempaa enemmän.",
    "Työntekijät kokevat työn sujuvammaksi, ja sairauspoissaolot vähenivät.",
    "Puhelut vähenivät {m} prosenttia ensimmäisen puolen vuoden aikana.",
    "Säästöä syntyi noin {n} 000 euroa vuodessa.",
    "Toimintamalli on levinnyt jo {n} muuhun yksikköön.",
    "Tulokset arvioidaan vuoden kuluttua, mutta ensimmäiset kokemukset ovat myönteisiä.",
    "Perehdytyksen kesto lyheni, ja uudet työntekijät antoivat siitä hyvää palautetta.",
]
LESSONS = [
    "Pienestä kannatti aloittaa: ensimmäinen kokeilu kesti vain muutaman viikon.",
    "Esihenkilön tuki ratkaisi, saivatko työntekijät aikaa kokeiluun.",
    "Asiakkaat olisi pitänyt ottaa mukaan jo aiemmin.",
    "Yhteinen kieli eri ammattiryhmien kesken syntyi vasta työpajoissa.",
    "Mittari kannattaa sopia ennen kokeilun alkua.",
]

# Ideas: (title pattern, problem, proposal); {t} = target genitive, {i} = illative.
IDEA_TITLES = ["{S} {i}", "{T} {s}", "Kokeillaan: {s} {i}", "{T} {s} kaikille",
               "Parempi {s} {i}"]
IDEA_PROBLEMS = NEEDS
IDEA_PROPOSALS = [
    "Ehdotan kolmen kuukauden kokeilua: {s} {i}.",
    "Otetaan {s} käyttöön ensin yhdessä tiimissä ja laajennetaan, jos se toimii.",
    "Voisimmeko ottaa mallia naapurikunnasta, jossa {s} on jo käytössä?",
    "Kootaan pieni ryhmä miettimään yhdessä asiakkaiden kanssa, miten {s} toimisi {t} "
    "arjessa.",
    "Sovitaan vastuuhenkilö ja viikoittainen hetki, jolloin asia hoidetaan.",
]

FIRST_NAMES = ["Aino", "Anna", "Anu", "Eeva", "Elina", "Hanna", "Heidi", "Helena", "Johanna",
               "Kaisa", "Katja", "Laura", "Leena", "Maija", "Marja", "Minna", "Niina", "Outi",
               "Päivi", "Riikka", "Sanna", "Satu", "Tiina", "Tuula", "Antti", "Ari", "Eero",
               "Heikki", "Jari", "Juha", "Jukka", "Kari", "Lauri", "Markku", "Matti", "Mikko",
               "Pekka", "Petri", "Sami", "Timo", "Tuomas", "Veli", "Ville", "Olli", "Jussi"]
LAST_NAMES = ["Aalto", "Heikkinen", "Hämäläinen", "Järvinen", "Karjalainen", "Koskinen",
              "Korhonen", "Laine", "Lehtonen", "Lehtinen", "Leinonen", "Mäkelä", "Mäkinen",
              "Niemi", "Nieminen", "Ojala", "Rantanen", "Salminen", "Salo", "Savolainen",
              "Tuominen", "Turunen", "Virtanen", "Väisänen", "Hiltunen", "Kettunen", "Miettinen"]
JOB_TITLES = ["kehittämiskoordinaattori", "palveluesihenkilö", "sairaanhoitaja", "lähihoitaja",
              "rehtori", "varhaiskasvatuksen opettaja", "kirjastonhoitaja", "suunnittelija",
              "palvelusihteeri", "työnjohtaja", "asiantuntija", "henkilöstöpäällikkö",
              "liikuntasuunnittelija", "talouspäällikkö", "projektipäällikkö"]
