"""What a manager sees of staff accounts: the paged list and one person's page (accounts/staff_views.py).

The list takes a fixed number of queries whatever the number of accounts: the count, the page (with
whether a confirmed authenticator app exists) and the page's roles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group
from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django_otp.plugins.otp_totp.models import TOTPDevice

from senmediation.core import clock

from .ceiling import may_manage_account
from .models import EmailChange, EnrolmentLink, User
from .roles import ROLE_LABELS, Role

PEOPLE_PAGE_SIZE = 50


@dataclass(frozen=True)
class PersonRow:
    user: User
    role_labels: list[str]
    second_factor: bool
    manageable: bool
    own: bool


def _people() -> QuerySet[User]:
    return (User.objects.select_related("local_authority")
            .prefetch_related(Prefetch("groups", queryset=Group.objects.only("id", "name")))
            .annotate(second_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))))


def _row(actor: Any, user: User) -> PersonRow:
    names = {group.name for group in user.groups.all()}
    roles = frozenset(role for role in Role if role.value in names)
    user._role_cache = roles  # type: ignore[attr-defined]  # read by the ceiling without another query
    return PersonRow(user=user, role_labels=[ROLE_LABELS[role] for role in Role if role in roles],
                     second_factor=bool(getattr(user, "second_factor", False)),
                     manageable=may_manage_account(actor, user), own=user.pk == actor.pk)


def people_page(*, actor: Any, page: Any) -> tuple[Page[User], list[PersonRow]]:
    """One page of every staff account, switched-off ones last, then by name."""
    people = _people().order_by("-is_active", "last_name", "first_name", "username", "pk")
    found = Paginator(people, PEOPLE_PAGE_SIZE).get_page(page)
    return found, [_row(actor, user) for user in found.object_list]


@dataclass(frozen=True)
class PersonPage:
    row: PersonRow
    email_change: EmailChange | None
    live_link: EnrolmentLink | None


def person_get(*, actor: Any, pk: int) -> PersonPage:
    """One account as a manager sees it, with a waiting e-mail change and an unused set-up link; 404 if none."""
    user = _people().filter(pk=pk).first()
    if user is None:
        raise Http404("No such person")
    now = clock.now()
    change = EmailChange.objects.filter(user=user, confirmed_at__isnull=True, expires_at__gt=now).first()
    link = EnrolmentLink.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).first()
    return PersonPage(row=_row(actor, user), email_change=change, live_link=link)
