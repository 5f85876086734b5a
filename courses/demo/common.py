"""Block helpers and the texts several demo courses share (Danish teaching content, not interface
strings). Every case is fictional: invented first names and ages only, no real child or family data,
no CPR numbers."""

from content import method as ics_method

# --- Block helpers -----------------------------------------------------------------------------


def text(html):
    return ("paragraph", html)


def callout(kind, title, body):
    return ("callout", {"kind": kind, "title": title, "text": body})


def quote(words, source, *, example=False):
    """A quotation; `example=True` for words written for the course, which the page labels as an example."""
    return ("quote", {"quote": words, "source": source, "example": example})


def image(media, alt, caption=""):
    return ("image", {"image": media["image"], "alt_text": alt, "caption": caption})


def document(media, title, description):
    return ("document", {"document": media["document"], "title": title, "description": description})


def triangle(title, intro, texts, highlighted=()):
    return ("triangle", {
        "title": title, "introduction": intro,
        "dimensions": [{"dimension": key, "text": texts.get(key, ""), "highlighted": key in highlighted}
                       for key in ics_method.DIMENSION_KEYS],
    })


def funnel(title, case, notes):
    return ("funnel", {
        "title": title, "case": case,
        "phases": [{"phase": key, "questions": list(questions), "notes": notes.get(key, "")}
                   for key, _label, questions in ics_method.FUNNEL_PHASES],
    })


def magnets(title, instructions, cards):
    return ("magnet_board", {"title": title, "instructions": instructions, "cards": _cards(cards)})


def _cards(cards):
    """Cards as (text, dimension, explanation) or (text, dimension, kind, explanation); kind is
    "resource" or "concern"."""
    result = []
    for card in cards:
        card_text, dimension, *rest = card
        kind, explanation = (rest[0], rest[1]) if len(rest) == 2 else ("", rest[0])
        result.append({"text": card_text, "dimension": dimension, "kind": kind, "explanation": explanation})
    return result


def case(title, vignette, tasks, facts=()):
    return ("case_exercise", {
        "title": title, "vignette": vignette,
        "tasks": [{"task": task, "model_answer": model} for task, model in tasks],
        "facts": _cards(facts),
    })


def quiz(title, intro, questions, pass_mark=80):
    return ("quiz", {
        "title": title, "introduction": intro, "pass_mark": pass_mark,
        "questions": [
            {"question": question, "multiple": multiple, "explanation": explanation,
             "answers": [{"text": answer, "correct": correct, "feedback": feedback}
                         for answer, correct, feedback in answers]}
            for question, multiple, answers, explanation in questions
        ],
    })


def lesson(title, slug, lesson_type, minutes, summary, body, *, required=True):
    return {"title": title, "slug": slug, "type": lesson_type, "minutes": minutes, "summary": summary,
            "body": body, "required": required}


FICTIONAL = "<p><em>Casen er opdigtet til undervisningen. Navne og forhold ligner ikke virkelige personer.</em></p>"

# The three tasks every new case vignette carries: the triangle, the funnel and SMART goals.
TASK_TRIANGLE = "Placér casens oplysninger på trekantens dimensioner. Hvilke er ressourcer, og hvilke er bekymringer?"
TASK_FUNNEL = ("Gå tragtmodellen igennem: Formulér bekymringen, opstil mindst to hypoteser (også en, der bygger "
               "på ressourcerne), og tragt ned: Hvilke dimensioner skal undersøges, hvilke kan I lade ligge, og "
               "hvorfor?")
TASK_SMART = "Skriv to SMART-mål til planen, og sig, hvem der følger op, hvordan og hvornår."

# --- Shared texts -------------------------------------------------------------------------------

TRIANGLE_TEXTS = {
    "sundhedsforhold": "<p>Barnets fysiske og psykiske helbred: vækst, sygdom, handicap, søvn, kost, tandsundhed "
                       "og brug af sundhedsplejerske, læge og tandlæge. Spørg: Får barnet den behandling, det har "
                       "brug for?</p>",
    "udvikling-og-adfaerd": "<p>Barnets følelsesmæssige, sociale og kognitive udvikling i forhold til alder: "
                            "selvstændighed, identitet, adfærd og evnen til at indgå i relationer. Husk at beskrive, "
                            "hvad barnet mestrer – ikke kun det, der er svært.</p>",
    "dagtilbud-skole-laering": "<p>Trivsel og læring i dagtilbud, skole eller uddannelse: fremmøde, faglige "
                               "forudsætninger, forholdet til lærere og pædagoger og støtte i undervisningen. "
                               "Statusudtalelser fra dagtilbud og skole er en vigtig kilde her.</p>",
    "fritid-og-venskaber": "<p>Venskaber, fritidsaktiviteter og fællesskaber med jævnaldrende. Et barn med én god "
                           "ven og en fast aktivitet har en ressource, som skal stå i sagen.</p>",
    "trygt-omsorgsmiljoe": "<p>Forældrenes evne til at give barnet tryghed, omsorg og beskyttelse: mad, søvn, "
                           "hygiejne, tilsyn og et forudsigeligt hverdagsliv – og at beskytte barnet mod vold og "
                           "overgreb.</p>",
    "stimulering-og-vejledning": "<p>Hvordan forældrene støtter barnets læring og udvikling og sætter rammer: "
                                 "leg, samtale, lektiehjælp, grænser og vejledning, der passer til barnets "
                                 "alder.</p>",
    "understoettelse-af-relationer": "<p>Forældrenes støtte til barnets relationer til søskende, den anden "
                                     "forælder, bedsteforældre og venner – også når forældrene ikke bor "
                                     "sammen.</p>",
    "familieforhold-og-baggrund": "<p>Familiens sammensætning og historie: hvem bor barnet med, betydningsfulde "
                                  "hændelser som skilsmisse, flytning eller dødsfald, og familiens kultur og "
                                  "sprog.</p>",
    "bolig-beskaeftigelse-oekonomi": "<p>Boligens forhold og stabilitet, forældrenes arbejde eller uddannelse og "
                                     "familiens økonomi – og hvordan det påvirker barnets hverdag.</p>",
    "socialt-netvaerk": "<p>Familiens netværk: slægt, venner, naboer, foreninger og fællesskaber, der kan støtte "
                        "barnet og forældrene. Netværket er ofte den første ressource i en plan.</p>",
}
