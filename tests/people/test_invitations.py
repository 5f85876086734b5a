import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from people import services
from people.models import Invitation, Membership, Notification, User
from people.notifications import send_notification_task, unsent_notifications_resend
from people.tokens import invitation_token
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def invite(leader, municipality, email="ny.kollega@example.dk", **kwargs):
    return services.invitation_create(
        by=leader, email=email, full_name="Ny Kollega", role="sagsbehandler",
        start_date=datetime.date(2026, 1, 5), municipality=municipality, **kwargs,
    )


def test_leader_invites_from_the_site_and_mail_is_sent(client, leader, municipality, django_capture_on_commit_callbacks):
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("people:invitation_create"), {
            "full_name": "Ny Kollega", "email": "Ny.Kollega@Example.dk", "role": "sagsbehandler",
            "municipality": municipality.pk, "start_date": "2026-01-05",
        })
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "ny.kollega@example.dk"
    assert invitation.sent_at is not None
    assert len(mail.outbox) == 1
    assert invitation.get_absolute_url() in mail.outbox[0].body


def test_leader_cannot_invite_into_another_municipality(client, leader, other_municipality):
    client.force_login(leader)
    response = client.post(reverse("people:invitation_create"), {
        "full_name": "X", "email": "x@example.dk", "role": "sagsbehandler",
        "municipality": other_municipality.pk, "start_date": "2026-01-05",
    })
    assert response.status_code == 200
    assert "municipality" in response.context["form"].errors
    assert not Invitation.objects.exists()


def test_caseworker_may_not_invite(client, caseworker):
    client.force_login(caseworker)
    assert client.get(reverse("people:invitation_create")).status_code == 403


def test_accepting_creates_account_membership_and_logs_in(client, leader, municipality):
    invitation = invite(leader, municipality)
    url = invitation.get_absolute_url()
    response = client.post(url, {"password1": "godt-kodeord-2026", "password2": "godt-kodeord-2026"})
    assert response.status_code == 302
    person = User.objects.get(email="ny.kollega@example.dk")
    assert person.check_password("godt-kodeord-2026")
    assert Membership.objects.filter(person=person, municipality=municipality, role="sagsbehandler").exists()
    assert person.emailaddress_set.get().verified
    assert client.session["_auth_user_id"] == str(person.pk)


def test_reused_invitation_is_refused_in_danish(client, leader, municipality):
    invitation = invite(leader, municipality)
    client.post(invitation.get_absolute_url(), {"password1": "godt-kodeord-2026", "password2": "godt-kodeord-2026"})
    client.logout()
    response = client.post(invitation.get_absolute_url(), {"password1": "andet-kodeord-99", "password2": "andet-kodeord-99"})
    assert response.status_code == 410
    assert "allerede brugt" in response.content.decode()
    assert User.objects.filter(email="ny.kollega@example.dk").count() == 1
    assert User.objects.get(email="ny.kollega@example.dk").check_password("godt-kodeord-2026")


def test_expired_invitation_is_refused(client, leader, municipality):
    invitation = invite(leader, municipality)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = client.post(invitation.get_absolute_url(), {"password1": "godt-kodeord-2026", "password2": "godt-kodeord-2026"})
    assert response.status_code == 410
    assert "udløbet" in response.content.decode()
    assert not User.objects.filter(email="ny.kollega@example.dk").exists()


def test_tampered_link_reveals_nothing(client, leader, municipality):
    invitation = invite(leader, municipality)
    token = invitation_token(invitation)
    response = client.get(reverse("people:invitation_accept", args=[token[:-2] + "xx"]))
    assert response.status_code == 404
    assert "Ny Kollega" not in response.content.decode()


def test_invitation_to_existing_account_links_membership_instead_of_new_user(client, leader, municipality):
    existing = UserFactory(email="kendt@example.dk")
    MembershipFactory(person=existing, role="sagsbehandler", end_date=datetime.date(2025, 12, 31))
    invitation = invite(leader, municipality, email="Kendt@example.dk")
    page = client.get(invitation.get_absolute_url())
    assert "password1" not in page.content.decode()
    response = client.post(invitation.get_absolute_url())
    assert response.status_code == 302
    assert User.objects.filter(email="kendt@example.dk").count() == 1
    assert existing.memberships.count() == 2
    existing.refresh_from_db()
    assert existing.check_password(PASSWORD)  # nothing about the old account changed


