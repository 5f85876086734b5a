"""The demo course texts (Danish teaching content, not interface strings). Every case is fictional:
invented first names and ages only, no real child or family data, no CPR numbers."""

from content import method as ics_method

from ..models import CourseKind, LessonType

# --- Block helpers -----------------------------------------------------------------------------


def text(html):
    return ("paragraph", html)


def callout(kind, title, body):
    return ("callout", {"kind": kind, "title": title, "text": body})


def quote(words, source):
    return ("quote", {"quote": words, "source": source})


def image(media, alt, caption=""):
    return ("image", {"image": media["image"], "alt_text": alt, "caption": caption})


def document(media, title, description):
    return ("document", {"document": media["document"], "title": title, "description": description})


def video(title, url, duration, transcript):
    return ("video", {"title": title, "video": url, "duration": duration, "transcript": transcript})


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
    return [{"text": card_text, "dimension": dimension, "explanation": explanation}
            for card_text, dimension, explanation in cards]


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

TRIANGLE_TEXTS = {
    "sundhedsforhold": "<p>Barnets fysiske og psykiske helbred: vækst, sygdom, handicap, søvn, kost, tandsundhed "
                       "og brug af sundhedsplejerske, læge og tandlæge. Spørg: Får barnet den behandling, det har "
                       "brug for?</p>",
    "udvikling-og-adfaerd": "<p>Barnets følelsesmæssige, sociale og kognitive udvikling i forhold til alder: "
                            "selvstændighed, identitet, adfærd og evnen til at indgå i relationer. Husk at beskrive, "
                            "hvad barnet mestrer – ikke kun det, der er svært.</p>",
    "dagtilbud-skole-laering": "<p>Trivsel og læring i dagtilbud eller skole: fremmøde, faglige forudsætninger, "
                               "forholdet til lærere og pædagoger og støtte i undervisningen. Statusudtalelser "
                               "fra dagtilbud og skole er en vigtig kilde her.</p>",
    "fritid-og-venskaber": "<p>Venskaber, fritidsaktiviteter og netværk blandt jævnaldrende. Et barn med én god ven "
                           "og en fast aktivitet har en ressource, som skal stå i sagen.</p>",
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
                                  "begivenheder, skilsmisse, dødsfald, kultur og sprog.</p>",
    "bolig-beskaeftigelse-oekonomi": "<p>Boligens forhold og stabilitet, forældrenes arbejde eller uddannelse og "
                                     "familiens økonomi – og hvordan det påvirker barnets hverdag.</p>",
    "socialt-netvaerk": "<p>Familiens netværk: slægt, venner, naboer, foreninger og fællesskaber, der kan støtte "
                        "barnet og forældrene. Netværket er ofte den første ressource i en plan.</p>",
}

EMIL_FACTS = [
    ("Emil kommer flere gange om ugen i skole uden madpakke og er sulten.", "trygt-omsorgsmiljoe",
     "Mad og måltider hører til forældrenes omsorg for barnets basale behov."),
    ("Emil har ikke været til tandlæge i to år.", "sundhedsforhold",
     "Tandsundhed og brug af tandlæge er en del af barnets sundhedsforhold."),
    ("Emil spiller fodbold i den lokale klub to gange om ugen og er glad for sin træner.", "fritid-og-venskaber",
     "En fast fritidsaktivitet og en voksen, barnet holder af, er ressourcer på denne dimension."),
    ("Emils mor er blevet ledig og har svært ved at betale huslejen.", "bolig-beskaeftigelse-oekonomi",
     "Arbejde, økonomi og bolig hører til familie og netværk."),
    ("Emils mormor henter ham fra skole om torsdagen.", "socialt-netvaerk",
     "Mormoren er en del af familiens netværk – og en mulig ressource i planen."),
    ("Læreren fortæller, at Emil er dygtig til matematik, men ofte falder i søvn i timerne.",
     "dagtilbud-skole-laering", "Læring og trivsel i skolen. Søvnen kan også pege mod sundhed og omsorg."),
]

EMIL_VIGNETTE = (
    "<p><strong>Emil, 9 år</strong>, går i 3. klasse. Skolen underretter, fordi Emil de seneste tre måneder flere "
    "gange om ugen er kommet uden madpakke, er sulten og falder i søvn i timerne. Han er dygtig til matematik og "
    "spiller fodbold i klubben, hvor træneren beskriver ham som en god holdkammerat. Emil bor med sin mor og "
    "lillesøster på 4 år. Moren er blevet ledig i foråret og har fortalt klasselæreren, at økonomien er stram. "
    "Mormor henter Emil om torsdagen. Emils far bor i en anden by, og Emil ser ham hver anden weekend.</p>"
    "<p><em>Casen er opdigtet.</em></p>"
)

SARA_NOTIFICATION = (
    "<p><strong>Underretning fra sundhedsplejen:</strong> Sara, 14 år, har ved sundhedsplejerskens samtale fortalt, "
    "at hun ofte bliver hjemme fra skole for at passe sin lillebror, fordi hendes far arbejder om natten. Hun "
    "siger, at hun er træt og har mistet kontakten til sine veninder. Hun har tidligere været glad for håndbold. "
    "Faren har selv ringet til skolen og bedt om en samtale om Saras fravær.</p><p><em>Casen er opdigtet.</em></p>"
)


