"""Every user-facing string has a Danish translation, and the compiled catalogues are current.

Runs makemessages for Danish (project locale/ plus each app's locale/), then fails on any entry that
is untranslated or fuzzy, naming the file and the string, and compiles the catalogues.
"""

import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
IGNORE = [".venv", "node_modules", "staticfiles", "media", "tests", "scripts"]


def manage(*args):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.dev", "DATABASE_URL": "sqlite:///:memory:"}
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, check=True, env=env, stdout=subprocess.DEVNULL)


def main():
    ignore = [arg for name in IGNORE for arg in ("--ignore", name)]
    manage("makemessages", "-l", "da", "--no-obsolete", "--add-location=file", *ignore)
    problems = []
    catalogues = sorted(p for p in ROOT.glob("**/locale/da/LC_MESSAGES/django.po") if ".venv" not in p.parts)
    for path in catalogues:
        po = polib.pofile(str(path))
        for entry in po:
            if entry.obsolete:
                continue
            if "fuzzy" in entry.flags or not entry.translated():
                problems.append(f"{path.relative_to(ROOT)}: {entry.msgid[:80]!r}")
    if problems:
        print(f"{len(problems)} string(s) lack a Danish translation:")
        print("\n".join(problems))
        sys.exit(1)
    manage("compilemessages", *ignore)
    print(f"Danish translations complete in {len(catalogues)} catalogue(s).")


if __name__ == "__main__":
    main()
