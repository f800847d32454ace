from django.contrib import admin

from .models import (
    ClosureDay,
    IntegratedCareBoard,
    LocalAuthority,
    Provider,
    School,
    SignpostingAgency,
    Venue,
)


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin[Provider]):
    list_display = ["name", "phone", "cmc_registration", "is_current"]


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(admin.ModelAdmin[LocalAuthority]):
    list_display = ["name", "gss_code", "commissions_us", "free_for_residents"]
    list_filter = ["commissions_us", "free_for_residents"]
    search_fields = ["name", "gss_code"]


@admin.register(IntegratedCareBoard)
class IntegratedCareBoardAdmin(admin.ModelAdmin[IntegratedCareBoard]):
    list_display = ["name", "ods_code"]
    filter_horizontal = ["local_authorities"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin[School]):
    list_display = ["name", "urn", "kind", "local_authority"]
    list_filter = ["kind", "local_authority"]
    search_fields = ["name", "urn"]


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin[Venue]):
    list_display = ["name", "postcode", "is_online", "step_free_access", "is_active"]
    list_filter = ["is_online", "is_active", "local_authority"]


@admin.register(SignpostingAgency)
class SignpostingAgencyAdmin(admin.ModelAdmin[SignpostingAgency]):
    list_display = ["name", "kind", "local_authority"]
    list_filter = ["kind"]


@admin.register(ClosureDay)
class ClosureDayAdmin(admin.ModelAdmin[ClosureDay]):
    list_display = ["day", "reason"]


from .models import ConflictOfInterest, MediatorAvailability, MediatorProfile  # noqa: E402


@admin.register(MediatorProfile)
class MediatorProfileAdmin(admin.ModelAdmin[MediatorProfile]):
    list_display = ["user", "accreditation_body", "accreditation_expires", "send_standards", "capacity", "is_active"]
    list_filter = ["accreditation_body", "send_standards", "is_active"]
    filter_horizontal = ["local_authorities"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    raw_id_fields = ["user"]


@admin.register(MediatorAvailability)
class MediatorAvailabilityAdmin(admin.ModelAdmin[MediatorAvailability]):
    list_display = ["mediator", "day", "available", "from_time", "to_time"]
    list_filter = ["available"]
    date_hierarchy = "day"
    raw_id_fields = ["mediator"]


@admin.register(ConflictOfInterest)
class ConflictOfInterestAdmin(admin.ModelAdmin[ConflictOfInterest]):
    list_display = ["mediator", "local_authority", "school", "family_name", "case", "declared_on"]
    raw_id_fields = ["mediator", "case"]
    search_fields = ["family_name", "reason"]


from .models import Interpreter, MediatorLeave, Room  # noqa: E402


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin[Room]):
    list_display = ["name", "venue", "capacity", "step_free_access", "hearing_loop", "quiet_room", "is_active"]
    list_filter = ["is_active", "step_free_access", "hearing_loop", "quiet_room", "venue__local_authority"]
    search_fields = ["name", "venue__name"]
    list_select_related = ["venue"]


@admin.register(Interpreter)
class InterpreterAdmin(admin.ModelAdmin[Interpreter]):
    list_display = ["name", "kind", "languages_label", "organisation", "works_online", "is_active"]
    list_filter = ["kind", "is_active", "works_online"]
    search_fields = ["name", "organisation"]
    filter_horizontal = ["local_authorities"]


@admin.register(MediatorLeave)
class MediatorLeaveAdmin(admin.ModelAdmin[MediatorLeave]):
    list_display = ["mediator", "starts_on", "ends_on"]
    date_hierarchy = "starts_on"
    raw_id_fields = ["mediator", "recorded_by"]
