"""How `people` plugs in: everything it registers, in one place, called from `PeopleConfig.ready()`."""


def connect():
    from . import notifications  # noqa: F401  (registers send_notification_task with Celery)
