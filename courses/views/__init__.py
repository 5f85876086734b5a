"""Courses' views, one module per concern: learning (my courses, enrolling, marking lessons), the
exercises' posts, the teaching material, certificates and their public verification, completion
records (entered by hand, imported, revoked), team progress, a person's own data, and the dashboard
panels. Views are thin: reads through selectors, writes through services."""
