"""A mail backend for a worker subprocess in tests: one line per message appended to a file."""

import fcntl
import os

from django.core.mail.backends.base import BaseEmailBackend


class AppendToFileBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        path = os.environ["SCHEDULING_TEST_MAIL_FILE"]
        with open(path, "a", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            for message in email_messages:
                handle.write(f"{','.join(message.to)}\t{message.subject}\n")
            fcntl.flock(handle, fcntl.LOCK_UN)
        return len(email_messages)
