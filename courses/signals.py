"""Signals inside the courses app.

exercise_submitted(sender, person_id, lesson_id, kind): after commit, when a learner submits a quiz,
    magnet board or case exercise on a lesson. The learning code listens to complete the lesson
    automatically when all its exercises are submitted.
"""

from django.dispatch import Signal

exercise_submitted = Signal()
