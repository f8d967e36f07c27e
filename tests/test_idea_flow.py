"""The core loop: submit → evaluate → decide, with an answer and a reason for the author."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from tests.conftest import login
from tuuma.evaluation import actions as evaluation
from tuuma.evaluation.models import Criterion, summary
from tuuma.ideas import actions
from tuuma.ideas.models import Draft, Follow, Idea, Status, StatusChange
from tuuma.ideas.queries import response_figures
from tuuma.notifications.models import Notification


def score_all(idea, evaluator, value, inverted_value=None):
    assignment = idea.assignments.get(evaluator=evaluator)
    scores = {c.pk: (inverted_value if c.inverted and inverted_value else value)
              for c in Criterion.objects.filter(organization=idea.organization)}
    return evaluation.submit_evaluation(assignment, by=evaluator, scores=scores,
                                        comment="Hyvä idea.")


def test_submitted_idea_has_history_follow_and_due_date(world, idea):
    assert idea.status == Status.SUBMITTED
    assert list(idea.history.values_list("to_status", flat=True)) == ["submitted"]
    assert Follow.objects.filter(idea=idea, user=world.employee).exists()
    assert (idea.due_at - idea.created_at).days == world.org.response_days


def test_full_loop_evaluate_and_decide(world, idea):
    evaluation.assign_evaluators(idea, by=world.developer,
                                 evaluators=[world.coworker, world.steward])
    idea.refresh_from_db()
    assert idea.status == Status.IN_EVALUATION
    assert Notification.objects.filter(user=world.coworker, kind="assigned").exists()

    score_all(idea, world.coworker, 5, inverted_value=1)  # best possible
    score_all(idea, world.steward, 1, inverted_value=5)   # worst possible
    result = summary(idea)
    assert result["count"] == 2
    assert result["score"] == 50.0 and result["spread"] == 100.0

    actions.decide(idea, by=world.decider, outcome=Status.ACCEPTED,
                   reason="Kokeillaan kevään ajan kahdessa toimipisteessä.")
    idea.refresh_from_db()
    assert idea.status == Status.ACCEPTED and idea.answered_at is not None
    assert idea.answered_in_time
    last = idea.history.last()
    assert (last.by, last.reason) == (world.decider, idea.decision_reason)
    # The author is told and reads the reason on the idea page.
    assert Notification.objects.filter(user=world.employee, kind="status").exists()
    page = login(world.employee).get(idea.get_absolute_url()).content.decode()
    assert "Kokeillaan kevään ajan kahdessa toimipisteessä." in page


def test_weights_count(world, idea):
    """A heavier criterion moves the weighted score more."""
    evaluation.assign_evaluators(idea, by=world.developer, evaluators=[world.coworker])
    criteria = list(Criterion.objects.filter(organization=world.org))
    heavy = next(c for c in criteria if c.weight == 2)
    scores = {c.pk: (5 if c.pk == heavy.pk else (5 if c.inverted else 1)) for c in criteria}
    assignment = idea.assignments.get()
    evaluation.submit_evaluation(assignment, by=world.coworker, scores=scores)
    total = float(sum(c.weight for c in criteria))
    assert summary(idea)["score"] == round(100 * 2 / total, 1)


def test_evaluation_needs_every_criterion_in_scale(world, idea):
    evaluation.assign_evaluators(idea, by=world.developer, evaluators=[world.coworker])
    assignment = idea.assignments.get()
    with pytest.raises(ValidationError):
        evaluation.submit_evaluation(assignment, by=world.coworker, scores={})
    first = Criterion.objects.filter(organization=world.org).first()
    with pytest.raises(ValidationError):
        evaluation.submit_evaluation(assignment, by=world.coworker, scores={first.pk: 9})
    assignment.refresh_from_db()
    assert assignment.submitted_at is None and not assignment.scores.exists()


def test_evaluation_cannot_be_submitted_twice(world, idea):
    evaluation.assign_evaluators(idea, by=world.developer, evaluators=[world.coworker])
    score_all(idea, world.coworker, 3)
    with pytest.raises(Exception):  # noqa: B017 - permission or validation, both refuse
        score_all(idea, world.coworker, 4)


def test_score_page_keeps_input_on_error(world, idea):
    evaluation.assign_evaluators(idea, by=world.developer, evaluators=[world.coworker])
    assignment = idea.assignments.get()
    client = login(world.coworker)
    response = client.post(f"/arviointi/{assignment.pk}/", {"comment": "Kommentti jää talteen"})
    assert response.status_code == 400
    assert "Kommentti jää talteen" in response.content.decode()


def test_declining_needs_a_reason(world, idea):
    with pytest.raises(ValidationError) as exc:
        actions.decide(idea, by=world.decider, outcome=Status.DECLINED, reason="  ")
    assert exc.value.code == "reason_required"
    idea.refresh_from_db()
    assert idea.status == Status.SUBMITTED and idea.history.count() == 1


def test_declining_page_shows_error_and_keeps_nothing_half_done(world, idea):
    client = login(world.decider)
    response = client.post(f"/ideat/{idea.pk}/paata/", {"outcome": "declined", "reason": ""})
    assert response.status_code == 400
    idea.refresh_from_db()
    assert idea.status == Status.SUBMITTED


def test_parking_needs_future_revisit_date(world, idea):
    with pytest.raises(ValidationError):
        actions.decide(idea, by=world.decider, outcome=Status.PARKED, reason="Myöhemmin.")
    with pytest.raises(ValidationError):
        actions.decide(idea, by=world.decider, outcome=Status.PARKED, reason="Myöhemmin.",
                       parked_until=date.today() - timedelta(days=1))
    revisit = timezone.localdate() + timedelta(days=90)
    actions.decide(idea, by=world.decider, outcome=Status.PARKED, reason="Syksyllä uudestaan.",
                   parked_until=revisit)
    idea.refresh_from_db()
    assert idea.parked_until == revisit


def test_implemented_after_accepted_and_no_way_back(world, idea):
    actions.decide(idea, by=world.decider, outcome=Status.ACCEPTED, reason="Hyvä.")
    actions.decide(idea, by=world.decider, outcome=Status.IMPLEMENTED, reason="")
    idea.refresh_from_db()
    assert idea.status == Status.IMPLEMENTED
    assert [h.to_status for h in idea.history.all()] == ["submitted", "accepted", "implemented"]
    with pytest.raises(Exception):  # noqa: B017 - decided ideas are closed
        actions.decide(idea, by=world.decider, outcome=Status.DECLINED, reason="Ei.")


def test_merge_carries_supporters_and_followers(world, idea):
    other = actions.submit_idea(world.org, by=world.coworker, title="Sama idea uudestaan",
                                problem="P", proposal="P")
    actions.set_support(other, by=world.steward, on=True)
    actions.merge(other, into=idea, by=world.developer, reason="Sama asia.")
    other.refresh_from_db()
    idea.refresh_from_db()
    assert other.status == Status.MERGED and other.merged_into == idea
    assert idea.support_count == 1
    assert Follow.objects.filter(idea=idea, user=world.coworker).exists()
    assert Notification.objects.filter(user=world.coworker, idea=other, kind="status").exists()


def test_merge_refuses_other_organization(world, idea):
    foreign = actions.submit_idea(world.other_org, by=world.outsider, title="Vieras",
                                  problem="P", proposal="P")
    with pytest.raises(ValidationError):
        actions.merge(idea, into=foreign, by=world.developer)


def test_support_once_per_person_and_not_own(world, idea):
    assert actions.set_support(idea, by=world.coworker, on=True)
    assert not actions.set_support(idea, by=world.coworker, on=True)
    idea.refresh_from_db()
    assert idea.support_count == 1
    actions.set_support(idea, by=world.coworker, on=False)
    idea.refresh_from_db()
    assert idea.support_count == 0
    response = login(world.employee).post(f"/ideat/{idea.pk}/tue/", {"on": "1"})
    assert response.status_code == 403


def test_comment_notifies_author_and_followers(world, idea):
    actions.set_follow(idea, by=world.steward, on=True)
    actions.add_comment(idea, by=world.coworker, body="Tämä auttaisi myös meitä.")
    idea.refresh_from_db()
    assert idea.comment_count == 1
    notified = set(Notification.objects.filter(kind="comment").values_list("user", flat=True))
    assert notified == {world.employee.pk, world.steward.pk}


def test_e_mail_goes_through_the_background_worker(world, idea, run_tasks,
                                                   django_capture_on_commit_callbacks):
    """A page never waits for the mail server: the action only queues a task."""
    with django_capture_on_commit_callbacks(execute=True):
        actions.decide(idea, by=world.decider, outcome=Status.DECLINED,
                       reason="Ei resursseja tänä vuonna.")
    assert mail.outbox == []
    run_tasks()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [world.employee.email]
    assert "Kirjaston aukioloajat iltaan" in mail.outbox[0].subject


def test_weekly_digest_collects_notifications(world, idea, run_tasks,
                                             django_capture_on_commit_callbacks):
    world.employee.email_mode = "weekly"
    world.employee.save()
    with django_capture_on_commit_callbacks(execute=True):
        actions.add_comment(idea, by=world.coworker, body="Hyvä!")
        actions.decide(idea, by=world.decider, outcome=Status.ACCEPTED, reason="Tehdään.")
    run_tasks()
    to_author = [m for m in mail.outbox if m.to == [world.employee.email]]
    assert to_author == []  # no immediate e-mails for a weekly reader
    mail.outbox.clear()
    call_command("digest", verbosity=0)
    run_tasks()
    assert [m.to for m in mail.outbox] == [[world.employee.email]]
    body = mail.outbox[0].body
    assert body.count("Kirjaston aukioloajat iltaan") >= 2
    # The next run within a week sends nothing new.
    call_command("digest", verbosity=0)
    run_tasks()
    assert len(mail.outbox) == 1


def test_response_figures(world):
    now = timezone.now()
    answered_in_time = actions.submit_idea(world.org, by=world.employee, title="A", problem="P",
                                           proposal="P")
    actions.decide(answered_in_time, by=world.decider, outcome=Status.ACCEPTED, reason="Ok")
    late = actions.submit_idea(world.org, by=world.employee, title="B", problem="P",
                               proposal="P")
    Idea.objects.filter(pk=late.pk).update(created_at=now - timedelta(days=60),
                                           due_at=now - timedelta(days=30))
    actions.decide(late, by=world.decider, outcome=Status.DECLINED, reason="Ei")
    overdue = actions.submit_idea(world.org, by=world.employee, title="C", problem="P",
                                  proposal="P")
    Idea.objects.filter(pk=overdue.pk).update(created_at=now - timedelta(days=40),
                                              due_at=now - timedelta(days=10))
    actions.submit_idea(world.org, by=world.employee, title="D", problem="P", proposal="P")
    figures = response_figures(world.org)
    assert figures["total"] == 4 and figures["answered"] == 2 and figures["overdue"] == 1
    # Of the three whose promise has run out or that were answered, one was in time.
    assert figures["share_in_time"] == 33
    page = login(world.employee).get("/o/testila/").content.decode()
    assert "33 %" in page


def test_waiting_view_groups_overdue_by_unit(world, idea):
    Idea.objects.filter(pk=idea.pk).update(due_at=timezone.now() - timedelta(days=1))
    page = login(world.developer).get("/o/testila/odottavat/").content.decode()
    assert "Sivistys › Kulttuuripalvelut › Kirjasto" in page
    assert idea.title in page


def test_list_filters_and_sorting(world, idea):
    other = actions.submit_idea(world.org, by=world.coworker, title="Katujen hiekoitus",
                                problem="Liukasta", proposal="Hiekkaa", units=[world.other_unit])
    actions.set_support(other, by=world.employee, on=True)
    client = login(world.steward)
    by_sector = client.get("/o/testila/ideat/", {"sector": world.sector.pk}).content.decode()
    assert idea.title in by_sector and other.title not in by_sector
    by_status = client.get("/o/testila/ideat/", {"status": "accepted"}).content.decode()
    assert idea.title not in by_status
    by_support = client.get("/o/testila/ideat/", {"sort": "support"}).content.decode()
    assert by_support.index(other.title) < by_support.index(idea.title)
    found = client.get("/o/testila/ideat/", {"q": "hiekoitus"}).content.decode()
    assert other.title in found and idea.title not in found


def test_list_query_count_does_not_grow_with_ideas(world, django_assert_max_num_queries):
    for n in range(30):
        actions.submit_idea(world.org, by=world.employee, title=f"Idea {n}", problem="P",
                            proposal="P", units=[world.unit])
    client = login(world.employee)
    with django_assert_max_num_queries(12):
        assert client.get("/o/testila/ideat/").status_code == 200


def test_draft_autosave_and_restore(world):
    client = login(world.employee)
    response = client.post("/o/testila/ideat/luonnos/", {"title": "Puolivalmis",
                                                         "problem": "Kesken"})
    assert response.status_code == 200 and "saved" in response.json()
    page = client.get("/o/testila/ideat/uusi/").content.decode()
    assert "Puolivalmis" in page and "Kesken" in page
    client.post("/o/testila/ideat/uusi/", {"title": "Puolivalmis", "problem": "Kesken",
                                           "proposal": "Valmis nyt", "beneficiaries": "staff"})
    assert not Draft.objects.filter(user=world.employee).exists()


def test_expired_session_keeps_what_was_typed(world, client):
    """Posting the form after the session expired: sign in again, the text comes back."""
    response = client.post("/o/testila/ideat/uusi/", {
        "title": "Kirjoitettu ennen uloskirjausta", "problem": "Pitkä teksti",
        "proposal": "Ehdotus", "beneficiaries": "staff"})
    assert response.status_code == 302 and "/tili/kirjaudu/" in response["Location"]
    client.force_login(world.employee, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get("/o/testila/ideat/uusi/").content.decode()
    assert "Kirjoitettu ennen uloskirjausta" in page and "Pitkä teksti" in page
    assert not Idea.objects.filter(title="Kirjoitettu ennen uloskirjausta").exists()


def test_rejected_form_keeps_what_was_typed(world):
    client = login(world.employee)
    response = client.post("/o/testila/ideat/uusi/", {"title": "", "problem": "Säilyy",
                                                      "proposal": "Tämäkin säilyy"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Säilyy" in page and "Tämäkin säilyy" in page
    assert 'href="#id_title"' in page  # the error summary names and links the field
    assert not Idea.objects.exists()


def test_hidden_author_name(world):
    hidden = actions.submit_idea(world.org, by=world.employee, title="Nimetön", problem="P",
                                 proposal="P", hide_author=True)
    assert world.employee.full_name not in login(world.coworker).get(
        hidden.get_absolute_url()).content.decode()
    assert world.employee.full_name in login(world.decider).get(
        hidden.get_absolute_url()).content.decode()


def test_status_change_is_audited_with_who_when_why(world, idea):
    actions.decide(idea, by=world.decider, outcome=Status.DECLINED, reason="Päällekkäinen.")
    change = StatusChange.objects.filter(idea=idea).last()
    assert change.from_status == "submitted" and change.to_status == "declined"
    assert change.by == world.decider and change.reason == "Päällekkäinen."
    assert abs((timezone.now() - change.at).total_seconds()) < 60
