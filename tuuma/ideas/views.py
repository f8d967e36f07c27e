from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuuma.evaluation.forms import AssignForm
from tuuma.evaluation.models import summary
from tuuma.organizations.context import organization_for
from tuuma.organizations.permissions import Action, can, require

from . import actions
from .forms import CommentForm, DecisionForm, IdeaFilterForm, IdeaForm, MergeForm
from .models import Attachment, Comment, Draft, Idea, StatusChange
from .queries import filtered

PENDING_KEY = "pending-idea-{}"
DRAFT_FIELDS = ("title", "problem", "proposal", "beneficiaries", "coauthors", "hide_author")


def idea_for(request, pk, action=Action.IDEA_VIEW) -> Idea:
    idea = get_object_or_404(Idea.objects.select_related("organization", "author"), pk=pk)
    require(request.user, action, idea)
    return idea


def idea_list(request, slug):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    org = organization_for(request, slug)
    form = IdeaFilterForm(request.GET or None, organization=org)
    data = form.cleaned_data if form.is_valid() else {}
    page = Paginator(filtered(org, data), 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "ideas/list.html", {
        "organization": org, "form": form, "page": page, "query": query.urlencode(),
    })


@login_required
def my_ideas(request):
    ideas = (Idea.objects.visible_to(request.user)
             .filter(author=request.user) | Idea.objects.visible_to(request.user)
             .filter(coauthors=request.user))
    ideas = ideas.distinct().select_related("organization").order_by("-created_at")
    page = Paginator(ideas, 25).get_page(request.GET.get("page"))
    return render(request, "ideas/mine.html", {"page": page})


def _draft_initial(request, org):
    """What the person typed earlier: a form stashed when the session expired, else the draft."""
    stashed = request.session.pop(PENDING_KEY.format(org.pk), None)
    if stashed:
        return stashed, True
    draft = Draft.objects.filter(user=request.user, organization=org).first()
    return (draft.data, False) if draft else ({}, False)


def submit(request, slug):
    if not request.user.is_authenticated:
        # The session expired while the person was typing: keep what they wrote, sign them
        # in again and put it back in the form.
        if request.method == "POST":
            request.session[PENDING_KEY.format(_org_pk(slug))] = {
                k: (request.POST.getlist(k) if k == "units" else request.POST.get(k, ""))
                for k in (*DRAFT_FIELDS, "units")}
        return redirect_to_login(reverse("ideas:submit", args=[slug]))
    org = organization_for(request, slug, Action.IDEA_SUBMIT)
    if request.method == "POST":
        form = IdeaForm(request.POST, request.FILES, organization=org, user=request.user)
        if form.is_valid():
            d = form.cleaned_data
            try:
                idea = actions.submit_idea(
                    org, by=request.user, title=d["title"], problem=d["problem"],
                    proposal=d["proposal"], beneficiaries=d["beneficiaries"],
                    units=d["units"], coauthors=d["coauthors"], hide_author=d["hide_author"],
                    files=d["attachments"])
            except ValidationError as e:
                form.add_error(None, e)
            else:
                messages.success(request, _("Thank you! Your idea has been submitted."))
                return redirect(idea)
    else:
        initial, restored = _draft_initial(request, org)
        form = IdeaForm(initial=initial, organization=org, user=request.user)
        if restored:
            messages.info(request, _("Your session had expired. What you typed has been kept: "
                                     "check it and send again."))
        elif initial:
            messages.info(request, _("Your unfinished draft was restored."))
    return render(request, "ideas/submit.html", {"organization": org, "form": form},
                  status=400 if form.is_bound else 200)


def _org_pk(slug):
    from tuuma.organizations.models import Organization

    org = Organization.objects.filter(slug=slug).only("pk").first()
    if org is None:
        raise Http404
    return org.pk


@require_POST
@login_required
def save_draft(request, slug):
    """Called as the person types (progressive enhancement); answers with JSON."""
    org = organization_for(request, slug, Action.IDEA_SUBMIT)
    # NUL cannot be stored in PostgreSQL's jsonb; the form would drop it anyway.
    data = {k: request.POST.get(k, "").replace("\x00", "")[:10000] for k in DRAFT_FIELDS}
    data["units"] = [u.replace("\x00", "") for u in request.POST.getlist("units")[:100]]
    draft = actions.save_draft(org, by=request.user, data=data)
    return JsonResponse({"saved": draft.updated_at.isoformat()})


