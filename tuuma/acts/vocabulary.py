"""The controlled lists the catalogue is filtered by: themes and national sectors.

Names are given in Finnish, Swedish and English. The data migration and `ensure_vocabulary()`
keep the tables in step with these lists (new entries are added, names updated).
"""

THEMES = [  # slug, fi, sv, en
    ("asiakaslahtoisyys", "asiakaslähtöisyys", "kundorientering", "customer focus"),
    ("digitalisaatio", "digitalisaatio", "digitalisering", "digitalisation"),
    ("tyohyvinvointi", "työhyvinvointi", "välbefinnande i arbetet", "wellbeing at work"),
    ("johtaminen", "johtaminen", "ledarskap", "leadership"),
    ("yhteistyo", "yhteistyö", "samarbete", "collaboration"),
    ("prosessit", "prosessit", "processer", "processes"),
    ("osaaminen", "osaaminen", "kompetens", "skills"),
    ("osallisuus", "osallisuus", "delaktighet", "participation"),
    ("kestava-kehitys", "kestävä kehitys", "hållbar utveckling", "sustainability"),
    ("viestinta", "viestintä", "kommunikation", "communication"),
    ("talous", "talous", "ekonomi", "finances"),
    ("turvallisuus", "turvallisuus", "säkerhet", "safety"),
    ("kokeilukulttuuri", "kokeilukulttuuri", "försökskultur", "culture of experimentation"),
]

SECTORS = [  # slug, fi, sv, en
    ("hallinto", "yleishallinto", "allmän förvaltning", "general administration"),
    ("sote", "sosiaali- ja terveyspalvelut", "social- och hälsovårdstjänster",
     "social and health services"),
    ("sivistys", "varhaiskasvatus ja opetus", "småbarnspedagogik och utbildning",
     "early childhood education and schools"),
    ("kulttuuri", "kulttuuri ja vapaa-aika", "kultur och fritid", "culture and leisure"),
    ("tekninen", "tekniset palvelut ja ympäristö", "tekniska tjänster och miljö",
     "technical services and environment"),
    ("elinvoima", "elinvoima ja työllisyys", "livskraft och sysselsättning",
     "economic vitality and employment"),
    ("pelastus", "pelastustoimi", "räddningsväsendet", "rescue services"),
    ("tukipalvelut", "tukipalvelut", "stödtjänster", "support services"),
]


def ensure_vocabulary(theme_model, sector_model) -> None:
    for model, rows in ((theme_model, THEMES), (sector_model, SECTORS)):
        for slug, fi, sv, en in rows:
            model.objects.update_or_create(
                slug=slug, defaults={"name_fi": fi, "name_sv": sv, "name_en": en})
