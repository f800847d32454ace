"""Demo data: the seed's provider (KIDS, commissioned by Trafford) and its surroundings."""

from __future__ import annotations

from senmediation.accounts.models import User
from senmediation.accounts.roles import Role, roles_ensure, user_role_add
from senmediation.directory.models import (
    IntegratedCareBoard,
    LocalAuthority,
    Provider,
    School,
    SignpostingAgency,
    Venue,
)

from .rooms import demo_rooms_and_interpreters_load

LOCAL_AUTHORITIES = [
    # name, GSS code, commissions us, free for residents
    ("Trafford", "E08000009", True, True, False),
    # Stockport also commissions our disagreement resolution: its families outside the EHC scheme get a case.
    ("Manchester", "E08000003", True, False, False),
    ("Stockport", "E08000007", True, False, True),
    ("Salford", "E08000006", False, False, False),
    ("Birmingham", "E08000025", False, False, False),
]

DEMO_USERS = [
    # username, first, last, role
    ("coordinator", "Susanna", "Adviser", Role.COORDINATOR),
    ("mediator1", "Amara", "Okafor", Role.MEDIATOR),
    ("mediator2", "Tom", "Fielding", Role.MEDIATOR),
    ("manager", "Priya", "Shah", Role.MANAGER),
    ("commissioner.trafford", "Gareth", "Lowe", Role.COMMISSIONER),
    ("admin", "Alex", "Admin", Role.ADMINISTRATOR),
]


def demo_reference_data_load() -> None:
    Provider.objects.update_or_create(
        is_current=True,
        defaults={
            "name": "KIDS, National SEN Mediation and Disagreement Resolution Service",
            "short_name": "KIDS SEN Mediation",
            "phone": "03330 062 835",
            "email": "",
            "address": "249 Birmingham Road\nSutton Coldfield\nWest Midlands\nB72 1EA",
            "opening_hours": "Monday to Friday, 9am to 6pm",
            "contact_person": "Susanna Diegel",
            "cmc_registration": "Registered mediation provider",
            "years_of_experience": 13,
        },
    )
    las: dict[str, LocalAuthority] = {}
    for name, code, commissions, free, drs_commissioned in LOCAL_AUTHORITIES:
        la, _ = LocalAuthority.objects.update_or_create(
            gss_code=code,
            defaults={
                "name": name,
                "commissions_us": commissions,
                "free_for_residents": free,
                "commissions_drs": drs_commissioned,
                "contact_name": f"{name} SEN team",
                "contact_email": f"sen.team@{name.lower()}.example.gov.uk",
            },
        )
        las[name] = la
    national = [
        (SignpostingAgency.Kind.IPSEA, "IPSEA", "Free, independent legal advice about special educational needs."),
        (SignpostingAgency.Kind.TRIBUNAL, "First-tier Tribunal (SEND)", "Hears appeals about EHC needs assessments "
         "and plans."),
    ]
    for agency_kind, agency_name, description in national:
        SignpostingAgency.objects.update_or_create(
            name=agency_name, local_authority=None, defaults={"kind": agency_kind, "description": description}
        )
    for name, la in las.items():
        SignpostingAgency.objects.update_or_create(
            name=f"{name} SENDIASS", local_authority=la,
            defaults={"kind": SignpostingAgency.Kind.SENDIASS,
                      "description": "Free, impartial information, advice and support for families."},
        )
        drs, _ = SignpostingAgency.objects.update_or_create(
            name=f"{name} disagreement resolution service", local_authority=la,
            defaults={"kind": SignpostingAgency.Kind.DRS,
                      "description": "For disagreements about a Statement, School Action or School Action Plus."},
        )
        if la.drs_provider_id != drs.pk:
            la.drs_provider = drs
            la.save(update_fields=["drs_provider"])
    icb, _ = IntegratedCareBoard.objects.update_or_create(
        name="NHS Greater Manchester Integrated Care Board", defaults={"ods_code": "QOP"}
    )
    icb.local_authorities.set([las[n] for n in ("Trafford", "Manchester", "Stockport", "Salford")])
    IntegratedCareBoard.objects.update_or_create(
        name="NHS Birmingham and Solihull Integrated Care Board", defaults={"ods_code": "QHL"}
    )[0].local_authorities.set([las["Birmingham"]])
    schools: list[tuple[str, str, str]] = [
        ("Altrincham Primary School", School.Kind.MAINSTREAM, "Trafford"),
        ("Sale High School", School.Kind.MAINSTREAM, "Trafford"),
        ("Brookfield Special School", School.Kind.SPECIAL, "Trafford"),
        ("Trafford College", School.Kind.COLLEGE, "Trafford"),
        ("Didsbury Primary School", School.Kind.MAINSTREAM, "Manchester"),
    ]
    for school_name, school_kind, school_la in schools:
        School.objects.update_or_create(
            name=school_name, defaults={"kind": school_kind, "local_authority": las[school_la]}
        )
    venues: list[tuple[str, str, str | None, bool, bool]] = [
        ("Sale Community Centre", "M33 7XX", "Trafford", False, True),
        ("Stretford Library meeting room", "M32 0XX", "Trafford", False, True),
        ("Stockport Business Centre", "SK1 1XX", "Stockport", False, False),
        ("Online meeting (video call)", "", None, True, True),
    ]
    for venue_name, postcode, venue_la, online, step_free in venues:
        Venue.objects.update_or_create(
            name=venue_name,
            defaults={
                "postcode": postcode,
                "local_authority": las.get(venue_la) if venue_la else None,
                "is_online": online,
                "step_free_access": step_free,
                "accessible_toilet": step_free and not online,
                "quiet_breakout_room": not online,
            },
        )
    demo_rooms_and_interpreters_load()


def demo_users_create(*, password: str) -> list[str]:
    roles_ensure()
    trafford = LocalAuthority.objects.get(gss_code="E08000009")
    names = []
    for username, first, last, role in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
        )
        if created or not user.check_password(password):
            user.set_password(password)
        if role is Role.COMMISSIONER:
            user.local_authority = trafford
        if role is Role.ADMINISTRATOR:
            user.is_staff = True  # the admin, for reference data; never a superuser (accounts/ceiling.py)
            user.is_superuser = False
        user.save()
        user_role_add(user=user, role=role)
        names.append(f"{username} ({role.value})")
    from senmediation.directory.mediators import demo_mediator_profiles_load

    demo_mediator_profiles_load()
    return names
