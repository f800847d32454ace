from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """Staff user. Roles are groups (see roles.py); a commissioner belongs to one local authority."""

    local_authority = models.ForeignKey(
        "directory.LocalAuthority", null=True, blank=True, on_delete=models.PROTECT, related_name="commissioners",
        help_text="For commissioners: the local authority whose figures they may see.",
    )
    phone = models.CharField(max_length=40, blank=True)

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class LoginFailure(models.Model):
    """One failed sign-in, kept briefly to lock out guessing. Holds no password, only the name tried."""

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"Failed sign-in for {self.username} at {self.at:%Y-%m-%d %H:%M}"
