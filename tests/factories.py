import datetime

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group

from people.models import Membership, Municipality, Provider, Team, User
from people.roles import ADMIN_GROUP_FOR_ROLE

PASSWORD = "correct-horse-battery-9"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.dk")
    full_name = factory.Sequence(lambda n: f"Person Nummer {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.get_or_create(user=self, email=self.email, defaults={"verified": True, "primary": True})


class MunicipalityFactory(factory.django.DjangoModelFactory):
    """Test municipalities use codes 9xx, which the 98 real ones (from the data migration) never use."""

    class Meta:
        model = Municipality

    code = factory.Sequence(lambda n: f"{900 + n % 100:03d}")
    name = factory.Sequence(lambda n: f"Testkommune {n}")
    slug = factory.Sequence(lambda n: f"testkommune-{n}")


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Udbyder {n}")
    slug = factory.Sequence(lambda n: f"udbyder-{n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    """A membership written directly (tests of services use the services)."""

    class Meta:
        model = Membership
        skip_postgeneration_save = True

    person = factory.SubFactory(UserFactory)
    role = "sagsbehandler"
    municipality = factory.SubFactory(MunicipalityFactory)
    provider = None
    start_date = datetime.date(2024, 1, 1)

    @factory.post_generation
    def admin_group(self, create, extracted, **kwargs):
        if create and self.role in ADMIN_GROUP_FOR_ROLE:
            self.person.groups.add(Group.objects.get(name=ADMIN_GROUP_FOR_ROLE[self.role]))


def national_admin(**kwargs):
    """A national admin with TOTP set up (required for that role)."""
    membership = MembershipFactory(role="national_admin", municipality=None, **kwargs)
    TOTP.activate(membership.person, TOTP_SECRET)
    assert Authenticator.objects.filter(user=membership.person).exists()
    return membership.person
