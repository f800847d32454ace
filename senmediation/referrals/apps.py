from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "senmediation.referrals"
    label = "referrals"
    verbose_name = "Referrals"
