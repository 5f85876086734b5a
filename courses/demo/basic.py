"""ICS-grundkursus: three course days with e-learning preparation before and follow-up after each day.
Children: Emil (day 1, twice), Sara (day 2, twice), Line and Kasper's expected child (day 2), Noah (day 3,
twice) and Liva (day 3)."""

from ..models import CourseKind, LessonType
from . import cases
from .common import (
    TRIANGLE_TEXTS,
    callout,
    case,
    document,
    funnel,
    image,
    lesson,
    magnets,
    quiz,
    quote,
    text,
    triangle,
)

P, E, F = LessonType.PREPARATION, LessonType.E_LEARNING, LessonType.FOLLOW_UP


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
            ("Kun problemer, så bekymringen står klart", False,
             "Nej. Ressourcer har altid været en del af ICS: Både ressourcer og problemer skal stå i sagen."),
            ("Både ressourcer og problemer", True, "Rigtigt. Ressourcer er ofte nøglen til en realistisk plan."),
            ("Kun det, forældrene er enige i", False, "Forældrenes syn skal fremgå, men du registrerer alt relevant."),
        ], ""),
        ("Emil spiller fodbold i klubben og er glad for sin træner. Hvor placerer du det?", False, [
            ("Fritidsforhold og venskaber", True, "Rigtigt – og det er en ressource."),
            ("Socialt netværk", False, "Socialt netværk handler om familiens netværk; Emils egen fritid hører til "
                                       "barnets udvikling."),
            ("Stimulering og vejledning", False, "Det handler om forældrenes støtte – ikke om Emils fritidsliv."),
        ], ""),
    ])


def _language_quiz():
    return quiz("Quiz: Beskrivende eller definerende?", "<p>Tre sætninger fra fiktive sager.</p>", [
        ("»Moren er uengageret.« Hvad er problemet med sætningen?", False, [
            ("Den er en tolkning, der ikke siger, hvad nogen har set eller hørt", True,
             "Rigtigt. Skriv i stedet, hvad der skete: »Moren kom ikke til de to aftalte møder i marts.«"),
            ("Den er for kort", False, "Længden er ikke problemet – det er, at den definerer moren."),
        ], ""),
        ("Hvilken sætning er beskrivende?", False, [
            ("»Jonas er en urolig dreng.«", False, "Sætningen sætter et mærkat på barnet."),
            ("»Jonas rejste sig fem gange i løbet af en dansktime, fortæller læreren.«", True,
             "Rigtigt: hvad, hvor ofte og hvem der har set det."),
            ("»Jonas har ADHD-lignende adfærd.«", False, "En diagnoselignende betegnelse uden diagnose er definerende."),
        ], ""),
        ("Hvorfor betyder sproget noget i en sag?", True, [
            ("Barnet og forældrene kan læse sagen – og skal kunne genkende sig selv", True, "Ja."),
            ("Definerende ord følger med barnet fra sag til sag og kan blive en sandhed, ingen har efterprøvet",
             True, "Ja."),
            ("Beskrivende sprog gør sagen længere og bør derfor undgås", False,
             "Nej – præcise beskrivelser er ofte kortere end lange tolkninger."),
        ], ""),
    ])


def _day2_quiz():
    return quiz("Quiz: Kursusdag 2", "<p>Fem spørgsmål om sagsforløbet, inddragelse og tragtmodellen.</p>", [
        ("Hvad er formålet med tragtmodellen?", False, [
            ("At sikre, at undersøgelsen dækker alle ti dimensioner lige grundigt", False,
             "Nej – modellen hjælper netop med at fokusere, så undersøgelsen ikke bliver bredere end nødvendigt."),
            ("At holde den børnefaglige undersøgelse fokuseret og ikke bredere end nødvendigt", True,
             "Rigtigt. Tragten fører fra bekymring over hypoteser til de dimensioner, der skal undersøges."),
            ("At afgøre, hvilken indsats barnet skal have", False,
             "Afgørelsen kommer senere; tragten bruges til at tilrettelægge undersøgelsen."),
        ], ""),
        ("Hvilke faser har tragtmodellen?", True, [
            ("Bekymring", True, "Ja, første fase."),
            ("Hypotesedannelse", True, "Ja, anden fase."),
            ("Tragtning", True, "Ja, tredje fase."),
            ("Evaluering", False, "Evaluering hører til opfølgningen på barnets plan, ikke til tragten."),
        ], "Tre faser: bekymring, hypotesedannelse og tragtning."),
        ("Hvad ændrede sig i tragtmodellen i 2019?", False, [
            ("Modellen vejer nu ressourcer lige så vel som bekymringer", True,
             "Rigtigt. Ressourcer har altid været en del af ICS; med 2019-udgaven fik de en fast plads i tragten."),
            ("Ressourcer kom ind i ICS for første gang", False,
             "Nej – ressourcer har altid været en del af ICS. Det nye var, at tragten også vejer dem."),
            ("Modellen fik en fjerde fase", False, "Nej, der er stadig tre faser."),
        ], ""),
        ("Hvor i Barnets lov findes reglerne om den børnefaglige undersøgelse?", False, [
            ("§§ 20–23", True, "Rigtigt (før 2024 servicelovens § 50)."),
            ("§§ 132–137", False, "Det er reglerne om underretning."),
            ("§ 91", False, "§ 91 handler om barnets plan."),
        ], ""),
        ("Fra hvilken alder udøver et barn selv partsbeføjelser i sin sag efter Barnets lov?", False, [
            ("10 år", True, "Rigtigt (Barnets lov § 3) – fx i sager om støttende indsatser."),
            ("12 år", False, "Nej – Barnets lov satte grænsen til 10 år."),
            ("15 år", False, "15 år er alderen for ungeplanen og for at være bisidder – ikke for partsbeføjelser."),
        ], ""),
    ], pass_mark=80)