def _day1_quiz():
    return quiz("Quiz: Kursusdag 1", "<p>Fem spørgsmål om ICS-trekanten. Du skal have fire rigtige for at bestå.</p>", [
        ("Hvad står i midten af ICS-trekanten?", False, [
            ("Barnets behov", True, "Rigtigt. Barnet og barnets behov er omdrejningspunktet for hele metoden."),
            ("Forældrenes ressourcer", False, "Forældrenes ressourcer er vigtige, men de hører til en af siderne."),
            ("Sagsbehandlerens vurdering", False, "Vurderingen bygger på trekanten, men står ikke i midten."),
        ], "Trekanten samler viden om barnet omkring barnets behov."),
        ("Hvor mange dimensioner har trekanten i den forenklede udgave fra 2019?", False, [
            ("Syv", False, "Der er syv sigtepunkter for implementeringen – men ti dimensioner."),
            ("Ti", True, "Rigtigt: fire om barnets udvikling, tre om forældrekompetencer og tre om familie og netværk."),
            ("Tolv", False, "Den forenklede udgave har færre dimensioner end tolv."),
        ], ""),
        ("Hvilke dimensioner hører til siden Forældrekompetencer?", True, [
            ("Trygt omsorgsmiljø", True, "Ja – omsorg, tryghed og beskyttelse."),
            ("Stimulering og vejledning", True, "Ja – støtte til læring, grænser og vejledning."),
            ("Socialt netværk", False, "Socialt netværk hører til Familie og netværk."),
            ("Understøttelse af relationer", True, "Ja – forældrenes støtte til barnets relationer."),
        ], "Forældrekompetencer har tre dimensioner."),
        ("Hvad skal du registrere på dimensionerne?", False, [
            ("Kun problemer, så bekymringen står klart", False, "Siden 2019 lægger ICS vægt på, at ressourcer også står i sagen."),
            ("Både ressourcer og problemer", True, "Rigtigt. Ressourcer er ofte nøglen til en realistisk plan."),
            ("Kun det, forældrene er enige i", False, "Forældrenes syn skal fremgå, men du registrerer alt relevant."),
        ], ""),
        ("Emil spiller fodbold i klubben og er glad for sin træner. Hvor placerer du det?", False, [
            ("Fritidsforhold og venskaber", True, "Rigtigt – og det er en ressource."),
            ("Socialt netværk", False, "Socialt netværk handler om familiens netværk; Emils egen fritid hører til barnets udvikling."),
            ("Stimulering og vejledning", False, "Det handler om forældrenes støtte – ikke om Emils fritidsliv."),
        ], ""),
    ])


def _day2_quiz():
    return quiz("Quiz: Kursusdag 2", "<p>Fire spørgsmål om sagsforløbet og tragtmodellen.</p>", [
        ("Hvad er formålet med tragtmodellen?", False, [
            ("At sikre, at undersøgelsen dækker alle ti dimensioner lige grundigt", False,
             "Nej – modellen hjælper netop med at fokusere, så undersøgelsen ikke bliver bredere end nødvendigt."),
            ("At holde den børnefaglige undersøgelse fokuseret og ikke bredere end nødvendigt", True,
             "Rigtigt. Tragten fører fra bekymring over hypoteser til de dimensioner, der skal undersøges."),
            ("At afgøre, om der skal iværksættes en foranstaltning", False,
             "Afgørelsen kommer senere; tragten bruges til at tilrettelægge undersøgelsen."),
        ], ""),
        ("Hvilke faser har tragtmodellen?", True, [
            ("Bekymring", True, "Ja, første fase."),
            ("Hypotesedannelse", True, "Ja, anden fase."),
            ("Tragtning", True, "Ja, tredje fase."),
            ("Evaluering", False, "Evaluering hører til opfølgningen på barnets plan, ikke til tragten."),
        ], "Tre faser: bekymring, hypotesedannelse og tragtning."),
        ("Hvad skal hypoteserne også omfatte siden 2019?", False, [
            ("Ressourcer, der taler imod bekymringen", True, "Rigtigt – ressourcerne vejes lige så tungt som problemerne."),
            ("Forældrenes diagnoser", False, "Nej – hypoteser handler om mulige forklaringer, ikke diagnoser."),
            ("Skolens ønsker til foranstaltning", False, "Samarbejdspartneres ønsker er ikke hypoteser."),
        ], ""),
        ("Hvor i Barnets lov findes reglerne om den børnefaglige undersøgelse?", False, [
            ("§§ 20–23", True, "Rigtigt (tidligere servicelovens § 50)."),
            ("§§ 132–137", False, "Det er reglerne om underretning."),
            ("§ 91", False, "§ 91 handler om barnets plan."),
        ], ""),
    ], pass_mark=75)


def _day3_quiz():
    return quiz("Quiz: Kursusdag 3", "<p>Fire spørgsmål om plan, mål og samarbejde.</p>", [
        ("Hvad står bogstaverne i SMART for?", False, [
            ("Specifikt, målbart, acceptabelt, realistisk, tidsbestemt", True, "Rigtigt."),
            ("Samarbejde, mål, ansvar, resultat, tid", False, "Tæt på – men ikke den definition, ICS bruger."),
            ("Systematisk, metodisk, analytisk, relevant, tværfagligt", False, "Nej."),
        ], ""),
        ("Hvilket mål er bedst formuleret som SMART-mål?", False, [
            ("Emil skal have det bedre i skolen.", False, "Målet er ikke målbart eller tidsbestemt."),
            ("Emil har madpakke med mindst fire af fem skoledage inden 1. december, vurderet af klasselæreren.",
             True, "Rigtigt – specifikt, målbart og tidsbestemt, og det kan aftales med moren."),
            ("Moren skal tage sig bedre af Emil.", False, "Målet er hverken specifikt eller målbart."),
        ], ""),
        ("Hvorfor beder du om en statusudtalelse fra skolen?", True, [
            ("For at få skolens faglige viden om barnets trivsel og læring", True, "Ja."),
            ("For at kunne placere oplysninger på dimensionen Dagtilbud, skole og læring", True, "Ja."),
            ("For at skolen kan træffe afgørelse om foranstaltning", False, "Afgørelsen træffes af kommunen."),
        ], ""),
        ("Hvad betyder forankring i ICS-implementeringen?", False, [
            ("At ICS bliver en del af den daglige praksis", True, "Rigtigt – fase 4 i implementeringen."),
            ("At alle har været på grundkursus", False, "Det er en forudsætning, men ikke i sig selv forankring."),
            ("At ledelsen har besluttet at bruge ICS", False, "Det er fase 1, beslutningsprocessen."),
        ], ""),
    ])


