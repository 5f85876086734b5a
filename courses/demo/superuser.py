"""ICS-superbrugerkursus: three modules over five course days (module 1: days 1–2, module 2: days 3–4,
module 3: day 5), ending in a self-assessment on the implementation phases and aiming points.
Children: Sara (modules 2 and 3), Aya (module 2, twice) and Malik (module 3)."""

from ..models import CourseKind, LessonType
from . import cases
from .common import callout, case, document, funnel, lesson, magnets, quiz, text

P, E, F = LessonType.PREPARATION, LessonType.E_LEARNING, LessonType.FOLLOW_UP

PHASES_TEXT = (
    "<p>Implementeringen af ICS sker i fire faser:</p><ol>"
    "<li><strong>Beslutningsprocessen:</strong> Ledelsen beslutter at indføre ICS, afklarer, hvad det kræver, og "
    "udpeger ICS-superbrugerne. Superbrugerne lærer metoden først, så de er klar, når kollegerne starter.</li>"
    "<li><strong>Klar, parat – start!:</strong> Alle sagsbehandlere tager det tredages grundkursus, og "
    "organisationen gør sig klar: skabeloner, møder og en plan for de første sager.</li>"
    "<li><strong>I gang:</strong> ICS bruges i sagerne, og ICS-teammøder, kviksparring og superbrugernes "
    "vejledning støtter kollegerne i den daglige brug.</li>"
    "<li><strong>Forankring:</strong> videreuddannelse, temadage, dialog med samarbejdspartnerne og opfølgning "
    "på de gevinster, man ville opnå med ICS, så metoden holdes ved lige – også når nye kolleger kommer "
    "til.</li></ol>"
)

AIMING_POINTS_TEXT = (
    "<p>Undervejs peger de syv sigtepunkter på det, der virker:</p><ol>"
    "<li>Ledelsen går foran</li><li>En plan giver retning</li><li>ICS-superbrugerne guider kollegerne</li>"
    "<li>Medarbejdere bliver klædt på</li><li>Ting tager tid</li><li>ICS bliver en del af den daglige "
    "praksis</li><li>Samarbejdspartnere bliver inddraget</li></ol>"
)

REFLECTION_MODEL = (
    "<p>Brug fire spørgsmål, når teamet har lagt magneterne – et enkelt eksempel på en refleksionsmodel:</p><ol>"
    "<li><strong>Hvad ser vi?</strong> Hvor ligger magneterne tæt, og hvor er der tomt?</li>"
    "<li><strong>Hvad betyder det?</strong> Hvilke sammenhænge er der mellem dimensionerne, og hvordan vejer "
    "ressourcerne mod bekymringerne?</li>"
    "<li><strong>Hvad mangler vi at vide?</strong> Hvilke tomme dimensioner er vigtige for netop denne sag?</li>"
    "<li><strong>Hvad gør vi nu?</strong> Én konkret næste handling, hvem og hvornår.</li></ol>"
)


def _self_assessment():
    return quiz("Selvevaluering: faser og sigtepunkter", (
        "<p>Afslut kurset med at teste din viden om implementeringen. Bagefter skal du selv vurdere, hvor din "
        "afdeling står.</p>"), [
        ("I hvilken fase udpeges ICS-superbrugerne?", False, [
            ("Fase 1, Beslutningsprocessen", True,
             "Rigtigt. Superbrugerne udpeges tidligt og lærer metoden først, så de kan støtte kollegerne."),
            ("Fase 3, I gang", False, "Så er det for sent – superbrugerne skal kunne guide fra starten."),
            ("Fase 4, Forankring", False, "Nej, men superbrugerne er vigtige for forankringen."),
        ], ""),
        ("Hvad hører til fase 4, Forankring?", True, [
            ("Videreuddannelse og temadage", True, "Ja."),
            ("Dialog med samarbejdspartnerne", True, "Ja."),
            ("Opfølgning på de gevinster, man ville opnå", True, "Ja."),
            ("At alle sagsbehandlere tager grundkurset for første gang", False,
             "Det sker i fase 2, Klar, parat – start!"),
        ], "At ICS bliver en del af den daglige praksis, er sigtepunkt 6 – målet for hele forløbet."),
        ("Hvad forpligter licensaftalen kommunen til?", False, [
            ("At sende alle sagsbehandlere på det tredages grundkursus", True, "Rigtigt."),
            ("At alle ledere tager superbrugerkurset", False, "Nej."),
            ("At bruge magneterne på alle teammøder", False, "Nej – magneterne er et redskab, ikke et krav."),
        ], ""),
        ("Hvilket sigtepunkt handler om, at du som superbruger støtter dine kolleger?", False, [
            ("ICS-superbrugerne guider kollegerne", True, "Rigtigt – sigtepunkt 3."),
            ("Ledelsen går foran", False, "Det handler om ledelsens rolle."),
            ("Ting tager tid", False, "Det handler om tålmodighed i implementeringen."),
        ], ""),
    ], pass_mark=75)


