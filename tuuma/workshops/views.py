"""Workshop pages: the facilitator's control room and the participants' board.

Every participant action is a plain form POST that works without JavaScript (the page comes
back with the change, or with the error and what was typed). With JavaScript the same forms
are sent with fetch and answered in JSON, and the board follows the live feed (live.py).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from tuuma.core import ratelimit
from tuuma.organizations.context import organization_for
from tuuma.organizations.permissions import Action, can, require

from . import actions, exports, live
from .duplicates import suggestions
from .forms import CommentForm, ItemForm, JoinForm, NicknameForm, NotesForm, WorkshopForm
from .models import PHASE_ORDER, Item, Participant, Phase, Workshop, normalize_code

SEATS = "workshop_seats"  # session key: {workshop id: participant id}


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _error_text(error) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You may not do that.")


# --- facilitator ------------------------------------------------------------------------------

def facilitated(request, pk) -> Workshop:
    workshop = get_object_or_404(Workshop.objects.select_related("organization", "group"),
                                 pk=pk)
    if not request.user.is_authenticated:
        raise Http404
    require(request.user, Action.WORKSHOP_FACILITATE, workshop)
    return workshop


@login_required
def org_list(request, slug):
    org = organization_for(request, slug)
    may_create = can(request.user, Action.WORKSHOP_CREATE, org)
    workshops = Workshop.objects.filter(organization=org, group__isnull=True)
    if not can(request.user, Action.WORKSHOP_FACILITATE, Workshop(organization=org)):
        workshops = workshops.filter(facilitators=request.user)
    workshops = workshops.annotate(
        people=Count("participants", distinct=True),
        posts=Count("items", filter=Q(items__hidden=False), distinct=True))
    groups = org.peer_groups.filter(archived=False)
    if not can(request.user, Action.ORG_MANAGE, org):
        groups = groups.filter(Q(members=request.user) | Q(coaches=request.user)).distinct()
    return render(request, "workshops/list.html", {
        "organization": org, "workshops": workshops[:200], "groups": groups,
        "may_create": may_create})


@login_required
def create(request, slug):
    org = organization_for(request, slug)
    require(request.user, Action.WORKSHOP_CREATE, org)
    form = WorkshopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        prompts = data.pop("prompts")
        workshop = actions.create_workshop(org, by=request.user, prompts=prompts, **data)
        messages.success(request, _("The workshop is ready. Share the join code %(code)s.")
                         % {"code": workshop.code})
        return redirect(workshop)
    return render(request, "workshops/form.html", {"form": form, "organization": org},
                  status=400 if form.errors else 200)


@login_required
def edit(request, pk):
    workshop = facilitated(request, pk)
    form = WorkshopForm(request.POST or None, instance=workshop)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        prompts = data.pop("prompts")
        was = actions.phase_minutes(Workshop.objects.get(pk=workshop.pk))
        actions.edit_workshop(workshop, by=request.user, prompts=prompts, **data)
        now = actions.phase_minutes(workshop)
        if actions.clock_running(workshop) and was and now and now < was:
            # The running clock is not cut short behind anyone's back; say so.
            messages.success(request, _(
                "Settings saved. The clock that is running still ends at %(time)s: the shorter "
                "time applies the next time the clock is started.")
                % {"time": date_format(timezone.localtime(workshop.phase_ends_at),
                                       "TIME_FORMAT")})
        else:
            messages.success(request, _("Settings saved."))
        return redirect(workshop)
    return render(request, "workshops/form.html", {"form": form, "workshop": workshop,
                                                   "organization": workshop.organization},
                  status=400 if form.errors else 200)


def _fac_context(request, workshop, *, ranked=None):
    # Ranked only once voting is over: the room's projector must not show standings while
    # people still vote. Facilitators keep hidden items (to show them again). The results
    # are shown under their clusters, the cluster with the most dots first.
    if ranked is None:
        ranked = workshop.phase in (Phase.RESULTS, Phase.CLOSED)
    items = actions.ranked_items(workshop, hidden=True) if ranked else list(
        workshop.items.filter(merged_into__isnull=True)
        .select_related("prompt", "cluster", "author__user", "idea"))
    counts = actions.totals(workshop)
    for item in items:
        item.dot_count = counts.get(item.pk, 0)
    on_board = [i for i in items if not i.hidden]
    twins = suggestions(on_board) if workshop.phase in (Phase.IDEATE, Phase.GROUP) else {}
    for item in items:
        item.twins = twins.get(item.pk, [])
    prompts = list(workshop.prompts.all())
    clusters = list(workshop.clusters.all())
    for prompt in prompts:
        prompt.board = [i for i in items if i.prompt_id == prompt.pk]
        prompt.groups = actions.cluster_groups(
            prompt.board, [c for c in clusters if c.prompt_id == prompt.pk]) if ranked else None
    minutes = actions.phase_minutes(workshop)
    return {
        "workshop": workshop, "prompts": prompts, "clusters": clusters, "items": items,
        "on_board": on_board, "hidden": [i for i in items if i.hidden],
        "participant_count": workshop.participants.count(),
        "voters": workshop.dots.values("participant").distinct().count(),
        "dot_total": sum(counts.values()),
        "phases": PHASE_ORDER, "next_phase": actions.next_phase(workshop.phase),
        "join_link": request.build_absolute_uri(workshop.join_url()),
        "live_token": live.make_token(workshop.pk, None, True),
        "clock": {"timed": workshop.phase in actions.TIMED_PHASES, "minutes": minutes,
                  "up": actions.time_is_up(workshop), "extra": actions.EXTRA_MINUTES,
                  "paused": actions.clock_paused(workshop) and workshop.clock_paused_text},
    }


@login_required
@never_cache
def manage(request, pk):
    workshop = facilitated(request, pk)
    context = _fac_context(request, workshop)
    context["notes_form"] = NotesForm(instance=workshop) if workshop.group_id else None
    return render(request, "workshops/manage.html", context)


@login_required
@never_cache
def fac_board(request, pk):
    """The facilitator's board alone, for the live page to swap in after a change."""
    workshop = facilitated(request, pk)
    return render(request, "workshops/_fac_board.html", _fac_context(request, workshop))


