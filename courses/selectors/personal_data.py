"""What courses (and scheduling, below it) hold about a person, for the GDPR export: flat records per
section. Registered with people's registry (`people.personal_data`) from `courses.wiring`; the
download serves `personal_data`, the whole export of every app."""

from people.personal_data import personal_data_export, personal_data_rows, record
from scheduling.models import Attendance, AttendanceChange, Registration, RegistrationChange

from ..models import (
    CaseAnswer,
    Completion,
    CompletionRevocation,
    Enrolment,
    LessonProgress,
    MagnetBoardAttempt,
    QuizAttempt,
)

__all__ = ["course_personal_data", "personal_data", "personal_data_rows"]


def course_personal_data(person) -> dict[str, list[dict]]:
    """Enrolments, lesson progress, exercise answers, completions and revocations, and scheduling's
    registrations and attendance with their history."""
    return {
        "enrolments": [record(e) for e in Enrolment.objects.filter(person=person)
                       .select_related("course", "last_lesson", "assigned_by").order_by("enrolled_at")],
        "lesson_progress": [record(p) for p in LessonProgress.objects.filter(person=person)
                            .select_related("lesson", "course").order_by("completed_at")],
        "quiz_attempts": [record(a) for a in QuizAttempt.objects.filter(person=person)
                          .select_related("person", "lesson").order_by("pk")],
        "magnet_board_attempts": [record(a) for a in MagnetBoardAttempt.objects.filter(person=person)
                                  .select_related("person", "lesson").order_by("pk")],
        "case_answers": [record(a) for a in CaseAnswer.objects.filter(person=person)
                         .select_related("person", "lesson").order_by("pk")],
        "completions": [record(c) for c in Completion.objects.filter(person=person)
                        .select_related("person", "course", "provider", "recorded_by").order_by("pk")],
        "completion_revocations": [record(r) for r in CompletionRevocation.objects.filter(completion__person=person)
                                   .select_related("completion", "revoked_by").order_by("pk")],
        "registrations": [record(r) for r in Registration.objects.filter(person=person)
                          .select_related("event", "person", "municipality", "booked_by").order_by("pk")],
        "registration_history": [record(c) for c in RegistrationChange.objects.filter(registration__person=person)
                                 .select_related("registration__person", "registration__event", "changed_by").order_by("changed_at", "pk")],
        "attendance": [record(a) for a in Attendance.objects.filter(person=person)
                       .select_related("session__event", "person", "recorded_by").order_by("pk")],
        "attendance_history": [record(c) for c in AttendanceChange.objects.filter(attendance__person=person)
                               .select_related("attendance__person", "attendance__session__event", "changed_by").order_by("changed_at", "pk")],
    }


def personal_data(*, person) -> dict[str, list[dict]]:
    """Everything held about the person, as the download serves it: people's sections, then every
    app's (courses' among them)."""
    return personal_data_export(person=person)
