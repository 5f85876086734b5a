"""Reads of the courses app, one module per concept: the catalogue (course structure and what one may
enrol in), a learner's progress, completion rules and certificates, the teaching material and its
visibility, the exercises' display state, a leader's team progress and a person's own data."""
