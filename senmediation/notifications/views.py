"""Staff pages for messages: delivery status, the print queue, calls to make, and message wording."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from senmediation.accounts.decorators import role_required
from senmediation.accounts.roles import Role
from senmediation.core.errors import ServiceError
from senmediation.core.redirects import back_to
from senmediation.rules.read_aloud import GROUP_SIZE, code_groups, code_said, code_spelled

from . import selectors
from .defaults import placeholder_descriptions
from .forms import StatusFilterForm, TemplateForm
from .models import Message, MessageTemplate
from .services import (
    call_task_done,
    message_mark_posted,
    message_mark_printed,
    message_retry,
    notification_templates_ensure,
    template_preview,
    template_update,
)
from .services.call_codes import CallCodeRefused, call_code_mint, call_script
from .services.letters import PrintCopyGone, letter_print_copy_render

OFFICE = (Role.COORDINATOR, Role.MANAGER)
CASE_WORKERS = (Role.COORDINATOR, Role.MANAGER, Role.MEDIATOR)


def _file_response(stored: Any, content_type: str, filename: str, *, inline: bool) -> HttpResponse:
    # Letters and attachments are small (a few hundred KB): read whole, never streamed from a public URL.
    with stored.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type=content_type)
    response.headers["Content-Disposition"] = content_disposition_header(not inline, filename) or "attachment"
    response.headers["Cache-Control"] = "no-store"
    return response


@require_GET
@role_required(*OFFICE)
def message_list(request: HttpRequest) -> HttpResponse:
    form = StatusFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    return render(request, "notifications/message_list.html",
                  {"filter_form": form, "rows": selectors.messages_recent(user=request.user, status=status), "status": status,
                   "status_label": Message.Status(status).label if status else ""})


def _audit_case(request: HttpRequest, case: Any) -> None:
    # These addresses carry a message's id, not the case's reference: name the case for the audit log.
    if case is not None:
        request.audit_case_reference = case.reference  # type: ignore[attr-defined]


@require_POST
@role_required(*OFFICE)
def message_retry_view(request: HttpRequest, message_id: int) -> HttpResponse:
    message = selectors.message_get_for(user=request.user, message_id=message_id)
    _audit_case(request, message.case)
    try:
        message_retry(message=message, by=request.user)
        flash.success(request, f"The message to {message.to} is queued to be sent again.")
    except ServiceError as refusal:
        flash.error(request, refusal.message)
    return back_to(request, "notifications:messages")


@require_GET
@role_required(*CASE_WORKERS)
def attachment_download(request: HttpRequest, message_id: int, attachment_id: int) -> HttpResponse:
    # Answers as the complaint's page does for a complaint's message (404 for whoever it is about, and for
    # mediators, who read no message's attachment): the selector decides, whoever asks.
    attachment = selectors.attachment_get_for(user=request.user, message_id=message_id, attachment_id=attachment_id)
    _audit_case(request, attachment.message.case)
    return _file_response(attachment.file, attachment.mimetype, attachment.filename, inline=False)


@require_GET
@role_required(*OFFICE)
def print_queue_view(request: HttpRequest) -> HttpResponse:
    return render(request, "notifications/print_queue.html", {"letters": list(selectors.print_queue(user=request.user))})


@require_GET
@role_required(*OFFICE)
def letter_download(request: HttpRequest, message_id: int) -> HttpResponse:
    letter = selectors.letter_get(user=request.user, message_id=message_id)
    if letter is None or not letter.letter_file:
        raise Http404("No such letter")
    _audit_case(request, letter.case)
    return _file_response(letter.letter_file, "application/pdf", f"letter-{letter.pk}.pdf", inline=True)


@require_GET
@role_required(*OFFICE)
def letter_print_copy(request: HttpRequest, message_id: int) -> HttpResponse:
    """The copy to print, with a code minted now; streamed, never stored. Gone once the letter is posted."""
    letter = selectors.letter_get(user=request.user, message_id=message_id)
    if letter is None:
        raise Http404("No such letter")
    _audit_case(request, letter.case)
    try:
        pdf = letter_print_copy_render(message=letter, by=request.user)
    except PrintCopyGone as refusal:
        return render(request, "notifications/print_copy_gone.html", {"problem": refusal.message},
                      status=refusal.status)
    request.audit_action = "change"  # type: ignore[attr-defined]  # the link's code was replaced
    response = HttpResponse(pdf, content_type="application/pdf")
    response.headers["Content-Disposition"] = (content_disposition_header(False, f"letter-{letter.pk}-print.pdf")
                                               or "inline")
    response.headers["Cache-Control"] = "no-store"
    return response


def _letter_step(request: HttpRequest, message_id: int, step: str) -> HttpResponse:
    letter = selectors.letter_get(user=request.user, message_id=message_id)
    if letter is None:
        raise Http404("No such letter")
    _audit_case(request, letter.case)
    try:
        if step == "printed":
            message_mark_printed(message=letter, by=request.user)
        else:
            message_mark_posted(message=letter, by=request.user)
        flash.success(request, f"Letter to {letter.to.splitlines()[0] if letter.to else 'the party'} marked as {step}.")
    except ServiceError as refusal:
        flash.error(request, refusal.message)
    return back_to(request, "notifications:print_queue")


@require_POST
@role_required(*OFFICE)
def letter_printed(request: HttpRequest, message_id: int) -> HttpResponse:
    return _letter_step(request, message_id, "printed")


@require_POST
@role_required(*OFFICE)
def letter_posted(request: HttpRequest, message_id: int) -> HttpResponse:
    return _letter_step(request, message_id, "posted")


@require_GET
@role_required(*OFFICE)
def call_list(request: HttpRequest) -> HttpResponse:
    rows = [(task, call_script(task.message)) for task in selectors.call_tasks_open(user=request.user)]
    return render(request, "notifications/calls.html", {"rows": rows})


@require_POST
@role_required(*OFFICE)
def call_code(request: HttpRequest, task_id: int) -> HttpResponse:
    """A code to read out on the call, minted now and shown in this answer only (never stored or redirected to)."""
    task = selectors.call_task_get_for(user=request.user, task_id=task_id)
    _audit_case(request, task.case)
    try:
        minted = call_code_mint(task=task, by=request.user)
    except CallCodeRefused as refusal:
        return render(request, "notifications/call_code_refused.html",
                      {"task": task, "problem": refusal.message}, status=refusal.status)
    response = render(request, "notifications/call_code.html", {
        "task": task, "minted": minted, "groups": code_groups(minted.code), "spelled": code_spelled(minted.code),
        "said": [(1 + index * GROUP_SIZE, words) for index, words in enumerate(code_said(minted.code))],
    })
    response.headers["Cache-Control"] = "no-store"
    return response


@require_POST
@role_required(*OFFICE)
def call_done(request: HttpRequest, task_id: int) -> HttpResponse:
    task = get_object_or_404(selectors.call_tasks_visible_to(request.user).select_related("case"), pk=task_id)
    _audit_case(request, task.case)
    try:
        call_task_done(task=task, by=request.user)
        flash.success(request, "Call marked as done.")
    except ServiceError as refusal:
        flash.error(request, refusal.message)
    return back_to(request, "notifications:calls")


@require_GET
@role_required(Role.MANAGER)
def template_list(request: HttpRequest) -> HttpResponse:
    notification_templates_ensure()
    return render(request, "notifications/template_list.html", {"templates": list(selectors.templates_all())})


@role_required(Role.MANAGER)
def template_edit(request: HttpRequest, key: str) -> HttpResponse:
    template = get_object_or_404(MessageTemplate, key=key)
    preview: tuple[str, str] | None = None
    if request.method == "POST":
        form = TemplateForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if "preview" in request.POST:
                    preview = template_preview(template=template, subject=data["subject"], body=data["body"])
                else:
                    template_update(template=template, subject=data["subject"], body=data["body"],
                                    by=request.user)
                    flash.success(request, f"Saved the wording of '{template.name}'.")
                    return redirect("notifications:templates")
            except ServiceError as refusal:
                form.add_error("body", refusal.message)
    else:
        form = TemplateForm(initial={"subject": template.subject, "body": template.body})
    return render(request, "notifications/template_edit.html", {
        "template": template, "form": form, "preview": preview,
        "placeholders": placeholder_descriptions(template.placeholders),
    }, status=400 if form.errors else 200)
