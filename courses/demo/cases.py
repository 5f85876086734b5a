"""The demo courses' case vignettes: seven fictional children across the ages, each used at most twice
in a course. Emil (9) and Sara (14) from the first demo; Line and Kasper's expected child, Noah (1½),
Aya (4), Malik (16, ungeplan) and Liva (7, with a disability). All invented, no real child data."""

from .common import FICTIONAL, TASK_FUNNEL, TASK_SMART, TASK_TRIANGLE, case

# --- Emil, 9 år (grundkursus dag 1; brush-up) -------------------------------------------------------

EMIL_FACTS = [
    ("Emil kommer flere gange om ugen i skole uden madpakke og er sulten.", "trygt-omsorgsmiljoe", "concern",
     "Mad og måltider hører til forældrenes omsorg for barnets basale behov."),
    ("Emil har ikke været til tandlæge i to år.", "sundhedsforhold", "concern",
     "Tandsundhed og brug af tandlæge er en del af barnets sundhedsforhold."),
    ("Emil spiller fodbold i den lokale klub to gange om ugen og er glad for sin træner.", "fritid-og-venskaber",
     "resource", "En fast fritidsaktivitet og en voksen, barnet holder af, er ressourcer på denne dimension."),
    ("Emils mor er blevet ledig og har svært ved at betale huslejen.", "bolig-beskaeftigelse-oekonomi", "concern",
     "Arbejde, økonomi og bolig hører til siden Familie og netværk."),
    ("Emils mormor henter ham fra skole om torsdagen.", "socialt-netvaerk", "resource",
     "Mormoren er en del af familiens netværk – og en mulig ressource i planen."),
    ("Læreren fortæller, at Emil er dygtig til matematik, men ofte falder i søvn i timerne.",
     "dagtilbud-skole-laering", "concern",
     "Læring og trivsel i skolen. Evnerne i matematik er en ressource; søvnen kan også pege mod sundhed og "
     "omsorg."),
]

EMIL_VIGNETTE = (
    "<p><strong>Emil, 9 år</strong>, går i 3. klasse. Skolen underretter, fordi Emil de seneste tre måneder flere "
    "gange om ugen er kommet uden madpakke, er sulten og falder i søvn i timerne. Han er dygtig til matematik og "
    "spiller fodbold i klubben, hvor træneren beskriver ham som en god holdkammerat. Emil bor med sin mor og "
    "lillesøster på 4 år. Moren er blevet ledig i foråret og har fortalt klasselæreren, at økonomien er stram. "
    "Mormor henter Emil om torsdagen. Emils far bor i en anden by, og Emil ser ham hver anden weekend.</p>"
    + FICTIONAL
)

# --- Sara, 14 år (grundkursus dag 2; superbrugerkursus modul 2 og 3) ---------------------------------

SARA_NOTIFICATION = (
    "<p><strong>Underretning fra sundhedsplejen:</strong> Sara, 14 år, går i 8. klasse. Ved skolesundhedsplejerskens "
    "samtale har hun fortalt, at hun ofte bliver hjemme fra skole for at passe sin lillebror på 3 år, fordi hendes "
    "far arbejder om natten. Hun siger, at hun altid er træt, har hovedpine og har mistet kontakten til sine "
    "veninder. Hun har tidligere spillet håndbold. Forældrene er skilt; faren har forældremyndigheden alene, og "
    "Saras mor bor i Aalborg. Faren har selv ringet til skolen og bedt om en samtale om Saras fravær.</p>"
    + FICTIONAL
)

SARA_CARDS = [
    ("Sara passer sin lillebror flere formiddage om ugen.", "trygt-omsorgsmiljoe", "concern",
     "Omsorgsopgaven burde ligge hos en voksen."),
    ("Sara har mistet kontakten til sine veninder.", "fritid-og-venskaber", "concern", ""),
    ("Faren arbejder om natten og har selv kontaktet skolen.", "bolig-beskaeftigelse-oekonomi", "concern",
     "Arbejdstiderne hører her. At faren selv søger hjælp, er en ressource – den kan også skrives under "
     "Trygt omsorgsmiljø."),
    ("Sara har et højt fravær i 8. klasse.", "dagtilbud-skole-laering", "concern", ""),
    ("Sara siger, at hun altid er træt og har hovedpine.", "sundhedsforhold", "concern",
     "Træthed og hovedpine skal undersøges som helbred – og kan også handle om omsorgsmiljøet."),
    ("Sara har tidligere spillet håndbold og vil gerne i gang igen.", "fritid-og-venskaber", "resource", ""),
]

