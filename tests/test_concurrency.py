"""Many people pressing the same button at the same moment, with real threads and connections.

Every thread waits at a barrier so they start together, works through the action functions
with its own database connection, and closes it at the end. The tests must hold on SQLite
(WAL, IMMEDIATE transactions, busy timeout) and on PostgreSQL (row locks, unique constraints).
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from tests.factories import PASSWORD
from tuuma.evaluation import actions as evaluation
from tuuma.evaluation.models import Assignment, Criterion, Score
from tuuma.ideas import actions
from tuuma.ideas.models import Comment, Idea, Status, StatusChange, Support
from tuuma.notifications.models import Notification
from tuuma.organizations.models import Membership

# One worker runs them all, one after another: each holds up to 50 database connections at
# once, and PostgreSQL's default limit is 100 for the whole server.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("concurrency")]
User = get_user_model()


def together(calls):
    """Run each zero-argument callable in its own thread, all released at once.

    Returns one ("ok", value) or ("error", exception) per call, in order.
    """
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait(timeout=30)
            return "ok", call()
        except Exception as exc:  # noqa: BLE001 - reported to the test, which decides
            return "error", exc
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return [f.result() for f in [pool.submit(run, c) for c in calls]]


def members(org, n, prefix="jasen"):
    password = make_password(PASSWORD)
    users = User.objects.bulk_create(
        User(email=f"{prefix}{i}@testila.fi", full_name=f"Jäsen {i}", password=password)
        for i in range(n))
    users = list(User.objects.filter(email__startswith=prefix).order_by("pk"))
    Membership.objects.bulk_create(Membership(user=u, organization=org) for u in users)
    return users


def fresh(model, pk):
    """Each thread loads its own objects, as a request would."""
    return model.objects.get(pk=pk)


def errors(results):
    return [value for kind, value in results if kind == "error"]


def assert_history_consistent(idea):
    """Each change starts where the previous one ended, and the idea is where the last ended."""
    history = list(StatusChange.objects.filter(idea=idea).order_by("at", "pk"))
    assert history[0].from_status == "" and history[0].to_status == Status.SUBMITTED
    for before, after in zip(history, history[1:], strict=False):
        assert after.from_status == before.to_status
    idea.refresh_from_db()
    assert idea.status == history[-1].to_status
    return history


def test_fifty_people_support_at_once(world, idea):
    people = members(world.org, 50)
    results = together([
        lambda u=u: actions.set_support(fresh(Idea, idea.pk), by=fresh(User, u.pk), on=True)
        for u in people])
    assert results == [("ok", True)] * 50
    idea.refresh_from_db()
    assert idea.support_count == 50 == Support.objects.filter(idea=idea).count()


def test_one_person_supports_ten_times_at_once(world, idea):
    results = together([
        lambda: actions.set_support(fresh(Idea, idea.pk), by=fresh(User, world.coworker.pk),
                                    on=True)
        for _ in range(10)])
    assert errors(results) == []
    assert sorted(value for _kind, value in results) == [False] * 9 + [True]
    idea.refresh_from_db()
    assert idea.support_count == 1 == Support.objects.filter(idea=idea).count()


def test_supports_and_withdrawals_at_once_keep_the_count_exact(world, idea):
    people = members(world.org, 24)
    for person in people[:12]:
        actions.set_support(idea, by=person, on=True)
    calls = [  # the first 12 withdraw (each twice), the other 12 support (each twice)
        lambda u=u, on=(i >= 12): actions.set_support(fresh(Idea, idea.pk),
                                                      by=fresh(User, u.pk), on=on)
        for i, u in enumerate(people) for _ in range(2)]
    assert errors(together(calls)) == []
    idea.refresh_from_db()
    assert set(Support.objects.filter(idea=idea).values_list("user_id", flat=True)) == {
        u.pk for u in people[12:]}
    assert idea.support_count == 12


def test_twenty_comments_at_once(world, idea):
    people = members(world.org, 20)
    results = together([
        lambda u=u: actions.add_comment(fresh(Idea, idea.pk), by=fresh(User, u.pk),
                                        body=f"Kommentti {u.pk}")
        for u in people])
    assert errors(results) == []
    idea.refresh_from_db()
    assert idea.comment_count == 20 == Comment.objects.filter(idea=idea).count()


@pytest.fixture
def second_decider(world):
    user = User.objects.create_user("paula@testila.fi", PASSWORD, full_name="Paula Päättäjä")
    Membership.objects.create(user=user, organization=world.org, is_decider=True)
    return user


def test_two_deciders_accept_the_same_idea_at_once(world, idea, second_decider):
    results = together([
        lambda d=d: actions.decide(fresh(Idea, idea.pk), by=fresh(User, d.pk),
                                   outcome=Status.ACCEPTED, reason=f"Hyväksyn ({d.full_name})")
        for d in (world.decider, second_decider)])
    ok = [value for kind, value in results if kind == "ok"]
    failed = errors(results)
    assert len(ok) == 1 and len(failed) == 1
    assert isinstance(failed[0], ValidationError) and failed[0].code == "bad_transition"
    history = assert_history_consistent(idea)
    assert [h.to_status for h in history] == [Status.SUBMITTED, Status.ACCEPTED]
    # The reason on the idea is the one whose decision was recorded.
    assert idea.decision_reason == history[-1].reason and idea.decided_by == history[-1].by
    # The author hears about it once.
    assert Notification.objects.filter(user=world.employee, kind="status").count() == 1


@pytest.mark.parametrize("round_", range(3))
def test_accept_and_decline_at_once_leave_a_valid_history(world, idea, second_decider, round_):
    outcomes = [(world.decider, Status.ACCEPTED), (second_decider, Status.DECLINED)]
    if round_ % 2:
        outcomes.reverse()
    results = together([
        lambda d=d, o=o: actions.decide(fresh(Idea, idea.pk), by=fresh(User, d.pk), outcome=o,
                                        reason=f"Perustelu: {o}")
        for d, o in outcomes])
    for kind, value in results:
        assert kind == "ok" or (isinstance(value, ValidationError)
                                and value.code == "bad_transition")
    history = assert_history_consistent(idea)
    decided = [h for h in history if h.from_status]
    assert len(decided) == len([r for r in results if r[0] == "ok"]) >= 1
    # Either order is valid: declined is final, accepted may still be declined afterwards.
    assert [h.to_status for h in decided] in (
        [Status.DECLINED], [Status.ACCEPTED, Status.DECLINED])
    assert idea.decision_reason == decided[-1].reason


def test_two_ideas_merged_into_each_other_at_once(world, idea):
    other = actions.submit_idea(world.org, by=world.coworker, title="Sama idea toisin sanoin",
                                problem="p", proposal="e")
    a, b = fresh(Idea, idea.pk), fresh(Idea, other.pk)  # both forms were filled in first
    results = together([
        lambda: actions.merge(a, into=b, by=fresh(User, world.developer.pk)),
        lambda: actions.merge(b, into=a, by=fresh(User, world.decider.pk))])
    assert len(errors(results)) == 1
    assert isinstance(errors(results)[0], ValidationError)
    a.refresh_from_db()
    b.refresh_from_db()
    # Exactly one of them continues; the other points to it, not in a circle.
    assert sorted([a.status, b.status]) == sorted([Status.MERGED, Status.SUBMITTED])
    merged, kept = (a, b) if a.status == Status.MERGED else (b, a)
    assert merged.merged_into == kept and kept.merged_into is None
    assert_history_consistent(a)
    assert_history_consistent(b)


def test_two_developers_assign_the_same_evaluator_at_once(world, idea):
    second = User.objects.create_user("kaisa@testila.fi", PASSWORD, full_name="Kaisa Kehittäjä")
    Membership.objects.create(user=second, organization=world.org, is_developer=True)
    results = together([
        lambda d=d: evaluation.assign_evaluators(fresh(Idea, idea.pk), by=fresh(User, d.pk),
                                                 evaluators=[fresh(User, world.steward.pk)])
        for d in (world.developer, second)])
    assert errors(results) == []
    assert Assignment.objects.filter(idea=idea, evaluator=world.steward).count() == 1
    history = assert_history_consistent(idea)
    assert [h.to_status for h in history] == [Status.SUBMITTED, Status.IN_EVALUATION]
    assert Notification.objects.filter(user=world.steward, kind="assigned").count() == 1


def test_one_evaluation_sent_twice_at_once_is_saved_once(world, idea):
    evaluation.assign_evaluators(idea, by=world.developer, evaluators=[world.coworker])
    assignment = Assignment.objects.get(idea=idea)
    criteria = list(Criterion.objects.filter(organization=world.org, active=True))
    results = together([
        lambda v=v: evaluation.submit_evaluation(
            fresh(Assignment, assignment.pk), by=fresh(User, world.coworker.pk),
            scores={c.pk: v for c in criteria}, comment=f"Arvio {v}")
        for v in (2, 4)])
    failed = errors(results)
    assert len(failed) == 1 and isinstance(failed[0], ValidationError | PermissionDenied)
    assignment.refresh_from_db()
    assert assignment.submitted_at is not None
    values = set(Score.objects.filter(assignment=assignment).values_list("value", flat=True))
    assert Score.objects.filter(assignment=assignment).count() == len(criteria)
    assert values == {int(assignment.comment.split()[-1])}  # scores and comment match
