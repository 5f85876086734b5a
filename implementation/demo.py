"""Demo data for implementation (runs after compliance): one questionnaire version of 28 statements
(seven per phase, some for ICS superusers or leaders only), and for each demo municipality a plan in a
different phase and two closed rounds a year apart with simulated answers that differ by group.

Adds a few leaders and superusers to the demo staff so that most groups reach the five respondents a
figure needs; Vesthimmerland keeps a single leader, so its leader group shows as hidden.

Deterministic and idempotent: a second run finds everything in place and changes nothing.
"""

import datetime
import random

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from people import services as people_services
from people.demo import DEMO_PASSWORD
from people.models import Membership, Municipality, User
from people.roles import Role
from scheduling.models import Event

from .models import (
    GROUP_ROLES,
    SCALE,
    AimingPoint,
    AimingPointAssessment,
    Answer,
    Audience,
    GroupMember,
    GroupRole,
    ImplementationPlan,
    Phase,
    PhaseChange,
    PlanActivity,
    QuestionnaireVersion,
    Response,
    Round,
    RoundInvitation,
    Statement,
    StatementAnswer,
)
from .services.rounds import group_for_roles

P1, P2, P3, P4 = Phase.DECISION, Phase.READY, Phase.RUNNING, Phase.ANCHORING
A = AimingPoint
EVERYONE, SUPERUSERS, LEADERS = Audience.EVERYONE, Audience.SUPERUSERS, Audience.LEADERS

STATEMENTS = [
    # 1 Beslutningsprocessen
    ("F1-01", P1, A.LEADERSHIP, EVERYONE, "Jeg ved, hvorfor vores kommune har valgt at arbejde med ICS."),
    ("F1-02", P1, A.LEADERSHIP, EVERYONE, "Ledelsen har tydeligt fortalt, hvad ICS skal gøre bedre for børnene og familierne."),
    ("F1-03", P1, A.PLAN, EVERYONE, "Der er en skriftlig plan for, hvordan ICS indføres i vores afdeling."),
    ("F1-04", P1, A.PLAN, LEADERS, "Vi har afsat tid og økonomi til grundkursus, superbrugerkursus og temadage."),
    ("F1-05", P1, A.TIME, EVERYONE, "Der er taget stilling til, hvilke opgaver der skal vige, mens vi lærer ICS."),
    ("F1-06", P1, A.PARTNERS, EVERYONE, "Skoler, dagtilbud og sundhedspleje er orienteret om, at vi arbejder med ICS."),
    ("F1-07", P1, A.SUPERUSERS, EVERYONE, "Det er klart, hvem der er ICS-superbrugere, og hvad de skal bruges til."),
    # 2 Klar, parat – start!
    ("F2-01", P2, A.STAFF, EVERYONE, "Alle sagsbehandlere har fået eller er tilmeldt ICS-grundkurset."),
    ("F2-02", P2, A.STAFF, EVERYONE, "Grundkurset har givet mig et fælles sprog med mine kolleger om barnets behov."),
    ("F2-03", P2, A.PLAN, EVERYONE, "Skabeloner og arbejdsgange i DUBU er tilpasset ICS-trekanten."),
    ("F2-04", P2, A.SUPERUSERS, SUPERUSERS, "Jeg har fået den tid, der skal til, for at løfte min rolle som superbruger."),
    ("F2-05", P2, A.SUPERUSERS, SUPERUSERS, "Superbrugerkurset har klædt mig på til at undervise og sparre med kolleger."),
    ("F2-06", P2, A.LEADERSHIP, EVERYONE, "Min nærmeste leder spørger ind til, hvordan det går med ICS."),
    ("F2-07", P2, A.TIME, EVERYONE, "Vi har en realistisk tidsplan for, hvornår ICS skal bruges i alle nye sager."),
    # 3 I gang
    ("F3-01", P3, A.PRACTICE, EVERYONE, "Jeg bruger ICS-trekanten, når jeg beskriver barnets udvikling, forældrekompetencer og netværk."),
    ("F3-02", P3, A.PRACTICE, EVERYONE, "Vi bruger tragtmodellen til at holde den børnefaglige undersøgelse fokuseret."),
    ("F3-03", P3, A.PRACTICE, EVERYONE, "ICS-teammøderne hjælper mig videre i konkrete sager."),
    ("F3-04", P3, A.SUPERUSERS, EVERYONE, "Jeg kan få kviksparring hos en superbruger, når jeg har brug for det."),
    ("F3-05", P3, A.SUPERUSERS, SUPERUSERS, "Kollegerne opsøger mig for sparring om ICS i deres sager."),
    ("F3-06", P3, A.PARTNERS, EVERYONE, "Statusudtalelser fra skole og dagtilbud er bygget op efter ICS-trekantens dimensioner."),
    ("F3-07", P3, A.STAFF, EVERYONE, "Ressourcer hos barnet og familien står lige så tydeligt i sagerne som bekymringerne."),
    # 4 Forankring
    ("F4-01", P4, A.PRACTICE, EVERYONE, "ICS er blevet den naturlige måde at arbejde på i vores afdeling."),
    ("F4-02", P4, A.STAFF, EVERYONE, "Nye medarbejdere kommer hurtigt på grundkursus og får en makker i starten."),
    ("F4-03", P4, A.STAFF, EVERYONE, "Temadage og brush-ups holder vores ICS-viden ved lige."),
    ("F4-04", P4, A.SUPERUSERS, SUPERUSERS, "Superbrugergruppen mødes fast og deler erfaringer på tværs af teams."),
    ("F4-05", P4, A.LEADERSHIP, LEADERS, "Ledelsen følger op på ICS med data fra sagerne og fra barometeret."),
    ("F4-06", P4, A.PARTNERS, EVERYONE, "Samarbejdspartnerne kender ICS og bruger samme begreber, når vi mødes om et barn."),
    ("F4-07", P4, A.TIME, EVERYONE, "Vi justerer løbende vores plan, når barometeret viser, hvor det halter."),
]

