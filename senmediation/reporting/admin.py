from django.contrib import admin

from .models import RateCard


@admin.register(RateCard)
class RateCardAdmin(admin.ModelAdmin[RateCard]):
    list_display = ["local_authority", "enquiry", "certificate", "mediation", "disagreement_resolution"]
    readonly_fields = ["updated_by"]
