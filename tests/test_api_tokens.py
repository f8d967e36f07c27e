"""API keys: made on a page or with `tuuma apitoken`, shown once, stored as a hash, revocable."""

import hashlib
import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.conftest import login
from tuuma.api.models import ApiToken
from tuuma.api.tokens import create_token, revoke_token

PAGE = "/tili/api-avaimet/"


def bearer(key, scheme="Bearer"):
    return {"HTTP_AUTHORIZATION": f"{scheme} {key}"}


def test_only_the_hash_of_a_key_is_stored(world):
    token, key = create_token(world.developer, name="Intranet")
    assert key.startswith("tuuma_") and len(key) > 40
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert key not in {str(v) for v in stored.values()}
    assert token.prefix == key[:10]


@pytest.mark.parametrize("scheme", ["Bearer", "Token", "bearer"])
def test_a_key_signs_the_owner_in(client, world, scheme):
    _token, key = create_token(world.employee, name="Testi")
    response = client.get("/api/v1/ideas/", **bearer(key, scheme))
    assert response.status_code == 200


@pytest.mark.parametrize("header", [
    "Bearer tuuma_vaara-avain", "Bearer", "Bearer a b", "Token ", "Bearer tuuma_" + "x" * 300,
])
def test_a_wrong_key_is_refused_even_for_public_reads(client, world, header):
    response = client.get("/api/v1/acts/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_a_revoked_key_stops_working(client, world):
    token, key = create_token(world.employee, name="Testi")
    assert client.get("/api/v1/ideas/", **bearer(key)).status_code == 200
    revoke_token(token, by=world.employee)
    assert client.get("/api/v1/ideas/", **bearer(key)).status_code == 401


def test_a_key_of_a_deactivated_person_stops_working(client, world):
    _token, key = create_token(world.employee, name="Testi")
    world.employee.is_active = False
    world.employee.save()
    assert client.get("/api/v1/ideas/", **bearer(key)).status_code == 401


def test_last_used_is_recorded_without_a_write_per_request(client, world,
                                                           django_assert_num_queries):
    token, key = create_token(world.employee, name="Testi")
    client.get("/api/v1/themes/", **bearer(key))
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    client.get("/api/v1/themes/", **bearer(key))
    token.refresh_from_db()
    assert token.last_used_at == first  # within a minute: not written again
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=5))
    client.get("/api/v1/themes/", **bearer(key))
    token.refresh_from_db()
    assert token.last_used_at > first - timedelta(minutes=1)


def test_nobody_else_may_revoke_a_key(world):
    token, _key = create_token(world.employee, name="Testi")
    from django.http import Http404

    with pytest.raises(Http404):
        revoke_token(token, by=world.admin)
    assert not ApiToken.objects.get(pk=token.pk).revoked


# --- the page -------------------------------------------------------------------------------

def test_page_creates_a_key_and_shows_it_once(world):
    client = login(world.developer)
    response = client.post(PAGE, {"name": "Intranetin uutisnosto"})
    assert response.status_code == 200
    key = response.context["new_key"]
    page = response.content.decode()
    assert key in page and "Intranetin uutisnosto" in page
    token = ApiToken.objects.get(user=world.developer)
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert response["Cache-Control"].startswith("max-age=0")  # never_cache
    # The key works, and the list shows it without the key itself.
    assert client.get("/api/v1/ideas/", **bearer(key)).status_code == 200
    again = client.get(PAGE).content.decode()
    assert "Intranetin uutisnosto" in again and key not in again


def test_page_rejects_an_empty_name_with_400(world):
    response = login(world.developer).post(PAGE, {"name": "  "})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_page_revokes_only_own_keys(world):
    token, key = create_token(world.developer, name="Vanha")
    assert login(world.employee).post(f"{PAGE}{token.pk}/poista/").status_code == 404
    assert not ApiToken.objects.get(pk=token.pk).revoked
    response = login(world.developer).post(f"{PAGE}{token.pk}/poista/")
    assert response.status_code == 302
    assert ApiToken.objects.get(pk=token.pk).revoked
    page = login(world.developer).get(PAGE).content.decode()
    assert "Vanha" in page


def test_page_lists_only_own_keys(world):
    create_token(world.employee, name="Eevan avain")
    page = login(world.developer).get(PAGE).content.decode()
    assert "Eevan avain" not in page


# --- the command ------------------------------------------------------------------------------

def test_command_creates_lists_and_revokes(world):
    out, err = io.StringIO(), io.StringIO()
    call_command("apitoken", "create", "KALLE@testila.fi", "--name", "Integraatio",
                 stdout=out, stderr=err)
    key = out.getvalue().strip()
    token = ApiToken.objects.get(user=world.developer, name="Integraatio")
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert "shown only now" in err.getvalue()
    listing = io.StringIO()
    call_command("apitoken", "list", "kalle@testila.fi", stdout=listing)
    assert "Integraatio" in listing.getvalue() and key not in listing.getvalue()
    call_command("apitoken", "revoke", "kalle@testila.fi", "--name", "Integraatio",
                 stdout=io.StringIO())
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_at <= timezone.now()
    with pytest.raises(CommandError, match="No such active key"):
        call_command("apitoken", "revoke", "kalle@testila.fi", "--id", str(token.pk))


def test_command_refuses_unknown_people(world):
    with pytest.raises(CommandError, match="No active person"):
        call_command("apitoken", "create", "ei.ole@testila.fi", "--name", "X")
    assert not ApiToken.objects.exists()
