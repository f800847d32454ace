from typing import Any

from django.core.management.base import BaseCommand

from senmediation.notifications.services.letters import letters_mask_codes


class Command(BaseCommand):
    help = ("Make again, with the code masked, every stored letter that carries a secure link (letters made "
            "before codes were put in only at printing kept the code in their PDF). Safe to run again.")

    def handle(self, *args: Any, **options: Any) -> None:
        masked = letters_mask_codes()
        self.stdout.write(f"Masked the code in {masked} stored letter{'' if masked == 1 else 's'}.")