def superbrugerkursus(media):
    return {
        "title": "ICS-superbrugerkursus", "slug": "ics-superbrugerkursus", "kind": CourseKind.SUPERUSER,
        "course_days": 5, "course_hours": 37, "required_by_licence": False,
        "audience": "Udpegede ICS-superbrugere: erfarne sagsbehandlere og ledere",
        "summary": "Tre moduler over fem kursusdage: forandring, analyse og barnets plan, undervisning og sparring.",
        "introduction": (
            "<p>Som superbruger er du metodens fyrtårn i hverdagen: Du guider kolleger, underviser, holder "
            "kviksparring og er med til at forankre ICS i organisationen. Kurset består af tre moduler over fem "
            "kursusdage: modul 1 på dag 1 og 2, modul 2 på dag 3 og 4 og modul 3 på dag 5. Mellem modulerne "
            "afprøver du stoffet i din egen afdeling.</p>"
        ),
        "objectives": [
            "Lede forandringsprocesser med backcasting og en spilleplan",
            "Arbejde med faglig kvalitet og teamsamarbejde om ICS",
            "Bruge tragtmodellen til socialfaglig analyse og vurdering med kolleger og koble den til barnets plan",
            "Undervise kolleger og give sparring ud fra deres egne sager",
            "Facilitere en sagsgennemgang med ICS-magneterne og en refleksionsmodel",
        ],
        "modules": [_module1(), _module2(media), _module3()],
    }


def _module1():
    return {
        "title": "Modul 1 (kursusdag 1–2): Forandringsprocesser og backcasting", "slug": "modul-1", "course_day": 1,
        "introduction": "<p>Kursusdag 1 og 2: forandring i organisationen, faglig kvalitet, teamsamarbejde, "
                        "backcasting og en spilleplan for implementeringen.</p>",
        "lessons": [
            lesson("Superbrugerens rolle i implementeringen", "superbrugerens-rolle", P, 20,
                   "De fire faser og de syv sigtepunkter – og hvor du gør en forskel.", [
                text(PHASES_TEXT + AIMING_POINTS_TEXT
                     + "<p>Superbrugeren er med fra første fase: udpeget af ledelsen, først til at lære metoden og "
                       "derefter den, der guider kollegerne, når de starter. I de sidste faser er din opgave at "
                       "gøre metoden til en vane i teamet og at holde den levende.</p>"),
                callout("reflection", "Hvor står I?",
                        "<p>Hvilken fase er jeres afdeling i? Hvilket sigtepunkt er stærkest – og hvilket "
                        "halter?</p>"),
            ]),
            lesson("Forandringsprocesser, faglig kvalitet og teamsamarbejde", "forandring-og-kvalitet", P, 20,
                   "Hvorfor forandring tager tid, og hvordan teamet holder fast i kvaliteten.", [
                text("<p>En ny metode ændrer vaner, og vaner ændres langsomt. Mange kolleger vil gerne, men "
                     "travlhed trækker tilbage mod det kendte. Som superbruger kan du gøre det lettere at gøre "
                     "det nye: skabeloner, der følger trekanten, faste punkter på møderne og små succeser, der "
                     "bliver fortalt videre.</p>"
                     "<h3>Faglig kvalitet</h3><p>Kvalitet i ICS betyder, at barnets behov er i centrum, at "
                     "undersøgelsen er fokuseret, at ressourcer og bekymringer begge står i sagen, og at målene "
                     "kan følges op. Aftal i teamet, hvordan I ser på hinandens sager – fx ved at læse en "
                     "undersøgelse sammen hver måned.</p>"
                     "<h3>Teamsamarbejde</h3><p>Et team, der taler om sagerne med metodens begreber, lærer hurtigere "
                     "end den enkelte. Kviksparring og ICS-teammøder er de vigtigste rum.</p>"),
                callout("tip", "Ledelsen går foran",
                        "<p>Aftal med din leder, hvad I hver især gør. Superbrugeren kan vise vejen fagligt, men "
                        "prioriteringen af tid og møder er ledelsens.</p>"),
            ]),
            lesson("Backcasting og spilleplan", "backcasting", E, 30,
                   "Tænk baglæns fra det ønskede resultat og skriv en spilleplan.", [
                text("<p>Backcasting betyder at tage udgangspunkt i et ønsket fremtidsbillede og arbejde baglæns: "
                     "Hvad skal være sket om et år, et halvt år og om en måned, for at vi når dertil? Resultatet er "
                     "en <strong>spilleplan</strong> med få, konkrete skridt og en klar ansvarsfordeling.</p>"),
                case("Case: Spilleplan for Familieafdelingen Vest", (
                    "<p>Familieafdelingen Vest har brugt ICS i to år. Trekanten bruges i undersøgelserne, men "
                    "tragtmodellen er gået i glemmebogen, og tre nye kolleger er ikke kommet på grundkursus endnu. "
                    "Lederen beder dig som superbruger om et oplæg til en spilleplan.</p>"
                    "<p><em>Afdelingen er opdigtet til undervisningen.</em></p>"), [
                    ("Beskriv fremtidsbilledet om et år i tre sætninger.",
                     "<p>Alle sagsbehandlere har gennemført grundkurset. Tragtmodellen bruges på hvert morgenmøde "
                     "om nye underretninger. Teamet holder kviksparring hver uge.</p>"),
                    ("Skriv tre skridt baglæns fra fremtidsbilledet, med tidspunkt og ansvarlig.",
                     "<p>Om 1 måned: de tre nye kolleger er tilmeldt grundkurset (leder). Om 3 måneder: "
                     "tragtmodellen er fast punkt på morgenmødet (superbruger). Om 6 måneder: temadag om "
                     "ressourcer i undersøgelsen (superbrugere).</p>"),
                    ("Hvordan følger I op på, om spilleplanen virker?",
                     "<p>Lederen og superbrugerne ser på planen hvert kvartal: Er skridtene taget? Læs tre "
                     "undersøgelser: Er tragten brugt, og står ressourcerne i sagen? Justér planen.</p>"),
                ]),
            ]),
        ],
    }


