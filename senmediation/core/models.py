from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class RateCounter(models.Model):
    """Hits of one rate limit (scope) by one caller (a keyed hash of an address, account or API key)
    in one fixed window, counted by a single atomic statement so every server and worker agrees
    (senmediation/core/ratelimit.py). Pruned a day after the window ends."""

    scope = models.CharField(max_length=40)
    key_hash = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True, help_text="The end of the window.")
    count = models.PositiveIntegerField(default=0)
    last_at = models.DateTimeField(help_text="The last hit counted within the limit.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "key_hash", "window_start"], name="rate_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.scope} from {self.window_start:%Y-%m-%d %H:%M}: {self.count}"
