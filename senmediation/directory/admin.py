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
