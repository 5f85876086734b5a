"""Password hashing at OWASP's recommended minimum for Argon2id, not more.

OWASP's Password Storage Cheat Sheet gives five minimum configurations of Argon2id with parallelism 1,
"an equal level of defense" that trade memory for iterations: 46 MiB × 1, 19 MiB × 2, 12 MiB × 3,
9 MiB × 4 and 7 MiB × 5. We use the last: on a 2-core server with two logins hashing at once it is
the fastest of the five (about 13 ms a hash where 19 MiB × 2 takes 14–19 ms: the smaller block fits
the cache better), and a course room logging in at 08:30 pays it for every person. Django's default
Argon2 (100 MiB, parallelism 8) costs several times that.

The algorithm name stays "argon2", so existing hashes verify and Django re-hashes them with these
parameters at the next login (`must_update` compares the parameters).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 5
    memory_cost = 7 * 1024  # KiB
    parallelism = 1