def test_weak_password_is_refused_with_danish_message(client, leader, municipality):
    invitation = invite(leader, municipality)
    response = client.post(invitation.get_absolute_url(), {"password1": "12345678", "password2": "12345678"})
    assert response.status_code == 200
    assert "for kort" in response.content.decode() or "for almindelig" in response.content.decode()
    assert not User.objects.filter(email="ny.kollega@example.dk").exists()


def test_invitation_mail_goes_out_once(leader, municipality, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(leader, municipality)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ny.kollega@example.dk"]
    notification = Notification.objects.get(key=f"invitation:{invitation.pk}")
    assert notification.kind == "people.invitation" and notification.recipient is None
    # A retry, a duplicate delivery and the beat sweep send nothing more.
    assert send_notification_task(notification.pk) is False
    assert unsent_notifications_resend() == 0
    assert len(mail.outbox) == 1


def test_a_failed_invitation_mail_is_sent_by_the_sweep(leader, municipality, django_capture_on_commit_callbacks,
                                                       monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    def down(self, messages):
        raise ConnectionRefusedError("mail server down")

    with monkeypatch.context() as patch:
        patch.setattr(EmailBackend, "send_messages", down)
        # Eager Celery (the tests' and the demo's setting) runs the send, and its retry, at commit; the
        # failure is logged and the row left unsent (people.notifications sends each one on its own).
        with django_capture_on_commit_callbacks(execute=True):
            invite(leader, municipality)
    invitation = Invitation.objects.get()
    assert invitation.sent_at is None  # rolled back with the failed send
    assert unsent_notifications_resend() == 1
    invitation.refresh_from_db()
    assert invitation.sent_at is not None
    assert len(mail.outbox) == 1


def test_an_accepted_invitation_is_not_mailed_late(client, leader, municipality):
    invitation = invite(leader, municipality)  # on-commit callbacks not run: the mail is still due
    client.post(invitation.get_absolute_url(), {"password1": "godt-kodeord-2026", "password2": "godt-kodeord-2026"})
    assert unsent_notifications_resend() == 1
    assert mail.outbox == []
    invitation.refresh_from_db()
    assert invitation.sent_at is None
    assert Notification.objects.get(key=f"invitation:{invitation.pk}").sent_at is not None


def test_a_deleted_invitation_is_not_mailed_and_not_retried(leader, municipality):
    invitation = invite(leader, municipality)  # on-commit callbacks not run: the mail is still due
    key = f"invitation:{invitation.pk}"
    invitation.delete()
    assert unsent_notifications_resend() == 1
    assert mail.outbox == []
    assert Notification.objects.get(key=key).sent_at is not None
    assert unsent_notifications_resend() == 0


def test_staff_add_puts_person_on_the_roster_before_they_accept(client, leader, municipality):
    invitation = services.staff_add(
        by=leader, email="Tidlig@Example.dk", full_name="Tidlig Medarbejder", role="sagsbehandler",
        start_date=datetime.date(2026, 2, 1), municipality=municipality,
    )
    person = User.objects.get(email="tidlig@example.dk")
    assert not person.has_usable_password()
    assert person.memberships.get().municipality == municipality
    page = client.get(invitation.get_absolute_url())
    assert 'name="password1"' in page.content.decode()
    response = client.post(invitation.get_absolute_url(), {"password1": "godt-kodeord-2026", "password2": "godt-kodeord-2026"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password("godt-kodeord-2026")
    assert person.memberships.count() == 1  # the membership from the staff list, not a second one


def test_staff_add_refuses_an_existing_email(leader, municipality):
    from django.core.exceptions import ValidationError

    UserFactory(email="findes@example.dk")
    with pytest.raises(ValidationError):
        services.staff_add(by=leader, email="findes@example.dk", full_name="X", role="sagsbehandler",
                           start_date=datetime.date(2026, 2, 1), municipality=municipality)
    assert not Invitation.objects.exists()
