"""Plain-text write-ups in the national catalogue's layout → dicts in the JSONL schema.

    4.10.2019                           the publication date (a time may follow)
    Tuumalan kaupunki, Tuumala          the organization, then the municipality
    Varauskalenteri liikuntatiloille    the title
    Valmis                              the status (Valmis, Käynnissä, Suunnitteilla, …)
    (an optional introduction: the summary; "Teemat: …" and "Toimialat: …" lines)
    Tarve ja tavoitteet / Ratkaisu / Tulokset / Opit / Yhteyshenkilöt   the sections

Page chrome around it (share and print links, "takaisin", lists of other acts) is dropped.
E-mail addresses written as name(at)domain, name(ät)domain, name [at] domain, … are restored,
and a contact listed twice is one contact. Swedish and English headings are understood too.
A file may hold several write-ups, each starting with its date line.
"""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from .schema import CONTACT_KEYS, FI_DATE, merge_contacts, status_from_word

HEADINGS = {
    "summary": ("tiivistelmä", "lyhyesti", "sammanfattning", "i korthet", "summary"),
    "need_and_goals": ("tarve ja tavoitteet", "tarve ja tavoite", "tarve", "tavoitteet",
                       "behov och mål", "behov och målsättningar", "need and goals",
                       "needs and goals"),
    "solution": ("ratkaisu", "toteutus", "lösning", "lösningen", "genomförande", "solution"),
    "results": ("tulokset", "tulos", "vaikutukset", "resultat", "results", "outcomes"),
    "lessons": ("opit", "opitut asiat", "mitä opimme", "opittua", "oppimiskokemukset",
                "lärdomar", "lessons learned", "lessons"),
    "contacts": ("yhteyshenkilöt", "yhteyshenkilö", "yhteystiedot", "lisätietoja",
                 "kontaktpersoner", "kontaktperson", "kontaktuppgifter", "mer information",
                 "contact persons", "contact person", "contacts", "contact"),
}
SECTION_OF = {h: name for name, words in HEADINGS.items() for h in words}
LANGUAGE_OF_HEADING = {
    **{h: "fi" for h in ("tarve ja tavoitteet", "ratkaisu", "tulokset", "yhteyshenkilöt")},
    **{h: "sv" for h in ("behov och mål", "lösning", "resultat", "kontaktpersoner")},
    **{h: "en" for h in ("need and goals", "solution", "results", "contact persons",
                         "contacts")},
}
LISTS = {"teemat": "themes", "teema": "themes", "teman": "themes", "tema": "themes",
         "themes": "themes", "toimialat": "sectors", "toimiala": "sectors",
         "sektorer": "sectors", "sektor": "sectors", "sectors": "sectors", "sector": "sectors"}

# A line made only of these words is page chrome (share, print and navigation links).
CHROME_WORDS = set("""
jaa jaa: tulosta sivu tämä teko tekoa facebook facebookissa twitter twitterissä x linkedin
linkedinissä whatsapp sähköposti sähköpostilla email e mail kopioi linkki linkin kopioitu
takaisin palaa edelliselle sivulle etusivu tekojen tori tykkää share print dela skriv ut
tillbaka back on in via ja och and tai eller
""".split())
# Chrome that ends the write-up when it comes after the sections have begun.
STOP_WORDS = {"jaa", "tulosta", "dela", "share", "print", "takaisin", "tillbaka", "skriv"}
STOP_LINES = ("muita tekoja", "muita kehittämistekoja", "katso myös", "samankaltaisia tekoja",
              "liittyvät teot", "kommentit", "kommentoi", "andra insatser", "se även",
              "related acts", "see also", "other acts")
DATE_WORDS = {"julkaistu", "publicerad", "published", "päivitetty", "klo", "kl", "-", "–", "|",
              "#uutinen"}

AT = r"(?:\s*(?:\(\s*(?:at|ät|a|@)\s*\)|\[\s*(?:at|ät|@)\s*\]|\{\s*(?:at|ät)\s*\}" \
     r"|<\s*(?:at|ät)\s*>|@)\s*|\s+(?:at|ät)\s+)"
DOT = r"(?:\.|\s*[(\[]\s*(?:dot|piste|punkt)\s*[)\]]\s*)"
EMAIL = re.compile(rf"([\w.+-]+){AT}([\w-]+(?:{DOT}[\w-]+)+)", re.IGNORECASE)
PHONE = re.compile(r"^\+?[\d\s()-]{6,}$")
LABELS = {  # contact labels and where their value goes; None drops the line
    "nimi": "name", "namn": "name", "name": "name",
    "tehtävä": "title", "titteli": "title", "nimike": "title", "befattning": "title",
    "title": "title", "organisaatio": "organization", "yksikkö": "organization",
    "organisation": "organization", "enhet": "organization", "organization": "organization",
    "unit": "organization", "sähköposti": "email", "e-post": "email", "e-mail": "email",
    "email": "email", "puhelin": None, "puh": None, "p": None, "matkapuhelin": None,
    "gsm": None, "tel": None, "telefon": None, "phone": None, "mobile": None,
}
LABEL = re.compile(r"^([\w-]+)\.?\s*:?\s*(.*)$")
URL_LINE = re.compile(r"^https?://\S+$")


