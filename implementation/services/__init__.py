"""Writes for implementation, one module per concept: `questionnaire` (versions), `rounds` (opening a
round and its invitations), `answering` (a respondent's answers), `plan` (the implementation plan)."""
