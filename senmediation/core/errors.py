"""Errors that services raise for people: each carries a plain-English message to show."""


class ServiceError(Exception):
    """A request that cannot be done as asked; `message` is shown to the user unchanged."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(ServiceError):
    pass