def _fac_answer(request, workshop, *, ok_message=None, error=None, anchor="board"):
    if wants_json(request):
        if error is not None:
            return JsonResponse({"error": _error_text(error)}, status=400)
        return JsonResponse({"ok": True, "seq": workshop.seq})
    if error is not None:
        messages.error(request, _error_text(error))
    elif ok_message:
        messages.success(request, ok_message)
    return redirect(reverse("workshops:manage", args=[workshop.pk]) + "#" + anchor)


@login_required
@require_POST
def phase(request, pk):
    workshop = facilitated(request, pk)
    try:
        actions.set_phase(workshop, request.POST.get("phase", ""), by=request.user,
                          seen=request.POST.get("seen") or None)
    except ValidationError as error:
        return _fac_answer(request, workshop, error=error)
    return _fac_answer(request, workshop, ok_message=_("The workshop moved to “%(phase)s”.")
                       % {"phase": workshop.get_phase_display()})


@login_required
@require_POST
def clock(request, pk):
    """Start the phase's clock, give five minutes more, or stop it (plain form posts)."""
    workshop = facilitated(request, pk)
    do = request.POST.get("do", "")
    try:
        actions.clock(workshop, do, by=request.user, seen=request.POST.get("seen") or None)
    except ValidationError as error:
        return _fac_answer(request, workshop, error=error, anchor="h-phase")
    if workshop.clock_paused_left is not None:
        done = _("The clock is paused with %(left)s left. Nothing is refused for lack of time "
                 "until it runs again.") % {"left": workshop.clock_paused_text}
    elif workshop.phase_ends_at is None:
        done = _("The clock is stopped: no time limit now.")
    else:
        done = _("The clock runs until %(time)s.") % {"time": date_format(
            timezone.localtime(workshop.phase_ends_at), "TIME_FORMAT")}
    return _fac_answer(request, workshop, ok_message=done, anchor="h-phase")


@login_required
@require_POST
def reveal(request, pk):
    workshop = facilitated(request, pk)
    on = request.POST.get("on", "1") == "1"
    actions.reveal(workshop, by=request.user, on=on)
    return _fac_answer(request, workshop, ok_message=_("Vote totals are now shown to everyone.")
                       if on else _("Vote totals are hidden from participants again."))


