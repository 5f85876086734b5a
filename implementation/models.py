"""The implementation barometer (questionnaire versions, statements, rounds, invitations, anonymous
responses) and each municipality's implementation plan (phase with its history, goals, group,
activities, aiming-point assessments).

Anonymity by design: `RoundInvitation` records who may answer and whether they have answered (no time
of answering); `Response` and `Answer` carry only the respondent's role group, no person and no time.
A respondent's unfinished answers live on their own invitation (`draft`) until they submit, and are
wiped at submission or when the round closes. Nothing that links a person to an answer is ever stored.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from people.roles import Role
from web.validators import refuse_cpr, refuse_line_breaks


class Phase(models.TextChoices):
    """Socialstyrelsen's four implementation phases, in order."""

    DECISION = "beslutning", _("1 The decision process")
    READY = "klar", _("2 Ready, steady – go!")
    RUNNING = "i-gang", _("3 Under way")
    ANCHORING = "forankring", _("4 Anchoring")


PHASE_ORDER = [Phase.DECISION, Phase.READY, Phase.RUNNING, Phase.ANCHORING]


class AimingPoint(models.TextChoices):
    """The seven aiming points (syv sigtepunkter), with their official titles."""

    LEADERSHIP = "ledelsen", _("Leadership goes first")
    PLAN = "plan", _("A plan gives direction")
    SUPERUSERS = "superbrugere", _("The ICS superusers guide their colleagues")
    STAFF = "medarbejdere", _("Staff are equipped")
    TIME = "tid", _("Things take time")
    PRACTICE = "praksis", _("ICS becomes part of daily practice")
    PARTNERS = "samarbejdspartnere", _("Partners are involved")


class Answer(models.TextChoices):
    """The five-point agreement scale plus "Ved ikke" (don't know, left out of every mean)."""

    STRONGLY_DISAGREE = "1", _("Strongly disagree")
    DISAGREE = "2", _("Disagree")
    NEUTRAL = "3", _("Neither agree nor disagree")
    AGREE = "4", _("Agree")
    STRONGLY_AGREE = "5", _("Strongly agree")
    DONT_KNOW = "ved-ikke", _("Don't know")


SCALE = [Answer.STRONGLY_DISAGREE, Answer.DISAGREE, Answer.NEUTRAL, Answer.AGREE, Answer.STRONGLY_AGREE]


class RespondentGroup(models.TextChoices):
    """The groups a round asks; each respondent belongs to exactly one."""

    LEADERS = "ledere", _("Leaders")
    CONSULTANTS = "konsulenter", _("Consultants")
    CASEWORKERS = "sagsbehandlere", _("Caseworkers")
    SUPERUSERS = "superbrugere", _("ICS superusers")


# The people role behind each group a round can ask. A person with several roles answers in the first
# group of this order that the round asks (a superuser who also leads answers as a superuser).
GROUP_ROLES = {
    RespondentGroup.SUPERUSERS: Role.SUPERUSER,
    RespondentGroup.LEADERS: Role.LEADER,
    RespondentGroup.CASEWORKERS: Role.CASEWORKER,
}
# Consultants have no role in `people` yet: a statement can be written for them, a round cannot ask them.
ROUND_GROUPS = list(GROUP_ROLES)


class Audience(models.TextChoices):
    EVERYONE = "alle", _("Everyone")
    LEADERS = "ledere", _("Leaders only")
    SUPERUSERS = "superbrugere", _("ICS superusers only")
    CASEWORKERS = "sagsbehandlere", _("Caseworkers only")
    CONSULTANTS = "konsulenter", _("Consultants only")

    def includes(self, group: str) -> bool:
        return self == Audience.EVERYONE or self.value == group


class QuestionnaireVersion(ClusterableModel):
    """One version of the barometer's questionnaire. Frozen once a round uses it; a change is a new
    version (`services.questionnaire.version_copy`)."""

    number = models.PositiveIntegerField(_("version number"), unique=True)
    title = models.CharField(_("title"), max_length=200, validators=[refuse_line_breaks])
    introduction = models.TextField(_("introduction"), blank=True,
                                    help_text=_("Shown to respondents above the statements."))
    based_on = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("based on"),
    )
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        ordering = ["-number"]

    def __str__(self):
        return f"{self.title} (v{self.number})"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