# The funnel case's model answer: every dimension the case raises, what can be left aside and why,
# the custody situation and the sibling, and Sara's party rights.
SARA_MODEL_CONCERN = (
    "<p>Vi er bekymrede for, at Sara har fået et omsorgsansvar for sin lillebror, som er for stort for en "
    "14-årig, og at det går ud over hendes skolegang, helbred (træthed, hovedpine) og venskaber. Bekymringen "
    "gælder også lillebroren på 3 år: Hvem passer ham, når Sara er i skole, og er han passet forsvarligt om "
    "natten? Sundhedsplejen er bekymret; faren er det også – han har selv henvendt sig.</p>"
)
SARA_MODEL_HYPOTHESES = (
    "<p>1) Farens natarbejde efterlader et omsorgshul i hverdagen, som Sara udfylder, fordi der ikke er andre "
    "voksne (Trygt omsorgsmiljø; Bolig, beskæftigelse og økonomi; Socialt netværk). 2) Sara mistrives i skolen "
    "eller i klassen, og pasningen er også en grund til at blive hjemme (Dagtilbud, skoleforhold og læring; "
    "Udvikling og adfærd). 3) Trætheden og hovedpinen har en helbredsmæssig forklaring, som ikke er undersøgt "
    "(Sundhedsforhold). Ressourcer, der taler imod bekymringen: Faren søger selv hjælp og vil samarbejde; Sara "
    "kan sætte ord på sin situation; hun har haft en fritidsaktivitet og venskaber, hun gerne vil tilbage "
    "til.</p>"
)
SARA_MODEL_FUNNEL = (
    "<p><strong>Undersøg:</strong> Trygt omsorgsmiljø (hvem tager sig af børnene om natten og om formiddagen); "
    "Sundhedsforhold (træthed og hovedpine – bed om en vurdering hos egen læge eller skolesundhedsplejersken); "
    "Dagtilbud, skoleforhold og læring (fravær, trivsel og faglighed – statusudtalelse fra skolen); "
    "Fritidsforhold og venskaber; Bolig, beskæftigelse og økonomi (arbejdstider og muligheder for at ændre "
    "dem); Understøttelse af relationer og Familieforhold og baggrund (kontakten til moren i Aalborg, som "
    "kan være en ressource); Socialt netværk (andre voksne, der kan træde til). Lillebroren: Hans dagtilbud og "
    "pasning skal afklares; vurdér, om hans forhold skal undersøges selvstændigt.</p>"
    "<p><strong>Lad ligge, og hvorfor:</strong> Stimulering og vejledning og Saras udvikling bredt set er der "
    "intet i sagen, der peger på – undersøg dem kun, hvis samtalerne giver grund til det. Undersøgelsen skal "
    "ikke være bredere end nødvendigt.</p>"
    "<p><strong>Forældremyndighed og inddragelse:</strong> Faren har forældremyndigheden alene, så det er ham, "
    "der skal give samtykke og inddrages som forælder. Moren har ikke forældremyndighed og skal ikke give "
    "samtykke, men hun er en vigtig person i Saras liv: Spørg Sara, hvad hun ønsker, og inddrag moren som "
    "ressource, hvis Sara og faren vil det. Sara er fyldt "
    "10 år og udøver derfor selv partsbeføjelser i sagen efter Barnets lov § 3, fx ved afgørelse om en indsats. "
    "Hun skal tilbydes en samtale alene, have at vide, at hun kan tage en bisidder med, og hendes egne ord skal "
    "stå i undersøgelsen.</p>"
)

# --- Line og Kasper venter barn (grundkursus dag 2: screening og afdækning) -------------------------

