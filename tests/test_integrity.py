"""Guarantees that hold across actions: who may be named where, and nothing left half-done."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import RestrictedError

from tests.factories import UserFactory
from tuuma.evaluation import actions as evaluation
from tuuma.ideas import actions
from tuuma.ideas.models import Attachment, Idea
from tuuma.notifications.models import Notification
from tuuma.organizations.models import Organization, Unit
from tuuma.organizations.permissions import Action, can

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_an_organization_with_a_unit_tree_can_be_deleted(world, idea):
    world.org.delete()
    assert not Organization.objects.filter(pk=world.org.pk).exists()
    assert not Unit.objects.filter(organization_id=world.org.pk).exists()
    assert not Idea.objects.filter(pk=idea.pk).exists()


def test_a_unit_with_sub_units_cannot_be_deleted_alone(world):
    with pytest.raises(RestrictedError):
        world.sector.delete()
    assert Unit.objects.filter(pk=world.sector.pk).exists()


def test_editing_keeps_co_authors_inside_the_organization(world, idea):
    actions.edit_idea(idea, by=world.employee,
                      coauthors=[world.coworker, world.outsider, world.employee])
    assert list(idea.coauthors.all()) == [world.coworker]


def test_evaluators_can_be_given_as_any_iterable(world, idea):
    created = evaluation.assign_evaluators(
        idea, by=world.developer, evaluators=(p for p in [world.coworker, world.steward]))
    assert {a.evaluator for a in created} == {world.coworker, world.steward}


def test_an_evaluator_from_outside_the_organization_is_refused(world, idea):
    with pytest.raises(ValidationError) as refused:
        evaluation.assign_evaluators(idea, by=world.developer,
                                     evaluators=[world.coworker, world.outsider])
    assert refused.value.code == "not_member"
    assert not idea.assignments.exists()
    assert not Notification.objects.filter(kind="assigned").exists()


def test_a_platform_admin_cannot_score_for_an_evaluator(world, idea):
    admin = UserFactory(email="yllapito@tuuma.example", platform_role="admin")
    evaluation.assign_evaluators(idea, by=world.developer, evaluators=[world.coworker])
    assert can(admin, Action.IDEA_DECIDE, idea)  # everything else stays open to them
    assert not can(admin, Action.IDEA_EVALUATE, idea)
    assignment = idea.assignments.get()
    with pytest.raises(PermissionDenied):
        evaluation.submit_evaluation(assignment, by=admin, scores={})


def test_a_failed_submission_leaves_no_files_behind(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    uploads = [SimpleUploadedFile(f"liite{i}.pdf", PDF) for i in range(2)]
    for upload in uploads:
        upload.checked_type = "application/pdf"
    uploads[1].checked_type = None  # the second row fails to save: content_type NOT NULL
    with pytest.raises(Exception):  # noqa: B017, PT011 - any database error
        actions.submit_idea(world.org, by=world.employee, title="Liitteet", problem="p",
                            proposal="e", files=uploads)
    assert not Idea.objects.filter(title="Liitteet").exists()
    assert not Attachment.objects.exists()
    stored = [p for p in (tmp_path / "media").rglob("*") if p.is_file()]
    assert stored == []


def test_a_signed_in_person_sees_which_address_an_invitation_was_for(world):
    from tests.conftest import login
    from tuuma.organizations.actions import invite

    _invitation, token = invite(world.org, by=world.admin, email="olli.toinen@testila.fi",
                                send=False)
    client = login(world.outsider)
    page = client.get(f"/kutsu/{token}/").content.decode()
    assert "olli.toinen@testila.fi" in page and world.outsider.email in page
    assert client.post(f"/kutsu/{token}/").status_code == 302
    assert world.outsider.memberships.filter(organization=world.org).exists()
    assert client.get(f"/kutsu/{token}/").status_code == 410  # single use