def _day3_quiz():
    return quiz("Quiz: Kursusdag 3", "<p>Fem spørgsmål om plan, mål og samarbejde.</p>", [
        ("Hvad står bogstaverne i SMART for?", False, [
            ("Specifikt, målbart, acceptabelt, realistisk, tidsbestemt", True, "Rigtigt."),
            ("Samarbejde, mål, ansvar, resultat, tid", False, "Tæt på – men ikke den definition, ICS bruger."),
            ("Systematisk, metodisk, analytisk, relevant, tværfagligt", False, "Nej."),
        ], ""),
        ("Hvilket mål er bedst formuleret som SMART-mål?", False, [
            ("Noah skal udvikle sig bedre.", False, "Målet er hverken målbart eller tidsbestemt."),
            ("Om tre måneder bruger Noah mindst fem ord, vurderet af pædagogen og sundhedsplejersken.",
             True, "Rigtigt – specifikt, målbart og tidsbestemt, og det kan aftales med forældrene."),
            ("Moren skal tage sig bedre af Noah.", False, "Målet er hverken specifikt eller målbart."),
        ], ""),
        ("Hvorfor beder du om en statusudtalelse fra skolen?", True, [
            ("For at få skolens faglige viden om barnets trivsel og læring", True, "Ja."),
            ("For at kunne placere oplysninger på dimensionen Dagtilbud, skoleforhold og læring", True, "Ja."),
            ("For at skolen kan træffe afgørelse om en indsats", False, "Afgørelsen træffes af kommunen."),
        ], ""),
        ("Hvad hedder planen for en ung på 15–17 år efter Barnets lov?", False, [
            ("Ungeplan", True, "Rigtigt. For børn under 15 hedder den barnets plan."),
            ("Forløbsplan", False, "Nej. For unge fra 15 år hedder planen ungeplan."),
            ("Undersøgelsesplan", False, "Undersøgelsesplanen tilrettelægger undersøgelsen – ikke indsatsen."),
        ], ""),
        ("Hvad hører til opfølgningen på målene i barnets plan?", True, [
            ("At spørge barnet selv, om det oplever en forskel", True, "Ja."),
            ("At justere mål og indsats, hvis målene ikke nås", True, "Ja."),
            ("At lukke sagen, når indsatsen er sat i gang", False, "Nej – opfølgningen skal vise, om indsatsen virker."),
        ], ""),
    ])


def grundkursus(media):
    return {
        "title": "ICS-grundkursus", "slug": "ics-grundkursus", "kind": CourseKind.BASIC, "course_days": 3, "course_hours": 24,
        "required_by_licence": True,
        "audience": "Alle sagsbehandlere på børne- og ungeområdet i en ICS-kommune",
        "summary": "Det obligatoriske tredagesforløb i ICS med e-læring før og efter hver kursusdag.",
        "introduction": (
            "<p>Grundkurset giver dig det teoretiske og praktiske fundament for at arbejde med ICS: barnet i "
            "centrum, barnets udvikling, et udviklingsøkologisk syn på barnet, inddragelse af barn og familie, og "
            "blik for ressourcer såvel som problemer. Kurset består af tre kursusdage. Før hver dag forbereder du "
            "dig her med korte lektioner, og efter hver dag følger du op med øvelser, der knytter stoffet til dine "
            "egne sager.</p>"
            "<p>Licensaftalen forpligter kommunen til at sende alle sagsbehandlere på grundkurset.</p>"
        ),
        "objectives": [
            "Forklare ICS-trekanten og placere oplysninger i en sag på de ti dimensioner",
            "Beskrive både ressourcer og problemer i et barns liv – med beskrivende, ikke definerende sprog",
            "Skelne mellem screening, afdækning og børnefaglig undersøgelse og skrive en undersøgelsesplan",
            "Bruge tragtmodellen til at fokusere en børnefaglig undersøgelse",
            "Inddrage barnet, familien og netværket og samarbejdspartnere gennem statusudtalelser",
            "Formulere SMART-mål i barnets plan eller ungeplanen og følge op på dem",
        ],
        "modules": [_day1(media), _day2(media), _day3(media)],
    }


