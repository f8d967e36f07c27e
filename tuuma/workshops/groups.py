"""Peer-coaching groups (vertaiscoaching): a standing group that meets in a series of sessions.

Each session is a workshop that only the group's members can join, with a date and notes; its
ideas are taken forward into the pipeline the same way as any workshop's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tuuma.organizations.context import organization_for
from tuuma.organizations.permissions import Action, can, require

from . import actions
from .forms import PeerGroupForm, SessionForm
from .models import PeerGroup, Phase


def group_for(request, pk, action=Action.GROUP_VIEW) -> PeerGroup:
    group = get_object_or_404(PeerGroup.objects.select_related("organization"), pk=pk)
    require(request.user, action, group)
    return group


@login_required
def create(request, slug):
    org = organization_for(request, slug)
    require(request.user, Action.WORKSHOP_CREATE, org)
    form = PeerGroupForm(request.POST or None, organization=org)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            group = form.save(commit=False)
            group.organization, group.created_by = org, request.user
            group.save()
            group.members.set(form.cleaned_data["member_emails"])
            group.coaches.add(request.user)
        messages.success(request, _("The peer group was created."))
        return redirect(group)
    return render(request, "workshops/group_form.html", {"form": form, "organization": org},
                  status=400 if form.errors else 200)


@login_required
def edit(request, pk):
    group = group_for(request, pk, Action.GROUP_MANAGE)
    form = PeerGroupForm(request.POST or None, instance=group, organization=group.organization)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            group.members.set(form.cleaned_data["member_emails"])
        messages.success(request, _("Saved."))
        return redirect(group)
    return render(request, "workshops/group_form.html",
                  {"form": form, "group": group, "organization": group.organization},
                  status=400 if form.errors else 200)


@login_required
def detail(request, pk):
    group = group_for(request, pk)
    sessions = (group.sessions.order_by("-meets_on", "-created_at")
                .annotate(posts=Count("items", filter=Q(items__hidden=False), distinct=True),
                          taken=Count("items", filter=Q(items__idea__isnull=False),
                                      distinct=True)))
    may_manage = can(request.user, Action.GROUP_MANAGE, group)
    for session in sessions:
        session.may_facilitate = can(request.user, Action.WORKSHOP_FACILITATE, session)
    return render(request, "workshops/group.html", {
        "group": group, "sessions": sessions, "may_manage": may_manage,
        "members": group.members.order_by("full_name", "email"),
        "coaches": group.coaches.order_by("full_name", "email")})


@login_required
def new_session(request, pk):
    group = group_for(request, pk, Action.GROUP_MANAGE)
    number = group.sessions.count() + 1
    form = SessionForm(request.POST or None, initial={
        "title": _("Session %(n)s") % {"n": number}, "anonymous": False,
        "prompts": _("What is on your mind at work right now?")})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        prompts = data.pop("prompts")
        with transaction.atomic():
            session = actions.create_workshop(group.organization, by=request.user,
                                              prompts=prompts, group=group,
                                              members_only=True, **data)
            session.facilitators.add(*group.coaches.all())
        messages.success(request, _("The session is ready. Members join with the code %(code)s.")
                         % {"code": session.code})
        return redirect(session)
    return render(request, "workshops/form.html",
                  {"form": form, "group": group, "organization": group.organization},
                  status=400 if form.errors else 200)


@login_required
def session(request, pk, session):
    """One of the group's sessions, for looking back: its prompts, notes and — once it is
    closed — its results under their clusters, and which ideas were taken forward (linked when
    the viewer may see the idea). Everyone who sees the group sees this."""
    group = group_for(request, pk)
    found = (group.sessions.select_related("organization", "group")
             .filter(pk=session).first())
    if found is None:
        raise Http404
    prompts = list(found.prompts.all())
    results = None
    if found.phase == Phase.CLOSED:
        items = actions.ranked_items(found)
        for item in items:
            item.idea_visible = bool(item.idea_id) and can(request.user, Action.IDEA_VIEW,
                                                           item.idea)
        results = actions.results_by_prompt(found, items)
    taken = [item for _prompt, groups in results or [] for group in groups
             for item in group.items if item.idea_id]
    taken.sort(key=lambda item: item.rank)
    return render(request, "workshops/group_session.html", {
        "group": group, "session": found, "prompts": prompts, "results": results,
        "taken": taken, "may_facilitate": can(request.user, Action.WORKSHOP_FACILITATE, found)})