@login_required
@require_POST
def moderate(request, pk, item):
    workshop = facilitated(request, pk)
    what = request.POST.get("do", "")
    try:
        if what == "hide":
            actions.moderate(workshop, item, by=request.user, hidden=True)
        elif what == "show":
            actions.moderate(workshop, item, by=request.user, hidden=False)
        elif what == "edit":
            actions.moderate(workshop, item, by=request.user, text=request.POST.get("text"))
        elif what == "cluster":
            cluster = request.POST.get("cluster", "")
            actions.moderate(workshop, item, by=request.user, cluster_id=cluster or None,
                             clear_cluster=not cluster)
        elif what == "merge":
            actions.merge(workshop, item, request.POST.get("into"), by=request.user)
        elif what == "promote":
            idea = actions.promote(workshop, item, by=request.user)
            if not wants_json(request):
                messages.success(request, _("The idea “%(title)s” is now in the pipeline.")
                                 % {"title": idea.title})
                return redirect(reverse("workshops:manage", args=[workshop.pk]) + "#results")
        else:
            raise ValidationError(_("Unknown action."))
    except ValidationError as error:
        return _fac_answer(request, workshop, error=error)
    return _fac_answer(request, workshop)


@login_required
@require_POST
def cluster(request, pk):
    workshop = facilitated(request, pk)
    try:
        if request.POST.get("do") == "delete":
            actions.delete_cluster(workshop, request.POST.get("cluster"), by=request.user)
        else:
            actions.save_cluster(workshop, by=request.user, title=request.POST.get("title", ""),
                                 prompt_id=request.POST.get("prompt"),
                                 cluster_id=request.POST.get("cluster") or None)
    except ValidationError as error:
        return _fac_answer(request, workshop, error=error)
    return _fac_answer(request, workshop)


@login_required
@require_POST
def notes(request, pk):
    workshop = facilitated(request, pk)
    form = NotesForm(request.POST, instance=workshop)
    if form.is_valid():
        form.save()
        messages.success(request, _("Notes saved."))
        return redirect(workshop)
    context = _fac_context(request, workshop)
    context["notes_form"] = form
    return render(request, "workshops/manage.html", context, status=400)


@login_required
@never_cache
def projector(request, pk):
    workshop = facilitated(request, pk)
    # The room sees the totals, and the results in their order, once they are revealed
    # (never while people are still voting).
    context = _fac_context(request, workshop, ranked=workshop.results_revealed and (
        workshop.phase in (Phase.RESULTS, Phase.CLOSED)))
    context["show_totals"] = workshop.results_revealed
    for prompt in context["prompts"]:  # the room never sees hidden items, nor counts them
        if prompt.groups is not None:
            prompt.groups = actions.cluster_groups(
                [i for i in prompt.board if not i.hidden],
                [c for c in context["clusters"] if c.prompt_id == prompt.pk])
    template = "workshops/_projector_board.html" if request.GET.get("osa") == "lauta" \
        else "workshops/projector.html"
    return render(request, template, context)


@login_required
def qr(request, pk):
    workshop = facilitated(request, pk)
    return HttpResponse(exports.qr_svg(request.build_absolute_uri(workshop.join_url())),
                        content_type="image/svg+xml")


