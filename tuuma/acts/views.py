"""Pages for development acts: the organization's own list, create and edit, the act page,
publishing, adoption — and the public catalogue (its reads live in queries.py)."""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q, prefetch_related_objects
from django.db.models.expressions import RawSQL
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuuma.core.pagecache import cache_for_visitors, keep, kept
from tuuma.ideas.models import Idea
from tuuma.organizations.context import organization_for
from tuuma.organizations.permissions import Action, can, require
from tuuma.search.index import catalogue_stamp
from tuuma.search.query import catalogue_match_sql, catalogue_matches, catalogue_ranked

from . import actions
from .forms import (
    ActForm,
    AdoptForm,
    CatalogueForm,
    ContactFormSet,
    FileDescriptionForm,
    FileForm,
    MetricFormSet,
    TranslationForm,
    UpdateForm,
)
from .models import LANGUAGES, TEXT_FIELDS, Act, ActFile, ActUpdate, Adoption, Visibility
from .queries import (
    KEEP_SECONDS,
    PAGE_SIZE,
    adoptions_of,
    apply_filters,
    catalogue_counts,
    facet_counts,
    keyset_page,
    public_acts,
    similar_acts,
)

LANGUAGE_NAMES = dict(LANGUAGES)


def act_for(request, pk, action=Action.ACT_VIEW) -> Act:
    act = get_object_or_404(Act.objects.select_related("organization"), pk=pk)
    require(request.user, action, act)
    return act


# --- the organization's acts ------------------------------------------------------------------