EXPECTANT_VIGNETTE = (
    "<p><strong>Kommende forældre: Line, 21 år, og Kasper, 24 år,</strong> venter deres første barn om ti uger. "
    "Jordemoderen underretter: Line har fortalt, at hun selv var anbragt fra hun var 11 år, og at hun er bange "
    "for ikke at kunne passe et spædbarn. Hun er i behandling for angst hos egen læge. Kasper har tidligere haft "
    "et dagligt forbrug af hash; han siger, at han er stoppet for et halvt år siden. Parret bor i en "
    "toværelses lejlighed. Kasper er i lære som tømrer, Line er på sygedagpenge. Lines plejemor, som hun stadig "
    "ser hver uge, har tilbudt at hjælpe, når barnet er født. Parret er mødt op til alle jordemoderkonsultationer "
    "og har meldt sig til fødselsforberedelse.</p>" + FICTIONAL
)

EXPECTANT_CASE = case("Case: Line og Kasper venter barn", EXPECTANT_VIGNETTE, [
    (TASK_TRIANGLE,
     "<p>Barnet er endnu ikke født, så trekanten bruges om det kommende barns forhold: Hvad vil barnet møde? "
     "<strong>Sundhedsforhold:</strong> graviditeten forløber med fremmøde til alle konsultationer (ressource). "
     "<strong>Trygt omsorgsmiljø:</strong> Lines angst og usikkerhed om at passe et spædbarn (bekymring) og "
     "hendes egen erkendelse af det (ressource); Kaspers tidligere hashforbrug (bekymring, der skal afklares). "
     "<strong>Stimulering og vejledning:</strong> de har meldt sig til fødselsforberedelse (ressource). "
     "<strong>Familieforhold og baggrund:</strong> Lines egen anbringelse. <strong>Bolig, beskæftigelse og "
     "økonomi:</strong> egen lejlighed, Kasper i lære, Line på sygedagpenge. <strong>Socialt netværk:</strong> "
     "plejemoren, som har tilbudt hjælp (ressource).</p>"),
    ("Er der tale om screening, afdækning eller en børnefaglig undersøgelse – og hvorfor?",
     "<p>Underretningen screenes straks: Er der behov for akut handling? Nej – barnet er ikke født, og "
     "forældrene samarbejder. Derefter afdækkes behovet: en samtale med parret om deres egen vurdering og "
     "ønsker, med deres samtykke kontakt til jordemoder og læge, og en snak om plejemorens rolle. Afdækningen "
     "viser, om der er brug for en børnefaglig undersøgelse, eller om en forebyggende støtte (fx et forløb med "
     "sundhedsplejen fra graviditeten og et forældrekursus) er nok. Afdækningen er ikke en lille undersøgelse; "
     "den skal afklare behovet, ikke beskrive hele familien.</p>"),
    (TASK_FUNNEL,
     "<p><strong>Bekymring:</strong> at forældrene, især Line, ikke kan give det nyfødte barn en tryg og stabil "
     "omsorg, og at Kaspers hashforbrug vender tilbage. Jordemoderen er bekymret; Line er det også selv. "
     "<strong>Hypoteser:</strong> 1) Lines angst og egne erfaringer gør de første måneder sårbare, men med støtte "
     "kan hun give god omsorg. 2) Kaspers forbrug er ikke stoppet, og han vil ikke kunne støtte Line. "
     "3) Ressourcerne – samarbejdet med jordemoderen, fødselsforberedelsen og plejemoren – kan bære en "
     "forebyggende indsats. <strong>Tragtning:</strong> fokus på Trygt omsorgsmiljø, Familieforhold og baggrund "
     "og Socialt netværk; Lines behandling (med samtykke fra lægen). Lad Bolig, beskæftigelse og økonomi ligge ud "
     "over en kort afklaring: der er ikke noget, der peger på, at boligen eller økonomien truer barnet.</p>"),
    (TASK_SMART,
     "<p>1) Inden fødslen har Line og Kasper holdt to møder med sundhedsplejersken og lavet en aftale om "
     "hjemmebesøg hver uge i barnets første tre måneder; sundhedsplejersken og sagsbehandleren følger op på et "
     "fælles møde, når barnet er seks uger. 2) Kasper har afleveret tre urinprøver uden spor af hash hos egen "
     "læge inden fødslen, som han selv har foreslået; lægen sender resultaterne til sagsbehandleren med hans "
     "samtykke. Målene er aftalt med parret, så de er acceptable og realistiske.</p>"),
])

