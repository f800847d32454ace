"""Demo mediator profiles and availability (reference data only; choosing a mediator for a case is
case work: `senmediation.cases.services.mediators`)."""

from __future__ import annotations

import datetime as dt

from senmediation.accounts.models import User
from senmediation.accounts.roles import Role, user_role_add

from .models import LocalAuthority, MediatorAvailability, MediatorProfile

DEMO_PROFILES = {
    # username: (languages, LAs covered, areas, weekdays free (Mon=0))
    "mediator1": (["English", "Urdu", "Punjabi"], ["Trafford", "Manchester"], "Greater Manchester", (0, 2, 3)),
    "mediator2": (["English", "Polish"], ["Trafford", "Stockport", "Salford"], "Trafford and Stockport", (1, 4)),
}


def demo_mediator_profiles_load(today: dt.date | None = None) -> None:
    """Profiles and six weeks of availability for the demo mediators, if those users exist."""
    from senmediation.core import clock

    today = today or clock.today()
    for username, (languages, la_names, areas, weekdays) in DEMO_PROFILES.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        user_role_add(user=user, role=Role.MEDIATOR)
        profile, _ = MediatorProfile.objects.update_or_create(
            user=user,
            defaults={
                "accreditation_body": MediatorProfile.AccreditationBody.CMC,
                "accreditation_expires": today.replace(year=today.year + 1, day=1),
                "send_standards": True, "languages": languages, "areas": areas, "capacity": 8, "is_active": True,
            },
        )
        profile.local_authorities.set(LocalAuthority.objects.filter(name__in=la_names))
        days = [today + dt.timedelta(days=n) for n in range(42)]
        MediatorAvailability.objects.bulk_create(
            [MediatorAvailability(mediator=user, day=d, available=True) for d in days if d.weekday() in weekdays],
            ignore_conflicts=True,
        )