class Statement(models.Model):
    """A statement of a questionnaire version, answered on the agreement scale. `code` is kept when a
    version is copied: two versions' statements with the same code and text are comparable."""

    version = ParentalKey(QuestionnaireVersion, on_delete=models.CASCADE, related_name="statements",
                          verbose_name=_("questionnaire version"))
    code = models.CharField(_("code"), max_length=20, help_text=_("Kept across versions, e.g. »F3-02«."))
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    aiming_point = models.CharField(_("aiming point"), max_length=30, choices=AimingPoint.choices)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE)
    text = models.TextField(_("statement"), validators=[refuse_cpr])
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["version", "sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="one_statement_code_per_version")]

    def __str__(self):
        return f"{self.code}: {self.text[:60]}"

    def applies_to(self, group: str) -> bool:
        return Audience(self.audience).includes(group)


class Round(models.Model):
    """A measurement (måling) of one municipality: a window and the groups asked."""

    municipality = models.ForeignKey("people.Municipality", on_delete=models.PROTECT, related_name="barometer_rounds",
                                     verbose_name=_("municipality"))
    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.PROTECT, related_name="rounds",
                                verbose_name=_("questionnaire version"))
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    groups = models.JSONField(_("respondent groups"), default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("barometer round")
        verbose_name_plural = _("barometer rounds")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="round_closes_after_opening"),
        ]
        indexes = [models.Index(fields=["municipality", "opens_on"])]

    def __str__(self):
        return f"{self.municipality} {self.opens_on:%d.%m.%Y}–{self.closes_on:%d.%m.%Y}"

    def is_open_on(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on

    @property
    def group_labels(self):
        return [RespondentGroup(g).label for g in self.groups]


class RoundInvitation(models.Model):
    """Who may answer a round (in which group) and whether they have answered: never what they answered.

    `draft` holds the respondent's own unsubmitted answers ({statement id: value}) so they can come back
    before the close; it is emptied when they submit or when the round closes."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("round"))
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="barometer_invitations",
                               verbose_name=_("person"))
    group = models.CharField(_("respondent group"), max_length=20, choices=RespondentGroup.choices)
    has_answered = models.BooleanField(_("has answered"), default=False)
    draft = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("barometer invitation")
        verbose_name_plural = _("barometer invitations")
        constraints = [models.UniqueConstraint(fields=["round", "person"], name="one_invitation_per_person_and_round")]
        indexes = [models.Index(fields=["round", "group", "has_answered"])]

    def __str__(self):
        return f"{self.round}: {self.person}"


class Response(models.Model):
    """One submitted questionnaire: the round and the respondent's role group, nothing else."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses", verbose_name=_("round"))
    group = models.CharField(_("respondent group"), max_length=20, choices=RespondentGroup.choices)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["round", "group"])]

    def __str__(self):
        return f"{self.round_id}/{self.group}"


class StatementAnswer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="answers")
    value = models.CharField(_("answer"), max_length=10, choices=Answer.choices)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["response", "statement"], name="one_answer_per_statement")]

    def __str__(self):
        return f"{self.statement_id}: {self.value}"


# --- The implementation plan --------------------------------------------------------------------


class ImplementationPlan(models.Model):
    municipality = models.OneToOneField("people.Municipality", on_delete=models.PROTECT,
                                        related_name="implementation_plan", verbose_name=_("municipality"))
    phase = models.CharField(_("current phase"), max_length=20, choices=Phase.choices, default=Phase.DECISION)
    local_goals = models.TextField(_("local goals"), blank=True, validators=[refuse_cpr])
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("implementation plan")
        verbose_name_plural = _("implementation plans")
        ordering = ["municipality__name"]

    def __str__(self):
        return str(self.municipality)


class PhaseChange(models.Model):
    """Append-only history of the plan's phase: when, by whom, from what, to what, and why."""

    plan = models.ForeignKey(ImplementationPlan, on_delete=models.PROTECT, related_name="phase_changes")
    from_phase = models.CharField(_("from phase"), max_length=20, choices=Phase.choices, blank=True)
    to_phase = models.CharField(_("to phase"), max_length=20, choices=Phase.choices)
    changed_on = models.DateField(_("date"), default=timezone.localdate)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("changed by"))
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    note = models.TextField(_("note"), validators=[refuse_cpr])

    class Meta:
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")
        ordering = ["-changed_on", "-recorded_at", "-pk"]

    def __str__(self):
        return f"{self.plan}: {self.to_phase} ({self.changed_on})"


class GroupRole(models.TextChoices):
    LEADER = "leder", _("Leader")
    SUPERUSER = "superbruger", _("ICS superuser")
    COORDINATOR = "koordinator", _("Coordinator")


class GroupMember(models.Model):
    """A member of the municipality's implementation group, drawn from its staff."""

    plan = models.ForeignKey(ImplementationPlan, on_delete=models.CASCADE, related_name="group_members")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("person"))
    role = models.CharField(_("role in the group"), max_length=20, choices=GroupRole.choices)
    added_on = models.DateField(_("added"), default=timezone.localdate)

    class Meta:
        verbose_name = _("implementation group member")
        verbose_name_plural = _("implementation group members")
        constraints = [models.UniqueConstraint(fields=["plan", "person"], name="one_group_membership_per_plan")]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


class PlanActivity(models.Model):
    """A theme day, brush-up or ICS team meeting of the municipality's calendar, linked to the plan."""

    plan = models.ForeignKey(ImplementationPlan, on_delete=models.CASCADE, related_name="activities")
    event = models.ForeignKey("scheduling.Event", on_delete=models.CASCADE, related_name="+", verbose_name=_("event"))
    aiming_point = models.CharField(_("aiming point"), max_length=30, choices=AimingPoint.choices, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("plan activity")
        verbose_name_plural = _("plan activities")
        constraints = [models.UniqueConstraint(fields=["plan", "event"], name="one_activity_per_event")]

    def __str__(self):
        return f"{self.plan}: {self.event_id}"


class Assessment(models.TextChoices):
    NOT_STARTED = "ikke-startet", _("Not started")
    UNDER_WAY = "undervejs", _("Under way")
    IN_PLACE = "paa-plads", _("In place")


class AimingPointAssessment(models.Model):
    """The implementation group's own assessment of an aiming point, with a note. Append-only: the
    latest per aiming point is the current one."""

    plan = models.ForeignKey(ImplementationPlan, on_delete=models.PROTECT, related_name="assessments")
    aiming_point = models.CharField(_("aiming point"), max_length=30, choices=AimingPoint.choices)
    assessment = models.CharField(_("assessment"), max_length=20, choices=Assessment.choices)
    note = models.TextField(_("note"), validators=[refuse_cpr])
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    assessed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("aiming-point assessment")
        verbose_name_plural = _("aiming-point assessments")
        ordering = ["-assessed_at", "-pk"]

    def __str__(self):
        return f"{self.plan}: {self.aiming_point} {self.assessment}"

    def clean(self):
        if not (self.note or "").strip():
            raise ValidationError({"note": _("Write a note explaining the assessment.")})