# slug: (phase now, phase history, extra leaders, extra superusers, the groups' leanings per phase)
# A leaning is the mean each group tends towards (1–5) in a phase; the answers scatter around it.
PLANS = {
    "skanderborg": (P3, [(P1, 900, "Byrådet har vedtaget ICS"), (P2, 700, "Alle sagsbehandlere tilmeldt grundkursus"),
                          (P3, 300, "ICS bruges i alle nye sager fra 1. marts")], 6, 5,
                    {"ledere": (4.2, 4.0, 3.9, 3.2), "superbrugere": (4.3, 4.2, 4.4, 3.5),
                     "sagsbehandlere": (3.8, 3.6, 2.9, 2.6)}),
    "vesthimmerland": (P2, [(P1, 500, "Licensaftalen er underskrevet"), (P2, 120, "Grundkurserne er planlagt")], 0, 5,
                       {"ledere": (4.0, 3.6, 3.0, 2.5), "superbrugere": (3.9, 3.7, 3.6, 2.8),
                        "sagsbehandlere": (3.4, 3.1, 2.6, 2.2)}),
    "koebenhavn": (P4, [(P1, 2400, "Socialudvalget har besluttet ICS"), (P2, 2000, "Uddannelsesplan godkendt"),
                        (P3, 1500, "ICS-teammøder i alle BFU'er"), (P4, 200, "Forankringsfasen: temadage og dialog")], 6, 4,
                   {"ledere": (4.4, 4.3, 4.1, 4.0), "superbrugere": (4.5, 4.4, 4.5, 4.2),
                    "sagsbehandlere": (4.0, 3.9, 3.6, 3.4)}),
}
# Answer rates per group in the demo rounds.
ANSWER_RATE = {"ledere": 0.95, "superbrugere": 0.95, "sagsbehandlere": 0.75}
PHASE_INDEX = {P1: 0, P2: 1, P3: 2, P4: 3}

_password_hash = None


def _person(email, full_name):
    global _password_hash
    user = User.objects.filter(email=email).first()
    if user is None:
        if _password_hash is None:
            _password_hash = make_password(DEMO_PASSWORD)
        user = User.objects.create(email=email, full_name=full_name, password=_password_hash)
    return user


def _version(admin):
    version = QuestionnaireVersion.objects.filter(number=1).first()
    if version is not None:
        return version
    version = QuestionnaireVersion.objects.create(
        number=1, title="Implementeringsbarometer for ICS", created_by=admin,
        introduction=("Barometeret viser, hvor langt vi er kommet med ICS, og om alle faggrupper oplever det "
                      "samme. Svar ud fra din egen hverdag. Vælg »Ved ikke«, hvis du ikke har et grundlag for at svare."),
    )
    Statement.objects.bulk_create([
        Statement(version=version, code=code, phase=phase, aiming_point=ap, audience=audience, text=text, sort_order=i)
        for i, (code, phase, ap, audience, text) in enumerate(STATEMENTS, start=1)
    ])
    return version


def _extra_staff(municipality, leaders, superusers, leader, today):
    for number in range(leaders):
        person = _person(f"afdelingsleder{number + 1}@{municipality.slug}.demo",
                         f"Afdelingsleder {number + 1} {municipality.name}")
        if not Membership.objects.filter(person=person, municipality=municipality).exists():
            people_services.membership_create(person=person, role=Role.LEADER, municipality=municipality,
                                              start_date=today - datetime.timedelta(days=3 * 365 + number * 40), by=leader)
    for number in range(superusers):
        person = _person(f"ics-superbruger{number + 1}@{municipality.slug}.demo",
                         f"ICS-superbruger {number + 1} {municipality.name}")
        if not Membership.objects.filter(person=person, municipality=municipality).exists():
            people_services.membership_create(person=person, role=Role.SUPERUSER, municipality=municipality,
                                              start_date=today - datetime.timedelta(days=2 * 365 + number * 30), by=leader)


