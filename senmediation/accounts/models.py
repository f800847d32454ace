from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """Staff user. Roles are groups (see roles.py); a commissioner belongs to one local authority."""

    local_authority = models.ForeignKey(
        "directory.LocalAuthority", null=True, blank=True, on_delete=models.PROTECT, related_name="commissioners",
        help_text="For commissioners: the local authority whose figures they may see.",
    )
    phone = models.CharField(max_length=40, blank=True)
    break_glass_until = models.DateTimeField(
        null=True, blank=True, editable=False,
        help_text="For a break-glass superuser (manage.py breakglass): when the account stops working.",
    )

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class EnrolmentLink(models.Model):
    """A one-time link a manager sends so a person can set up (or replace) their authenticator app.
    Only a hash of the token is kept; the link itself exists only in the e-mail."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="enrolment_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Authenticator set-up link for {self.user} made {self.created_at:%Y-%m-%d %H:%M}"


class EmailChange(models.Model):
    """A new e-mail address for an account, waiting to be confirmed from the address held now.

    Second-factor set-up links go to the account's e-mail address, so whoever could change the address
    could take over the account; the change takes effect only once the person confirms it through a link
    sent to the old address. Only a hash of the link's token is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="email_changes")
    new_email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    requested_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"E-mail change for {self.user} made {self.created_at:%Y-%m-%d %H:%M}"