def grundkursus(media):
    return {
        "title": "ICS-grundkursus", "slug": "ics-grundkursus", "kind": CourseKind.BASIC, "course_days": 3,
        "required_by_licence": True,
        "audience": "Alle sagsbehandlere på børne- og ungeområdet i en ICS-kommune",
        "summary": "Det obligatoriske tredagesforløb i ICS med e-læring før og efter hver kursusdag.",
        "introduction": (
            "<p>Grundkurset giver dig det teoretiske og praktiske fundament for at arbejde med ICS: barnet i "
            "centrum, et udviklingsøkologisk syn på barnet, inddragelse af barn og familie, og blik for ressourcer "
            "såvel som problemer. Kurset består af tre kursusdage. Før hver dag forbereder du dig her med korte "
            "lektioner, og efter hver dag følger du op med øvelser, der knytter stoffet til dine egne sager.</p>"
            "<p>Kurset er obligatorisk for alle sagsbehandlere efter kommunens licensaftale.</p>"
        ),
        "objectives": [
            "Forklare ICS-trekanten og placere oplysninger i en sag på de ti dimensioner",
            "Beskrive både ressourcer og problemer i et barns liv",
            "Bruge tragtmodellen til at fokusere en børnefaglig undersøgelse",
            "Følge en sag fra underretning over undersøgelse til barnets plan og opfølgning",
            "Formulere SMART-mål og inddrage samarbejdspartnere gennem statusudtalelser",
        ],
        "modules": [
            {
                "title": "Kursusdag 1: Barnet i centrum og ICS-trekanten", "slug": "kursusdag-1", "course_day": 1,
                "introduction": "<p>Den første dag handler om metodens fundament: barnet i centrum, det "
                                "udviklingsøkologiske perspektiv og ICS-trekanten med dens ti dimensioner.</p>",
                "lessons": [
                    {
                        "title": "Hvad er ICS?", "slug": "hvad-er-ics", "type": LessonType.PREPARATION, "minutes": 20,
                        "summary": "Metodens baggrund, licensen og tankegangen bag: barnet i centrum.",
                        "body": [
                            text("<p>ICS – Integrated Children's System – er den metode, de fleste danske kommuner "
                                 "bruger i sager om børn og unge med behov for særlig støtte. Socialstyrelsen "
                                 "har licensen og udbreder metoden, og en kommune tilslutter sig "
                                 "ved at underskrive en licensaftale. Aftalen forpligter kommunen til at sende alle "
                                 "sagsbehandlere på grundkurset og til at udpege ICS-superbrugere, der støtter "
                                 "kollegerne i hverdagen.</p>"
                                 "<h3>Barnet i centrum</h3><p>ICS bygger på en enkel, men krævende tanke: Alt, "
                                 "hvad vi gør i en sag, skal tage udgangspunkt i barnets behov. Det lyder "
                                 "selvfølgeligt, men i praksis trækker mange hensyn i sagsbehandlingen – "
                                 "forældrenes ønsker, samarbejdspartneres bekymringer, frister og budgetter. "
                                 "Metoden giver et fælles sprog og en fælles struktur, der holder barnet i "
                                 "fokus.</p>"),
                            image(media, "Plakat af ICS-trekanten: barnets behov i midten, siderne Barnets "
                                         "udvikling, Forældrekompetencer og Familie og netværk.",
                                  "ICS-trekanten samler viden om barnet omkring barnets behov."),
                            text("<h3>Et udviklingsøkologisk syn</h3><p>Et barn udvikler sig i samspil med sine "
                                 "omgivelser: familien, dagtilbuddet eller skolen, fritidslivet og lokalsamfundet. "
                                 "Derfor ser ICS både på barnet selv, på forældrenes evne til at imødekomme "
                                 "barnets behov og på de forhold i familien og netværket, der påvirker dem. "
                                 "Ingen oplysning står alene – den skal ses i sammenhæng.</p>"),
                            video("Barnet i centrum – en introduktion til ICS",
                                  "https://www.youtube.com/@socialstyrelsen", "6 min.",
                                  "<p><strong>Fortæller:</strong> Når en underretning lander på dit bord, er det "
                                  "første spørgsmål ikke, hvad der er galt, men: Hvad har dette barn brug for? "
                                  "ICS giver dig en struktur til at svare på det.</p><p><strong>Sagsbehandler:"
                                  "</strong> Før ICS skrev vi lange beskrivelser af problemer. Nu ser vi også, hvad "
                                  "der fungerer – og det gør samtalen med forældrene helt anderledes.</p>"
                                  "<p><strong>Fortæller:</strong> Trekanten har tre sider og ti dimensioner. I de "
                                  "næste lektioner lærer du at placere oplysninger på dem.</p>"),
                            quote("Vi skal ikke vide alt om familien. Vi skal vide det, der er nødvendigt for at "
                                  "forstå barnets behov.", "Superbruger i en familieafdeling"),
                            callout("remember", "Inddragelse er ikke et trin, men en tilgang",
                                    "<p>Barnet og forældrene skal inddrages gennem hele forløbet – fra den første "
                                    "samtale om underretningen til opfølgningen på barnets plan.</p>"),
                        ],
                    },
                    {
                        "title": "ICS-trekanten og de ti dimensioner", "slug": "ics-trekanten", "type": LessonType.PREPARATION,
                        "minutes": 25,
                        "summary": "Lær trekantens tre sider og ti dimensioner, og placér oplysninger fra en case.",
                        "body": [
                            text("<p>ICS-trekanten er metodens vigtigste værktøj. Den forenklede udgave fra 2019 har "
                                 "tre sider og ti dimensioner. Hver oplysning i en sag placeres på en dimension, og "
                                 "du registrerer både ressourcer og problemer. Vælg en dimension i figuren for at "
                                 "læse, hvad den dækker.</p>"),
                            triangle("ICS-trekanten", "<p>Barnets behov står i midten.</p>", TRIANGLE_TEXTS,
                                     highlighted={"trygt-omsorgsmiljoe", "fritid-og-venskaber"}),
                            callout("tip", "Ressourcer tæller",
                                    "<p>De fremhævede dimensioner i figuren er dem, hvor ressourcerne i casen "
                                    "nedenfor oftest bliver overset. Skriv dem ned – de bliver grundlaget for "
                                    "planen.</p>"),
                            magnets("Placér oplysningerne om Emil",
                                    "<p>Læs oplysningerne fra underretningen om Emil på 9 år. Placér hvert kort på "
                                    "den dimension, det hører til. Med tastaturet: tryk Enter på et kort og "
                                    "derefter Enter på dimensionen.</p>", EMIL_FACTS),
                            _day1_quiz(),
                        ],
                    },
                    {
                        "title": "Ressourcer og bekymringer i din egen praksis", "slug": "ressourcer-og-bekymringer",
                        "type": LessonType.FOLLOW_UP, "minutes": 30,
                        "summary": "Følg op på kursusdag 1 med en case og en refleksion over din egen praksis.",
                        "body": [
                            text("<p>På kursusdagen arbejdede I med trekanten på en fælles case. Nu skal du selv "
                                 "prøve. Læs casen om Emil, placér oplysningerne på trekanten og skriv dine svar. "
                                 "Dine svar gemmes, mens du skriver, og du kan ændre dem, indtil du afleverer. "
                                 "Derefter ser du modelbesvarelsen.</p>"),
                            case("Case: Emil på 9 år", EMIL_VIGNETTE, [
                                ("Hvilke ressourcer ser du hos Emil og i hans familie?",
                                 "<p>Emil er dygtig til matematik og har en fast fritidsaktivitet, hvor han trives "
                                 "og har en voksen, han holder af. Mormoren henter ham om torsdagen, og faren har "
                                 "fast samvær. Moren har selv fortalt skolen om økonomien – det tyder på, at hun er "
                                 "åben for samarbejde.</p>"),
                                ("Hvad er bekymringen – og hvilke dimensioner peger den mod?",
                                 "<p>Bekymringen er, at Emils basale behov for mad og søvn ikke dækkes stabilt "
                                 "(Trygt omsorgsmiljø, Sundhedsforhold), og at det påvirker hans skolegang "
                                 "(Dagtilbud, skole og læring). Baggrunden kan være morens ledighed og stramme "
                                 "økonomi (Bolig, beskæftigelse og økonomi).</p>"),
                                ("Hvad mangler du viden om, før du kan vurdere Emils behov?",
                                 "<p>Emils egen oplevelse; morens syn på situationen; hvordan lillesøsteren har "
                                 "det; farens og mormorens mulighed for at støtte; og om der er helbredsmæssige "
                                 "forklaringer på trætheden.</p>"),
                            ], facts=EMIL_FACTS[:4]),
                            callout("reflection", "Til eftertanke",
                                    "<p>Tænk på den seneste underretning, du har behandlet. Hvilke ressourcer stod "
                                    "der i sagen? Hvilke kunne have stået der?</p>"),
                        ],
                    },
                ],
            },
            {
                "title": "Kursusdag 2: Fra underretning til børnefaglig undersøgelse", "slug": "kursusdag-2",
                "course_day": 2,
                "introduction": "<p>Den anden dag følger sagen fra underretningen gennem screening og afdækning "
                                "til den børnefaglige undersøgelse – med tragtmodellen som analyseredskab.</p>",
                "lessons": [
                    {
                        "title": "Sagsforløbet fra underretning til plan", "slug": "sagsforloebet",
                        "type": LessonType.PREPARATION, "minutes": 20,
                        "summary": "Overblik over trinene i sagen og lovgrundlaget i Barnets lov.",
                        "body": [
                            text("<p>En sag begynder ofte med en <strong>underretning</strong> (Barnets lov "
                                 "§§ 132–137). Inden for 24 timer vurderer du, om barnet har brug for akut hjælp. "
                                 "Derefter følger <strong>screening og afdækning</strong> (§§ 18–19): Hvad ved vi, "
                                 "og er der grund til at undersøge barnets forhold nærmere?</p>"
                                 "<p>Er der det, gennemføres en <strong>børnefaglig undersøgelse</strong> "
                                 "(§§ 20–23, tidligere servicelovens § 50). Undersøgelsen tilrettelægges i en "
                                 "<strong>undersøgelsesplan</strong> og bruger ICS-trekantens dimensioner som "
                                 "struktur. Den munder ud i en vurdering og eventuelt en afgørelse om støtte, der "
                                 "beskrives i <strong>barnets plan</strong> eller ungeplanen (§§ 91 og 108) med "
                                 "SMART-mål og aftalt opfølgning.</p>"),
                            callout("important", "Undersøgelsen skal være proportional",
                                    "<p>Den børnefaglige undersøgelse må ikke være mere omfattende, end formålet "
                                    "tilsiger. Tragtmodellen er dit redskab til at holde fokus.</p>"),
                            document(media, "Spørgeguide til tragtmodellen",
                                     "To sider med fasernes spørgsmål – til morgenmødet eller sagsbehandlingen."),
                        ],
                    },
                    {
                        "title": "Tragtmodellen", "slug": "tragtmodellen", "type": LessonType.PREPARATION, "minutes": 25,
                        "summary": "Gå tragtmodellens tre faser igennem på underretningen om Sara.",
                        "body": [
                            text("<p>Tragtmodellen er et analyseredskab, der holder den børnefaglige undersøgelse "
                                 "fokuseret. Den har tre faser: bekymring, hypotesedannelse og tragtning. Siden "
                                 "2019 vejer modellen ressourcer lige så tungt som problemer. Gå faserne igennem "
                                 "én ad gangen på underretningen om Sara.</p>"),
                            funnel("Tragtmodellen på underretningen om Sara", SARA_NOTIFICATION, {
                                "bekymring": "<p>Sundhedsplejen er bekymret for Saras skolefravær og trivsel. "
                                             "Sara siger selv, at hun er træt og har mistet kontakt til veninder. "
                                             "Faren er også bekymret – han har selv kontaktet skolen.</p>",
                                "hypoteser": "<p>Sara har påtaget sig et omsorgsansvar, som er for stort for "
                                             "hendes alder, fordi farens arbejdstider gør hverdagen svær. Mulig "
                                             "modhypotese: Fraværet skyldes mistrivsel i klassen. Ressourcer: "
                                             "Faren søger selv hjælp, og Sara kan sætte ord på sin situation.</p>",
                                "tragtning": "<p>Undersøg især Trygt omsorgsmiljø, Dagtilbud, skole og læring, "
                                             "Fritidsforhold og venskaber og Bolig, beskæftigelse og økonomi. "
                                             "Tal med Sara alene, med faren, og bed skolen om en "
                                             "statusudtalelse.</p>",
                            }),
                        ],
                    },
                    {
                        "title": "Case: Underretningen om Sara", "slug": "case-sara", "type": LessonType.FOLLOW_UP,
                        "minutes": 30,
                        "summary": "Skriv din egen tragtning af Saras sag og sammenlign med modelbesvarelsen.",
                        "body": [
                            case("Case: Sara på 14 år", SARA_NOTIFICATION, [
                                ("Formulér bekymringen i én sætning.",
                                 "<p>Vi er bekymrede for, at Sara har fået et omsorgsansvar for sin lillebror, "
                                 "der går ud over hendes skolegang, søvn og venskaber.</p>"),
                                ("Opstil mindst to hypoteser – og én ressource, der taler imod bekymringen.",
                                 "<p>1) Farens natarbejde efterlader et omsorgshul, som Sara udfylder. 2) Sara "
                                 "mistrives i skolen og bruger lillebroren som grund til at blive hjemme. "
                                 "Ressource: Faren har selv rakt ud til skolen og ønsker en løsning.</p>"),
                                ("Hvilke dimensioner vil du undersøge, og hvordan inddrager du Sara?",
                                 "<p>Trygt omsorgsmiljø; Dagtilbud, skole og læring; Fritidsforhold og venskaber; "
                                 "Bolig, beskæftigelse og økonomi. Samtale med Sara alene på skolen, fælles samtale "
                                 "med faren og statusudtalelse fra skolen.</p>"),
                            ]),
                            _day2_quiz(),
                        ],
                    },
                ],
            },
            {
                "title": "Kursusdag 3: Plan, mål og samarbejde", "slug": "kursusdag-3", "course_day": 3,
                "introduction": "<p>Den tredje dag handler om at omsætte undersøgelsen til barnets plan med "
                                "SMART-mål, om samarbejdet med skole, dagtilbud og sundhedspleje, og om at tage "
                                "metoden med hjem i egne sager.</p>",
                "lessons": [
                    {
                        "title": "Statusudtalelser og samarbejdspartnere", "slug": "statusudtalelser",
                        "type": LessonType.PREPARATION, "minutes": 15,
                        "summary": "Sådan får du brugbar viden fra skole, dagtilbud og sundhedspleje.",
                        "body": [
                            text("<p>En <strong>statusudtalelse</strong> er en skriftlig beskrivelse fra en "
                                 "fagperson, der kender barnet – typisk skolen, dagtilbuddet eller "
                                 "sundhedsplejersken. I ICS er statusudtalelserne bygget op over trekantens "
                                 "dimensioner, så oplysningerne kan bruges direkte i undersøgelsen.</p>"
                                 "<h3>Stil præcise spørgsmål</h3><p>Jo mere præcist du spørger, jo mere brugbart "
                                 "et svar får du. Fortæl samarbejdspartneren, hvad bekymringen er, og hvilke "
                                 "dimensioner du særligt vil have belyst – og bed om ressourcer såvel som "
                                 "vanskeligheder.</p>"),
                            callout("tip", "Forbered familien",
                                    "<p>Fortæl forældrene, hvem du beder om statusudtalelser, og hvorfor. Det "
                                    "skaber tillid og færre overraskelser.</p>"),
                        ],
                    },
                    {
                        "title": "SMART-mål i barnets plan", "slug": "smart-maal", "type": LessonType.PREPARATION,
                        "minutes": 20,
                        "summary": "Fra vurdering til mål, der kan følges op.",
                        "body": [
                            text("<p>Barnets plan beskriver formålet med støtten og de konkrete mål. Målene skal "
                                 "være <strong>SMART</strong>: specifikke, målbare, acceptable, realistiske og "
                                 "tidsbestemte. Et godt mål tager udgangspunkt i barnets behov, som de er "
                                 "beskrevet på trekantens dimensioner, og i de ressourcer, der kan bygges "
                                 "videre på.</p>"),
                            quote("Et mål, ingen kan se, om er nået, er et ønske – ikke et mål.",
                                  "Underviser på grundkurset"),
                        ],
                    },
                    {
                        "title": "Fra kursus til hverdag", "slug": "fra-kursus-til-hverdag", "type": LessonType.FOLLOW_UP,
                        "minutes": 30,
                        "summary": "Skriv SMART-mål for Emil og afslut grundkurset med quizzen.",
                        "body": [
                            case("Case: SMART-mål for Emil", EMIL_VIGNETTE, [
                                ("Skriv ét SMART-mål for Emils skolegang.",
                                 "<p>Emil har madpakke med og er vågen i timerne mindst fire af fem skoledage "
                                 "inden 1. december. Klasselæreren og moren følger op hver fredag.</p>"),
                                ("Hvordan kan netværket bruges i planen?",
                                 "<p>Mormoren kan hente Emil flere dage om ugen og spise aftensmad med ham; "
                                 "faren kan inddrages i en aftale om madpakker på samværsdagene.</p>"),
                            ]),
                            _day3_quiz(),
                        ],
                    },
                ],
            },
        ],
    }


