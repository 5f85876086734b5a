"""ICS brush-up: an open e-learning refresher on the 2019 triangle (with a note mapping the earlier
dimension names to today's), the funnel with resources, and Barnets lov (required). Children: Emil
(one board) and Malik (an optional case on the ungeplan)."""

from ..models import CourseKind, LessonType
from . import cases
from .common import TRIANGLE_TEXTS, callout, funnel, lesson, magnets, quiz, text, triangle

E = LessonType.E_LEARNING

DIMENSION_NOTE = (
    "<p>I ældre sager og skabeloner møder du den tidligere trekant med flere og smallere dimensioner. Sådan "
    "finder de tidligere navne hjem i 2019-udgaven (ældre materiale kan bruge lidt andre ord):</p>"
    "<table><thead><tr><th scope=\"col\">Tidligere dimension</th><th scope=\"col\">I dag</th></tr></thead><tbody>"
    "<tr><td>Sundhed</td><td>Sundhedsforhold</td></tr>"
    "<tr><td>Uddannelse (skole og dagtilbud)</td><td>Dagtilbud, skoleforhold og læring</td></tr>"
    "<tr><td>Følelses- og adfærdsmæssig udvikling; identitet; social fremtræden; selvstændighed</td>"
    "<td>Udvikling og adfærd</td></tr>"
    "<tr><td>Familie og sociale relationer (barnets egne venskaber)</td><td>Fritidsforhold og venskaber</td></tr>"
    "<tr><td>Basisomsorg; sikkerhed; følelsesmæssig varme; stabilitet</td><td>Trygt omsorgsmiljø</td></tr>"
    "<tr><td>Stimulering; vejledning og grænser</td><td>Stimulering og vejledning</td></tr>"
    "<tr><td>Familie og sociale relationer (forældrenes støtte til barnets relationer)</td>"
    "<td>Understøttelse af relationer</td></tr>"
    "<tr><td>Familiens baggrund og forhold</td><td>Familieforhold og baggrund</td></tr>"
    "<tr><td>Boligforhold; beskæftigelse; indkomst</td><td>Bolig, beskæftigelse og økonomi</td></tr>"
    "<tr><td>Familiens sociale integration; lokalsamfundets ressourcer; netværk</td><td>Socialt netværk</td></tr>"
    "</tbody></table>"
)


def _barnets_lov_quiz():
    return quiz("Quiz: Barnets lov", "<p>Fire spørgsmål om de nye ord og paragraffer.</p>", [
        ("Hvad hedder en støtte til barnet efter Barnets lov?", False, [
            ("En indsats eller en støttende indsats", True, "Rigtigt."),
            ("En bevilling", False, "Nej – loven taler om indsatser."),
        ], ""),
        ("Hvad hedder planen for en ung på 16 år?", False, [
            ("Ungeplan", True, "Rigtigt – for unge fra 15 år (§ 108)."),
            ("Barnets plan", False, "Barnets plan er for børn under 15 år (§ 91)."),
        ], ""),
        ("Hvor findes den børnefaglige undersøgelse nu?", False, [
            ("Barnets lov §§ 20–23", True, "Rigtigt (før 2024 servicelovens § 50)."),
            ("Barnets lov §§ 132–137", False, "Det er reglerne om underretning."),
        ], ""),
        ("Hvad gælder for et barn på 11 år i en sag om en støttende indsats?", True, [
            ("Barnet udøver selv partsbeføjelser (§ 3)", True, "Ja – fra 10 år."),
            ("Barnet kan tage en bisidder med (§ 6)", True, "Ja – i alle aldre, og uden forældrenes samtykke."),
            ("Barnet skal have forældrenes lov til at tale med sagsbehandleren", False,
             "Nej – samtalen kan ske uden forældrene, når det er nødvendigt."),
        ], ""),
    ], pass_mark=75)