def _day1(media):
    return {
        "title": "Kursusdag 1: Barnet i centrum og ICS-trekanten", "slug": "kursusdag-1", "course_day": 1,
        "introduction": "<p>Den første dag handler om metodens fundament: barnet i centrum, det "
                        "udviklingsøkologiske perspektiv, ICS-trekanten med dens ti dimensioner og et sprog, der "
                        "beskriver frem for at definere.</p>",
        "lessons": [
            lesson("Hvad er ICS?", "hvad-er-ics", P, 20,
                   "Metodens baggrund, licensen og tankegangen bag: barnet i centrum.", [
                text("<p>ICS – Integrated Children's System – er den metode, de fleste danske kommuner bruger i "
                     "sager om børn og unge med behov for særlig støtte. Metoden stammer fra England og blev "
                     "tilpasset danske forhold. I Danmark har Socialstyrelsen (der en overgang hed Social- og Boligstyrelsen) "
                     "licensen og udbreder metoden. En kommune tilslutter sig ved at underskrive en licensaftale "
                     "med styrelsen. Aftalen forpligter kommunen til at sende alle sagsbehandlere på "
                     "det tredages grundkursus, før de arbejder med ICS. At udpege ICS-superbrugere er en del af "
                     "implementeringen: Det sker allerede i den første fase, og superbrugerne lærer metoden først, "
                     "så de kan støtte kollegerne.</p>"
                     "<h3>Barnet i centrum</h3><p>ICS bygger på en enkel, men krævende tanke: Alt, hvad vi gør i "
                     "en sag, skal tage udgangspunkt i barnets behov. Det lyder selvfølgeligt, men i praksis "
                     "trækker mange hensyn i sagsbehandlingen – forældrenes ønsker, samarbejdspartneres "
                     "bekymringer, frister og budgetter. Metoden giver et fælles sprog og en fælles struktur, der "
                     "holder barnet i fokus.</p>"),
                image(media, "Plakat af ICS-trekanten: barnets behov i midten, siderne Barnets udvikling, "
                             "Forældrekompetencer og Familie og netværk.",
                      "ICS-trekanten samler viden om barnet omkring barnets behov."),
                text("<h3>Et udviklingsøkologisk syn</h3><p>Et barn udvikler sig i samspil med sine omgivelser: "
                     "familien, dagtilbuddet eller skolen, fritidslivet og lokalsamfundet. Derfor ser ICS både på "
                     "barnet selv, på forældrenes evne til at imødekomme barnets behov og på de forhold i familien "
                     "og netværket, der påvirker dem. Ingen oplysning står alene – den skal ses i sammenhæng.</p>"
                     "<h3>Ressourcer og problemer</h3><p>ICS har fra begyndelsen bedt sagsbehandleren beskrive "
                     "både det, der er svært, og det, der fungerer. Et barn, der har én god voksen, en ven eller "
                     "en fritidsaktivitet, har noget, en plan kan bygge på.</p>"),
                quote("Vi skal ikke vide alt om familien. Vi skal vide det, der er nødvendigt for at forstå "
                      "barnets behov.", "en superbruger i en familieafdeling", example=True),
                callout("remember", "Inddragelse er ikke et trin, men en tilgang",
                        "<p>Barnet og forældrene skal inddrages gennem hele forløbet – fra den første samtale om "
                        "underretningen til opfølgningen på barnets plan.</p>"),
            ]),
            lesson("ICS-trekanten og de ti dimensioner", "ics-trekanten", P, 25,
                   "Lær trekantens tre sider og ti dimensioner, og placér oplysninger fra en case.", [
                text("<p>ICS-trekanten er metodens vigtigste værktøj. Den forenklede udgave fra 2019 har tre "
                     "sider og ti dimensioner. Hver oplysning i en sag placeres på en dimension, og du registrerer "
                     "både ressourcer og problemer. Vælg en dimension i figuren for at læse, hvad den dækker.</p>"),
                triangle("ICS-trekanten", "<p>Barnets behov står i midten.</p>", TRIANGLE_TEXTS,
                         highlighted={"trygt-omsorgsmiljoe", "fritid-og-venskaber"}),
                callout("tip", "Ressourcer tæller",
                        "<p>De fremhævede dimensioner i figuren er dem, hvor ressourcerne i casen nedenfor oftest "
                        "bliver overset. Skriv dem ned – de bliver grundlaget for planen.</p>"),
                magnets("Placér oplysningerne om Emil",
                        "<p>Læs oplysningerne fra underretningen om Emil på 9 år. Placér hvert kort på den "
                        "dimension, det hører til, og markér, om oplysningen er en ressource eller en bekymring. "
                        "Med tastaturet: tryk Enter på et kort og derefter Enter på dimensionen.</p>",
                        cases.EMIL_FACTS),
                _day1_quiz(),
            ]),
            lesson("Beskrivende og definerende sprog", "beskrivende-sprog", P, 15,
                   "Skriv det, du har set og hørt – ikke mærkater på barnet eller forældrene.", [
                text("<p>Det, du skriver i en sag, følger barnet i mange år. Barnet og forældrene kan læse det, og "
                     "nye sagsbehandlere læser det, før de møder familien. Derfor skelner ICS mellem "
                     "<strong>beskrivende</strong> og <strong>definerende</strong> sprog.</p>"
                     "<ul><li><strong>Definerende:</strong> »Moren er uengageret.« »Drengen er voldelig.« Sætningen "
                     "sætter et mærkat på en person og siger ikke, hvad der er sket.</li>"
                     "<li><strong>Beskrivende:</strong> »Moren kom ikke til de to aftalte møder i marts og har "
                     "ikke svaret på to breve.« »Ifølge læreren har drengen slået to klassekammerater i "
                     "frikvarteret i denne uge.« Sætningen siger, hvad der skete, hvor ofte, og hvem der har "
                     "set det.</li></ul>"
                     "<h3>Tre spørgsmål til din egen tekst</h3><ol><li>Hvem har set eller sagt det?</li>"
                     "<li>Hvad skete der konkret – og hvor tit?</li><li>Kan barnet og forældrene genkende "
                     "beskrivelsen, selv hvis de er uenige i vurderingen?</li></ol>"
                     "<p>Adskil beskrivelse og vurdering: Først det, du ved, så det, du mener, det betyder. Så kan "
                     "en læser se, hvad vurderingen bygger på.</p>"),
                _language_quiz(),
            ]),
            lesson("Ressourcer og bekymringer i din egen praksis", "ressourcer-og-bekymringer", F, 30,
                   "Følg op på kursusdag 1 med en case og en refleksion over din egen praksis.", [
                text("<p>På kursusdagen arbejdede I med trekanten på en fælles case. Nu skal du selv prøve. Læs "
                     "casen om Emil, placér oplysningerne på trekanten og skriv dine svar. Dine svar gemmes, mens "
                     "du skriver, og du kan ændre dem, indtil du afleverer. Derefter ser du "
                     "modelbesvarelsen.</p>"),
                case("Case: Emil på 9 år", cases.EMIL_VIGNETTE, [
                    ("Hvilke ressourcer ser du hos Emil og i hans familie?",
                     "<p>Emil er dygtig til matematik og har en fast fritidsaktivitet, hvor han trives og har en "
                     "voksen, han holder af. Mormoren henter ham om torsdagen, og faren har fast samvær. Moren har "
                     "selv fortalt skolen om økonomien – det tyder på, at hun er åben for samarbejde.</p>"),
                    ("Hvad er bekymringen – og hvilke dimensioner peger den mod?",
                     "<p>Bekymringen er, at Emils basale behov for mad og søvn ikke dækkes stabilt (Trygt "
                     "omsorgsmiljø, Sundhedsforhold), og at det påvirker hans skolegang (Dagtilbud, skoleforhold "
                     "og læring). Baggrunden kan være morens ledighed og stramme økonomi (Bolig, beskæftigelse og "
                     "økonomi).</p>"),
                    ("Hvad mangler du viden om, før du kan vurdere Emils behov?",
                     "<p>Emils egen oplevelse; morens syn på situationen; hvordan lillesøsteren har det; farens og "
                     "mormorens mulighed for at støtte; og om der er helbredsmæssige forklaringer på "
                     "trætheden.</p>"),
                    ("Skriv ét SMART-mål for Emils skolegang.",
                     "<p>Emil har madpakke med og er vågen i timerne mindst fire af fem skoledage inden for seks "
                     "uger. Klasselæreren og moren følger op hver fredag; sagsbehandleren følger op med familien "
                     "efter seks uger.</p>"),
                ], facts=cases.EMIL_FACTS[:4]),
                callout("reflection", "Til eftertanke",
                        "<p>Tænk på den seneste underretning, du har behandlet. Hvilke ressourcer stod der i "
                        "sagen? Hvilke kunne have stået der? Og hvilke sætninger ville du skrive om, så de "
                        "beskriver i stedet for at definere?</p>"),
            ]),
        ],
    }