def org_list(request, slug):
    """All the organization's acts, internal ones too; the approval queue for editors."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    org = organization_for(request, slug)
    acts = Act.objects.filter(organization=org).order_by("-updated_at", "-id")
    page = Paginator(acts.select_related("organization"), 25).get_page(request.GET.get("page"))
    _prefetch(page.object_list)
    may_publish = can(request.user, Action.ACT_PUBLISH, Act(organization=org))
    return render(request, "acts/org_list.html", {
        "organization": org, "page": page,
        "pending": acts.filter(visibility=Visibility.PENDING) if may_publish else None,
        "may_create": can(request.user, Action.ACT_CREATE, org),
    })


def _formsets(request, org, act=None):
    """The contact and metric formsets, bound to POST or filled from the act."""
    kwargs = {"form_kwargs": {"act_organization": org}}
    if request.method == "POST":
        return (ContactFormSet(request.POST, prefix="contacts", **kwargs),
                MetricFormSet(request.POST, prefix="metrics"))
    contacts = [{"email": c.email, "name": c.name, "title": c.title,
                 "organization": c.organization} for c in act.contacts.all()] if act else []
    metrics = [{f: getattr(m, f) for f in ("name", "unit", "baseline", "target", "result",
                                           "measured_on")}
               for m in act.metrics.all()] if act else []
    return (ContactFormSet(initial=contacts, prefix="contacts", **kwargs),
            MetricFormSet(initial=metrics, prefix="metrics"))


def _save_act(request, form, contacts, metrics, org, act=None):
    """Create or update the act with its contacts and metrics, all or nothing."""
    rows_c = [c for c in (f.contact() for f in contacts) if c]
    rows_m = [m for m in (f.metric() for f in metrics) if m]
    with transaction.atomic():
        created = act is None
        if created:
            act = actions.create_act(org, by=request.user, **form.act_fields())
        # Contacts and metrics before the team: a team member may take themselves off it.
        actions.set_contacts(act, by=request.user, contacts=rows_c)
        actions.set_metrics(act, by=request.user, metrics=rows_m)
        if not created:
            act = actions.edit_act(act, by=request.user, **form.act_fields())
    return act


def _act_form_page(request, org, act=None):
    if request.method == "POST":
        form = ActForm(request.POST, organization=org, act=act)
        contacts, metrics = _formsets(request, org)
        if form.is_valid() and contacts.is_valid() and metrics.is_valid():
            try:
                saved = _save_act(request, form, contacts, metrics, org, act)
            except ValidationError as e:
                form.add_error(None, e)
            else:
                messages.success(request, _("The development act was saved.")
                                 if act else _("The development act was created. It is "
                                               "internal to your organization until it is "
                                               "published."))
                return redirect(saved)
    else:
        initial = {}
        if act is not None:
            initial = {f: getattr(act, f) for f in (*TEXT_FIELDS, "status", "start", "end",
                                                    "language", "source_url")}
            initial |= {"themes": list(act.themes.all()), "sectors": list(act.sectors.all()),
                        "units": list(act.units.all()),
                        "origin_ideas": list(act.origin_ideas.all()),
                        "team": ", ".join(p.email for p in act.authors.all())}
        form = ActForm(initial=initial, organization=org, act=act)
        contacts, metrics = _formsets(request, org, act)
    forms = [form, *contacts, *metrics]
    formset_errors = [*contacts.non_form_errors(), *metrics.non_form_errors()]
    return render(request, "acts/form.html", {
        "deletable": act is not None and actions.can_delete(act),
        "organization": org, "act": act, "form": form, "contacts": contacts,
        "metrics": metrics, "forms": forms, "formset_errors": formset_errors,
        "has_errors": bool(formset_errors) or any(f.errors for f in forms),
    }, status=400 if form.is_bound else 200)


def create(request, slug):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    org = organization_for(request, slug, Action.ACT_CREATE)
    return _act_form_page(request, org)


@login_required
def edit(request, pk):
    act = act_for(request, pk, Action.ACT_EDIT)
    return _act_form_page(request, act.organization, act)


@login_required
def delete(request, pk):
    """A draft made by mistake can go; the page asks first (and works without JavaScript)."""
    act = act_for(request, pk, Action.ACT_EDIT)
    if request.method == "POST":
        try:
            actions.delete_act(act, by=request.user)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
            return redirect(act)
        messages.success(request, _("The act “%(title)s” was deleted.") % {"title": act.title})
        return redirect("acts:org_list", act.organization.slug)
    return render(request, "acts/delete.html", {"act": act,
                                                "deletable": actions.can_delete(act)})


@require_POST
@login_required
def from_idea(request, pk):
    idea = get_object_or_404(Idea.objects.select_related("organization"), pk=pk)
    require(request.user, Action.IDEA_VIEW, idea)
    require(request.user, Action.ACT_CREATE, idea.organization)
    try:
        act = actions.create_from_idea(idea, by=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect(idea)
    messages.success(request, _("A development act was made from the idea. Complete it and "
                                "ask for it to be published."))
    return redirect("acts:edit", act.pk)


# --- the act page -------------------------------------------------------------------------------

def detail(request, pk, slug=""):
    act = act_for(request, pk)
    if slug != (act.slug or "teko"):
        # The id is the address; the name part follows the title, so old links still work.
        return redirect(act.get_absolute_url(), permanent=True)
    return render(request, "acts/detail.html", _detail_context(request, act))


def _detail_context(request, act, **forms):
    user = request.user
    ui = (get_language() or "fi")[:2]
    translations = {t.language: t for t in act.translations.all()}
    original = request.GET.get("alkuperainen") == "1"
    shown = ui if ui in translations and ui != act.language and not original else act.language
    texts = act.text(shown)
    may = {a.name.lower(): can(user, a, act) for a in (
        Action.ACT_EDIT, Action.ACT_PUBLISH, Action.ACT_ADOPT)}
    url = settings.SITE_URL + act.get_absolute_url()
    member = _is_member(user, act)
    context = {
        "act": act, "organization": act.organization, "texts": texts, "shown_language": shown,
        "shown_language_name": LANGUAGE_NAMES.get(shown, shown),
        "original_language_name": LANGUAGE_NAMES.get(act.language, act.language),
        "translated": shown != act.language,
        "translation_available": ui != act.language and ui in translations,
        "content_lang": shown if shown != ui else "",
        "contacts": act.contacts.all(), "metrics": act.metrics.all(),
        "updates": act.updates.select_related("author"),
        "files": act.files.all(), "themes": act.themes.all(), "sectors": act.sectors.all(),
        # The unit tree and the ideas behind an act are the organization's own business.
        "units": act.units.select_related("parent__parent") if member else [],
        "adoptions": adoptions_of(act), "similar": similar_acts(act, user=request.user),
        "may": may, "share_url": url,
        "translation_links": [(c, n) for c, n in LANGUAGES if c != act.language],
        "member": member,
        "origin_ideas": act.origin_ideas.all() if member else [],
        "adopted_from": act.adopted_from if act.adopted_from_id and can(
            user, Action.ACT_VIEW, act.adopted_from) else None,
        "update_form": forms.get("update_form") or (UpdateForm() if may["act_edit"] else None),
    }
    _prefetch(context["similar"])
    return context


def _is_member(user, act):
    return user.is_authenticated and (
        user.is_platform_admin
        or user.memberships.filter(organization_id=act.organization_id).exists())


@require_POST
@login_required
def add_update(request, pk):
    act = act_for(request, pk, Action.ACT_EDIT)
    form = UpdateForm(request.POST)
    if form.is_valid():
        actions.add_update(act, by=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("The entry was added to the diary."))
        return redirect(act.get_absolute_url() + "#updates")
    return render(request, "acts/detail.html", _detail_context(request, act, update_form=form),
                  status=400)


@login_required
def edit_update(request, pk, update_id):
    act = act_for(request, pk, Action.ACT_EDIT)
    update = get_object_or_404(ActUpdate, pk=update_id, act=act)
    form = UpdateForm(request.POST or None, initial={"body": update.body}, label=_("Entry"))
    if request.method == "POST" and form.is_valid():
        actions.edit_update(update, by=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("The diary entry was saved."))
        return redirect(act.get_absolute_url() + "#updates")
    return render(request, "acts/update_form.html", {"act": act, "update": update,
                                                     "form": form},
                  status=400 if form.is_bound else 200)


@require_POST
@login_required
def remove_update(request, pk, update_id):
    act = act_for(request, pk, Action.ACT_EDIT)
    actions.remove_update(get_object_or_404(ActUpdate, pk=update_id, act=act), by=request.user)
    messages.success(request, _("The diary entry was removed."))
    return redirect(act.get_absolute_url() + "#updates")


# --- publishing --------------------------------------------------------------------------------

@require_POST
@login_required
def request_publishing(request, pk):
    act = act_for(request, pk, Action.ACT_EDIT)
    try:
        act = actions.request_publishing(act, by=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect(act)
    if act.is_public:
        messages.success(request, _("The act was published in the catalogue."))
    else:
        messages.success(request, _("Publishing was requested. The organization's admins and "
                                    "catalogue editors were notified."))
    return redirect(act)


@require_POST
@login_required
def publish(request, pk):
    act = act_for(request, pk, Action.ACT_PUBLISH)
    try:
        actions.publish(act, by=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("The act was published in the catalogue."))
    return redirect(_back(request, act))


@require_POST
@login_required
def withdraw(request, pk):
    act = act_for(request, pk, Action.ACT_PUBLISH)
    was_public = act.is_public
    actions.withdraw(act, by=request.user)
    messages.success(request, _("The act was withdrawn from the catalogue.") if was_public
                     else _("The publishing request was turned down."))
    return redirect(_back(request, act))


def _back(request, act):
    """Back to the approval queue when the button was pressed there."""
    if request.POST.get("next") == "queue":
        return reverse("acts:org_list", args=[act.organization.slug])
    return act.get_absolute_url()


# --- translations, files --------------------------------------------------------------------------

@login_required
def translation(request, pk, language):
    act = act_for(request, pk, Action.ACT_EDIT)
    if language not in LANGUAGE_NAMES or language == act.language:
        raise Http404
    existing = act.translations.filter(language=language).first()
    if request.method == "POST":
        form = TranslationForm(request.POST, language=language)
        if form.is_valid():
            saved = actions.save_translation(act, by=request.user, language=language,
                                             **form.cleaned_data)
            messages.success(request, _("The translation was saved.") if saved
                             else _("The translation was removed."))
            return redirect(act)
    else:
        initial = {f: getattr(existing, f) for f in TEXT_FIELDS} if existing else {}
        form = TranslationForm(initial=initial, language=language)
    return render(request, "acts/translation.html", {
        "act": act, "form": form, "language": language,
        "language_name": LANGUAGE_NAMES[language],
        "others": [(code, name) for code, name in LANGUAGES if code != act.language],
    }, status=400 if form.is_bound else 200)


def _files_page(request, act, form=None, edited=None):
    """The act's files, each with its own description form; `edited` is a rejected one."""
    rows = [(f, edited if edited is not None and edited.item == f else
             FileDescriptionForm(item=f, initial={"description": f.description}))
            for f in act.files.all()]
    return render(request, "acts/files.html",
                  {"act": act, "form": form or FileForm(act=act), "rows": rows},
                  status=400 if (form and form.is_bound) or edited is not None else 200)