def detail(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    idea = idea_for(request, pk)
    user = request.user
    history = StatusChange.objects.filter(idea=idea).select_related("by")
    comments = Comment.objects.filter(idea=idea).select_related("author")
    context = {
        "idea": idea, "organization": idea.organization,
        "history": history, "comments": comments,
        "attachments": idea.attachments.all(),
        "units": idea.units.select_related("parent__parent"),
        "coauthors": idea.coauthors.all(),
        "show_author": can(user, Action.IDEA_SEE_AUTHOR, idea),
        "supported": idea.supports.filter(user=user).exists(),
        "following": idea.follows.filter(user=user).exists(),
        "may": {a.name.lower(): can(user, a, idea) for a in (
            Action.IDEA_EDIT, Action.IDEA_COMMENT, Action.IDEA_SUPPORT, Action.IDEA_FOLLOW,
            Action.IDEA_ASSIGN, Action.IDEA_SEE_EVALUATIONS, Action.IDEA_DECIDE,
            Action.IDEA_MERGE, Action.IDEA_EVALUATE)},
        "comment_form": CommentForm(),
        "my_assignment": idea.assignments.filter(evaluator=user).first(),
    }
    if context["may"]["idea_see_evaluations"]:
        context["evaluation"] = summary(idea)
        context["pending"] = idea.assignments.filter(submitted_at__isnull=True) \
            .select_related("evaluator")
    if context["may"]["idea_assign"]:
        context["assign_form"] = AssignForm(idea=idea)
    if context["may"]["idea_decide"]:
        context["decision_form"] = DecisionForm()
    if context["may"]["idea_merge"]:
        context["merge_form"] = MergeForm(idea=idea)
    rejected = getattr(request, "_rejected_form", None)
    if rejected:
        context[rejected[0]] = rejected[1]
    return render(request, "ideas/detail.html", context)


@login_required
def edit(request, pk):
    idea = idea_for(request, pk, Action.IDEA_EDIT)
    org = idea.organization
    if request.method == "POST":
        form = IdeaForm(request.POST, organization=org, user=request.user, with_files=False)
        if form.is_valid():
            d = form.cleaned_data
            actions.edit_idea(idea, by=request.user, title=d["title"], problem=d["problem"],
                              proposal=d["proposal"], beneficiaries=d["beneficiaries"],
                              hide_author=d["hide_author"], units=d["units"],
                              coauthors=d["coauthors"])
            messages.success(request, _("The idea was updated."))
            return redirect(idea)
    else:
        form = IdeaForm(organization=org, user=request.user, with_files=False, initial={
            "title": idea.title, "problem": idea.problem, "proposal": idea.proposal,
            "beneficiaries": idea.beneficiaries, "hide_author": idea.hide_author,
            "units": list(idea.units.all()),
            "coauthors": ", ".join(c.email for c in idea.coauthors.all())})
    return render(request, "ideas/edit.html", {"organization": org, "form": form, "idea": idea},
                  status=400 if form.is_bound else 200)


@require_POST
@login_required
def comment(request, pk):
    idea = idea_for(request, pk, Action.IDEA_COMMENT)
    form = CommentForm(request.POST)
    if form.is_valid():
        actions.add_comment(idea, by=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Your comment was added."))
        return redirect(idea.get_absolute_url() + "#comments")
    return _form_page(request, idea, "comment_form", form)


@require_POST
@login_required
def support(request, pk):
    idea = idea_for(request, pk, Action.IDEA_SUPPORT)
    actions.set_support(idea, by=request.user, on=request.POST.get("on") != "0")
    return redirect(idea)


@require_POST
@login_required
def follow(request, pk):
    idea = idea_for(request, pk, Action.IDEA_FOLLOW)
    actions.set_follow(idea, by=request.user, on=request.POST.get("on") != "0")
    return redirect(idea)


@require_POST
@login_required
def decide(request, pk):
    idea = idea_for(request, pk, Action.IDEA_DECIDE)
    form = DecisionForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            actions.decide(idea, by=request.user, outcome=d["outcome"], reason=d["reason"],
                           parked_until=d["parked_until"])
        except ValidationError as e:
            field = {"reason_required": "reason", "date_required": "parked_until",
                     "past_date": "parked_until"}.get(e.code)
            form.add_error(field, e)
        else:
            messages.success(request, _("The decision was recorded and the author notified."))
            return redirect(idea)
    return _form_page(request, idea, "decision_form", form)


@require_POST
@login_required
def merge(request, pk):
    idea = idea_for(request, pk, Action.IDEA_MERGE)
    form = MergeForm(request.POST, idea=idea)
    if form.is_valid():
        try:
            actions.merge(idea, into=form.cleaned_data["into"], by=request.user,
                          reason=form.cleaned_data["reason"])
        except ValidationError as e:
            form.add_error("into", e)
        else:
            messages.success(request, _("The idea was merged as a duplicate."))
            return redirect(idea)
    return _form_page(request, idea, "merge_form", form)


def _form_page(request, idea, name, form):
    """The idea page again with one rejected form in place (status 400, input kept)."""
    request.method = "GET"
    request._rejected_form = (name, form)
    response = detail(request, idea.pk)
    response.status_code = 400
    return response


@login_required
def attachment(request, pk, attachment_id):
    idea = idea_for(request, pk)
    item = get_object_or_404(Attachment, pk=attachment_id, idea=idea)
    response = FileResponse(item.file.open("rb"), content_type=item.content_type,
                            as_attachment=not item.is_image, filename=item.original_name)
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'none'"
    response["Cache-Control"] = "private, max-age=3600"
    return response