def superbrugerkursus(media):
    return {
        "title": "ICS-superbrugerkursus", "slug": "ics-superbrugerkursus", "kind": CourseKind.SUPERUSER,
        "course_days": 5, "required_by_licence": False,
        "audience": "Udpegede ICS-superbrugere: erfarne sagsbehandlere og ledere",
        "summary": "Tre moduler for superbrugere: forandring, analyse og handleplaner, undervisning og sparring.",
        "introduction": (
            "<p>Som superbruger er du metodens fyrtårn i hverdagen: Du guider kolleger, underviser, holder "
            "kviksparring og er med til at forankre ICS i organisationen. Kurset er bygget op om tre moduler "
            "over fem dage.</p>"
        ),
        "objectives": [
            "Lede forandringsprocesser med backcasting og en spilleplan",
            "Bruge tragtmodellen til socialfaglig analyse og vurdering med kolleger",
            "Undervise kolleger og give sparring ud fra deres egne sager",
            "Facilitere en sagsgennemgang med ICS-magneterne",
        ],
        "modules": [
            {
                "title": "Modul 1: Forandringsprocesser og backcasting", "slug": "modul-1",
                "introduction": "<p>Forandring i organisationen, faglig kvalitet, teamsamarbejde, backcasting og "
                                "en spilleplan for implementeringen.</p>",
                "lessons": [
                    {
                        "title": "Superbrugerens rolle i implementeringen", "slug": "superbrugerens-rolle",
                        "type": LessonType.PREPARATION, "minutes": 20,
                        "summary": "De fire faser og de syv sigtepunkter – og hvor du gør en forskel.",
                        "body": [
                            text("<p>Implementeringen af ICS sker i fire faser: <strong>Beslutningsprocessen"
                                 "</strong>, <strong>Klar, parat – start!</strong>, <strong>I gang</strong> og "
                                 "<strong>Forankring</strong>. Undervejs peger syv sigtepunkter på det, der "
                                 "virker: ledelsen går forrest; en plan giver retning; superbrugere guider "
                                 "kolleger; medarbejderne er klædt på; ting tager tid; ICS bliver daglig praksis; "
                                 "samarbejdspartnere inddrages.</p>"
                                 "<p>Superbrugeren har en særlig rolle i de to sidste faser: at gøre metoden til "
                                 "en vane i teamet, og at holde den levende, når nye kolleger kommer til.</p>"),
                            callout("reflection", "Hvor står I?",
                                    "<p>Hvilken fase er jeres afdeling i? Hvilket sigtepunkt er stærkest – og "
                                    "hvilket halter?</p>"),
                        ],
                    },
                    {
                        "title": "Backcasting og spilleplan", "slug": "backcasting", "type": LessonType.E_LEARNING,
                        "minutes": 30,
                        "summary": "Tænk baglæns fra det ønskede resultat og skriv en spilleplan.",
                        "body": [
                            text("<p>Backcasting betyder at tage udgangspunkt i et ønsket fremtidsbillede og "
                                 "arbejde baglæns: Hvad skal være sket om et år, et halvt år og om en måned, for "
                                 "at vi når dertil? Resultatet er en <strong>spilleplan</strong> med få, konkrete "
                                 "skridt og en klar ansvarsfordeling.</p>"),
                            case("Case: Spilleplan for Familieafdelingen Vest", (
                                "<p>Familieafdelingen Vest (opdigtet) har brugt ICS i to år. Trekanten bruges i "
                                "undersøgelserne, men tragtmodellen er gået i glemmebogen, og tre nye kolleger er "
                                "ikke kommet på grundkursus endnu. Lederen beder dig som superbruger om et oplæg "
                                "til en spilleplan.</p>"), [
                                ("Beskriv fremtidsbilledet om et år i tre sætninger.",
                                 "<p>Alle sagsbehandlere har gennemført grundkurset. Tragtmodellen bruges på hvert "
                                 "morgenmøde om nye underretninger. Teamet holder kviksparring hver uge.</p>"),
                                ("Skriv tre skridt baglæns fra fremtidsbilledet, med tidspunkt og ansvarlig.",
                                 "<p>Om 1 måned: de tre nye kolleger er tilmeldt grundkurset (leder). Om 3 "
                                 "måneder: tragtmodellen er fast punkt på morgenmødet (superbruger). Om 6 måneder: "
                                 "temadag om ressourcer i undersøgelsen (superbrugere).</p>"),
                            ]),
                        ],
                    },
                ],
            },
            {
                "title": "Modul 2: Tragtmodellen, analyse og handleplaner", "slug": "modul-2",
                "introduction": "<p>Socialfaglig analyse og vurdering med tragtmodellen, og koblingen til barnets "
                                "plan.</p>",
                "lessons": [
                    {
                        "title": "Tragtmodellen på morgenmødet", "slug": "tragt-paa-morgenmoedet", "type": LessonType.E_LEARNING,
                        "minutes": 20,
                        "summary": "Led en kort tragtning af en ny underretning sammen med teamet.",
                        "body": [
                            text("<p>Mange superbrugere bruger tragtmodellen på morgenmødet, når nye "
                                 "underretninger gennemgås. Ti minutter pr. sag er nok, hvis du styrer faserne "
                                 "stramt og skriver konklusionen ned.</p>"),
                            funnel("Morgenmødet: underretningen om Sara", SARA_NOTIFICATION, {
                                "bekymring": "<p>Lad én kollega læse underretningen højt. Spørg: Hvad er vi "
                                             "egentlig bekymrede for? Skriv én sætning på tavlen.</p>",
                                "hypoteser": "<p>Runde: Hver deltager giver én mulig forklaring. Bed udtrykkeligt "
                                             "om mindst én ressource.</p>",
                                "tragtning": "<p>Afslut med en beslutning: hvilke dimensioner, hvilke kilder, og "
                                             "hvem gør hvad inden næste møde.</p>",
                            }),
                            document(media, "Spørgeguide til tragtmodellen", "Print den og læg den på mødebordet."),
                        ],
                    },
                    {
                        "title": "Fra analyse til barnets plan", "slug": "analyse-til-plan", "type": LessonType.E_LEARNING,
                        "minutes": 20,
                        "summary": "Sammenhængen mellem vurdering, mål og opfølgning.",
                        "body": [
                            text("<p>En god analyse peger direkte på målene i barnets plan. Hvis analysen siger, "
                                 "at barnets behov for stabil omsorg ikke er dækket, skal planen have et mål på "
                                 "dimensionen Trygt omsorgsmiljø – og en indsats, der bygger på familiens "
                                 "ressourcer.</p>"),
                            quiz("Quiz: Analyse og plan", "", [
                                ("Hvad skal et mål i barnets plan bygge på?", True, [
                                    ("Den socialfaglige vurdering af barnets behov", True, "Ja."),
                                    ("Familiens ressourcer", True, "Ja – de gør målet realistisk."),
                                    ("Hvilke tilbud kommunen har ledige pladser i", False,
                                     "Tilbuddet vælges efter behovet – ikke omvendt."),
                                ], ""),
                                ("Hvem skal kunne forstå målene?", False, [
                                    ("Barnet og forældrene", True, "Rigtigt – målene skal være acceptable for dem."),
                                    ("Kun sagsbehandleren", False, "Nej – målene er et fælles arbejdsredskab."),
                                ], ""),
                            ]),
                        ],
                    },
                ],
            },
            {
                "title": "Modul 3: Undervise, sparre og bruge magneterne", "slug": "modul-3",
                "introduction": "<p>At undervise kolleger, give sparring ud fra deres egne sager og bruge "
                                "ICS-magneterne i sagsgennemgange.</p>",
                "lessons": [
                    {
                        "title": "Kviksparring med magneterne", "slug": "kviksparring-magneter", "type": LessonType.E_LEARNING,
                        "minutes": 25,
                        "summary": "Sådan faciliterer du en sagsgennemgang med magnettavlen.",
                        "body": [
                            text("<p>ICS-magneterne er trekantens sider og dimensioner som fysiske brikker på en "
                                 "tavle. Teamet placerer sagens oplysninger sammen – det strukturerer "
                                 "sagsgennemgangen og viser, hvor der mangler viden. Prøv selv, før du "
                                 "faciliterer.</p>"),
                            magnets("Sagsgennemgang: Sara", "<p>Placér oplysningerne fra Saras sag.</p>", [
                                ("Sara passer sin lillebror flere formiddage om ugen.", "trygt-omsorgsmiljoe",
                                 "Omsorgsopgaven burde ligge hos en voksen."),
                                ("Sara har mistet kontakten til sine veninder.", "fritid-og-venskaber", ""),
                                ("Faren arbejder om natten.", "bolig-beskaeftigelse-oekonomi", ""),
                                ("Sara har et højt fravær i 8. klasse.", "dagtilbud-skole-laering", ""),
                                ("Sara siger, at hun altid er træt.", "sundhedsforhold",
                                 "Træthed kan også handle om omsorgsmiljøet – drøft det i teamet."),
                            ]),
                            callout("tip", "Facilitatorens tre regler",
                                    "<p>Én oplysning pr. magnet. Ressourcer og bekymringer får hver sin farve. "
                                    "Tomme dimensioner er et fund – ikke en fejl.</p>"),
                            quiz("Quiz: Magneter og sparring", "", [
                                ("Hvad viser en tom dimension på magnettavlen?", False, [
                                    ("At der mangler viden, som måske skal indhentes", True, "Rigtigt."),
                                    ("At alt er i orden på den dimension", False, "Ikke nødvendigvis."),
                                ], ""),
                                ("Hvad kendetegner kviksparring?", False, [
                                    ("Kort, fokuseret sparring på en konkret sag", True, "Rigtigt."),
                                    ("En fast månedlig supervision med ekstern konsulent", False, "Nej."),
                                ], ""),
                            ]),
                        ],
                    },
                ],
            },
        ],
    }