def restore_emails(text: str) -> str:
    """maija.meikalainen(at)kunta.fi, … [ät] …, … (at) … → maija.meikalainen@kunta.fi"""
    def fix(match):
        domain = re.sub(DOT, ".", match.group(2), flags=re.IGNORECASE)
        return f"{match.group(1)}@{domain}"
    return EMAIL.sub(fix, text)


def _words(line: str) -> list[str]:
    return re.findall(r"[\w:]+", line.casefold())


def is_chrome(line: str) -> bool:
    words = _words(line)
    return bool(words) and all(w.rstrip(":") in CHROME_WORDS for w in words) \
        and len(line) < 80 or line.strip() in ("<", ">", "«", "»", "|", "›")


def ends_write_up(line: str) -> bool:
    words = _words(line)
    if not words:
        return False
    key = " ".join(words).rstrip(":")
    return (is_chrome(line) and words[0].rstrip(":") in STOP_WORDS) or \
        any(key.startswith(stop) for stop in STOP_LINES)


def date_of(line: str) -> date | None:
    """The date of a date line ("4.10.2019", "Julkaistu 04.10.2019 klo 14.39"), else None."""
    line = line.strip()
    match = FI_DATE.search(line)
    if not match or len(line) > 48:
        return None
    rest = (line[:match.start()] + " " + line[match.end():]).casefold()
    rest = re.sub(r"\b\d{1,2}[.:]\d{2}\b", " ", rest)
    if any(w not in DATE_WORDS for w in rest.replace(":", " ").split()):
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def heading_of(line: str) -> str | None:
    key = " ".join(line.strip().rstrip(":").casefold().split())
    return key if key in SECTION_OF else None


@dataclass
class Parsed:
    """One write-up: the act in the JSONL schema, and what could not be understood."""

    where: str
    act: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def split_write_ups(lines: list[str]) -> list[int]:
    """Indexes of the date lines that begin a write-up: a heading follows within a few lines."""
    starts = []
    for i, line in enumerate(lines):
        if date_of(line) is None:
            continue
        following = [x for x in lines[i + 1:i + 40] if x.strip()][:12]
        if any(heading_of(x) for x in following):
            starts.append(i)
    return starts


def parse_text(text: str, name: str) -> list[Parsed]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").split("\n")
    starts = split_write_ups(lines)
    if not starts:
        return [Parsed(name, problems=[
            "no write-up found: expected a date line (e.g. 4.10.2019), then the organization "
            "and municipality, the title, the status and the sections (Tarve ja tavoitteet, "
            "Ratkaisu, Tulokset, Yhteyshenkilöt)"])]
    url = next((x.strip() for x in lines[:starts[0]] if URL_LINE.match(x.strip())), "")
    parsed = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        where = name if len(starts) == 1 else f"{name}:{start + 1}"
        item = _parse_one(lines[start:end], where)
        if url and n == 0 and not item.act.get("url"):
            item.act["url"] = url
        parsed.append(item)
    return parsed


def _parse_one(lines: list[str], where: str) -> Parsed:
    item = Parsed(where)
    published = date_of(lines[0])
    body = [x.strip() for x in lines[1:]]
    head = [x for x in body[:40] if x and not is_chrome(x)]
    organization, municipality, consumed = "", "", 0
    if head and not heading_of(head[0]):
        organization, _sep, municipality = head.pop(0).rpartition(", ")
        if not organization:
            organization, municipality = municipality, ""
        consumed += 1
    title = head.pop(0) if head and not heading_of(head[0]) else ""
    status = status_from_word(head[0]) if head else None
    consumed += bool(title) + (status is not None)
    sections, lists, languages, url = _sections(body, consumed)
    if not organization:
        item.problems.append("the line after the date should name the organization (and the "
                             "municipality after a comma)")
    if not title:
        item.problems.append("no title after the organization line")
    texts = {k: "\n".join(v).strip() for k, v in sections.items() if k != "contacts"}
    texts = {k: re.sub(r"\n{3,}", "\n\n", v) for k, v in texts.items()}
    intro = texts.pop("intro", "")
    if intro and not texts.get("summary") and len(intro) <= 1000:
        texts["summary"] = intro
    elif intro:
        texts["need_and_goals"] = "\n\n".join(filter(None, [intro, texts.get("need_and_goals")]))
    language = max(set(languages), key=languages.count) if languages else "fi"
    item.act = {
        "external_id": text_id(organization, title, published),
        "organization": organization.strip(), "title": title, **texts,
        "status": status or "", "published": published.isoformat() if published else None,
        "themes": lists.get("themes", []), "sectors": lists.get("sectors", []),
        "municipality": municipality.strip(),
        "contacts": parse_contacts(sections.get("contacts", [])),
        "language": language, "url": url,
    }
    return item


