"""A person's own data (GDPR access): everything the platform holds about them that courses knows of,
as flat records per section, for the JSON and CSV downloads."""

from people.models import Membership
from scheduling.models import Attendance, Registration

from ..models import (
    CaseAnswer,
    Completion,
    CompletionRevocation,
    Enrolment,
    LessonProgress,
    MagnetBoardAttempt,
    QuizAttempt,
)

_SECRET_FIELDS = {"password"}


def _record(instance) -> dict:
    """Every stored field of the row (the secret ones left out), with the name of each related object."""
    data = {}
    for f in instance._meta.concrete_fields:
        if f.name in _SECRET_FIELDS:
            continue
        value = f.value_from_object(instance)
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        elif value is not None and not isinstance(value, (int, float, bool, str, list, dict)):
            value = str(value)
        data[f.attname] = value
        if f.is_relation and value is not None:
            data[f.name + "_name"] = str(getattr(instance, f.name))
    return data


def personal_data(*, person) -> dict[str, list[dict]]:
    """The person, memberships, enrolments, lesson progress, exercise answers, completions and
    revocations, and scheduling's registrations and attendance. Sections are lists of flat records."""
    return {
        "person": [_record(person)],
        "memberships": [_record(m) for m in Membership.objects.filter(person=person)
                        .select_related("municipality", "provider", "team").order_by("start_date")],
        "enrolments": [_record(e) for e in Enrolment.objects.filter(person=person)
                       .select_related("course", "last_lesson", "assigned_by").order_by("enrolled_at")],
        "lesson_progress": [_record(p) for p in LessonProgress.objects.filter(person=person)
                            .select_related("lesson", "course").order_by("completed_at")],
        "quiz_attempts": [_record(a) for a in QuizAttempt.objects.filter(person=person)
                          .select_related("person", "lesson").order_by("pk")],
        "magnet_board_attempts": [_record(a) for a in MagnetBoardAttempt.objects.filter(person=person)
                                  .select_related("person", "lesson").order_by("pk")],
        "case_answers": [_record(a) for a in CaseAnswer.objects.filter(person=person)
                         .select_related("person", "lesson").order_by("pk")],
        "completions": [_record(c) for c in Completion.objects.filter(person=person)
                        .select_related("person", "course", "provider", "recorded_by").order_by("pk")],
        "completion_revocations": [_record(r) for r in CompletionRevocation.objects.filter(completion__person=person)
                                   .select_related("completion", "revoked_by").order_by("pk")],
        "registrations": [_record(r) for r in Registration.objects.filter(person=person).order_by("pk")],
        "attendance": [_record(a) for a in Attendance.objects.filter(person=person).order_by("pk")],
    }


def personal_data_rows(data: dict):
    """The same data as flat rows for CSV: section, record number, field, value."""
    for section, records in data.items():
        for number, record in enumerate(records, start=1):
            for key, value in record.items():
                yield section, number, key, "" if value is None else value
