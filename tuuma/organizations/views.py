from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tuuma.ideas.queries import response_figures

from . import actions, people_import
from .context import organization_for
from .forms import AcceptInvitationForm, ImportForm, InviteForm, RolesForm, SettingsForm, UnitForm
from .models import Invitation, Membership, Unit
from .permissions import Action, can
from .queries import participation, waiting_by_unit


@login_required
def detail(request, slug):
    org = organization_for(request, slug)
    context = {
        "organization": org,
        "figures": response_figures(org),
        "sectors": Unit.objects.filter(organization=org, parent__isnull=True)
        .prefetch_related("children__children"),
        "may_manage": can(request.user, Action.ORG_MANAGE, org),
        "may_wait": can(request.user, Action.ORG_WAITING, org),
    }
    if can(request.user, Action.ORG_PARTICIPATION, org):
        context["participation"] = participation(org)
    return render(request, "organizations/detail.html", context)


@login_required
def waiting(request, slug):
    org = organization_for(request, slug, Action.ORG_WAITING)
    groups, total = waiting_by_unit(org)
    return render(request, "organizations/waiting.html",
                  {"organization": org, "groups": groups, "total": total})


@login_required
def people(request, slug):
    org = organization_for(request, slug, Action.ORG_MANAGE)
    members = (Membership.objects.filter(organization=org)
               .select_related("user", "unit").order_by("user__full_name"))
    q = request.GET.get("q", "").replace("\x00", "").strip()  # PostgreSQL refuses NUL
    if q:
        members = members.filter(user__full_name__icontains=q) | members.filter(
            user__email__icontains=q)
    return render(request, "organizations/people.html", {
        "organization": org, "members": members[:500], "q": q,
        "invite_form": InviteForm(organization=org), "import_form": ImportForm(),
        "invitations": Invitation.objects.filter(organization=org, used_at__isnull=True)[:50],
    })


@login_required
def member(request, slug, pk):
    org = organization_for(request, slug, Action.ORG_MANAGE)
    membership = get_object_or_404(Membership.objects.select_related("user"), organization=org,
                                   pk=pk)
    initial = {"roles": [r.value for r in membership.roles if r.flag], "unit": membership.unit}
    form = RolesForm(request.POST or None, organization=org, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_member_roles(membership, by=request.user, roles=form.cleaned_roles(),
                                     unit=form.cleaned_data["unit"])
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Roles of %(name)s were saved.")
                             % {"name": membership.user.full_name})
            return redirect("organizations:people", slug=org.slug)
    return render(request, "organizations/member.html",
                  {"organization": org, "membership": membership, "form": form},
                  status=400 if request.method == "POST" else 200)


@login_required
def invite(request, slug):
    org = organization_for(request, slug, Action.ORG_MANAGE)
    form = InviteForm(request.POST or None, organization=org)
    if request.method == "POST" and form.is_valid():
        actions.invite(org, by=request.user, email=form.cleaned_data["email"],
                       roles=form.cleaned_roles(), unit=form.cleaned_data["unit"])
        messages.success(request, _("An invitation was sent to %(email)s.")
                         % {"email": form.cleaned_data["email"]})
        return redirect("organizations:people", slug=org.slug)
    return render(request, "organizations/invite.html", {"organization": org, "form": form},
                  status=400 if request.method == "POST" else 200)


@login_required
def import_people(request, slug):
    org = organization_for(request, slug, Action.ORG_MANAGE)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = people_import.import_people(
                org, by=request.user, data=form.cleaned_data["file"].read(),
                dry_run=form.cleaned_data["dry_run"])
        except ValidationError as e:
            form.add_error("file", e)
        else:
            if report.ok and not form.cleaned_data["dry_run"]:
                messages.success(request, _("Imported: %(new)d new, %(old)d updated.")
                                 % {"new": report.created, "old": report.updated})
                return redirect("organizations:people", slug=org.slug)
    status = 400 if request.method == "POST" and (not form.is_valid() or
                                                   (report and not report.ok)) else 200
    return render(request, "organizations/import.html",
                  {"organization": org, "form": form, "report": report}, status=status)


@login_required
def units(request, slug):
    org = organization_for(request, slug, Action.ORG_MANAGE)
    unit = None
    if request.GET.get("edit"):
        if not request.GET["edit"].isdecimal():
            raise Http404
        unit = get_object_or_404(Unit, organization=org, pk=request.GET["edit"])
    initial = {"name_fi": unit.name_fi, "name_sv": unit.name_sv, "kind": unit.kind,
               "parent": unit.parent} if unit else {}
    form = UnitForm(request.POST or None, organization=org, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_unit(org, by=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("The unit was saved."))
            return redirect("organizations:units", slug=org.slug)
    tree = (Unit.objects.filter(organization=org, parent__isnull=True)
            .prefetch_related("children__children").annotate(n=Count("ideas")))
    return render(request, "organizations/units.html",
                  {"organization": org, "form": form, "unit": unit, "tree": tree},
                  status=400 if request.method == "POST" else 200)


@login_required
def org_settings(request, slug):
    org = organization_for(request, slug, Action.ORG_MANAGE)
    form = SettingsForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        actions.update_settings(org, by=request.user, **{
            f: form.cleaned_data[f] for f in SettingsForm.Meta.fields})
        messages.success(request, _("The settings were saved."))
        return redirect("organizations:settings", slug=org.slug)
    org.refresh_from_db()
    return render(request, "organizations/settings.html", {"organization": org, "form": form},
                  status=400 if request.method == "POST" else 200)


def accept_invitation(request, token):
    invitation = actions.find_invitation(token)
    if invitation is None:
        return render(request, "organizations/invitation_invalid.html", status=410)
    existing = invitation.email
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                actions.accept_invitation(token, user=request.user)
            except ValidationError as e:
                messages.error(request, " ".join(e.messages))
            else:
                messages.success(request, _("Welcome to %(org)s!")
                                 % {"org": invitation.organization.name})
                return redirect(invitation.organization)
        return render(request, "organizations/invitation_join.html", {"invitation": invitation})
    from django.contrib.auth import get_user_model

    if get_user_model().objects.filter(email__iexact=existing).exists():
        return render(request, "organizations/invitation_join.html",
                      {"invitation": invitation, "sign_in": True})
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = actions.accept_invitation(
                token, full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"])
        except ValidationError as e:
            form.add_error(None, e)
        else:
            login(request, membership.user,
                  backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request,
                             _("Welcome to %(org)s!") % {"org": membership.organization.name})
            return redirect(membership.organization)
    return render(request, "organizations/invitation_accept.html",
                  {"invitation": invitation, "form": form},
                  status=400 if request.method == "POST" else 200)
