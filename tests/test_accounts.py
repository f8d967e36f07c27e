import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from tests.conftest import login
from tests.factories import PASSWORD


def test_sign_in_with_email_and_password(world, client):
    # Addresses are stored lower-case; a person may type theirs in any case.
    response = client.post("/tili/kirjaudu/", {"username": "EEVA@Testila.fi",
                                               "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert "Eeva" in client.get("/").content.decode()


def test_wrong_password_message_keeps_email(world, client):
    response = client.post("/tili/kirjaudu/", {"username": "eeva@testila.fi",
                                               "password": "väärä"})
    assert response.status_code == 200
    assert 'value="eeva@testila.fi"' in response.content.decode()


def test_login_is_rate_limited(world, client):
    for _ in range(5):
        client.post("/tili/kirjaudu/", {"username": "eeva@testila.fi", "password": "väärä"})
    # Even the right password is refused while locked out.
    response = client.post("/tili/kirjaudu/", {"username": "eeva@testila.fi",
                                               "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_password_reset_by_email(world, client):
    client.post("/tili/salasana/unohtunut/", {"email": "eeva@testila.fi"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/tili/salasana/uusi/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    response = client.post(set_url, {"new_password1": "Uusi-salasana-2026",
                                     "new_password2": "Uusi-salasana-2026"})
    assert response.status_code == 302
    fresh = Client()
    signed_in = fresh.post("/tili/kirjaudu/", {"username": "eeva@testila.fi",
                                               "password": "Uusi-salasana-2026"})
    assert signed_in.status_code == 302


def test_password_reset_for_unknown_address_reveals_nothing(db, client):
    response = client.post("/tili/salasana/unohtunut/", {"email": "ei@ketaan.fi"})
    assert response.status_code == 302 and mail.outbox == []


def test_email_change_needs_confirmation(world):
    client = login(world.employee)
    response = client.post("/tili/sahkoposti/", {"email": "eeva.uusi@testila.fi",
                                                 "password": PASSWORD})
    assert response.status_code == 302
    world.employee.refresh_from_db()
    assert world.employee.email == "eeva@testila.fi"  # unchanged until confirmed
    assert mail.outbox[0].to == ["eeva.uusi@testila.fi"]
    link = re.search(r"https?://[^/\s]+(/tili/sahkoposti/\S+)", mail.outbox[0].body).group(1)
    client.get(link)
    world.employee.refresh_from_db()
    assert world.employee.email == "eeva.uusi@testila.fi"
    # The link works only once.
    assert client.get(link).status_code == 400


def test_email_change_refuses_taken_address_and_wrong_password(world):
    client = login(world.employee)
    taken = client.post("/tili/sahkoposti/", {"email": world.coworker.email,
                                              "password": PASSWORD})
    wrong = client.post("/tili/sahkoposti/", {"email": "vapaa@testila.fi", "password": "x"})
    assert taken.status_code == wrong.status_code == 400
    assert mail.outbox == []


def test_profile_sets_language_and_email_mode(world):
    client = login(world.employee)
    response = client.post("/tili/asetukset/", {"full_name": "Eeva E.", "title": "",
                                                "language": "sv", "email_mode": "weekly"})
    assert response.status_code == 302
    world.employee.refresh_from_db()
    assert (world.employee.language, world.employee.email_mode) == ("sv", "weekly")
    assert client.get("/").headers["Content-Language"] == "sv"


def test_passwords_are_hashed_with_argon2(db, settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]
    user = get_user_model().objects.create_user("a@b.fi", "Pitkä-salasana-1", full_name="A")
    assert user.password.startswith("argon2")


def test_production_hasher_setting_is_argon2():
    from tuuma.config import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_logout_needs_post(world):
    client = login(world.employee)
    assert client.get("/tili/ulos/").status_code == 405
    assert client.post("/tili/ulos/").status_code == 302
    assert client.get("/ideat/omat/").status_code == 302


@pytest.mark.parametrize("language, word", [("fi", "Kirjaudu"), ("sv", "Logga in"),
                                             ("en", "Sign in")])
def test_language_switch(db, client, language, word):
    client.post("/i18n/setlang/", {"language": language, "next": "/tili/kirjaudu/"})
    assert word in client.get("/tili/kirjaudu/").content.decode()
