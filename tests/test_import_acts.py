"""`tuuma import acts FILE`: JSONL and CSV, idempotent by external_id, all or nothing."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import OrganizationFactory
from tuuma.acts.models import Act, Adoption, Visibility
from tuuma.organizations.models import Organization

pytestmark = pytest.mark.django_db

FULL = {
    "external_id": "kt-101", "organization": "Ruokolahden kunta",
    "title": "Yhteinen varauskalenteri liikuntatiloille",
    "summary": "Kaikki liikuntavuorot yhdessä kalenterissa.",
    "need_and_goals": "Vuorot olivat kolmessa paikassa.", "solution": "Yksi sähköinen kalenteri.",
    "results": "Soitot vähenivät puoleen.", "lessons": "Kokeile ensin kahdessa koulussa.",
    "status": "completed", "published": "2019-10-04", "start": "2019-01-15",
    "end": "2019-09-30", "themes": ["digitalisaatio", "Asiakaslähtöisyys", "samarbete"],
    "sectors": ["kulttuuri", "culture and leisure"], "municipality": "Ruokolahti",
    "contacts": [{"name": "Leena Vuorinen", "title": "liikuntasuunnittelija",
                  "email": "leena.vuorinen@ruokolahti.example"},
                 {"name": "Pekka Saari", "title": "vahtimestari", "email": ""}],
    "language": "fi", "url": "https://teot.example/teko/101",
}


def act_line(n: int, **fields) -> dict:
    return {"external_id": f"a{n}", "organization": "Testilän kaupunki",
            "title": f"Kehittämisteko numero {n}", "summary": "Lyhyt kuvaus.", **fields}


def write_jsonl(path, rows) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    return str(path)


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fails(*args) -> str:
    """The command refuses: its message and the row reports, and nothing was written."""
    before = (Act.objects.count(), Organization.objects.count())
    err = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import", *args, stdout=StringIO(), stderr=err)
    assert (Act.objects.count(), Organization.objects.count()) == before
    return f"{err.getvalue()}\n{raised.value}"


def test_jsonl_round_trip_keeps_every_field(tmp_path):
    out, _err = run("acts", write_jsonl(tmp_path / "teot.jsonl", [FULL]))
    assert "1 created, 0 updated, 0 unchanged" in out
    assert "Ruokolahden kunta" in out and "unverified" in out
    act = Act.objects.get(external_id="kt-101")
    for name in ("title", "summary", "need_and_goals", "solution", "results", "lessons",
                 "status", "language"):
        assert getattr(act, name) == FULL[name]
    assert (act.start, act.end) == (date(2019, 1, 15), date(2019, 9, 30))
    assert act.source_url == FULL["url"]
    assert act.visibility == Visibility.PUBLIC and act.date == date(2019, 10, 4)
    assert sorted(act.themes.values_list("slug", flat=True)) == [
        "asiakaslahtoisyys", "digitalisaatio", "yhteistyo"]
    assert list(act.sectors.values_list("slug", flat=True)) == ["kulttuuri"]
    assert [(c.name, c.title, c.email) for c in act.contacts.all()] == [
        ("Leena Vuorinen", "liikuntasuunnittelija", "leena.vuorinen@ruokolahti.example"),
        ("Pekka Saari", "vahtimestari", "")]
    org = act.organization
    assert (org.verified, org.municipality, org.org_type) == (False, "Ruokolahti",
                                                             "municipality")
    assert act.get_absolute_url().endswith("/yhteinen-varauskalenteri-liikuntatiloille/")


def test_existing_organizations_are_matched_by_finnish_or_swedish_name(tmp_path):
    org = OrganizationFactory(name_fi="Tuumalan kaupunki", name_sv="Tuumala stad")
    rows = [act_line(1, organization="TUUMALAN KAUPUNKI"), act_line(2, organization="tuumala stad")]
    run("acts", write_jsonl(tmp_path / "teot.jsonl", rows))
    assert set(Act.objects.values_list("organization", flat=True)) == {org.pk}
    assert Organization.objects.count() == 1 and Organization.objects.get().verified


def test_reimport_updates_and_never_duplicates(tmp_path):
    path = tmp_path / "teot.jsonl"
    run("acts", write_jsonl(path, [FULL, act_line(2), act_line(3)]))
    act = Act.objects.get(external_id="kt-101")
    adopter = OrganizationFactory()
    Adoption.objects.create(act=act, organization=adopter)

    changed = {**FULL, "title": "Varauskalenteri kaikille liikuntatiloille",
               "themes": ["prosessit"], "contacts": FULL["contacts"][:1]}
    out, _err = run("acts", write_jsonl(path, [changed, act_line(2), act_line(3), act_line(4)]))
    assert "1 created, 1 updated, 2 unchanged" in out
    assert Act.objects.count() == 4 and Organization.objects.count() == 1 + 1 + 1
    act.refresh_from_db()
    assert act.title == changed["title"] and act.adoptions.count() == 1
    assert list(act.themes.values_list("slug", flat=True)) == ["prosessit"]
    assert act.contacts.count() == 1
    out, _err = run("acts", str(path))
    assert "0 created, 0 updated, 4 unchanged" in out


def test_dry_run_checks_and_counts_but_saves_nothing(tmp_path):
    path = write_jsonl(tmp_path / "teot.jsonl", [FULL, act_line(2)])
    out, _err = run("acts", path, "--dry-run")
    assert "2 act(s) are fine" in out and "2 created" in out and "Nothing was saved" in out
    assert not Act.objects.exists() and not Organization.objects.exists()


def test_the_file_decides_visibility_and_the_publication_date(tmp_path):
    rows = [act_line(1, visibility="internal"), act_line(2), act_line(3, published="2.3.2020")]
    run("acts", write_jsonl(tmp_path / "teot.jsonl", rows))
    internal, undated, dated = Act.objects.order_by("external_id")
    assert internal.visibility == Visibility.INTERNAL and internal.published_at is None
    assert undated.is_public and undated.published_at is not None
    assert dated.date == date(2020, 3, 2)


def test_csv_round_trip_with_lists_and_contacts(tmp_path):
    path = tmp_path / "teot.csv"
    path.write_text(
        "external_id,organization,title,status,published,themes,sectors,contacts,language\n"
        'c1,Testilän kaupunki,Asiakasraati,Valmis,2022-05-01,"digitalisaatio; osallisuus",'
        '"sote|tekninen","Maija Meikäläinen, kehittäjä, sisäinen valmentaja, '
        'maija@testila.example; Ville Virta, IT-tuki, ville@testila.example",fi\n'
        '\n'
        'c2,Testilän kaupunki,"Toinen teko, jossa pilkku",in_progress,,,,,sv\n',
        encoding="utf-8")
    out, _err = run("acts", str(path))
    assert "2 created" in out
    first, second = Act.objects.order_by("external_id")
    assert first.status == "completed" and first.date == date(2022, 5, 1)
    assert sorted(first.themes.values_list("slug", flat=True)) == ["digitalisaatio",
                                                                   "osallisuus"]
    assert sorted(first.sectors.values_list("slug", flat=True)) == ["sote", "tekninen"]
    assert [(c.name, c.title, c.email) for c in first.contacts.all()] == [
        ("Maija Meikäläinen", "kehittäjä, sisäinen valmentaja", "maija@testila.example"),
        ("Ville Virta", "IT-tuki", "ville@testila.example")]
    assert (second.title, second.language, second.status) == (
        "Toinen teko, jossa pilkku", "sv", "in_progress")


def test_csv_from_excel_semicolons_and_windows_1252(tmp_path):
    path = tmp_path / "teot.csv"
    path.write_bytes("external_id;organization;title;themes\r\n"
                     "w1;Testilän kaupunki;Päiväkodin ärrät;työhyvinvointi|johtaminen\r\n"
                     .encode("cp1252"))
    run("acts", str(path))
    act = Act.objects.get(external_id="w1")
    assert act.title == "Päiväkodin ärrät" and act.themes.count() == 2
    path.write_bytes("external_id\torganization\ttitle\r\nu1\tTestilä\tÄänitteet\r\n"
                     .encode("utf-16"))  # Excel's "Unicode text"
    run("acts", str(path))
    assert Act.objects.get(external_id="u1").title == "Äänitteet"


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_written(tmp_path):
    rows = [
        act_line(1),
        act_line(2, themes=["digitalisaatio", "avaruusmatkailu"]),
        {"organization": "Testilän kaupunki", "title": "Ei tunnistetta"},
        act_line(4, status="melkein valmis", start="2024-05-01", end="2024-01-01"),
        act_line(5, contacts=[{"name": "Maija", "email": "maija(at)testila"}]),
        act_line(1),
        act_line(7, published="31.2.2020", language="de", url="testila.example"),
    ]
    path = tmp_path / "teot.jsonl"
    write_jsonl(path, rows)
    with path.open("a", encoding="utf-8") as f:
        f.write('{"external_id": "a8", "title": "rikki"\n[1, 2]\n')
    report = fails("acts", str(path))
    assert "line 2: themes: unknown 'avaruusmatkailu'; allowed are" in report
    assert "digitalisaatio" in report.split("line 2:")[1].split("\n")[0]
    assert "line 3: external_id: required" in report
    assert "line 4: status: 'melkein valmis' is not a status" in report
    assert "line 4: end: the end date is before the start date" in report
    assert "line 5: contacts: contact 1: 'maija(at)testila' is not an e-mail address" in report
    assert "line 6: external_id 'a1' is already used by the act at line 1" in report
    assert "line 7: published: '31.2.2020' is not a date" in report
    assert "line 7: language: 'de' is not allowed; use one of fi, sv, en" in report
    assert "line 7: url:" in report
    assert "line 8: not valid JSON" in report
    assert "line 9: expected a JSON object" in report
    assert "problem(s); nothing was imported" in report


def test_a_bad_row_after_many_good_ones_leaves_nothing_half_written(tmp_path):
    rows = [act_line(n) for n in range(1, 1202)] + [act_line(9999, status="???")]
    report = fails("acts", write_jsonl(tmp_path / "teot.jsonl", rows))
    assert "line 1202: status" in report


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"\n  \n", "the file is empty"),
    ('{"external_id": "x", "organization": "Ä", "title": "Ö"}\n'.encode("latin-1"),
     "not UTF-8 text (line 1"),
    (b'[{"external_id": "x"}]\n', "JSON array"),
])
def test_bad_jsonl_files_are_refused_clearly(tmp_path, content, message):
    path = tmp_path / "teot.jsonl"
    path.write_bytes(content)
    assert message in fails("acts", str(path))


@pytest.mark.parametrize("content, message", [
    (b"external_id,organization,title\n", "a header but no acts"),
    (b"nimi,otsikko\nx,y\n", "lacks the column(s) external_id, organization, title"),
    (b"external_id,organization,title\nx,\x81\x8d,y\n", "not UTF-8 or Windows-1252"),
    ('external_id,organization,title\nx,"Testilä,y\n'.encode() + b"z" * 200_000,
     "quoted field"),
    ("external_id,organization,title\nx,Testilä\n".encode(), "line 2: has 2 fields"),
])
def test_bad_csv_files_are_refused_clearly(tmp_path, content, message):
    path = tmp_path / "teot.csv"
    path.write_bytes(content)
    assert message in fails("acts", str(path))


def test_unknown_fields_are_ignored_with_a_warning(tmp_path):
    _out, err = run("acts", write_jsonl(tmp_path / "t.jsonl", [act_line(1, licence="CC-BY")]))
    assert "the field 'licence' is not part of the schema" in err


def test_a_missing_file_is_reported():
    with pytest.raises(CommandError, match="no such file"):
        call_command("import", "acts", "/nonexistent/teot.jsonl")


def test_imported_acts_are_in_the_search_index(tmp_path):
    from tuuma.search.models import SearchDoc

    path = write_jsonl(tmp_path / "teot.jsonl", [FULL, act_line(2)])
    run("acts", path, "--dry-run")
    assert not SearchDoc.objects.filter(kind="act").exists()
    run("acts", path)
    ids = set(Act.objects.values_list("pk", flat=True))
    assert set(SearchDoc.objects.filter(kind="act").values_list("object_id", flat=True)) == ids


def test_a_50_megabyte_file_is_streamed(tmp_path, monkeypatch):
    """About 6,000 long acts; they all arrive (the time is printed, not asserted). Indexing
    them for search (covered above) takes most of a real run, so here it is only counted."""
    from tuuma.acts.importers import run as importer

    indexed = []
    monkeypatch.setattr(importer, "refresh_search", indexed.extend)
    paragraph = ("Kotihoidon tiimi kokeili uutta tapaa jakaa asiakaskäynnit aamupalaverissa, "
                 "ja kokeilun tulokset kirjattiin yhteiseen taulukkoon. ") * 20
    path = tmp_path / "iso.jsonl"
    with path.open("w", encoding="utf-8") as f:
        n = 0
        while f.tell() < 50_000_000:
            n += 1
            f.write(json.dumps(act_line(n, need_and_goals=paragraph, solution=paragraph,
                                        results=paragraph, themes=["prosessit"],
                                        organization=f"Kunta {n % 40}"),
                               ensure_ascii=False) + "\n")
    out, _err = run("acts", str(path))
    assert f"{n} created" in out and Act.objects.count() == n == len(set(indexed))
    assert Organization.objects.count() == 40
