from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuuma.ideas.views import _form_page, idea_for
from tuuma.organizations.context import organization_for
from tuuma.organizations.permissions import Action, require

from . import actions
from .forms import AssignForm, CriterionForm, ScoreForm
from .models import Assignment, Criterion


@login_required
def queue(request):
    assignments = (Assignment.objects.filter(evaluator=request.user)
                   .select_related("idea__organization").order_by("submitted_at", "assigned_at"))
    return render(request, "evaluation/queue.html", {
        "open": [a for a in assignments if a.submitted_at is None and a.idea.is_open],
        "done": [a for a in assignments if a.submitted_at is not None][:50],
    })


@login_required
def score(request, pk):
    assignment = get_object_or_404(Assignment.objects.select_related("idea__organization"), pk=pk)
    idea = assignment.idea
    require(request.user, Action.IDEA_VIEW, idea)
    if assignment.evaluator_id != request.user.pk:
        raise PermissionDenied
    form = ScoreForm(request.POST or None, organization=idea.organization)
    if request.method == "POST" and form.is_valid():
        try:
            actions.submit_evaluation(assignment, by=request.user, scores=form.scores(),
                                      comment=form.cleaned_data["comment"])
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Thank you, your evaluation was saved."))
            return redirect("evaluation:queue")
    status = 400 if request.method == "POST" else 200
    return render(request, "evaluation/score.html",
                  {"assignment": assignment, "idea": idea, "form": form}, status=status)


@require_POST
@login_required
def assign(request, pk):
    idea = idea_for(request, pk, Action.IDEA_ASSIGN)
    form = AssignForm(request.POST, idea=idea)
    if form.is_valid():
        try:
            actions.assign_evaluators(idea, by=request.user,
                                      evaluators=list(form.cleaned_data["evaluators"]))
        except ValidationError as e:
            form.add_error("evaluators", e)
        else:
            messages.success(request, _("Evaluators were assigned and notified."))
            return redirect(idea)
    return _form_page(request, idea, "assign_form", form)


@login_required
def rubric(request, slug):
    org = organization_for(request, slug, Action.ORG_MANAGE)
    criterion = None
    if request.GET.get("edit"):
        if not request.GET["edit"].isdecimal():
            raise Http404
        criterion = get_object_or_404(Criterion, organization=org, pk=request.GET["edit"])
    form = CriterionForm(request.POST or None, instance=criterion)
    if request.method == "POST" and form.is_valid():
        actions.save_criterion(org, by=request.user, criterion=form.save(commit=False))
        messages.success(request, _("The criterion was saved."))
        return redirect("evaluation:rubric", slug=org.slug)
    return render(request, "evaluation/rubric.html", {
        "organization": org, "form": form, "criterion": criterion,
        "criteria": Criterion.objects.filter(organization=org),
    }, status=400 if request.method == "POST" else 200)
