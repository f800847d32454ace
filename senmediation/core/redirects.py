"""Going back where a staff action was started (the work queue, or the page that owns the action)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def back_to(request: HttpRequest, default: str, *args: object) -> HttpResponseRedirect:
    """Redirect to the form's `next` when it is a path among the staff pages of this site (never another site,
    never a public page), else to `default` (a URL name, with its arguments)."""
    wanted = request.POST.get("next", "")
    if (wanted.startswith("/staff/") and not wanted.startswith("//")
            and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}, require_https=False)):
        return HttpResponseRedirect(wanted)
    return redirect(default, *args)