# --- Noah, 1½ år (grundkursus dag 3: SMART-mål og opfølgning) ---------------------------------------

NOAH_VIGNETTE = (
    "<p><strong>Noah, 1½ år</strong>, går i vuggestue. Sundhedsplejersken og vuggestuen er bekymrede: Noah siger "
    "endnu ingen ord, søger sjældent øjenkontakt og græder meget ved aflevering. Han er ofte beskidt og har "
    "bleudslæt. Hans mor, Sanne, har fortalt sundhedsplejersken, at hun har været meget trist siden fødslen og "
    "har svært ved at komme ud ad døren om morgenen. Noahs far, Ali, arbejder som chauffør med lange vagter og "
    "er den, der leger mest med Noah. Pædagogen fortæller, at Noah falder til ro, når han bliver sunget for, og "
    "at han er glad for sin faste voksne. Farmor bor i nærheden og har passet Noah et par gange.</p>" + FICTIONAL
)

NOAH_FACTS = [
    ("Noah siger endnu ingen ord og søger sjældent øjenkontakt.", "udvikling-og-adfaerd", "concern",
     "Sprog og kontakt i forhold til alderen. Bed sundhedsplejersken om en vurdering af udviklingen."),
    ("Noah har ofte bleudslæt og møder beskidt i vuggestuen.", "trygt-omsorgsmiljoe", "concern",
     "Hygiejne og pleje er en del af den basale omsorg."),
    ("Sanne har været meget trist siden fødslen.", "familieforhold-og-baggrund", "concern",
     "Forældrenes egne forhold kan også stå her; hvordan det påvirker omsorgen, hører under "
     "Forældrekompetencer."),
    ("Ali er den, der leger mest med Noah.", "stimulering-og-vejledning", "resource",
     "Leg og samspil støtter barnets udvikling – en ressource hos faren."),
    ("Noah falder til ro, når pædagogen synger for ham.", "dagtilbud-skole-laering", "resource",
     "Vuggestuen kender Noah godt og kan bidrage med en statusudtalelse."),
    ("Farmor bor i nærheden og har passet Noah.", "socialt-netvaerk", "resource",
     "Netværket kan være med i planen, hvis forældrene ønsker det."),
]

NOAH_CASE = case("Case: Noah på 1½ år", NOAH_VIGNETTE, [
    (TASK_TRIANGLE,
     "<p><strong>Bekymringer:</strong> Noahs sprog og kontakt (Udvikling og adfærd), hygiejne og pleje (Trygt "
     "omsorgsmiljø), morens tristhed siden fødslen (Familieforhold og baggrund – og Sundhedsforhold for moren, "
     "som skal afklares hos egen læge). <strong>Ressourcer:</strong> farens leg med Noah (Stimulering og "
     "vejledning), en fast voksen i vuggestuen, som kan trøste ham (Dagtilbud, skoleforhold og læring), farmor "
     "i nærheden (Socialt netværk) og Sannes egen åbenhed over for sundhedsplejersken.</p>"),
    (TASK_FUNNEL,
     "<p><strong>Bekymring:</strong> at Noahs udvikling er forsinket, fordi hans mor ikke har overskud til den "
     "daglige omsorg og kontakt, og faren er meget væk. <strong>Hypoteser:</strong> 1) Sanne har en "
     "fødselsdepression, som ikke er behandlet, og den påvirker samspillet med Noah. 2) Noah har en "
     "udviklingsforstyrrelse eller nedsat hørelse, som skal udredes. 3) Med behandling af moren og mere tid "
     "med faren og farmor kan familien selv dække Noahs behov. <strong>Tragtning:</strong> undersøg Udvikling og "
     "adfærd (sundhedsplejersken og egen læge, evt. høreprøve), Trygt omsorgsmiljø og Stimulering og vejledning "
     "(observation af samspillet hjemme og i vuggestuen) og Socialt netværk. Lad Bolig, beskæftigelse og "
     "økonomi ligge: intet i sagen peger på det.</p>"),
    (TASK_SMART,
     "<p>1) Inden for fire uger har Sanne talt med egen læge om sin tristhed, og hun fortæller "
     "sundhedsplejersken om aftalen ved næste besøg. 2) Om tre måneder bruger Noah mindst fem ord og peger på "
     "det, han vil have, vurderet af pædagogen og sundhedsplejersken ud fra en aftalt sprogvurdering. Farmor "
     "henter Noah tirsdag og torsdag, så Sanne får ro til behandlingen; det aftales på et netværksmøde. "
     "Sagsbehandleren følger op med familien efter tre måneder.</p>"),
], facts=NOAH_FACTS[:5])

