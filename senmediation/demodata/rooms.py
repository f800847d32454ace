"""Demo rooms at the demo venues and a handful of interpreters, a BSL interpreter and an advocate (reference data
for arranging meetings: directory.models_scheduling). Loaded with the rest of the reference data; idempotent."""

from __future__ import annotations

from senmediation.directory.models import Interpreter, LocalAuthority, Room, Venue

# venue: [(room, capacity, step-free, hearing loop, quiet room)]
DEMO_ROOMS: dict[str, list[tuple[str, int, bool, bool, bool]]] = {
    "Sale Community Centre": [("Garden Room", 8, True, True, True), ("Small meeting room", 4, True, False, False)],
    "Stretford Library meeting room": [("Library meeting room", 10, True, True, False)],
    "Stockport Business Centre": [("Room A (first floor)", 6, False, False, True), ("Room B", 12, True, False, True)],
}

# (name, kind, languages, local authorities, weekdays (Mon=0), works online)
DEMO_INTERPRETERS: list[tuple[str, str, list[str], list[str], list[int], bool]] = [
    ("Bilal Ahmed", Interpreter.Kind.SPOKEN, ["Urdu", "Punjabi"], ["Trafford", "Manchester"], [0, 1, 2, 3, 4], True),
    ("Ewa Nowak", Interpreter.Kind.SPOKEN, ["Polish"], ["Trafford", "Stockport", "Salford"], [0, 1, 3], True),
    ("Farah Haddad", Interpreter.Kind.SPOKEN, ["Arabic"], ["Trafford", "Manchester"], [2, 3, 4], False),
    ("Grace Okafor", Interpreter.Kind.BSL, [], ["Trafford", "Manchester", "Stockport"], [0, 1, 2, 3, 4], True),
    ("Priya Shah", Interpreter.Kind.ADVOCATE, [], ["Trafford"], [1, 2, 3], True),
]


def demo_rooms_and_interpreters_load() -> None:
    for venue_name, rooms in DEMO_ROOMS.items():
        venue = Venue.objects.filter(name=venue_name).first()
        if venue is None:
            continue
        for name, capacity, step_free, loop, quiet in rooms:
            Room.objects.update_or_create(venue=venue, name=name, defaults={
                "capacity": capacity, "step_free_access": step_free, "hearing_loop": loop, "quiet_room": quiet,
                "accessible_toilet": step_free, "is_active": True})
    for name, kind, languages, areas, weekdays, online in DEMO_INTERPRETERS:
        helper, _ = Interpreter.objects.update_or_create(name=name, defaults={
            "kind": kind, "languages": languages, "weekdays": weekdays, "works_online": online, "is_active": True,
            "organisation": "Greater Manchester Interpreting (demo)", "email": f"{name.split()[0].lower()}@example.org"})
        helper.local_authorities.set(LocalAuthority.objects.filter(name__in=areas))