def _day2(media):
    return {
        "title": "Kursusdag 2: Fra underretning til børnefaglig undersøgelse", "slug": "kursusdag-2",
        "course_day": 2,
        "introduction": "<p>Den anden dag følger sagen fra underretningen gennem screening og afdækning til den "
                        "børnefaglige undersøgelse – med undersøgelsesplanen, samtalen med barnet og tragtmodellen "
                        "som redskaber.</p>",
        "lessons": [
            lesson("Sagsforløbet fra underretning til plan", "sagsforloebet", P, 20,
                   "Overblik over trinene i sagen og lovgrundlaget i Barnets lov.", [
                text("<p>En sag begynder ofte med en <strong>underretning</strong> (Barnets lov §§ 132–137). "
                     "Inden for 24 timer vurderer du, om barnet har brug for akut hjælp. Derefter følger "
                     "<strong>screening og afdækning</strong> (§§ 18–19): Hvad ved vi, og er der grund til at "
                     "undersøge barnets forhold nærmere?</p>"
                     "<p>Er der det, gennemføres en <strong>børnefaglig undersøgelse</strong> (§§ 20–23; før 2024 "
                     "servicelovens § 50). Undersøgelsen tilrettelægges i en <strong>undersøgelsesplan</strong> og "
                     "bruger ICS-trekantens dimensioner som struktur. Den munder ud i en socialfaglig vurdering og "
                     "eventuelt en afgørelse om en støttende indsats, der beskrives i <strong>barnets plan</strong> "
                     "eller – for unge fra 15 år – <strong>ungeplanen</strong> (§§ 91 og 108) med SMART-mål og "
                     "aftalt opfølgning.</p>"),
                callout("remember", "Nye ord med Barnets lov",
                        "<p>Barnets lov trådte i kraft 1. januar 2024. Det, serviceloven kaldte en foranstaltning, "
                        "hedder nu en indsats eller en støttende indsats, og den tidligere handleplan er afløst af "
                        "barnets plan og ungeplanen. Brug de nye ord i sagerne.</p>"),
                callout("important", "Undersøgelsen skal være proportional",
                        "<p>Den børnefaglige undersøgelse må ikke være mere omfattende, end formålet tilsiger. "
                        "Tragtmodellen er dit redskab til at holde fokus.</p>"),
                document(media, "Spørgeguide til tragtmodellen",
                         "To sider med fasernes hjælpespørgsmål – til morgenmødet eller sagsbehandlingen."),
            ]),
            lesson("Screening og afdækning", "screening-og-afdaekning", P, 20,
                   "Hvad screeningen skal afklare, hvad afdækningen må – og hvornår der skal undersøges.", [
                text("<p><strong>Screeningen</strong> sker straks, når en underretning kommer ind: Er barnets "
                     "sundhed eller udvikling i akut fare? Skal der handles i dag? Er der tidligere "
                     "underretninger? Screeningen er kort og bygger på det, der står i underretningen, og det, "
                     "kommunen allerede ved.</p>"
                     "<p><strong>Afdækningen</strong> afklarer, om barnet har et behov for støtte, og hvilket. Her "
                     "taler du med barnet og forældrene og kan med samtykke tale med fx skole eller "
                     "sundhedsplejerske. Afdækningen er ikke en lille børnefaglig undersøgelse: Den skal svare "
                     "på, om der er grund til at undersøge nærmere – eller om en let, forebyggende støtte er "
                     "nok.</p>"
                     "<h3>Tre mulige udfald</h3><ul><li>Ingen yderligere handling – familien får råd eller "
                     "henvises til almene tilbud.</li><li>En forebyggende indsats uden en børnefaglig "
                     "undersøgelse.</li><li>En børnefaglig undersøgelse, fordi der kan være tale om et barn med "
                     "behov for særlig støtte.</li></ul>"
                     "<p>Også underretninger om et barn, der endnu ikke er født, skal screenes og afdækkes. "
                     "Trekanten bruges da om de forhold, barnet vil blive født ind i.</p>"),
                cases.EXPECTANT_CASE,
            ]),
            lesson("Undersøgelsesplanen", "undersoegelsesplan", P, 15,
                   "Planlæg undersøgelsen: formål, dimensioner, kilder, inddragelse og tid.", [
                text("<p>Når du har besluttet at lave en børnefaglig undersøgelse, skriver du en "
                     "<strong>undersøgelsesplan</strong>. Den gør undersøgelsen gennemskuelig for familien og "
                     "holder dig selv på sporet. En god plan svarer på:</p>"
                     "<ol><li><strong>Hvorfor?</strong> Bekymringen og formålet med undersøgelsen – i en sætning "
                     "eller to.</li><li><strong>Hvad?</strong> De dimensioner, der skal undersøges, og hvorfor de "
                     "andre kan ligge (det er her, tragtmodellen bruges).</li><li><strong>Hvem og "
                     "hvordan?</strong> Samtaler med barnet og forældrene, statusudtalelser, netværk og evt. "
                     "observation – og hvem der giver samtykke.</li><li><strong>Hvornår?</strong> En tidsplan "
                     "inden for lovens frist på fire måneder.</li></ol>"
                     "<p>Gennemgå planen med familien, og giv barnet en forklaring, det kan forstå. Justér planen, "
                     "hvis der undervejs kommer nye oplysninger.</p>"),
                callout("tip", "Skriv det kort",
                        "<p>En undersøgelsesplan på én side bliver læst og brugt. Én linje pr. dimension er "
                        "nok: hvad du vil vide, og hvem du spørger.</p>"),
            ]),
            lesson("Samtalen med barnet og inddragelse", "samtalen-med-barnet", P, 20,
                   "Barnets ret til at blive hørt, partsbeføjelser, bisidder og barnets egne ord i sagen.", [
                text("<p>Barnets lov gør barnets perspektiv styrende for sagsbehandlingen. Du skal tale med barnet, "
                     "før der træffes afgørelse, og barnets synspunkter skal tillægges vægt efter alder og "
                     "modenhed.</p>"
                     "<h3>Barnets rettigheder</h3><ul><li><strong>Partsbeføjelser fra 10 år</strong> (Barnets lov "
                     "§ 3): fx i sager om støttende indsatser og anbringelse. Barnet skal høres, kan få "
                     "aktindsigt og kan klage.</li><li><strong>Bisidder</strong> (§ 6): Barnet kan på ethvert "
                     "tidspunkt tage en person med, som det har tillid til. Bisidderen skal være fyldt 15 år, og "
                     "retten kræver ikke forældrenes samtykke.</li><li><strong>Samtalen kan ske uden "
                     "forældrene</strong>, når det er nødvendigt for at få barnets egen mening frem.</li></ul>"
                     "<h3>Barnets egne ord</h3><p>Skriv, hvad barnet siger, med barnets ord, og skriv, at det er "
                     "barnet, der siger det: »Mathilde siger: ›Jeg er bare så træt hele tiden.‹« Placér barnets "
                     "udsagn på den dimension, de handler om, på linje med forældrenes og "
                     "samarbejdspartnernes.</p>"
                     "<h3>Forbered samtalen</h3><p>Vælg to eller tre dimensioner, du særligt vil høre barnet om, "
                     "og spørg også til det, der går godt. Fortæl barnet, hvad du skal bruge samtalen til, og hvem "
                     "der får at vide, hvad det har sagt.</p>"),
                callout("important", "Inddragelse gælder hele familien",
                        "<p>Forældrene skal inddrages i undersøgelsen og planen, og også netværket kan være en "
                        "kilde og en ressource. Inddragelse betyder, at familien har indflydelse – ikke kun, at de "
                        "er orienteret.</p>"),
            ]),
            lesson("Tragtmodellen", "tragtmodellen", P, 25,
                   "Gå tragtmodellens tre faser igennem på underretningen om Sara.", [
                text("<p>Tragtmodellen er et analyseredskab, der holder den børnefaglige undersøgelse fokuseret. "
                     "Den har tre faser: bekymring, hypotesedannelse og tragtning. Med 2019-udgaven vejer modellen "
                     "ressourcer lige så vel som bekymringer: Hypoteserne skal også rumme det, der taler imod "
                     "bekymringen. Gå faserne igennem én ad gangen på underretningen om Sara.</p>"),
                funnel("Tragtmodellen på underretningen om Sara", cases.SARA_NOTIFICATION, {
                    "bekymring": "<p>Sundhedsplejen er bekymret for Saras skolefravær, helbred og trivsel. Sara "
                                 "siger selv, at hun er træt og har mistet kontakt til veninder. Faren er også "
                                 "bekymret – han har selv kontaktet skolen. Og hvem passer lillebroren?</p>",
                    "hypoteser": "<p>Sara har påtaget sig et omsorgsansvar, som er for stort for hendes alder, "
                                 "fordi farens arbejdstider gør hverdagen svær. Modhypotese: Fraværet skyldes "
                                 "mistrivsel i klassen. Trætheden kan have en helbredsmæssig forklaring. "
                                 "Ressourcer: Faren søger selv hjælp, og Sara kan sætte ord på sin "
                                 "situation.</p>",
                    "tragtning": "<p>Undersøg især Trygt omsorgsmiljø, Sundhedsforhold, Dagtilbud, skoleforhold "
                                 "og læring, Fritidsforhold og venskaber og Bolig, beskæftigelse og økonomi. Tal "
                                 "med Sara alene og med faren, og bed skolen om en statusudtalelse. Skriv også, "
                                 "hvilke dimensioner I lader ligge, og hvorfor.</p>",
                }),
            ]),
            lesson("Case: Underretningen om Sara", "case-sara", F, 30,
                   "Skriv din egen tragtning af Saras sag og sammenlign med modelbesvarelsen.", [
                case("Case: Sara på 14 år", cases.SARA_NOTIFICATION, [
                    ("Formulér bekymringen i én eller to sætninger. Hvem er bekymret?", cases.SARA_MODEL_CONCERN),
                    ("Opstil mindst to hypoteser – og de ressourcer, der taler imod bekymringen.",
                     cases.SARA_MODEL_HYPOTHESES),
                    ("Tragt ned: Hvilke dimensioner vil du undersøge, hvilke kan du lade ligge, og hvorfor? "
                     "Hvad betyder forældremyndigheden, lillebroren og Saras alder for undersøgelsen?",
                     cases.SARA_MODEL_FUNNEL),
                ]),
                _day2_quiz(),
            ]),
        ],
    }