def _module2(media):
    return {
        "title": "Modul 2 (kursusdag 3–4): Tragtmodellen, analyse og barnets plan", "slug": "modul-2",
        "course_day": 3,
        "introduction": "<p>Kursusdag 3 og 4: socialfaglig analyse og vurdering med tragtmodellen, og koblingen "
                        "til barnets plan.</p>",
        "lessons": [
            lesson("Tragtmodellen på morgenmødet", "tragt-paa-morgenmoedet", E, 20,
                   "Led en kort tragtning af en ny underretning sammen med teamet.", [
                text("<p>Mange superbrugere bruger tragtmodellen på morgenmødet, når nye underretninger "
                     "gennemgås. Ti minutter pr. sag er nok, hvis du styrer faserne stramt og skriver konklusionen "
                     "ned.</p>"),
                funnel("Morgenmødet: underretningen om Sara", cases.SARA_NOTIFICATION, {
                    "bekymring": "<p>Lad én kollega læse underretningen højt. Spørg: Hvad er vi egentlig "
                                 "bekymrede for? Skriv én sætning på tavlen.</p>",
                    "hypoteser": "<p>Runde: Hver deltager giver én mulig forklaring. Bed udtrykkeligt om mindst "
                                 "én ressource, der taler imod bekymringen.</p>",
                    "tragtning": "<p>Afslut med en beslutning: hvilke dimensioner, hvilke kilder, hvilke "
                                 "dimensioner I lader ligge, og hvem gør hvad inden næste møde.</p>",
                }),
                document(media, "Spørgeguide til tragtmodellen", "Print den og læg den på mødebordet."),
            ]),
            lesson("Analyse og vurdering i teamet", "analyse-og-vurdering-i-teamet", E, 30,
                   "Fra hypoteser til en socialfaglig vurdering – og hvordan du hjælper kolleger med den.", [
                text("<p>Mange kolleger er gode til at samle oplysninger, men vurderingen bliver kort eller "
                     "gentager blot oplysningerne. Som superbruger kan du hjælpe med tre spørgsmål: Hvilke "
                     "hypoteser fra tragten er bekræftet, og hvilke er afkræftet? Hvordan vejer ressourcerne mod "
                     "bekymringerne? Hvad betyder det for barnets behov?</p>"),
                cases.AYA_CASE,
            ]),
            lesson("Fra analyse til barnets plan", "analyse-til-plan", E, 20,
                   "Sammenhængen mellem vurdering, mål, indsats og opfølgning.", [
                text("<p>En god analyse peger direkte på målene i barnets plan. Hvis vurderingen siger, at Aya har "
                     "brug for at blive skærmet mod forældrenes konflikt, skal planen have et mål på dimensionen "
                     "Understøttelse af relationer – og en indsats, der bygger på familiens ressourcer, fx "
                     "mormoren og børnehaven. For unge fra 15 år hedder planen ungeplan.</p>"),
                quiz("Quiz: Analyse og plan", "", [
                    ("Hvad skal et mål i barnets plan bygge på?", True, [
                        ("Den socialfaglige vurdering af barnets behov", True, "Ja."),
                        ("Familiens ressourcer", True, "Ja – de gør målet realistisk."),
                        ("Hvilke tilbud kommunen har ledige pladser i", False,
                         "Indsatsen vælges efter behovet – ikke omvendt."),
                    ], ""),
                    ("Hvem skal kunne forstå målene?", False, [
                        ("Barnet og forældrene", True, "Rigtigt – målene skal være acceptable for dem."),
                        ("Kun sagsbehandleren", False, "Nej – målene er et fælles arbejdsredskab."),
                    ], ""),
                ]),
            ]),
        ],
    }


