from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from tests.conftest import login
from tuuma.organizations import actions, people_import
from tuuma.organizations.models import Invitation, Membership, Organization, Unit
from tuuma.organizations.roles import Role
from tuuma.organizations.validators import business_id_is_valid


@pytest.mark.parametrize("value, ok", [
    ("0201256-6", True),    # a real-format ID with a correct check digit
    ("1572860-0", True),
    ("0201256-5", False),   # wrong check digit
    ("201256-6", False),    # too short
    ("02012566", False),    # no hyphen
    ("abcdefg-h", False),
])
def test_business_id_check_digit(value, ok):
    assert business_id_is_valid(value) is ok


def test_organization_rejects_bad_business_id(db):
    with pytest.raises(ValidationError):
        actions.create_organization(name_fi="Virheellä", business_id="0201256-5")
    assert not Organization.objects.filter(name_fi="Virheellä").exists()


def test_createorg_command_creates_org_with_rubric_and_admin(world):
    call_command("createorg", "Uusilan kunta", "--business-id", "1572860-0",
                 "--admin", world.employee.email)
    org = Organization.objects.get(name_fi="Uusilan kunta")
    assert org.criteria.count() == 6
    assert Membership.objects.get(organization=org, user=world.employee).is_admin


def test_unit_tree_keeps_sector(world):
    assert world.unit.sector == world.sector
    assert world.unit.path == "Sivistys › Kulttuuripalvelut › Kirjasto"
    # Moving the service area under another sector moves its units with it.
    area = world.unit.parent
    tech = world.other_unit.parent
    actions.save_unit(world.org, by=world.admin, unit=area, parent=tech, kind="service_area",
                      name_fi=area.name_fi)
    world.unit.refresh_from_db()
    assert world.unit.sector == tech


def test_unit_cannot_go_under_itself(world):
    area = world.unit.parent
    with pytest.raises(ValidationError):
        actions.save_unit(world.org, by=world.admin, unit=area.parent, parent=area,
                          kind="sector", name_fi="Sivistys")


def test_invitation_is_single_use(world, client):
    invitation, token = actions.invite(world.org, by=world.admin, email="uusi@testila.fi",
                                       roles=[Role.DEVELOPER], unit=world.unit)
    assert invitation.token_hash != token  # only the hash is stored
    page = client.get(f"/kutsu/{token}/")
    assert page.status_code == 200
    response = client.post(f"/kutsu/{token}/", {
        "full_name": "Uusi Ihminen", "password1": "Pitkä-salasana-77",
        "password2": "Pitkä-salasana-77"})
    assert response.status_code == 302
    person = get_user_model().objects.get(email="uusi@testila.fi")
    membership = Membership.objects.get(user=person, organization=world.org)
    assert membership.is_developer and membership.unit == world.unit
    # The link does not work a second time.
    again = client.get(f"/kutsu/{token}/")
    assert again.status_code == 410


