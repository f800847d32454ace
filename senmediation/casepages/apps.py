from django.apps import AppConfig


class CasePagesConfig(AppConfig):
    """Staff case pages that show several features on one screen (the case page with its meeting and
    messages, the summaries exchange), and the staff case URLconf. Composition: it sits above `cases`
    and the features, so `cases` itself imports none of them."""

    name = "senmediation.casepages"
    label = "casepages"
    verbose_name = "Case pages"