def _module3():
    return {
        "title": "Modul 3 (kursusdag 5): Undervise, sparre og bruge magneterne", "slug": "modul-3", "course_day": 5,
        "introduction": "<p>Kursusdag 5: at undervise kolleger, give sparring ud fra deres egne sager og bruge "
                        "ICS-magneterne med en refleksionsmodel i sagsgennemgange. Kurset slutter med en "
                        "selvevaluering.</p>",
        "lessons": [
            lesson("At undervise kolleger", "undervise-kolleger", P, 20,
                   "Korte oplæg, øvelser på rigtige sager og gentagelse – sådan lærer voksne kolleger.", [
                text("<p>Kolleger lærer mest, når undervisningen tager udgangspunkt i deres egne sager. Hold "
                     "oplæggene korte – ti minutter – og lad resten være øvelse: Læg en sag på trekanten, tragt "
                     "en underretning, omskriv et mål, så det bliver SMART.</p>"
                     "<h3>En temadag i tre trin</h3><ol><li>Et kort oplæg om ét redskab.</li><li>Øvelse i små "
                     "grupper på en fiktiv case eller en anonymiseret sag.</li><li>Opsamling: Hvad tager vi med "
                     "hjem, og hvornår følger vi op?</li></ol>"),
                callout("tip", "Gentag",
                        "<p>Et redskab, der bliver brugt én gang på en temadag, bliver glemt. Aftal, hvornår "
                        "teamet bruger det igen – fx på næste teammøde.</p>"),
            ]),
            lesson("Kviksparring med magneterne", "kviksparring-magneter", E, 25,
                   "Sådan faciliterer du en sagsgennemgang med magnettavlen og en refleksionsmodel.", [
                text("<p>ICS-magneterne er trekantens sider og dimensioner som fysiske brikker på en tavle. Teamet "
                     "placerer sagens oplysninger sammen – det strukturerer sagsgennemgangen og viser, hvor der "
                     "mangler viden. Prøv selv, før du faciliterer.</p>"),
                magnets("Sagsgennemgang: Sara", "<p>Placér oplysningerne fra Saras sag, og markér, om hver "
                        "oplysning er en ressource eller en bekymring.</p>", cases.SARA_CARDS),
                callout("tip", "Facilitatorens tre regler",
                        "<p>Én oplysning pr. magnet. Ressourcer og bekymringer får hver sin farve og et tegn "
                        "(+ eller !), så forskellen ses uden farver. Tomme dimensioner er et fund – ikke en "
                        "fejl.</p>"),
                text("<h3>Refleksionsmodellen</h3>" + REFLECTION_MODEL),
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
            ]),
            lesson("Sparring ud fra kollegers egne sager", "sparring-egne-sager", E, 25,
                   "Giv sparring, der hjælper kollegaen videre – med Malik som øvelsessag.", [
                text("<p>Sparring virker, når kollegaen selv finder svaret. Spørg, før du råder: Hvad er du "
                     "bekymret for? Hvad har den unge selv sagt? Hvad har du prøvet? Slut altid med én konkret "
                     "næste handling. Øv dig på casen om Malik, som en kollega har bedt om sparring på.</p>"),
                cases.MALIK_CASE,
            ]),
            lesson("Afslutning: selvevaluering", "selvevaluering", F, 15,
                   "Test din viden om faser og sigtepunkter, og vurdér, hvor din afdeling står.", [
                _self_assessment(),
                callout("reflection", "Din egen vurdering",
                        "<p>Giv jeres afdeling en karakter fra 1 til 5 på hvert af de syv sigtepunkter. Vælg det "
                        "sigtepunkt med lavest karakter, og skriv ét skridt i jeres spilleplan, der kan løfte det. "
                        "Tag vurderingen med til din leder – og gentag den om et halvt år.</p>"),
            ]),
        ],
    }