def test_invitation_e_mail_is_sent_with_link(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invitation, token = actions.invite(world.org, by=world.admin, email="x@testila.fi")
    assert len(mail.outbox) == 1
    assert token in mail.outbox[0].body


def test_expired_invitation_is_refused(world, client):
    invitation, token = actions.invite(world.org, by=world.admin, email="myohassa@testila.fi",
                                       send=False)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(f"/kutsu/{token}/").status_code == 410
    with pytest.raises(ValidationError):
        actions.accept_invitation(token, full_name="X", password="Pitkä-salasana-77")


def test_existing_account_accepts_by_signing_in(world):
    _inv, token = actions.invite(world.other_org, by=world.outsider, email=world.employee.email,
                                 send=False)
    client = login(world.employee)
    assert client.post(f"/kutsu/{token}/").status_code == 302
    assert Membership.objects.filter(user=world.employee, organization=world.other_org).exists()


CSV_OK = (
    "name,email,unit,roles\n"
    "Maija Mallikas,maija@testila.fi,Kirjasto,kehittäjä\n"
    "Pekka Puupää,pekka@testila.fi,Sivistys / Kulttuuripalvelut,\n"
    "Eeva Esimerkki,eeva@testila.fi,,luottamusmies\n"
)


def test_people_import_dry_run_saves_nothing(world):
    before = Membership.objects.count()
    report = people_import.import_people(world.org, by=world.admin, data=CSV_OK.encode(),
                                         dry_run=True)
    assert report.ok and len(report.rows) == 3
    assert Membership.objects.count() == before


def test_people_import_creates_and_updates(world):
    report = people_import.import_people(world.org, by=world.admin, data=CSV_OK.encode())
    assert (report.created, report.updated) == (2, 1)
    maija = Membership.objects.get(user__email="maija@testila.fi")
    assert maija.is_developer and maija.unit == world.unit
    assert Membership.objects.get(user=world.employee, organization=world.org).is_steward


def test_people_import_is_all_or_nothing_with_a_report_per_row(world):
    bad = CSV_OK + ("Ei Sähköpostia,ei-osoite,Kirjasto,\n"
                    "Tuntematon Yksikkö,tu@testila.fi,Marsin asema,\n"
                    "Väärä Rooli,vr@testila.fi,,kuningas\n"
                    "Tupla,maija@testila.fi,,\n")
    before = get_user_model().objects.count()
    report = people_import.import_people(world.org, by=world.admin, data=bad.encode())
    assert not report.ok
    lines = dict(report.errors)
    assert set(lines) == {5, 6, 7, 8}
    assert "Marsin asema" in lines[6] and "kuningas" in lines[7] and "2" in lines[8]
    assert get_user_model().objects.count() == before


def test_people_import_reads_windows_encoding_and_semicolons(world):
    data = "nimi;sähköposti;yksikkö\nÄijä Öhman;aijo@testila.fi;Kirjasto\n".encode("cp1252")
    report = people_import.import_people(world.org, by=world.admin, data=data)
    assert report.ok, report.errors
    assert get_user_model().objects.get(email="aijo@testila.fi").full_name == "Äijä Öhman"


def test_people_import_page_shows_report_and_keeps_data_safe(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(world.admin)
    bad = SimpleUploadedFile("ihmiset.csv", b"name,email\nNimi,ei-osoite\n", "text/csv")
    response = client.post("/o/testila/hallinta/tuonti/", {"file": bad})
    assert response.status_code == 400
    assert "ei-osoite" in response.content.decode()
    assert not get_user_model().objects.filter(full_name="Nimi").exists()


def test_last_admin_cannot_drop_admin_role(world):
    membership = Membership.objects.get(user=world.admin, organization=world.org)
    with pytest.raises(ValidationError):
        actions.set_member_roles(membership, by=world.admin, roles={Role.EMPLOYEE})
    membership.refresh_from_db()
    assert membership.is_admin


def test_admin_changes_roles_through_page(world):
    client = login(world.admin)
    membership = Membership.objects.get(user=world.coworker, organization=world.org)
    response = client.post(f"/o/testila/hallinta/ihmiset/{membership.pk}/",
                           {"roles": ["decider"], "unit": world.other_unit.pk})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.is_decider and membership.unit == world.other_unit


def test_person_in_two_organizations_sees_both(world):
    Membership.objects.create(user=world.employee, organization=world.other_org)
    client = login(world.employee)
    home = client.get("/").content.decode()
    assert "Testilän kaupunki" in home and "Muualan kunta" in home
    assert client.get("/o/muuala/").status_code == 200


def test_unit_units_are_per_organization(world):
    foreign = Unit.objects.create(organization=world.other_org, name_fi="Vieras")
    with pytest.raises(ValidationError):
        actions.save_unit(world.org, by=world.admin, parent=foreign, kind="unit",
                          name_fi="Ei saa")


def test_people_import_from_the_command_line_asks_the_same_resolver(world, tmp_path):
    from django.core.management import CommandError, call_command

    csv = tmp_path / "ihmiset.csv"
    csv.write_text(CSV_OK, encoding="utf-8")
    out = StringIO()
    call_command("importpeople", "testila", str(csv), "--as", world.admin.email, "--dry-run",
                 stdout=out)
    assert "nothing was saved" in out.getvalue()
    assert not world.org.memberships.filter(user__email="maija@testila.fi").exists()
    for someone in (world.developer, world.outsider):  # not this organization's admin
        with pytest.raises(CommandError, match="may not manage"):
            call_command("importpeople", "testila", str(csv), "--as", someone.email)
    call_command("importpeople", "testila", str(csv), "--as", world.admin.email, stdout=out)
    assert "Imported: 2 new, 1 updated" in out.getvalue()
