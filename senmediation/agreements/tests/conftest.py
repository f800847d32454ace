from .helpers import sent, sent_fake  # noqa: F401