def _simulated_round(municipality, version, opens_on, leanings, rng, admin, drift):
    """A closed round with answers drawn around each group's leaning (`drift` added a year later)."""
    closes_on = opens_on + datetime.timedelta(days=21)
    groups = list(GROUP_ROLES)
    barometer_round = Round.objects.create(municipality=municipality, version=version, opens_on=opens_on,
                                           closes_on=closes_on, groups=groups, created_by=admin)
    if version.frozen_at is None:
        version.frozen_at = timezone.now()
        version.save(update_fields=["frozen_at"])
    roles = {}
    for person_id, role in Membership.objects.on(opens_on).filter(municipality=municipality).values_list("person_id", "role"):
        roles.setdefault(person_id, set()).add(role)
    statements = list(version.statements.all())
    invitations, responses = [], []
    for person_id in sorted(roles):
        group = group_for_roles(roles[person_id], groups)
        if group is None:
            continue
        answered = rng.random() < ANSWER_RATE[group]
        invitations.append(RoundInvitation(round=barometer_round, person_id=person_id, group=group, has_answered=answered))
        if answered:
            responses.append(group)
    RoundInvitation.objects.bulk_create(invitations)
    rng.shuffle(responses)  # the order of the responses says nothing about who answered
    created = Response.objects.bulk_create([Response(round=barometer_round, group=g) for g in responses])
    answers = []
    for response in created:
        lean = leanings[response.group]
        for s in statements:
            if not s.applies_to(response.group):
                continue
            if rng.random() < 0.06:
                value = Answer.DONT_KNOW
            else:
                centre = lean[PHASE_INDEX[s.phase]] + drift + rng.uniform(-0.4, 0.4)
                value = SCALE[max(0, min(4, round(rng.gauss(centre, 0.8)) - 1))]
            answers.append(StatementAnswer(response=response, statement=s, value=value))
    StatementAnswer.objects.bulk_create(answers, batch_size=2000)
    return barometer_round


def _plan(municipality, phase, history, leader, today):
    plan, created = ImplementationPlan.objects.get_or_create(municipality=municipality)
    if not created and plan.phase_changes.exists():
        return plan
    previous = ""
    for to_phase, days_ago, note in history:
        PhaseChange.objects.create(plan=plan, from_phase=previous, to_phase=to_phase, changed_by=leader,
                                   changed_on=today - datetime.timedelta(days=days_ago), note=note)
        previous = to_phase
    plan.phase = phase
    plan.local_goals = ("Alle sagsbehandlere har gennemført grundkurset inden for det første år.\n"
                        "ICS-teammøde hver måned i alle teams, ledet af en superbruger.\n"
                        "Næste barometer viser, at sagsbehandlere og superbrugere er mere enige om fase 3.")
    plan.save()
    members = [(m.person, GroupRole.LEADER if m.role == Role.LEADER else GroupRole.SUPERUSER)
               for m in Membership.objects.current().filter(municipality=municipality, role__in=[Role.LEADER, Role.SUPERUSER])
               .select_related("person").order_by("role", "pk")[:4]]
    for person, role in members:
        GroupMember.objects.get_or_create(plan=plan, person=person, defaults={"role": role})
    for event in Event.objects.filter(municipality=municipality, kind__in=[Event.Kind.THEME_DAY, Event.Kind.BRUSH_UP,
                                                                           Event.Kind.TEAM_MEETING]).order_by("pk")[:4]:
        PlanActivity.objects.get_or_create(plan=plan, event=event, defaults={"added_by": leader})
    for ap, assessment, note in [
        (A.TIME, "undervejs", "Vi har givet os to år til fase 3 og er halvvejs."),
        (A.PARTNERS, "ikke-startet", "Skolerne er orienteret, men statusudtalelserne følger ikke trekanten endnu."),
    ]:
        AimingPointAssessment.objects.create(plan=plan, aiming_point=ap, assessment=assessment, note=note,
                                             assessed_by=leader)
    return plan


@transaction.atomic
def load(stdout=None):
    today = timezone.localdate()
    admin = User.objects.filter(email="admin@ics.demo").first()
    version = _version(admin)
    rounds = 0
    for slug, (phase, history, extra_leaders, extra_superusers, leanings) in PLANS.items():
        municipality = Municipality.objects.filter(slug=slug).first()
        if municipality is None:
            continue
        leader_membership = Membership.objects.filter(municipality=municipality, role=Role.LEADER).order_by("pk").first()
        leader = leader_membership.person if leader_membership else admin
        _extra_staff(municipality, extra_leaders, extra_superusers, leader, today)
        _plan(municipality, phase, history, leader, today)
        if not Round.objects.filter(municipality=municipality).exists():
            rng = random.Random(f"ics-barometer-{slug}")
            _simulated_round(municipality, version, today - datetime.timedelta(days=400), leanings, rng, leader, 0.0)
            _simulated_round(municipality, version, today - datetime.timedelta(days=35), leanings, rng, leader, 0.3)
            rounds += 2
    if stdout:
        stdout.write(f"  implementation: questionnaire v{version.number} ({version.statements.count()} statements), "
                     f"{ImplementationPlan.objects.count()} plans, {rounds} rounds added")

