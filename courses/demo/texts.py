"""The demo course texts (Danish teaching content, not interface strings): the course index's intro,
the funnel guide's text stand-in, the three national courses (courses/demo/basic.py, superuser.py,
brushup.py with the cases in cases.py) and Skanderborg's local theme day. Every case is fictional:
invented first names and ages only, no real child or family data, no CPR numbers."""

from ..models import CourseKind, LessonType
from .basic import grundkursus
from .brushup import brush_up
from .common import TRIANGLE_TEXTS, callout, quiz, text
from .superuser import superbrugerkursus

__all__ = ["INDEX_INTRO", "FUNNEL_GUIDE_TEXT", "TRIANGLE_TEXTS", "courses", "local_theme_day"]

# --- Shared texts -------------------------------------------------------------------------------

INDEX_INTRO = (
    "<p>Her finder du e-læringen til ICS-kurserne: forberedelse før kursusdagene, opfølgning bagefter og "
    "øvelser med ICS-trekanten, tragtmodellen og magneterne. Dine svar gemmes, så du kan fortsætte, hvor du "
    "slap.</p>"
)

# The funnel question guide (a PDF document block in the demo) is the template
# courses/demo/funnel_guide_pdf.html; this is its plain-text stand-in where WeasyPrint cannot run.
FUNNEL_GUIDE_TEXT = (
    "Spørgeguide til tragtmodellen\n\n1. Bekymring: Hvad er vi bekymrede for? Hvem er bekymret?\n"
    "2. Hypotesedannelse: Mulige forklaringer, også ressourcer der taler imod bekymringen.\n"
    "3. Tragtning: Hvilke dimensioner skal undersøges, og hvordan?\n"
)

def courses(media):
    return [grundkursus(media), superbrugerkursus(media), brush_up(media)]


def local_theme_day(media):
    """Skanderborg's own material: a theme day written by its superusers, approved by its leader."""
    return {
        "title": "Temadag: Barnets stemme i undersøgelsen", "slug": "temadag-barnets-stemme", "kind": CourseKind.THEME,
        "course_days": 1, "course_hours": 6, "required_by_licence": False,
        "audience": "Sagsbehandlere i Familieafdelingen Nord og Syd",
        "summary": "Lokal temadag om samtalen med barnet, planlagt af kommunens ICS-superbrugere.",
        "introduction": (
            "<p>Temadagen er planlagt af vores egne superbrugere efter ønske fra teamene. Vi arbejder med "
            "samtalen med barnet: hvordan barnets egne ord kommer ind på trekantens dimensioner, og hvordan vi "
            "skriver dem, så barnet kan genkende sig selv, hvis det en dag læser sagen.</p>"
        ),
        "objectives": [
            "Forberede en samtale med barnet ud fra trekantens dimensioner",
            "Gengive barnets perspektiv med barnets egne ord i undersøgelsen",
        ],
        "modules": [{
            "title": "Forberedelse til temadagen", "slug": "forberedelse-temadag", "course_day": 1,
            "introduction": "<p>Læs lektionen, før du møder op. Den tager et kvarter.</p>",
            "lessons": [{
                "title": "Samtalen med barnet", "slug": "samtalen-med-barnet", "type": LessonType.PREPARATION, "minutes": 15,
                "summary": "Hvorfor barnets egne ord hører hjemme på dimensionerne.",
                "body": [
                    text("<p>Barnets lov styrker barnets ret til at blive hørt. I ICS betyder det, at barnets "
                         "egne oplysninger placeres på dimensionerne på linje med forældrenes og "
                         "samarbejdspartnernes – og at det fremgår, hvem der har sagt hvad.</p>"
                         "<h3>Før samtalen</h3><p>Vælg to eller tre dimensioner, du særligt vil høre barnet om, "
                         "og tænk over, hvordan du spørger til det, der går godt. Et barn, der fortæller om sin "
                         "bedste ven, fortæller også om sin trivsel.</p>"),
                    callout("tip", "Skriv barnets ord",
                            "<p>Citér barnet direkte, når du kan: »Jeg kan godt lide at være hos mormor, for der "
                            "er stille.« Det siger mere end »barnet trives hos bedsteforældrene«.</p>"),
                    quiz("Klar til temadagen?", "", [
                        ("Hvor placerer du barnets egne oplysninger?", False, [
                            ("På de dimensioner, de handler om – med barnet som kilde", True, "Rigtigt."),
                            ("I et særskilt afsnit uden for trekanten", False,
                             "Nej – barnets perspektiv hører hjemme på dimensionerne."),
                        ], ""),
                    ]),
                ],
            }],
        }],
    }
