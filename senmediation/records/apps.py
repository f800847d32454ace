from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """Records management over the case domain: applying the retention period to cases, subject-access
    exports and the managers' pages for them. It keeps no models: the audit log and the retention
    policy stay in `audit`, which sits below the case domain."""

    name = "senmediation.records"
    label = "records"
