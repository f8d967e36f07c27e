"""`tuuma import text FILE...`: write-ups in the national catalogue's plain-text layout."""

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tuuma.acts.importers.schema import ALL_FIELDS, FIELDS
from tuuma.acts.importers.text import parse_contacts, restore_emails
from tuuma.acts.models import Act, Visibility
from tuuma.organizations.models import Organization

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures" / "import"
ONE = str(FIXTURES / "varauskalenteri.txt")
TWO = str(FIXTURES / "kaksi-tekoa.txt")
CHROME = ("Facebook", "Twitter", "LinkedIn", "Tulosta", "Jaa", "Muita tekoja", "Etusivu",
          "Sähköinen asiointi kirjastossa", "Dela", "Skriv ut")


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import", "text", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_write_up_becomes_a_published_act():
    out, _err = run(ONE)
    assert "1 created" in out
    act = Act.objects.get()
    assert act.title == "Yhteinen varauskalenteri liikuntatiloille"
    assert (act.organization.name_fi, act.organization.municipality) == ("Ruokolahden kunta",
                                                                         "Ruokolahti")
    assert not act.organization.verified
    assert act.status == "completed" and act.visibility == Visibility.PUBLIC
    assert act.date == date(2019, 10, 4) and act.language == "fi"
    assert act.need_and_goals.startswith("Liikuntatilojen vuorot olivat kolmessa")
    assert "\n\nTavoitteena oli koota" in act.need_and_goals
    assert act.solution.endswith("siivous- ja huoltokatkot.")
    assert act.results.startswith("Vapaat vuorot") and act.lessons == ""
    assert act.source_url == "https://teot.example/teko/varauskalenteri-liikuntatiloille"
    everything = " ".join(act.text().values())
    assert not any(word in everything for word in CHROME)


def test_obfuscated_emails_are_restored_and_a_contact_listed_twice_is_one():
    run(ONE)
    contacts = [(c.name, c.title, c.organization, c.email)
                for c in Act.objects.get().contacts.all()]
    assert contacts == [
        ("Leena Vuorinen", "liikuntasuunnittelija", "Vapaa-aikapalvelut",
         "leena.vuorinen@ruokolahti.example"),
        ("Pekka Saari", "vahtimestari", "Kirkonkylän koulu", "pekka.saari@ruokolahti.example"),
    ]


@pytest.mark.parametrize("written, restored", [
    ("maija.meikalainen(ät)kunta.example", "maija.meikalainen@kunta.example"),
    ("maija.meikalainen(at)kunta.example", "maija.meikalainen@kunta.example"),
    ("maija.meikalainen (at) kunta.example", "maija.meikalainen@kunta.example"),
    ("maija.meikalainen [at] kunta.example", "maija.meikalainen@kunta.example"),
    ("maija.meikalainen ät kunta.example", "maija.meikalainen@kunta.example"),
    ("maija.meikalainen(AT)kunta(dot)example", "maija.meikalainen@kunta.example"),
    ("Sähköposti: maija(ät)kunta.example.", "Sähköposti: maija@kunta.example."),
])
def test_email_spellings(written, restored):
    assert restore_emails(written) == restored


def test_contacts_in_labelled_blocks_lines_and_with_phones():
    lines = ["Nimi: Maija Meikäläinen", "Tehtävä: rehtori", "Puh. 040 123 4567",
             "Sähköposti: maija(at)koulu.example", "Ville Virta, IT-tuki, ville[at]koulu.example",
             "", "MAIJA MEIKÄLÄINEN", "rehtori"]
    assert parse_contacts(lines) == [
        {"name": "Maija Meikäläinen", "title": "rehtori", "organization": "",
         "email": "maija@koulu.example"},
        {"name": "Ville Virta", "title": "IT-tuki", "organization": "",
         "email": "ville@koulu.example"},
    ]


def test_a_file_with_two_write_ups_in_two_languages():
    run(TWO)
    fi, sv = Act.objects.order_by("published_at").reverse()
    assert fi.title == "Työpaikkaohjaajien verkkoperehdytys" and fi.status == "in_progress"
    assert fi.organization.name_fi == "Kaislan koulutuskuntayhtymä"
    assert fi.lessons.startswith("Video kannattaa")
    assert sorted(fi.themes.values_list("slug", flat=True)) == ["digitalisaatio", "osaaminen"]
    assert list(fi.sectors.values_list("slug", flat=True)) == ["sivistys"]
    assert [(c.name, c.email) for c in fi.contacts.all()] == [
        ("Outi Rautala", "outi.rautala@kaisla.example"),
        ("Tapani Kuusi", "tapani.kuusi@kaisla.example")]
    assert (sv.language, sv.status, sv.results) == ("sv", "completed",
                                                    "Handläggningstiden halverades.")
    assert not any(word in " ".join(sv.text().values()) for word in CHROME)


def test_reimport_is_idempotent_and_existing_organizations_are_matched():
    Organization.objects.create(name_fi="Kaislan koulutuskuntayhtymä", slug="kaisla")
    run(ONE, TWO)
    out, _err = run(ONE, TWO)
    assert "0 created, 0 updated, 3 unchanged" in out
    assert Act.objects.count() == 3 and Organization.objects.count() == 3
    assert Organization.objects.get(slug="kaisla").acts.count() == 1


def test_dry_run_json_prints_the_schema_and_reimports(tmp_path):
    out, err = run(ONE, TWO, "--dry-run", "--json")
    assert not Act.objects.exists() and not Organization.objects.exists()
    assert "3 act(s) are fine" in err and "Nothing was saved" in err
    acts = [json.loads(line) for line in out.splitlines()]
    assert len(acts) == 3
    for act in acts:
        assert set(FIELDS) <= set(act) <= set(ALL_FIELDS)
        assert act["external_id"].startswith("txt-") and act["title"] and act["organization"]
        assert isinstance(act["contacts"], list) and isinstance(act["themes"], list)
        assert date.fromisoformat(act["published"])
    assert acts[0]["contacts"][1]["email"] == "pekka.saari@ruokolahti.example"

    path = tmp_path / "teot.jsonl"
    path.write_text(out, encoding="utf-8")
    call_command("import", "acts", str(path), stdout=StringIO())
    assert Act.objects.count() == 3
    out, _err = run(ONE, TWO)  # the same ids: nothing new
    assert "0 created, 0 updated, 3 unchanged" in out


def test_files_without_a_write_up_are_reported_and_nothing_is_saved(tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes(Path(ONE).read_text(encoding="utf-8").encode("cp1252"))
    run(str(latin), "--dry-run")  # Windows-1252 is read too

    err = StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import", "text", ONE, str(FIXTURES / "ei-tekoa.txt"), stdout=StringIO(),
                     stderr=err)
    assert "ei-tekoa.txt: no write-up found: expected a date line" in err.getvalue()
    assert not Act.objects.exists() and not Organization.objects.exists()


def test_json_needs_dry_run():
    with pytest.raises(CommandError, match="use it with --dry-run"):
        run(ONE, "--json")