@login_required
def files(request, pk):
    act = act_for(request, pk, Action.ACT_EDIT)
    if request.method == "POST":
        form = FileForm(request.POST, request.FILES, act=act)
        if form.is_valid():
            actions.add_file(act, by=request.user, upload=form.cleaned_data["file"],
                             description=form.cleaned_data["description"])
            messages.success(request, _("The file was added."))
            return redirect("acts:files", act.pk)
        return _files_page(request, act, form=form)
    return _files_page(request, act)


@require_POST
@login_required
def edit_file(request, pk, file_id):
    act = act_for(request, pk, Action.ACT_EDIT)
    item = get_object_or_404(ActFile, pk=file_id, act=act)
    form = FileDescriptionForm(request.POST, item=item)
    if form.is_valid():
        actions.edit_file(item, by=request.user, description=form.cleaned_data["description"])
        messages.success(request, _("The description of %(name)s was saved.")
                         % {"name": item.original_name})
        return redirect("acts:files", act.pk)
    return _files_page(request, act, edited=form)


@require_POST
@login_required
def remove_file(request, pk, file_id):
    act = act_for(request, pk, Action.ACT_EDIT)
    item = get_object_or_404(ActFile, pk=file_id, act=act)
    actions.remove_file(item, by=request.user)
    messages.success(request, _("%(name)s was removed.") % {"name": item.original_name})
    return redirect("acts:files", act.pk)


