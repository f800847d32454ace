"""A mediator's private calendar feed. Only a hash of its secret is kept, as for the parties' links: the address
is shown once, when it is made, and a copy of the database cannot be used to read anyone's diary."""

from __future__ import annotations

from django.db import models


class DiaryFeed(models.Model):
    """One address a mediator's calendar program reads their meetings from; revoked when they make a new one
    or stop it. At most one is live per person."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="diary_feeds")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user"], condition=models.Q(revoked_at__isnull=True),
                                               name="one_live_diary_feed")]

    def __str__(self) -> str:
        return f"Calendar feed of user {self.user_id} made {self.created_at:%Y-%m-%d %H:%M}"
