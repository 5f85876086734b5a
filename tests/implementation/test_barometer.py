"""The barometer from the outside: opening a round, answering (save, come back, submit once), and every
bad input of issue 14 over HTTP — each a 404 or a Danish message, with nothing changed."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from implementation.models import (
    ImplementationPlan,
    PhaseChange,
    QuestionnaireVersion,
    Response,
    Round,
    RoundInvitation,
    Statement,
    StatementAnswer,
)
from implementation.selectors.answering import statements_for
from implementation.services.rounds import round_open
from people.models import Notification

from .factories import questionnaire, staff

pytestmark = pytest.mark.django_db


def _counts():
    return (Round.objects.count(), RoundInvitation.objects.count(), Response.objects.count(),
            StatementAnswer.objects.count(), PhaseChange.objects.count(), Notification.objects.count())


@pytest.fixture
def version():
    return questionnaire()


@pytest.fixture
def opened(municipality, leader, caseworker, superuser_person, version, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        barometer_round = round_open(municipality=municipality, version=version, opens_on=today,
                                     closes_on=today + datetime.timedelta(days=14),
                                     groups=["sagsbehandlere", "superbrugere", "ledere"], by=leader)
    return barometer_round


def _answers(barometer_round, person, value="4"):
    group = RoundInvitation.objects.get(round=barometer_round, person=person).group
    return {f"s{s.pk}": value for s in statements_for(barometer_round=barometer_round, group=group)}


def test_opening_invites_the_staff_by_group_freezes_the_version_and_mails_each_once(
        opened, caseworker, superuser_person, leader, version, django_capture_on_commit_callbacks):
    groups = dict(RoundInvitation.objects.filter(round=opened).values_list("person_id", "group"))
    assert groups == {caseworker.pk: "sagsbehandlere", superuser_person.pk: "superbrugere", leader.pk: "ledere"}
    version.refresh_from_db()
    assert version.is_frozen
    assert sorted(m.to[0] for m in mail.outbox) == sorted([caseworker.email, superuser_person.email, leader.email])
    assert "Implementeringsbarometeret" in mail.outbox[0].subject
    # A second queueing (a retry, the daily beat) sends nothing again.
    from implementation.tasks import barometer_daily_task, round_invitations_send_task

    with django_capture_on_commit_callbacks(execute=True):
        round_invitations_send_task(opened.pk)
        barometer_daily_task()
    assert len(mail.outbox) == 3
    assert Notification.objects.filter(kind="implementation.invitation").count() == 3


def test_reminders_go_once_to_those_who_have_not_answered(opened, client, caseworker, superuser_person, leader,
                                                         django_capture_on_commit_callbacks):
    client.force_login(caseworker)
    client.post(reverse("implementation:answer", args=[opened.pk]), {**_answers(opened, caseworker), "action": "submit"})
    Round.objects.filter(pk=opened.pk).update(closes_on=timezone.localdate() + datetime.timedelta(days=2))
    mail.outbox.clear()
    from implementation.tasks import barometer_daily_task

    with django_capture_on_commit_callbacks(execute=True):
        barometer_daily_task()
    with django_capture_on_commit_callbacks(execute=True):
        barometer_daily_task()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([superuser_person.email, leader.email])
    assert all("Påmindelse" in m.subject for m in mail.outbox)


def test_the_superuser_sees_the_superuser_statements_and_the_caseworker_does_not(opened, client, caseworker,
                                                                                 superuser_person):
    only_superusers = Statement.objects.get(version=opened.version, code="F3-02")
    client.force_login(superuser_person)
    assert only_superusers.text in client.get(reverse("implementation:answer", args=[opened.pk])).content.decode()
    client.force_login(caseworker)
    page = client.get(reverse("implementation:answer", args=[opened.pk])).content.decode()
    assert only_superusers.text not in page
    assert "<fieldset" in page and "<legend>" in page and 'type="radio"' in page


def test_save_come_back_then_submit_once(opened, client, caseworker):
    client.force_login(caseworker)
    url = reverse("implementation:answer", args=[opened.pk])
    answers = _answers(opened, caseworker)
    first = dict(list(answers.items())[:2])
    response = client.post(url, {**first, "action": "save"})
    assert response.status_code == 302 and Response.objects.count() == 0
    page = client.get(url).content.decode()
    assert page.count("checked") == 2  # the saved answers are there when they come back
    client.post(url, {**answers, "action": "submit"})
    assert Response.objects.filter(round=opened, group="sagsbehandlere").count() == 1
    invitation = RoundInvitation.objects.get(round=opened, person=caseworker)
    assert invitation.has_answered and invitation.draft == {}


def test_submitting_with_a_statement_unanswered_is_refused_in_danish(opened, client, caseworker):
    client.force_login(caseworker)
    answers = _answers(opened, caseworker)
    answers.pop(next(iter(answers)))
    before = _counts()
    response = client.post(reverse("implementation:answer", args=[opened.pk]), {**answers, "action": "submit"})
    assert response.status_code == 400
    assert "1 udsagn mangler svar" in response.content.decode()
    assert _counts() == before


def test_answering_twice_is_refused_and_changes_nothing(opened, client, caseworker):
    client.force_login(caseworker)
    url = reverse("implementation:answer", args=[opened.pk])
    client.post(url, {**_answers(opened, caseworker), "action": "submit"})
    before = _counts()
    response = client.post(url, {**_answers(opened, caseworker, "1"), "action": "submit"})
    assert response.status_code == 400
    assert "Du har allerede besvaret barometeret" in response.content.decode()
    assert _counts() == before
    assert not StatementAnswer.objects.filter(value="1").exists()


def test_answering_after_the_close_is_refused(opened, client, caseworker):
    Round.objects.filter(pk=opened.pk).update(opens_on=timezone.localdate() - datetime.timedelta(days=20),
                                              closes_on=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(caseworker)
    before = _counts()
    response = client.post(reverse("implementation:answer", args=[opened.pk]),
                           {**_answers(opened, caseworker), "action": "submit"})
    assert response.status_code == 400
    assert "Barometeret lukkede den" in response.content.decode()
    assert _counts() == before


def test_someone_not_in_the_rounds_groups_gets_a_404(opened, client, municipality, other_leader):
    outsider = staff(municipality, "sagsbehandler", 1, start=timezone.localdate() + datetime.timedelta(days=30))[0]
    before = _counts()
    for person in (outsider, other_leader):
        client.force_login(person)
        url = reverse("implementation:answer", args=[opened.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"action": "submit"}).status_code == 404
    assert _counts() == before


def test_an_unknown_statement_or_value_is_refused(opened, client, caseworker, superuser_person):
    client.force_login(caseworker)
    only_superusers = Statement.objects.get(version=opened.version, code="F3-02")
    before = _counts()
    url = reverse("implementation:answer", args=[opened.pk])
    response = client.post(url, {**_answers(opened, caseworker), f"s{only_superusers.pk}": "5", "action": "submit"})
    assert response.status_code == 400 and "kunne ikke læses" in response.content.decode()
    response = client.post(url, {**_answers(opened, caseworker, "9"), "action": "submit"})
    assert response.status_code == 400
    assert _counts() == before


def test_a_leader_cannot_see_another_municipalitys_round(opened, client, other_leader, leader):
    client.force_login(other_leader)
    for name, args in (("report", [opened.pk]), ("report_export", [opened.pk, "csv"]),
                       ("report_export", [opened.pk, "pdf"])):
        assert client.get(reverse(f"implementation:{name}", args=args)).status_code == 404
    assert client.get(reverse("implementation:plan", args=[opened.municipality.slug])).status_code == 404
    assert client.get(reverse("implementation:round_open", args=[opened.municipality.slug])).status_code == 404
    assert client.get(reverse("implementation:national")).status_code == 404
    client.force_login(leader)
    assert client.get(reverse("implementation:report", args=[opened.pk])).status_code == 200


def test_a_caseworker_cannot_see_the_report_or_open_a_round(opened, client, caseworker, municipality, version):
    client.force_login(caseworker)
    before = _counts()
    assert client.get(reverse("implementation:report", args=[opened.pk])).status_code == 404
    today = timezone.localdate()
    response = client.post(reverse("implementation:round_open", args=[municipality.slug]), {
        "version": version.pk, "opens_on": today, "closes_on": today, "groups": ["sagsbehandlere"]})
    assert response.status_code == 404
    assert _counts() == before


def test_a_round_with_no_questions_for_a_group_is_refused(client, leader, municipality, caseworker):
    version = questionnaire([{"code": "X-01", "phase": "i-gang", "aiming_point": "praksis",
                              "audience": "superbrugere", "text": "Kun for superbrugere."}])
    client.force_login(leader)
    today = timezone.localdate()
    before = _counts()
    response = client.post(reverse("implementation:round_open", args=[municipality.slug]), {
        "version": version.pk, "opens_on": today, "closes_on": today + datetime.timedelta(days=7),
        "groups": ["sagsbehandlere", "superbrugere"]})
    assert response.status_code == 400
    assert "Spørgeskemaet har ingen udsagn til: Sagsbehandlere" in response.content.decode()
    assert _counts() == before
    version.refresh_from_db()
    assert not version.is_frozen


def test_a_round_closing_before_it_opens_is_refused(client, leader, municipality, caseworker, version):
    client.force_login(leader)
    today = timezone.localdate()
    before = _counts()
    response = client.post(reverse("implementation:round_open", args=[municipality.slug]), {
        "version": version.pk, "opens_on": today + datetime.timedelta(days=5), "closes_on": today,
        "groups": ["sagsbehandlere"]})
    assert response.status_code == 400
    assert "Målingen skal lukke samme dag, som den åbner, eller senere." in response.content.decode()
    assert _counts() == before


def test_the_leader_opens_a_round_through_the_page(client, leader, municipality, caseworker, version):
    client.force_login(leader)
    today = timezone.localdate()
    response = client.post(reverse("implementation:round_open", args=[municipality.slug]), {
        "version": version.pk, "opens_on": today, "closes_on": today + datetime.timedelta(days=7),
        "groups": ["sagsbehandlere", "ledere"]})
    assert response.status_code == 302
    assert RoundInvitation.objects.filter(round__municipality=municipality).count() == 2


def test_a_phase_change_without_a_note_is_refused(client, leader, municipality):
    client.force_login(leader)
    before = _counts()
    response = client.post(reverse("implementation:plan_action", args=[municipality.slug, "fase"]),
                           {"phase": "klar", "note": "  "})
    assert response.status_code == 400
    assert "Skriv en bemærkning om, hvorfor fasen skifter." in response.content.decode()
    assert _counts() == before
    assert not ImplementationPlan.objects.filter(municipality=municipality, phase="klar").exists()


def test_a_phase_change_with_a_note_is_history(client, leader, municipality):
    client.force_login(leader)
    url = reverse("implementation:plan_action", args=[municipality.slug, "fase"])
    assert client.post(url, {"phase": "klar", "note": "Alle er tilmeldt grundkurset"}).status_code == 302
    assert client.post(url, {"phase": "i-gang", "note": "ICS i alle nye sager"}).status_code == 302
    history = list(PhaseChange.objects.filter(plan__municipality=municipality).order_by("pk")
                   .values_list("from_phase", "to_phase", "changed_by"))
    assert history == [("", "klar", leader.pk), ("klar", "i-gang", leader.pk)]
    page = client.get(reverse("implementation:plan", args=[municipality.slug])).content.decode()
    assert "ICS i alle nye sager" in page and "3 I gang" in page


def test_an_unknown_plan_action_or_someone_elses_member_is_a_404(client, leader, municipality, other_municipality):
    client.force_login(leader)
    assert client.post(reverse("implementation:plan_action", args=[municipality.slug, "slet-alt"])).status_code == 404
    assert client.post(reverse("implementation:plan_action", args=[municipality.slug, "gruppe-fjern"]),
                       {"member": "99999999999999999999999"}).status_code == 404
    assert client.post(reverse("implementation:plan_action", args=[other_municipality.slug, "fase"]),
                       {"phase": "klar", "note": "x"}).status_code == 404


def test_editing_a_frozen_version_in_the_admin_is_refused(opened, client, admin_user, version):
    client.force_login(admin_user)
    statement = version.statements.first()
    url = reverse("wagtailsnippets_implementation_questionnaireversion:edit", args=[version.pk])
    page = client.get(url)
    assert page.status_code == 200 and "bruges af en måling og kan ikke ændres" in page.content.decode()
    response = client.post(url, {"number": version.number, "title": "Ændret titel", "introduction": "",
                                 "statements-TOTAL_FORMS": "0", "statements-INITIAL_FORMS": "0"}, follow=True)
    assert "bruges af en måling og kan ikke ændres" in response.content.decode()
    version.refresh_from_db()
    statement.refresh_from_db()
    assert version.title == "Barometer" and Statement.objects.filter(version=version).count() == 5
    delete = reverse("wagtailsnippets_implementation_questionnaireversion:delete", args=[version.pk])
    client.post(delete, follow=True)
    assert QuestionnaireVersion.objects.filter(pk=version.pk).exists()


def test_new_version_copies_the_statements_and_is_editable(opened, client, admin_user, version):
    client.force_login(admin_user)
    response = client.post(reverse("implementation_version_copy", args=[version.pk]))
    assert response.status_code == 302
    copy = QuestionnaireVersion.objects.get(based_on=version)
    assert not copy.is_frozen and copy.number == version.number + 1
    assert list(copy.statements.values_list("code", "text")) == list(version.statements.values_list("code", "text"))
    from implementation.services.questionnaire import version_assert_editable

    version_assert_editable(copy)  # no error