# --- Aya, 4 år (superbrugerkursus modul 2: analyse og vurdering) -------------------------------------

AYA_VIGNETTE = (
    "<p><strong>Aya, 4 år</strong>, går i børnehave. Børnehaven underretter: Siden sommer, hvor Ayas forældre gik "
    "fra hinanden, er Aya blevet stille, tisser i bukserne igen og slår de andre børn, når hun skal dele "
    "legetøj. Hun taler arabisk med sin mor og dansk i børnehaven, og hendes danske sprog var alderssvarende "
    "ved sprogvurderingen i foråret. Forældrene har delt bopæl uge-uge og en verserende sag i Familieretshuset; "
    "ved afhentning har de skændtes højlydt foran Aya to gange. Moren arbejder deltid i et køkken, faren er "
    "ledig. Aya elsker at tegne og har en veninde, Ella, som hun leger med hver dag. Mormor bor i samme opgang "
    "som moren.</p>" + FICTIONAL
)

AYA_CASE = case("Case: Aya på 4 år", AYA_VIGNETTE, [
    (TASK_TRIANGLE,
     "<p><strong>Udvikling og adfærd:</strong> Aya er blevet stille, tisser i bukserne og slår (bekymring); "
     "alderssvarende dansk, tosproget (ressource). <strong>Fritidsforhold og venskaber:</strong> en fast veninde "
     "og glæden ved at tegne (ressource). <strong>Understøttelse af relationer:</strong> Aya har brug for begge "
     "forældre; konflikten foran hende belaster (bekymring). <strong>Trygt omsorgsmiljø:</strong> skænderierne "
     "ved afhentning. <strong>Familieforhold og baggrund:</strong> bruddet og sagen i Familieretshuset. "
     "<strong>Bolig, beskæftigelse og økonomi:</strong> delt bopæl, farens ledighed. <strong>Socialt "
     "netværk:</strong> mormor i samme opgang (ressource).</p>"),
    (TASK_FUNNEL,
     "<p><strong>Bekymring:</strong> at forældrenes konflikt efter bruddet belaster Aya så meget, at hendes "
     "trivsel og udvikling går tilbage. <strong>Hypoteser:</strong> 1) Ayas reaktioner er en forventelig, "
     "forbigående reaktion på bruddet, som aftager, når konflikten dæmpes. 2) Konflikten er vedvarende og "
     "udsætter Aya for utryghed hos begge forældre. 3) Noget andet sker i et af hjemmene, som Aya reagerer på. "
     "Ressourcer imod bekymringen: sproget, venskabet og mormor. <strong>Tragtning:</strong> Udvikling og "
     "adfærd, Understøttelse af relationer og Trygt omsorgsmiljø hos begge forældre; samarbejde med "
     "Familieretshuset, så Aya ikke undersøges to gange. Lad Dagtilbud, skoleforhold og læring ligge ud over "
     "børnehavens statusudtalelse, og Sundhedsforhold ud over et tjek af tissetrænings-tilbagefaldet hos egen "
     "læge.</p>"),
    ("Skriv en kort socialfaglig vurdering (fem-seks sætninger): Hvad betyder oplysningerne for Ayas behov?",
     "<p>Aya er en tosproget pige med alderssvarende sprog, en god veninde og en mormor tæt på. Siden bruddet "
     "reagerer hun med tilbagegang og uro, hvilket vi vurderer som tegn på, at hun er belastet af konflikten "
     "mellem forældrene, som hun har set på nært hold. Ayas behov er, at de voksne skærmer hende mod konflikten, "
     "og at overgangene mellem hjemmene bliver forudsigelige. Vi vurderer ikke på det foreliggende, at hun mangler "
     "omsorg i hverdagen hos nogen af forældrene, men det skal bekræftes i samtaler med begge og i børnehavens "
     "statusudtalelse. Vurderingen skelner mellem det, vi ved (børnehavens observationer), og det, vi antager "
     "(årsagen).</p>"),
    (TASK_SMART,
     "<p>1) Inden seks uger har forældrene aftalt, at afleveringer sker i børnehaven, så de ikke mødes foran "
     "Aya; børnehaven melder tilbage, om det holder, efter fire uger. 2) Om tre måneder tisser Aya ikke i "
     "bukserne i børnehaven mere end én gang om ugen og slår ikke, når hun skal dele, vurderet af hendes "
     "kontaktpædagog. Begge forældre deltager i et forløb om samarbejde efter brud; sagsbehandleren følger op "
     "med forældrene og børnehaven efter tre måneder.</p>"),
])

