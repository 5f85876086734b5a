"""Writes of the courses app, one module per concept: enrolment, lesson progress, completions
(evidence), the exercises' answers and the authoring set-up of local material. Import the module you
need (`from courses.services import enrolment`); nothing is re-exported here."""