@login_required
def export_csv(request, pk):
    workshop = facilitated(request, pk)
    response = HttpResponse(exports.results_csv(workshop), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tyopaja-{workshop.pk}.csv"'
    return response


@login_required
def export_pdf(request, pk):
    workshop = facilitated(request, pk)
    response = HttpResponse(exports.results_pdf(workshop), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="tyopaja-{workshop.pk}.pdf"'
    return response


# --- participants -----------------------------------------------------------------------------

def seat_of(request, workshop) -> Participant | None:
    if request.user.is_authenticated:
        seat = Participant.objects.filter(workshop=workshop, user=request.user).first()
        if seat:
            return seat
    pk = request.session.get(SEATS, {}).get(str(workshop.pk))
    if pk:
        return Participant.objects.filter(pk=pk, workshop=workshop).first()
    return None


WRONG_CODE_WINDOW = 600  # seconds


def _workshop_by_code(code, request=None) -> Workshop | None:
    """The workshop with this join code. With REQUEST, a wrong code is counted against the
    address, and an address that has tried too many wrong codes gets no answer (_Throttled)."""
    if request is not None and ratelimit.exceeded(request, "joincode",
                                                  settings.WORKSHOP_WRONG_CODES):
        raise _Throttled(_("Too many wrong codes have been tried from this network. Wait a "
                           "few minutes and try again, or open the link or QR code from the "
                           "facilitator."))
    workshop = (Workshop.objects.select_related("organization", "group")
                .filter(code=normalize_code(code)).first())
    if workshop is None and request is not None:
        ratelimit.count(request, "joincode", WRONG_CODE_WINDOW)
    return workshop


class _Throttled(Exception):
    pass


def join(request):
    """The join page: type the code from the screen (also /liity/?koodi=ABC123)."""
    code = request.GET.get("koodi") or request.POST.get("code")
    form = JoinForm({"code": code} if code else None)
    problem = None
    if code and form.is_valid():
        try:
            workshop = _workshop_by_code(form.cleaned_data["code"], request)
        except _Throttled as slow_down:
            form.add_error("code", str(slow_down))
            return render(request, "workshops/join.html", {"form": form}, status=429)
        problem = actions.join_problem(workshop, request.user)
        if problem is None:
            return redirect("workshops:board", code=workshop.code)
        form.add_error("code", problem)
    return render(request, "workshops/join.html", {"form": form},
                  status=400 if problem else 200)


def _board_workshop(request, code) -> Workshop:
    workshop = _workshop_by_code(code, request)
    if workshop is None or workshop.code != code:
        if workshop is not None:  # typed in lower case or with a dash
            raise _Redirect(reverse("workshops:board", args=[workshop.code]))
        raise _Gone(actions.join_problem(None, request.user))
    return workshop


class _Redirect(Exception):
    pass


class _Gone(Exception):
    pass


def _closed_page(request, message, status=404):
    return render(request, "workshops/join.html", {"form": JoinForm(), "problem": message},
                  status=status)


@never_cache
def board(request, code):
    try:
        workshop = _board_workshop(request, code)
    except _Redirect as moved:
        return redirect(str(moved))
    except _Gone as gone:
        return _closed_page(request, str(gone))
    except _Throttled as slow_down:
        return _closed_page(request, str(slow_down), status=429)
    seat = seat_of(request, workshop)
    if seat is None:
        problem = actions.join_problem(workshop, request.user)
        if problem:
            return _closed_page(request, problem, status=410 if workshop.is_closed else 403)
        form = NicknameForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            seat = actions.join(workshop, user=request.user,
                                nickname=form.cleaned_data["nickname"])
            seats = request.session.get(SEATS, {})
            seats[str(workshop.pk)] = seat.pk
            request.session[SEATS] = seats
            return redirect("workshops:board", code=workshop.code)
        return render(request, "workshops/join_name.html", {"workshop": workshop, "form": form})
    return _render_board(request, workshop, seat)


def _render_board(request, workshop, seat, *, item_form=None, status=200, error=None):
    show_totals = workshop.results_revealed
    counts = actions.totals(workshop) if show_totals else {}
    items = list(workshop.items.filter(hidden=False, merged_into__isnull=True)
                 .select_related("author__user").prefetch_related("comments__author__user"))
    clusters = {c.pk: c for c in workshop.clusters.all()}
    mine = actions.my_dots(seat)
    plussed = set(Item.objects.filter(plus_ones__participant=seat, workshop=workshop)
                  .values_list("pk", flat=True))
    for item in items:
        item.by = actions.author_label(item.author, workshop)
        item.dot_count = counts.get(item.pk, 0)
        item.my_dots = mine.get(item.pk, 0)
        item.plussed = item.pk in plussed
        item.is_mine = item.author_id == seat.pk
        item.cluster_title = clusters[item.cluster_id].title if item.cluster_id in clusters else ""
        item.comment_list = [(c.text, actions.author_label(c.author, workshop))
                             for c in item.comments.all()]
    grouped = workshop.phase in (Phase.RESULTS, Phase.CLOSED) and show_totals
    if grouped:  # the results: ranked, under their clusters (the same order as workshop.js)
        items.sort(key=lambda i: (-i.dot_count, -i.plus_count, i.created_at, i.pk))
        actions.number_ranks(items)
    prompts = list(workshop.prompts.all())
    for prompt in prompts:
        prompt.board = [i for i in items if i.prompt_id == prompt.pk]
        prompt.groups = actions.cluster_groups(
            prompt.board, [c for c in clusters.values() if c.prompt_id == prompt.pk]) \
            if grouped else None
    return render(request, "workshops/board.html", {
        "workshop": workshop, "seat": seat, "prompts": prompts, "clusters": clusters,
        "item_form": item_form or ItemForm(), "error": error, "show_totals": show_totals,
        "dots_left": workshop.dots_per_participant - sum(mine.values()),
        "live_token": live.make_token(workshop.pk, seat.pk, False),
        "seq": workshop.seq, "template_item": Item(pk=0, text=""), "phases": PHASE_ORDER,
        "grouped": grouped,
        # workshop.js writes a cluster's total in the page's language
        "dots_one": ngettext("%(n)s dot", "%(n)s dots", 1),
        "dots_other": ngettext("%(n)s dot", "%(n)s dots", 2),
    }, status=status)


def _participant(request, code):
    workshop = Workshop.objects.filter(code=normalize_code(code)).first()
    if workshop is None:
        raise Http404
    seat = seat_of(request, workshop)
    if seat is None:
        raise PermissionDenied(_("Join the workshop first."))
    return workshop, seat


def _seat_answer(request, workshop, seat, *, error=None, data=None, item_form=None):
    if wants_json(request):
        if error is not None:
            return JsonResponse({"error": _error_text(error)}, status=400)
        return JsonResponse({"ok": True, **(data or {})})
    if error is not None:
        return _render_board(request, workshop, seat, item_form=item_form, status=400,
                             error=_error_text(error))
    return redirect(reverse("workshops:board", args=[workshop.code]) + "#board")


@require_POST
def post_item(request, code):
    workshop, seat = _participant(request, code)
    form = ItemForm(request.POST)
    try:
        if not form.is_valid():
            typed = request.POST.get("text", "").strip()
            raise ValidationError(_("Keep it to 500 characters.") if typed
                                  else _("Write something first."))
        item = actions.post_item(workshop, seat, text=form.cleaned_data["text"],
                                 prompt_id=form.cleaned_data["prompt"])
    except ValidationError as error:
        return _seat_answer(request, workshop, seat, error=error, item_form=form)
    return _seat_answer(request, workshop, seat, data={"item": item.pk})


@require_POST
def plus(request, code, item):
    workshop, seat = _participant(request, code)
    try:
        done = actions.plus_one(workshop, seat, item, on=request.POST.get("on", "1") == "1")
    except ValidationError as error:
        return _seat_answer(request, workshop, seat, error=error)
    return _seat_answer(request, workshop, seat, data={"plus": done.plus_count})


@require_POST
def comment(request, code, item):
    workshop, seat = _participant(request, code)
    form = CommentForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Write something first."))
        actions.comment(workshop, seat, item, text=form.cleaned_data["text"])
    except ValidationError as error:
        return _seat_answer(request, workshop, seat, error=error)
    return _seat_answer(request, workshop, seat)


@require_POST
def dot(request, code, item):
    workshop, seat = _participant(request, code)
    try:
        left = actions.vote(workshop, seat, item, add=request.POST.get("do", "add") != "remove")
    except ValidationError as error:
        return _seat_answer(request, workshop, seat, error=error)
    return _seat_answer(request, workshop, seat, data={"left": left})


@require_GET
@never_cache
def events(request, code):
    """The polling fallback: everything after ?after=N, as the live feed would have sent it."""
    workshop = _workshop_by_code(code)
    if workshop is None:
        raise Http404
    facilitator = (request.user.is_authenticated
                   and can(request.user, Action.WORKSHOP_FACILITATE, workshop))
    if not facilitator and seat_of(request, workshop) is None:
        raise PermissionDenied(_("Join the workshop first."))
    try:
        after = max(0, int(request.GET.get("after", "0")))
    except ValueError:
        after = 0
    found = actions.events_after(workshop.pk, after, facilitator=facilitator)
    payload = {"events": found, "seq": found[-1]["seq"] if found else max(after, 0)}
    if facilitator or workshop.results_revealed:
        payload["totals"] = {str(k): v for k, v in actions.totals(workshop).items()}
    payload["now"] = timezone.now().isoformat()
    return JsonResponse(payload)