# --- Malik, 16 år (brush-up: ungeplan; superbrugerkursus modul 3: sparring) -------------------------

MALIK_VIGNETTE = (
    "<p><strong>Malik, 16 år</strong>, er droppet ud af 10. klasse efter jul. Han ryger hash flere gange om "
    "ugen, sover om dagen og er i konflikt med sin mor, som han bor alene med. Moren har selv bedt kommunen om "
    "hjælp, fordi hun ikke længere kan nå ham. Malik har et fritidsjob i et supermarked tre aftener om ugen, "
    "hvor chefen roser ham for at være stabil. Han siger, at han vil være automekaniker og gerne vil flytte "
    "hjemmefra. Hans morbror, som han ser op til, har et autoværksted i en nabokommune. Malik har tidligere "
    "fået afslag på en efterskole, fordi fraværet var for højt.</p>" + FICTIONAL
)

MALIK_CASE = case("Case: Malik på 16 år – ungeplanen", MALIK_VIGNETTE, [
    (TASK_TRIANGLE,
     "<p><strong>Dagtilbud, skoleforhold og læring:</strong> droppet ud, afslag på efterskole (bekymring), et "
     "klart uddannelsesønske (ressource). <strong>Sundhedsforhold:</strong> hashforbruget og vendt døgnrytme "
     "(bekymring). <strong>Udvikling og adfærd:</strong> ønsket om at flytte hjemmefra og blive selvstændig – "
     "alderssvarende, men sårbart nu. <strong>Stimulering og vejledning:</strong> moren kan ikke længere sætte "
     "rammer (bekymring), men hun søger selv hjælp (ressource). <strong>Bolig, beskæftigelse og "
     "økonomi:</strong> fritidsjobbet, hvor han er stabil (ressource). <strong>Socialt netværk:</strong> "
     "morbroren med værkstedet (ressource).</p>"),
    (TASK_FUNNEL,
     "<p><strong>Bekymring:</strong> at Malik glider ud af uddannelse og ind i et fast hashforbrug, mens "
     "relationen til moren bryder sammen. Moren er bekymret; det er Malik måske ikke – spørg ham. "
     "<strong>Hypoteser:</strong> 1) Hashen dækker over mistrivsel eller ordblindhed, der har gjort skolen "
     "uoverskuelig. 2) Konflikten hjemme driver ham væk og ind i forbruget. 3) Jobbet, uddannelsesønsket og "
     "morbroren kan bære en plan, hvis Malik selv er med. <strong>Tragtning:</strong> Dagtilbud, skoleforhold "
     "og læring (tidligere skoles statusudtalelse, ordblindetest), Sundhedsforhold (forbruget – tilbud om "
     "samtale i kommunens ungerådgivning), Stimulering og vejledning og Socialt netværk. Lad Trygt "
     "omsorgsmiljø ligge ud over en kort afklaring: Der er ikke tegn på, at moren ikke kan give omsorg; det er "
     "rammerne, der er svære.</p>"),
    ("Malik er 16 år. Hvad betyder det for hans rettigheder, og hvad skal ungeplanen rumme?",
     "<p>Malik er fyldt 10 år og udøver selv partsbeføjelser i sagen (Barnets lov § 3): Han skal høres, have "
     "aktindsigt og kan klage over afgørelser om indsatser. Han kan tage en bisidder med. Fordi han er fyldt "
     "15 år, udarbejdes en <strong>ungeplan</strong> i stedet for barnets plan, og den skal forholde sig til "
     "overgangen til voksenlivet: uddannelse og beskæftigelse, bolig, sundhed og netværk. Planen skrives "
     "sammen med Malik og i hans sprog.</p>"),
    (TASK_SMART,
     "<p>1) Inden 1. august er Malik optaget på et grundforløb eller en forberedende uddannelse (FGU) med "
     "retning mod mekaniker; UU-vejlederen og Malik følger op hver anden uge. 2) Om to måneder har Malik holdt "
     "mindst fire samtaler i ungerådgivningen om sit forbrug og fortæller selv på opfølgningsmødet, hvordan det "
     "går. Morbroren tilbyder en uges praktik på værkstedet i juni; det aftales med Malik og moren.</p>"),
])

