"""Password hashing at OWASP's Argon2id minimum, and older hashes upgraded at login."""

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, identify_hasher, make_password

from people.hashers import OwaspArgon2PasswordHasher
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owasp_hashing(settings):
    settings.PASSWORD_HASHERS = ["people.hashers.OwaspArgon2PasswordHasher",
                                 "django.contrib.auth.hashers.PBKDF2PasswordHasher"]


def test_new_hashes_use_the_owasp_minimum(owasp_hashing):
    decoded = OwaspArgon2PasswordHasher().decode(make_password("hemmeligt-kodeord-7"))
    assert (decoded["memory_cost"], decoded["time_cost"], decoded["parallelism"]) == (7 * 1024, 5, 1)
    assert decoded["variety"] == "argon2id"


class _EarlierOwaspArgon2(Argon2PasswordHasher):  # the parameters used before (19 MiB × 2)
    time_cost, memory_cost, parallelism = 2, 19 * 1024, 1


@pytest.mark.parametrize("earlier, memory", [(Argon2PasswordHasher, 102400), (_EarlierOwaspArgon2, 19 * 1024)])
def test_a_hash_with_other_parameters_verifies_and_is_upgraded_at_login(owasp_hashing, client, earlier, memory):
    person = UserFactory(email="tung@example.dk")
    person.password = earlier().encode("hemmeligt-kodeord-7", earlier().salt())
    person.save(update_fields=["password"])
    assert Argon2PasswordHasher().decode(person.password)["memory_cost"] == memory
    assert client.login(email="tung@example.dk", password="hemmeligt-kodeord-7")
    person.refresh_from_db()
    decoded = OwaspArgon2PasswordHasher().decode(person.password)
    assert (decoded["memory_cost"], decoded["time_cost"]) == (7 * 1024, 5)
    assert identify_hasher(person.password).algorithm == "argon2"
    assert check_password("hemmeligt-kodeord-7", person.password)