def _day3(media):
    return {
        "title": "Kursusdag 3: Plan, mål og samarbejde", "slug": "kursusdag-3", "course_day": 3,
        "introduction": "<p>Den tredje dag handler om at omsætte undersøgelsen til en analyse og vurdering og "
                        "videre til barnets plan med SMART-mål, om samarbejdet med skole, dagtilbud, "
                        "sundhedspleje og netværk, og om at følge op på målene.</p>",
        "lessons": [
            lesson("Statusudtalelser og samarbejdspartnere", "statusudtalelser", P, 20,
                   "Hvad du spørger skole, dagtilbud og sundhedspleje om – og på hvilket grundlag.", [
                text("<p>En <strong>statusudtalelse</strong> er en skriftlig beskrivelse fra en fagperson, der "
                     "kender barnet – typisk skolen, dagtilbuddet eller sundhedsplejersken. I ICS er "
                     "statusudtalelserne bygget op over trekantens dimensioner, så oplysningerne kan bruges "
                     "direkte i undersøgelsen.</p>"
                     "<h3>Hvad du spørger om</h3><ul><li><strong>Skolen:</strong> fremmøde, faglighed, trivsel i "
                     "klassen, venskaber, samarbejdet med forældrene – og hvad der går godt.</li>"
                     "<li><strong>Dagtilbuddet:</strong> leg, sprog, motorik, kontakt til voksne og børn, "
                     "aflevering og afhentning, og hvordan barnet bliver passet på.</li>"
                     "<li><strong>Sundhedsplejen og lægen:</strong> vækst, udvikling, helbred, fremmøde til "
                     "undersøgelser og vaccinationer.</li></ul>"
                     "<p>Fortæl samarbejdspartneren, hvad bekymringen er, og hvilke dimensioner du særligt vil "
                     "have belyst, og bed om ressourcer såvel som vanskeligheder. Bed om beskrivelser – hvad de "
                     "har set og hvor ofte – frem for konklusioner.</p>"
                     "<h3>Samtykke og hjemmel</h3><p>Udgangspunktet er, at du indhenter oplysninger med "
                     "forældrenes samtykke, og at barnet ved, hvem du spørger. Barnets lov giver kommunen adgang "
                     "til at indhente oplysninger uden samtykke, når det er nødvendigt for undersøgelsen; brug "
                     "den mulighed med omtanke, og fortæl familien, at du gør det. Skriv i sagen, hvilket "
                     "grundlag du har indhentet oplysningerne på.</p>"),
                callout("tip", "Forbered familien",
                        "<p>Fortæl forældrene, hvem du beder om statusudtalelser, og hvorfor. Vis dem gerne "
                        "spørgsmålene. Det skaber tillid og færre overraskelser.</p>"),
            ]),
            lesson("Netværksinddragelse", "netvaerksinddragelse", P, 20,
                   "Netværket som kilde og ressource: netværksmøder og hjælp, der varer.", [
                text("<p>Familiens netværk – slægt, venner, naboer og foreninger – er ofte den første ressource, "
                     "og den varer længere end en kommunal indsats. Netværket placeres på dimensionen Socialt "
                     "netværk, men det kan også støtte barnets relationer og omsorgen i hverdagen.</p>"
                     "<h3>Sådan inddrager du netværket</h3><ul><li>Spørg barnet og forældrene: Hvem kender "
                     "barnet godt? Hvem kan I ringe til?</li><li>Aftal med forældrene, hvem du må kontakte – "
                     "netværket inddrages som udgangspunkt med deres samtykke.</li><li>Hold et netværksmøde, "
                     "hvor familien og netværket selv laver aftaler om konkret hjælp.</li><li>Skriv aftalerne "
                     "ind i planen som en del af indsatsen, så der følges op på dem.</li></ul>"
                     "<p>Nogle forældre vil nødig bede om hjælp. Tal med dem om, hvad hjælpen betyder for "
                     "barnet, og om hvad de selv kan give igen.</p>"),
                cases.LIVA_CASE,
            ]),
            lesson("Analyse og vurdering", "analyse-og-vurdering", P, 15,
                   "Fra oplysninger på dimensionerne til en socialfaglig vurdering af barnets behov.", [
                text("<p>Når oplysningerne er samlet på trekanten, skal de analyseres. Analysen ser på "
                     "sammenhænge mellem dimensionerne: Hvordan påvirker forældrenes situation barnets hverdag? "
                     "Hvilke ressourcer opvejer hvilke vanskeligheder? Hvad siger barnet selv?</p>"
                     "<p>Den <strong>socialfaglige vurdering</strong> svarer på, hvad oplysningerne betyder for "
                     "barnets behov, og om barnet har behov for støtte. En god vurdering:</p>"
                     "<ul><li>skelner mellem det, vi ved, og det, vi antager,</li><li>bygger på de hypoteser, "
                     "tragten gav, og siger, hvilke der blev bekræftet og afkræftet,</li><li>nævner ressourcerne "
                     "og vejer dem,</li><li>ender i barnets behov – ikke i et tilbud.</li></ul>"),
                callout("remember", "Behov før tilbud",
                        "<p>Vurderingen beskriver, hvad barnet har brug for. Først derefter vælges indsatsen. Skriv "
                        "ikke »barnet har brug for en kontaktperson«, men hvad kontaktpersonen skal hjælpe "
                        "barnet med.</p>"),
            ]),
            lesson("SMART-mål i barnets plan", "smart-maal", P, 20,
                   "Fra vurdering til mål, der kan følges op.", [
                text("<p>Barnets plan – eller ungeplanen for unge fra 15 år – beskriver formålet med støtten og de "
                     "konkrete mål. Målene skal være <strong>SMART</strong>: specifikke, målbare, acceptable, "
                     "realistiske og tidsbestemte. Et godt mål tager udgangspunkt i barnets behov, som de er "
                     "beskrevet på trekantens dimensioner, og i de ressourcer, der kan bygges videre på.</p>"
                     "<ul><li><strong>Specifikt:</strong> hvad skal være anderledes for barnet?</li>"
                     "<li><strong>Målbart:</strong> hvordan ser vi, at det er sket – og hvem vurderer det?</li>"
                     "<li><strong>Acceptabelt:</strong> er barnet og forældrene enige i målet?</li>"
                     "<li><strong>Realistisk:</strong> kan det nås med de ressourcer og den indsats, der er?</li>"
                     "<li><strong>Tidsbestemt:</strong> hvornår følger vi op?</li></ul>"),
                quote("Et mål, ingen kan se, om er nået, er et ønske – ikke et mål.", "en underviser på "
                      "grundkurset", example=True),
            ]),
            lesson("Case: Noah og målene i planen", "case-noah", F, 30,
                   "Placér oplysningerne om Noah, tragt sagen og skriv SMART-mål.", [
                text("<p>Casen om Noah samler dagens stof: trekanten, tragten og SMART-målene. Skriv dine svar, "
                     "og sammenlign med modelbesvarelsen, når du har afleveret.</p>"),
                cases.NOAH_CASE,
            ]),
            lesson("Opfølgning på målene", "opfoelgning-paa-maal", F, 20,
                   "Følg op på barnets plan: Virker indsatsen, og hvad siger barnet?", [
                text("<p>Planen er ikke færdig, når indsatsen er sat i gang. Ved <strong>opfølgningen</strong> "
                     "ser du på hvert mål: Er det nået, delvis nået eller ikke nået? Hvad siger barnet, "
                     "forældrene og samarbejdspartnerne? Brug de samme kilder som i undersøgelsen, så du "
                     "sammenligner det samme.</p>"
                     "<h3>Når målet ikke nås</h3><p>Spørg: Var målet realistisk? Var indsatsen den rigtige? Er "
                     "der sket noget nyt? Justér målet eller indsatsen – og skriv, hvorfor. Når målene er nået, "
                     "skal du vurdere, om støtten kan afsluttes.</p>"
                     "<h3>Eksempel: Noah tre måneder efter</h3><p>Sanne er i behandling hos egen læge. Noah "
                     "bruger tre ord og peger på det, han vil have; pædagogen vurderer, at kontakten er bedre. "
                     "Farmor henter om tirsdagen, men ikke om torsdagen. Målet om sprog er delvis nået; aftalen "
                     "med farmor justeres på et nyt netværksmøde.</p>"),
                _day3_quiz(),
                callout("reflection", "Fra kursus til hverdag",
                        "<p>Vælg en af dine egne sager med en plan. Hvornår blev der sidst fulgt op på målene – og "
                        "spurgte nogen barnet?</p>"),
            ]),
        ],
    }