def brush_up(media):
    return {
        "title": "ICS brush-up", "slug": "ics-brush-up", "kind": CourseKind.BRUSH_UP, "course_days": 0,
        "required_by_licence": False,
        "audience": "Sagsbehandlere, hvis grundkursus ligger nogle år tilbage",
        "summary": "Genopfrisk trekanten, tragtmodellen og det nye i Barnets lov på en time.",
        "introduction": (
            "<p>Har du taget grundkurset for nogle år siden? Denne brush-up opdaterer dig på det vigtigste: "
            "den forenklede trekant fra 2019, tragtmodellen med vægt på ressourcer og de nye paragraffer i "
            "Barnets lov.</p>"
        ),
        "objectives": [
            "Kende de ti dimensioner i 2019-udgaven af trekanten",
            "Bruge tragtmodellen med ressourcer som en fast del af hypoteserne",
            "Finde de relevante paragraffer i Barnets lov",
        ],
        "modules": [{
            "title": "Genopfrisk metoden", "slug": "genopfrisk",
            "introduction": "<p>Tre korte lektioner, som du kan tage i din egen rækkefølge.</p>",
            "lessons": [
                {
                    "title": "Trekanten i 2019-udgaven", "slug": "trekanten-2019", "type": LessonType.E_LEARNING, "minutes": 15,
                    "summary": "Ti dimensioner i stedet for de tidligere flere – hvad er ændret?",
                    "body": [
                        text("<p>I 2019 blev trekanten forenklet til ti dimensioner. Flere tidligere dimensioner "
                             "er lagt sammen, så det er lettere at placere oplysninger, og ressourcer har fået "
                             "en tydeligere plads.</p>"),
                        triangle("Trekanten i dag", "", TRIANGLE_TEXTS, highlighted={"socialt-netvaerk"}),
                        magnets("Hurtig genopfriskning", "<p>Placér de tre kort.</p>", EMIL_FACTS[2:5]),
                    ],
                },
                {
                    "title": "Tragtmodellen med ressourcer", "slug": "tragt-med-ressourcer", "type": LessonType.E_LEARNING,
                    "minutes": 15,
                    "summary": "Hypoteser skal også rumme det, der taler imod bekymringen.",
                    "body": [
                        funnel("Tragtmodellen", "", {
                            "hypoteser": "<p>Nyt siden 2019: Skriv mindst én ressource, der taler imod "
                                         "bekymringen.</p>",
                        }),
                        quiz("Quiz: Tragtmodellen", "", [
                            ("Hvad er nyt i tragtmodellen siden 2019?", False, [
                                ("Ressourcer vejes lige så tungt som problemer", True, "Rigtigt."),
                                ("Der er kommet en fjerde fase", False, "Nej, der er stadig tre faser."),
                            ], ""),
                        ], pass_mark=100),
                    ],
                },
                {
                    "title": "Nyt siden sidst: Barnets lov", "slug": "barnets-lov", "type": LessonType.E_LEARNING, "minutes": 15,
                    "required": False,
                    "summary": "De vigtigste paragraffer og hvor de fandtes før.",
                    "body": [
                        text("<p>Barnets lov trådte i kraft 1. januar 2024 og samler reglerne om børn og unge, "
                             "der tidligere stod i serviceloven. Den børnefaglige undersøgelse findes nu i "
                             "§§ 20–23 (tidligere SEL § 50), underretningspligten i §§ 132–137, og barnets plan "
                             "og ungeplanen i §§ 91 og 108.</p>"),
                        callout("remember", "Barnets perspektiv",
                                "<p>Barnets lov styrker barnets ret til at blive hørt. Samtalen med barnet er "
                                "ikke kun en pligt – den er den vigtigste kilde til viden om barnets behov.</p>"),
                    ],
                },
            ],
        }],
    }


def courses(media):
    return [grundkursus(media), superbrugerkursus(media), brush_up(media)]


def local_theme_day(media):
    """Skanderborg's own material: a theme day written by its superusers, approved by its leader."""
    return {
        "title": "Temadag: Barnets stemme i undersøgelsen", "slug": "temadag-barnets-stemme", "kind": CourseKind.THEME,
        "course_days": 1, "required_by_licence": False,
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
                            "<p>Citér barnet direkte, når du kan: ”Jeg kan godt lide at være hos mormor, for der "
                            "er stille.” Det siger mere end ”barnet trives hos bedsteforældrene”.</p>"),
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
