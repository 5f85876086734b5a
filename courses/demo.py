"""Demo data for courses: the teaching material first, then learners' progress and completions."""

from importlib import import_module, util


def load(stdout=None):
    for module in ("courses.demo_material", "courses.demo_learning"):
        if util.find_spec(module) is not None:
            import_module(module).load(stdout=stdout)