def brush_up(media):
    return {
        "title": "ICS brush-up", "slug": "ics-brush-up", "kind": CourseKind.BRUSH_UP, "course_days": 0, "course_hours": 3,
        "required_by_licence": False,
        "audience": "Sagsbehandlere, hvis grundkursus ligger nogle år tilbage",
        "summary": "Genopfrisk trekanten, tragtmodellen og det nye i Barnets lov på en time.",
        "introduction": (
            "<p>Har du taget grundkurset for nogle år siden? Denne brush-up opdaterer dig på det vigtigste: "
            "den forenklede trekant fra 2019, tragtmodellen, der siden 2019 vejer ressourcer lige så vel som "
            "bekymringer, og de nye paragraffer og ord i Barnets lov.</p>"
        ),
        "objectives": [
            "Kende de ti dimensioner i 2019-udgaven af trekanten og oversætte de tidligere navne",
            "Bruge tragtmodellen med ressourcer som en fast del af hypoteserne",
            "Bruge Barnets lovs ord og finde de relevante paragraffer",
        ],
        "modules": [{
            "title": "Genopfrisk metoden", "slug": "genopfrisk",
            "introduction": "<p>Tre korte lektioner, som du kan tage i din egen rækkefølge, og en frivillig case "
                            "om ungeplanen.</p>",
            "lessons": [
                lesson("Trekanten i 2019-udgaven", "trekanten-2019", E, 15,
                       "Ti dimensioner i stedet for de tidligere – hvad er ændret?", [
                    text("<p>I 2019 blev trekanten forenklet til ti dimensioner. Flere tidligere dimensioner er "
                         "lagt sammen, så det er lettere at placere oplysninger. Ressourcer har altid hørt "
                         "hjemme på dimensionerne; det gør de stadig.</p>"),
                    triangle("Trekanten i dag", "", TRIANGLE_TEXTS, highlighted={"socialt-netvaerk"}),
                    callout("remember", "Fra de tidligere dimensioner til i dag", DIMENSION_NOTE),
                    magnets("Hurtig genopfriskning", "<p>Placér de tre kort, og markér ressource eller "
                            "bekymring.</p>", cases.EMIL_FACTS[2:5]),
                ]),
                lesson("Tragtmodellen med ressourcer", "tragt-med-ressourcer", E, 15,
                       "Hypoteser skal også rumme det, der taler imod bekymringen.", [
                    text("<p>Tragtmodellen har stadig tre faser. Det, der ændrede sig med 2019-udgaven, er, at "
                         "tragten vejer ressourcer lige så vel som bekymringer: Allerede i hypoteserne skal du "
                         "skrive det, der taler imod bekymringen.</p>"),
                    funnel("Tragtmodellen", "", {
                        "hypoteser": "<p>Skriv mindst én hypotese, der bygger på en ressource, der taler imod "
                                     "bekymringen.</p>",
                    }),
                    quiz("Quiz: Tragtmodellen", "", [
                        ("Hvad ændrede sig i tragtmodellen i 2019?", False, [
                            ("Tragten vejer ressourcer lige så vel som bekymringer", True, "Rigtigt."),
                            ("Ressourcer kom ind i ICS for første gang", False,
                             "Nej – ressourcer har altid været en del af ICS."),
                            ("Der er kommet en fjerde fase", False, "Nej, der er stadig tre faser."),
                        ], ""),
                    ], pass_mark=100),
                ]),
                lesson("Nyt siden sidst: Barnets lov", "barnets-lov", E, 20,
                       "De vigtigste paragraffer og ord, og hvor de fandtes før.", [
                    text("<p>Barnets lov trådte i kraft 1. januar 2024 og samler reglerne om børn og unge, der "
                         "tidligere stod i serviceloven. Den børnefaglige undersøgelse findes nu i §§ 20–23 "
                         "(før 2024 servicelovens § 50), screening og afdækning i §§ 18–19, "
                         "underretningspligten i §§ 132–137, og barnets plan og ungeplanen i §§ 91 og "
                         "108.</p>"
                         "<h3>Nye ord</h3><ul><li>Det, serviceloven kaldte en foranstaltning, hedder nu en "
                         "indsats eller en støttende indsats.</li><li>Den tidligere handleplan er afløst af "
                         "barnets plan (under 15 år) og ungeplanen (15–17 år).</li></ul>"
                         "<h3>Barnets rettigheder</h3><p>Børn fra 10 år udøver selv partsbeføjelser i en række "
                         "sager, bl.a. om støttende indsatser (§ 3). Barnet kan altid tage en bisidder med "
                         "(§ 6).</p>"),
                    callout("remember", "Barnets perspektiv",
                            "<p>Barnets lov gør barnets perspektiv styrende. Samtalen med barnet er ikke kun en "
                            "pligt – den er den vigtigste kilde til viden om barnets behov.</p>"),
                    _barnets_lov_quiz(),
                ]),
                lesson("Case: Malik og ungeplanen", "case-malik", E, 25,
                       "Frivillig øvelse: trekant, tragt og SMART-mål i en ungeplan.", [
                    cases.MALIK_CASE,
                ], required=False),
            ],
        }],
    }