# --- Liva, 7 år, med handicap (grundkursus dag 3: netværksinddragelse) ------------------------------

LIVA_VIGNETTE = (
    "<p><strong>Liva, 7 år</strong>, har cerebral parese og epilepsi. Hun går i 1. klasse på en specialskole, "
    "bruger kørestol og taler med få ord og en taleapp. Forældrene, Mette og Jens, søger om aflastning og om "
    "dækning af merudgifter. De fortæller, at de er udmattede: Liva har anfald om natten, og de skiftes til at "
    "sove i hendes værelse. Storebror Viktor på 11 år er begyndt at trække sig; hans lærer har fortalt, at han er "
    "ked af det. Skolen beskriver Liva som glad og nysgerrig, og hun elsker ridefysioterapi om onsdagen. Livas "
    "moster er sygeplejerske og har tilbudt at hjælpe, men forældrene vil ikke »være til besvær«.</p>" + FICTIONAL
)

LIVA_CASE = case("Case: Liva på 7 år og hendes familie", LIVA_VIGNETTE, [
    (TASK_TRIANGLE,
     "<p><strong>Sundhedsforhold:</strong> cerebral parese og epilepsi med anfald om natten. <strong>Udvikling "
     "og adfærd:</strong> glad og nysgerrig, kommunikerer med ord og taleapp (ressource). <strong>Dagtilbud, "
     "skoleforhold og læring:</strong> specialskole, der kender hende godt (ressource). <strong>Fritidsforhold "
     "og venskaber:</strong> ridefysioterapien (ressource). <strong>Trygt omsorgsmiljø:</strong> forældrene "
     "dækker hendes behov, men er udmattede (bekymring for holdbarheden). <strong>Understøttelse af "
     "relationer:</strong> Viktor trækker sig (bekymring – for ham selv og for søskenderelationen). "
     "<strong>Socialt netværk:</strong> mosteren, som har tilbudt hjælp (ressource, der ikke er i brug).</p>"),
    (TASK_FUNNEL,
     "<p><strong>Bekymring:</strong> at forældrenes kræfter slipper op, så Livas og Viktors behov ikke kan dækkes "
     "på sigt. Forældrene er selv bekymrede. <strong>Hypoteser:</strong> 1) Nattevagterne er hovedårsagen til "
     "udmattelsen; med aflastning og hjælp om natten kan familien klare hverdagen. 2) Viktor får for lidt plads, "
     "og hans mistrivsel vokser. 3) Netværket kan bære mere, hvis forældrene får hjælp til at bede om det. "
     "<strong>Tragtning:</strong> Trygt omsorgsmiljø (nætterne), Understøttelse af relationer (Viktor – tal "
     "med ham selv), Socialt netværk og Sundhedsforhold (neurologens vurdering af anfaldene og "
     "hjælpemidler). Lad Dagtilbud, skoleforhold og læring ligge ud over skolens korte statusudtalelse: Liva "
     "trives i skolen. En ansøgning om aflastning kræver ikke en bred undersøgelse af hele familien.</p>"),
    (TASK_SMART,
     "<p>1) Inden to måneder har familien aflastning to weekender om måneden og hjælp tre nætter om ugen, så "
     "hver forælder sover mindst fire hele nætter om ugen; forældrene melder tilbage til sagsbehandleren efter "
     "en måned. 2) Inden seks uger har Viktor én fast eftermiddag om ugen med en af forældrene eller mosteren, "
     "og han fortæller selv på opfølgningsmødet efter tre måneder, hvordan det går. Et netværksmøde med "
     "mosteren afholdes inden for en måned.</p>"),
])