def file(request, pk, file_id):
    act = act_for(request, pk)
    item = get_object_or_404(ActFile, pk=file_id, act=act)
    response = FileResponse(item.file.open("rb"), content_type=item.content_type,
                            as_attachment=not item.is_image, filename=item.original_name)
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'none'"
    response["Cache-Control"] = ("public, max-age=3600" if act.is_public
                                 else "private, max-age=3600")
    return response


# --- adoption ---------------------------------------------------------------------------------

def adopt(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    act = act_for(request, pk, Action.ACT_ADOPT)
    mine = actions.adopting_organizations(request.user, act)
    adoptions = {a.organization_id: a for a in act.adoptions.filter(
        organization__in=mine).select_related("organization")}
    choices = [o for o in mine if o.pk not in adoptions]
    done = [(a, actions.may_withdraw_adoption(request.user, a)) for a in adoptions.values()]
    form = None
    if choices:
        form = AdoptForm(request.POST or None, organizations=choices)
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            try:
                adoption = actions.adopt(act, by=request.user, organization=d["organization"],
                                         note=d["note"],
                                         create_linked_act=d["create_linked_act"])
            except ValidationError as e:
                form.add_error("organization", e)
            else:
                messages.success(request, _("Thank you! The team behind the act was told that "
                                            "%(org)s is adopting it.")
                                 % {"org": d["organization"].name})
                if adoption.linked_act:
                    return redirect("acts:edit", adoption.linked_act.pk)
                return redirect(act)
    return render(request, "acts/adopt.html", {"act": act, "form": form, "done": done},
                  status=400 if form is not None and form.is_bound else 200)


@require_POST
@login_required
def withdraw_adoption(request, pk, adoption_id):
    act = act_for(request, pk)
    adoption = get_object_or_404(Adoption.objects.select_related("organization"),
                                 pk=adoption_id, act=act)
    actions.withdraw_adoption(adoption, by=request.user)
    messages.success(request, _("%(org)s is no longer shown as adopting the act.")
                     % {"org": adoption.organization.name})
    return redirect(act)


# --- the public catalogue ----------------------------------------------------------------------

def _text_ids(q):
    """Acts whose texts contain Q as typed: what the catalogue's search falls back on when the
    index has nothing (an empty or missing index must not empty the catalogue)."""
    words = Q()
    for field in ("title", "summary", "need_and_goals", "solution", "results"):
        words |= Q(**{f"{field}__icontains": q})
    return list(public_acts().filter(words).order_by("-published_at", "-id")
                .values_list("pk", flat=True)[:1000])


# Whole pages for visitors who are not signed in (core.pagecache): a page then costs about
# what the trivial /health/ does. Searches (?q=) are answered live: their ranking also follows
# the rest of the search index, which the stamp does not cover.
@cache_for_visitors("catalogue", catalogue_stamp, timeout=KEEP_SECONDS,
                    skip=lambda request: bool(request.GET.get("q", "").strip()))
def catalogue(request):
    stamp = catalogue_stamp()
    form = CatalogueForm(request.GET or None)
    data = form.filters()
    q = data.pop("q", "")
    sort = data.pop("sort", "")
    base = public_acts()
    matches = catalogue_matches(q, data) if q else None
    if matches is not None and matches.total:
        # The index answers: every match counted (estimated when very many) and ranked.
        sql, params = catalogue_match_sql(matches.terms)
        base = base.filter(pk__in=RawSQL(sql, params))
    elif q:
        base = base.filter(pk__in=_text_ids(q))
        matches = None
    sort = sort or ("relevance" if matches else "new")
    if sort == "relevance" and not matches:
        sort = "new"
    acts = apply_filters(base, data).select_related("organization")
    query = request.GET.copy()
    for key in ("after", "before", "page"):
        query.pop(key, None)
    feed_query = query.copy()
    for key in ("sort", "q"):
        feed_query.pop(key, None)
    # Rendering hundreds of organizations' <option>s costs more than counting them: the filter
    # block is kept per catalogue change, language and filter choice (public acts only, so the
    # same for everyone), and while it is kept its counts are not needed.
    key = _filters_key(stamp, query.urlencode()) if stamp else None
    filters = kept(key) if key else None
    if matches:
        if filters is None:
            form.show_counts(matches.counts, data)
        total = matches.total
    elif q:
        if filters is None:
            form.show_counts(facet_counts(base, data), data)
        total = acts.count()
    elif filters is None:  # the whole catalogue: counts kept between changes (queries.py)
        counts, total = catalogue_counts(data)
        form.show_counts(counts, data)
    else:
        total = catalogue_counts(data, facets=False)[1]
    if filters is None:
        filters = render_to_string("acts/_catalogue_filters.html", {"form": form})
        if key:
            keep(key, str(filters), KEEP_SECONDS)
    if sort == "relevance":  # the page's ids come from the index, already filtered
        page = _ranked_page(request, matches.terms, data)
    else:
        page = keyset_page(acts, sort, after=request.GET.get("after", ""),
                           before=request.GET.get("before", ""))
    _prefetch(page.items)
    return render(request, "acts/catalogue.html", {
        "form": form, "page": page, "total": total, "query": query.urlencode(), "q": q,
        "approximate": bool(matches and matches.approximate),
        "sort": sort, "filtered": bool(data or q),
        "feed_query": feed_query.urlencode(),
        "filters": mark_safe(filters),  # rendered from our own template above
    })


def _filters_key(stamp: str, query: str) -> str:
    parts = (stamp, get_language() or "", str(timezone.get_current_timezone()), query)
    return "catalogue-filters:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


class RankedPage:
    """A page of search results in the search's order, numbered (?page=N)."""

    def __init__(self, items, number, has_next):
        self.items, self.number, self.has_next = items, number, has_next
        self.next_token = self.prev_token = None

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_other_pages(self):
        return self.has_next or self.has_previous


def _ranked_page(request, terms, filters):
    try:
        number = min(max(1, int(request.GET.get("page", "1"))), 10_000)
    except ValueError:
        number = 1
    ids = catalogue_ranked(terms, filters, limit=PAGE_SIZE + 1,
                           offset=(number - 1) * PAGE_SIZE)
    # By primary key alone: with the visibility condition in SQL too, SQLite walks the
    # catalogue index of every public act instead (20 ms). Checked here instead.
    found = Act.objects.select_related("organization").in_bulk(ids[:PAGE_SIZE])
    return RankedPage([found[pk] for pk in ids[:PAGE_SIZE]
                       if pk in found and found[pk].is_public], number, len(ids) > PAGE_SIZE)


def _prefetch(items):
    """Each act's texts in the reader's language where translated (and a lang otherwise)."""
    prefetch_related_objects(items, "translations")
    ui = (get_language() or "fi")[:2]
    for act in items:
        act.shown = act.text(ui)
        translated = any(t.language == ui for t in act.translations.all())
        act.foreign_lang = "" if translated or act.language == ui else act.language