def _sections(body: list[str], skip: int):
    """The lines under each heading; the lines before the first heading are the intro."""
    sections: dict[str, list[str]] = {"intro": []}
    lists: dict[str, list[str]] = {}
    languages, url = [], ""
    current = "intro"
    for line in body:
        if skip and line and not is_chrome(line):
            skip -= 1
            continue
        heading = heading_of(line)
        if heading:
            current = SECTION_OF[heading]
            sections.setdefault(current, [])
            if heading in LANGUAGE_OF_HEADING:
                languages.append(LANGUAGE_OF_HEADING[heading])
            continue
        if current != "intro" and ends_write_up(line):
            break
        if URL_LINE.match(line) and not url and current != "contacts":
            url = line
            continue
        key, _colon, value = line.partition(":")
        if _colon and key.strip().casefold() in LISTS and current == "intro":
            lists[LISTS[key.strip().casefold()]] = [v.strip() for v in re.split(r"[,;|]", value)
                                                    if v.strip()]
            continue
        if current != "contacts" and is_chrome(line):
            continue
        sections[current].append(line)
    return sections, lists, languages, url


def _tokens(lines: list[str]) -> list[tuple[str, str]]:
    """(field or "text", value) for each piece of a contact block."""
    tokens = []
    single = len([x for x in lines if x]) == 1
    for line in lines:
        line = restore_emails(line).strip()
        if not line or line.endswith(":") and " " in line.rstrip(":").strip() \
                and not EMAIL.search(line):
            continue  # "Lisätietoja antavat:"
        label = LABEL.match(line)
        if label and label.group(1).casefold() in LABELS and (":" in line or "." in line[:6]):
            target = LABELS[label.group(1).casefold()]
            if target and label.group(2):
                tokens.append((target, label.group(2).strip()))
            continue
        parts = [line]
        if "," in line and (single or EMAIL.search(line)):
            parts = [p.strip() for p in line.split(",") if p.strip()]
        for part in parts:
            found = EMAIL.search(part)
            if found and found.group(0).strip() == part.strip(" <>()"):
                tokens.append(("email", found.group(0).strip()))
            elif found:  # "Maija Meikäläinen maija@…": both
                before = part[:found.start()].strip(" <(-–")
                if before and before.casefold().rstrip(":.") not in LABELS:
                    tokens.append(("text", before))
                tokens.append(("email", found.group(0).strip()))
            elif PHONE.match(part):
                continue
            elif not is_chrome(part):
                tokens.append(("text", part))
    return tokens


def parse_contacts(lines: list[str]) -> list[dict]:
    """Contacts from the lines of the Yhteyshenkilöt section: blocks separated by blank lines
    or one person per line; an e-mail address closes a person."""
    blocks, block = [], []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line)
        elif block:
            blocks.append(block)
            block = []
    people: list[dict] = []
    for block in blocks:
        person: dict = {}
        texts: list[str] = []

        def close():
            nonlocal person, texts
            if texts or person.get("name"):
                people.append(_person(person, texts))
            person, texts = {}, []

        for kind, value in _tokens(block):
            if kind == "text" and person.get("email"):
                close()
            if kind == "email" and person.get("email"):
                close()
            if kind == "name" and (texts or person.get("name")):
                close()
            if kind == "text":
                texts.append(value)
            else:
                person[kind] = value
        close()
    return merge_contacts(people)


def _person(labelled: dict, texts: list[str]) -> dict:
    texts = list(texts)
    contact = {k: "" for k in CONTACT_KEYS}
    contact["name"] = labelled.get("name") or (texts.pop(0) if texts else "")
    contact["title"] = labelled.get("title") or (texts.pop(0) if texts else "")
    contact["organization"] = labelled.get("organization") or ", ".join(texts)
    contact["email"] = labelled.get("email", "").lower()
    return contact


def text_id(organization: str, title: str, published: date | None) -> str:
    """The same write-up always gets the same id: organization, title and date, hashed."""
    key = "\n".join([" ".join(organization.casefold().split()),
                     " ".join(title.casefold().split()),
                     published.isoformat() if published else ""])
    return "txt-" + hashlib.sha256(key.encode()).hexdigest()[:20]
