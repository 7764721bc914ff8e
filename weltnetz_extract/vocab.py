"""German cue lists as data: topics (the FACTS.md table), relation kinds, statuses, agreements, roles.

Patterns are regular expressions matched case-insensitively on a sentence unless noted. Keep them
about the language and the genre (press releases and portal pages of German states and towns).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache


@lru_cache(maxsize=4096)
def lowered(text: str) -> str:
    """``text`` lower-cased where that keeps every offset (it does for German and English), else as it is."""
    low = text.lower()
    return low if len(low) == len(text) else text


class Cue:
    """A case-insensitive cue, matched case-sensitively on the lower-cased text: Python's re is several times
    faster so. Offsets of a match are those of the text as written."""

    __slots__ = ("pattern", "_rx", "_rx_i", "_seen")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._rx = re.compile(pattern)
        self._rx_i = re.compile(pattern, re.I)
        self._seen: dict[str, re.Match[str] | None] = {}  # rules ask about the same sentence several times

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        if pos == 0 and text in self._seen:
            return self._seen[text]
        low = lowered(text)
        found = (self._rx if low is not text or text.islower() else self._rx_i).search(low, pos)
        if pos == 0:
            if len(self._seen) > 4096:
                self._seen.clear()
            self._seen[text] = found
        return found

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        low = lowered(text)
        return (self._rx if low is not text or text.islower() else self._rx_i).finditer(low)


_W = r"(?<![a-zäöüß])"  # start of a word or of a compound's first part

TOPIC_CUES: dict[str, str] = {
    "climate": r"klima|co2|treibhausgas|klimaneutral" + r"|climate|carbon|co2-neutral",
    "energy": r"energie|wasserstoff|photovoltaik|windkraft|solarenergie" + r"|energy|hydrogen|renewables",
    "mobility": r"(?<!jugend)(?<!schüler)(?<!studierenden)mobilität|verkehr|automobil|schienen|fahrzeug"
    + r"|mobility|(?<![a-zäöü])transport|automotive|transit",
    "digital": r"digitalisierung|digitale[nr]? (?:transformation|wandel|verwaltung)"
    + r"|digitali[sz]ation|digital transformation|informationstechnologie|cyber",
    "ai": r"künstliche[nr]? intelligenz" + r"|artificial intelligence",
    "robotics": r"robotik|roboter" + r"|robotics",
    "greentech": r"green ?tech|umwelttechn|ressourcenschonend|ressourcensparend|ressourceneffizien"
    + r"|clean ?tech|green technolog|environmental technolog",
    # "Pflege" is care, but "die Pflege der Beziehungen / sportlicher Kontakte" is keeping something up
    "health": r"gesundheit|medizin|pflege\b(?!\s+(?:der|des|von|vom|unserer|ihrer|seiner|\w+er)\b)|pflegekr|krankenh|"
    + r"rettungsdienst|klinik"
    + r"|health|medic|hospital",
    "science": r"wissenschaft|forschung|hochschul|universität|innovation" + r"|science|research|universit|innovation",
    "education": r"(?<!meinungs)(?<!regierungs)bildung|ausbildung|weiterbildung|"
    + _W
    + r"schul(?!d|t(?:e|en)?\b)|schüler|lehrkräfte|bildungs"
    + r"|education|schools?\b|vocational training|student|pupils?\b",
    "culture": _W + r"kultur|" + _W + r"kunst\b|künstler|museum|museen" + r"|(?<!agri)(?<!horti)cultur|\barts?\b",
    "youth": _W + r"jugend|junge[rn]? menschen" + r"|youth|young people",
    "civil_society": r"zivilgesellschaft|ehrenamt|bürgerschaftlich|graswurzel|nichtregierungsorganisation"
    + r"|civil society|volunteer",
    "economy": _W
    + r"wirtschaft(?!sminister)|"
    + _W
    + r"wirtschaftsministerium|außenwirtschaft|"
    + _W
    + r"handel\b|handelsbeziehung|export|gründungsförderung|start-?ups?\b|fachkräfte|hafenwirtschaft|"
    + r"maritime[nr]? wirtschaft|"
    + _W
    + r"industrie"
    + r"|econom|business|trade\b|ökonomisch|start-?up",
    "urban": r"stadtentwicklung|städtebau|stadtplanung|kommunalentwicklung"
    + r"|urban development|urban planning|urbanisierung|urbanization",
    "development": r"entwicklungszusammenarbeit|entwicklungs-zusammenarbeit|entwicklungspolitik"
    + r"|development cooperation|development policy|entwicklungspolitisch",
    "remembrance": r"gedenk|erinnerungsarbeit|erinnerungskultur|yad vashem|holocaust"
    + r"|remembrance|erinnerung|gedenk",
    "environment": _W
    + r"umwelt(?!techn)|naturschutz|nationalpark|"
    + _W
    + r"forst|agroforst|landwirtschaft|"
    + r"bioökonomie|agrar|artenschutz|biodiversität|natürliche[nr]? lebensgrundlagen|gewässer"
    + r"|grüne[nr]? (?:entwicklung|wachstum|transformation)"
    + r"|environment|ökologisch|nature conservation|agricultur|weinbau|forestry|green (?:development|growth)|"
    + r"\bfarming\b|wasserwirtschaft|water management",
    "security": r"polizei|innere[nr]? sicherheit|justiz|gerichtsbarkeit|katastrophenschutz"
    + r"|police|(?<!cyber)(?<!cyber-)(?<!it-)security|justice",
    "tourism": r"tourismus|touristi" + r"|touris",
}
# Matched case-sensitively on the lower-cased sentence (three times faster than re.I), except the
# abbreviations below, which only count in capitals on the sentence as written.
TOPIC_RES = {slug: re.compile(rx) for slug, rx in TOPIC_CUES.items()}
TOPIC_ABBREVIATIONS = {
    "digital": re.compile(r"\bIT\b"),
    "ai": re.compile(r"\bKI\b"),
    "mobility": re.compile(r"\bÖPNV\b|\bSPNV\b"),
}

# A sentence names fields of cooperation only where it talks about working together on them.
TOPIC_TRIGGER = re.compile(
    r"zusammenarbeit|kooperation|kooperier|bereich|themen|thema\b|themenfeld|schwerpunkt|zukunftsfeld|"
    r"sektor|projekt|partnerschaft|dazu (?:gehör|zähl)|zusammenarbeiten|austausch|mittelpunkt|handlungsfeld|bündnis|"
    r"netzwerk|allianz|koalition|coalition|alliance|beziehungen|gemeinsame[nm]? ziel|geht es (?:\w+ ){0,3}?um\b|"
    r"\bes geht (?:\w+ ){0,3}?um\b|unterzeichn|unterschrift|absichtserklärung|vereinbarung|memorandum|abkommen|"
    r"\barbeite[nt]\b[^.;]*\bzusammen\b|erstreckt sich|rolle\b|befasst sich|beschäftigt sich|widmet sich|"
    r"deals? with|address(?:es)?\b|at (?:its|their|the) (?:heart|core|cent(?:re|er))|"
    r"cooperat|co-operat|areas?\b|fields?\b|focus|projects?\b|exchange|partnership|work(?:s|ing)? together",
)  # matched on the lower-cased sentence

# Relation kinds -----------------------------------------------------------------------------------
STATE_CUE = Cue(
    r"landespartnerschaft|länderpartnerschaft|regionalpartnerschaft|partnerregion|partnerprovinz|"
    r"partnerpräfektur|partnerland\b|partnerstaat\b|partnerbundesstaat|"
    r"partnerschaftlich(?:e[nrms]?)?\s+(?:\w+\s+)?(?:zusammen|verbunden|verbindet)|"
    r"\bpartnerschaft(?:en)?\b|partnerschaftserklärung|partnerschaftsabkommen|partnerschaftsvertrag|"
    r"partnerschaftsvereinbarung|"
    r"partnerschaftliche[n]? beziehungen|partnerschaftsprovinz|regionenpartnerschaft|projektpartnerschaft|"
    r"partner regions?\b|partner provinces?\b|partner states?\b|\bpartnerships?\b|bilateral agreement|"
    r"sister[- ](?:states?|provinces?|regions?)\b|project-partnership"
)
# Cues that name a partnership of regions or states, never a twinning of towns.
STATE_ONLY_CUE = Cue(
    r"landespartnerschaft|länderpartnerschaft|regionalpartnerschaft|regionenpartnerschaft|partnerregion|"
    r"partnerprovinz|partnerpräfektur|partnerland\b|partnerstaat|partner regions?\b|partner provinces?\b|"
    r"partner states?\b|sister[- ](?:states?|provinces?|regions?)\b"
)
# Cue nouns that name the partner right after them ("der japanischen Partnerprovinz Kanagawa").
STATE_APPOSITION = re.compile(
    r"(?:Partnerregion|Partnerprovinz|Partnerpräfektur|Partnerland|Partnerstaat|Partnerbundesstaat|"
    r"partner region|partner province|partner state)(?:en)?\s+$"
)
MUNICIPAL_CUE = Cue(
    r"städtepartnerschaft|partnerstadt|partnerstädte|partnergemeinde|gemeindepartnerschaft|"
    r"kreispartnerschaft|partnerkreis|partnerlandkreis|städtefreundschaft|freundschaftsstadt|"
    r"jumelage|partnerkommune|kommunalpartnerschaft|solidaritätspartnerschaft|"
    r"sister[- ]cit(?:y|ies)|twin towns?|twinned with|town twinning|\btwinning\b|partner cit(?:y|ies)|partner towns?|"
    r"\bfreundschaft\s+mit\s+(?:der|dem)\s+(?:\w+\s+)?(?:stadt\s+|gemeinde\s+)?[a-zäöü]|"
    r"partnerschaftsurkunde|freundschaftsurkunde|freundschaftsvertrag|twinning (?:agreement|charter)"
)
TWINNED = Cue(r"twinned with|\bjumelage\b|twinning")
COOPERATION_CUE = Cue(
    r"(?:zusammenarbeit|kooperation|austausch|beziehungen)\s+(?:\w+\s+){0,3}?mit\b|"
    r"(?:zusammenarbeit|kooperation)\b|nationalpark-partnerschaft|nachbarländer|nachbarregion|"
    r"\b(?:arbeite[nt]|wirk(?:en|t)|kooperier(?:en|t))\b[^.;:]*?\bzusammen\b|\bgemeinsam mit\b|"
    r"verbindung(?:en)?\s+(?:von|zu|mit|zwischen)\b|(?:wichtige[rn]?|enge[rn]?|strategische[rn]?)\s+partner\b|"
    r"cooperat\w*\s+(?:\w+\s+){0,2}?with\b|co-operation with|relations with|\bties with|"
    r"\b(?:kontakte?|beziehungen)\s+(?:zu[mr]?|mit)\b|\bcontacts?\s+with\b|\bkooperier(?:en|t)\s+(?:eng|intensiv|seit)\b|"
    r"\bco-?operation\s+between\b"
)
JOINT_COMMISSION_CUE = Cue(
    r"gemischte[nr]?\s+(?:\w+)?kommission|regierungskommission|gemischte[nr]? ausschu|"
    r"gemischte[nr]? arbeitsgruppe|joint commission|intergovernmental commission|"
    r"\b(?!deutsch)[a-zäöü]+isch-[a-zäöü]+isch\w*\s+(?:regierungs)?(?:kommission|arbeitsgruppe)"
)
REPRESENTATION_CUE = Cue(
    r"kooperationsbüro|verbindungsbüro|\w*-?büro\b|\boffice\b|repräsentanz|landesvertretung|"
    r"german centres?|deutsche[sn]? (?:industrie- und )?handelszentr|außenstelle"
)
INSTITUTION_CUE = re.compile(r"\bDeutsch-[A-ZÄÖÜ]\w+?(?:e|es|er|en)\s+(?:Institut|Zentrum|Haus)\b")
# A list intro announcing the networks the home takes part in ("wirkt in mehreren Netzwerken mit:").
NETWORK_INTRO = Cue(r"netzwerk|mitglied|gremien|networks?\b|member")
NETWORK_NOUN = re.compile(r"(?:bündnis|netzwerk|koalition|coalition|allianz|initiative|verbund)\s*$", re.I)

# A partnership only sought, planned or talked about is no relation (yet).
PLANNED_CUE = Cue(
    r"\b(?:mögliche[nr]?|künftige[nr]?|geplante[nr]?|angestrebte[nr]?|denkbare[nr]?)\s+(?:\w+\s+)?"
    r"(?:partnerschaft|zusammenarbeit|kooperation|städtepartnerschaft)|"
    r"\b(?:partnerschaft|städtepartnerschaft|zusammenarbeit)\w*\s+[^.;]*?\b(?:ist|wird|sind)\s+(?:noch\s+)?"
    r"(?:im gespräch|in vorbereitung|geplant|angedacht|in planung)|"
    r"\bpossible\s+(?:new\s+|future\s+)?(?:partnership|cooperation|co-operation)|"
    r"\b(?:planned|prospective|proposed)\s+(?:partnership|sister)|\bno agreement has been reached|"
    r"möglichkeiten\s+(?:einer|der)\s+(?:\w+\s+)?(?:zusammenarbeit|kooperation|partnerschaft)\s+aus|"
    r"\bstreb\w*\s+(?:[^.;]*?\s)?(?:eine|die)\s+(?:\w+\s+)?\w*partnerschaft\s+an\b|"
    r"\b(?:seeks?|aims? to (?:establish|conclude))\s+(?:a\s+)?(?:\w+\s+)?(?:partnership|twinning)"
)

# Statuses -----------------------------------------------------------------------------------------
ACTIVE_CUE = Cue(
    r"\bpfleg(?:t|en|te|ten)\b|gepflegt|\bunterhält|\bunterhalten\b|\bbesteht\b|\bbestehen\b|bestehens\b|"
    r"\bverbinde[tn]?\b|verbunden\b|vertief|intensivier|ausbau|auszubauen|ausgebaut|\bstärk(?:t|en)\b|"
    r"stärkung|gestärkt|festig|fortführ|fortsetz|erneuer(?!bar)|lebendige[n]? partnerschaft|partnerschaftlich zusammen|"
    r"wiederaufzunehmen|wiederaufgenommen|jubiläum|feier(?:t|n|ten)\b|"
    r"\b(?:ist|sind)\s+(?:seit\s+\d{4}\s+)?(?:\w+\s+)?partner(?:region|provinz|land|stadt|staat)|"
    r"\bals mitglied\b[^.;]*\baktiv|\bvereinbart\b|bekräftig|verlänger|"
    r"\bmaintains?\b|\bmaintained\b|\benjoys?\b|deepen|strengthen|renew|\bactive\b"
)
# A relation is deepened, expanded or carried on: what makes even a cooperation without a treaty "active".
DEEPEN_CUE = Cue(
    r"vertief|intensivier|ausbau|auszubauen|ausgebaut|\bstärk(?:t|en)\b|stärkung|fortsetz|fortführ|fortzusetzen|"
    r"bekräftig|erneuer(?!bar)|\bseit\s+(?:dem\s+|der\s+)?(?:\w+\s+)?(?:1[89]\d\d|20\d\d)\b[^.;]*\b(?:arbeite[nt]|kooperier\w*)\b|"
    r"\b(?:arbeite[nt]|kooperier\w*)\s+(?:\w+\s+)?seit\s+(?:dem\s+jahr\s+)?(?:1[89]\d\d|20\d\d)\b|"
    r"deepen|strengthen|expand|intensif|continue|"
    r"\bestablished\s+(?:ties|relations|contacts|a\s+partnership|a\s+cooperation)\b|"
    r"(?:beziehungen|kontakte|zusammenarbeit|kooperation)\s+(?:[\wäöüß]+\s+){0,4}?aufgenommen\b|"
    # a signed declaration or memorandum on the cooperation starts or renews it
    r"(?:erklärung|memorandum|abkommen|vereinbarung|declaration|agreement)\w*(?:\s+of\s+understanding)?\s+"
    r"(?:über die|zur|zum|on|of)\s+(?:\w+\s+){0,2}?(?:zusammenarbeit|kooperation|cooperation|partnership)\b[^.;]*\b"
    r"(?:unterzeichnet|unterschrieben|signed)|"
    r"\b(?:unterzeichne\w*|signed)\b[^.;]*(?:erklärung|memorandum|abkommen|vereinbarung|declaration|agreement)\w*\s+"
    r"(?:über die|zur|zum|on|of)\s+(?:\w+\s+){0,2}?(?:zusammenarbeit|kooperation|cooperation|partnership)"
)
# A status is about a relation only where the sentence names one ("dessen Amtszeit endete" ends no partnership).
RELATION_WORD = Cue(
    r"partnerschaft|zusammenarbeit|kooperation|kontakt|beziehung|austausch|freundschaft|partner|verbindung|"
    r"jumelage|mitgliedschaft|kommission|twinning|relationship|cooperation|co-operation|agreement|membership|"
    r"contacts?\b|exchanges?\b|\bties\b|friendship|\brelations\b|netzwerk|network|bündnis|alliance"
)
# A pause that is over: "ruht nicht mehr", "wurde wieder aufgenommen" (checked before DORMANT_CUE).
RESUMED_CUE = Cue(
    r"\bruh(?:t|en)\s+(?:\w+\s+){0,3}?nicht\s+mehr\b|"
    r"\bnicht\s+mehr\s+(?:\w+\s+){0,2}?(?:ausgesetzt|eingefroren|auf eis)|"
    r"wieder\s+aufgenommen|wiederaufgenommen|wiederbelebt|wieder\s+belebt|\brevived\b|\bresumed\b|\breactivated\b"
)
DORMANT_CUE = Cue(
    r"\bruh(?:t|en|end|ende|enden)\b|ausgesetzt|auf eis|eingefroren|suspendiert|auszusetzen|"
    r"\bsuspended\b|\bdormant\b|on hold|\binaktiv\b|\binactive\b|\bfrozen\b|"
    r"\bnicht\s+(?:mehr\s+)?aktiv\b|\bno longer active\b|\bto suspend\b|\bsuspends?\b"
)
ENDED_CUE = Cue(
    r"\bbeendet|aufgelöst|gekündigt|\bendete\b|bestand bis|ein ende bereitet|auslaufen lassen|ausgelaufen|"
    r"\bterminated\b|came to an end|\bended\s+in\b|\bdiscontinued\b|\bdissolved\b|\beingestellt\b|"
    r"aufgekündigt|\bwas ended\b|\bzu beenden\b|\baufzulösen\b|\bto (?:end|terminate|dissolve)\b|"
    r"\bausgetreten\b|\baustritt\b|\bwithdrew from\b|\bleft the\b"
)

# Since ---------------------------------------------------------------------------------------------
FOUNDING_CUE = Cue(
    r"gegründet|begründet|gründung|initiiert|ins leben gerufen|besiegelt|aus der taufe|geschlossen|"
    r"\bgeh(?:t|en)\s+auf\s+(?:ein|eine|einen|das|die|den)\b[^.;]*?\bzurück\b|zurückgeh|"
    r"grundstein\b[^.;]{0,60}?\bgelegt|gründungsmitglied|\bkam\b[^.;]*\bhinzu\b|hinzugekommen|"
    r"\bbeschluss\s+(?:zur|über die)\s+\w*partnerschaft|"
    r"\b(?:was|were|been)\s+(?:established|founded|launched|signed)|\bestablished\s+in\b|"
    r"\bbegonnen\w*|\bbegann\b|(?<!wieder)(?<!wieder )aufgenommen\b|\beingerichtet\b|\b(?:was|were)\s+set up\b|"
    r"\b(?:began|started|formali[sz]ed)\s+in\b|\bdat(?:es|ing)\s+(?:back\s+)?(?:from|to)\b|\bgoes\s+back\s+to\b|"
    r"\bestablished\s+(?:ties|relations|contacts|a\s+partnership|a\s+cooperation)\b"
)
# A partner of an event, not of the region: "Partnerland der Hannover Messe", "Gastregion des Festivals".
EVENT_PARTNER = re.compile(
    r"\b(?:partner|gast)(?:land|region|stadt|staat)\w*\s+(?:der|des|beim|bei der|auf der|für die|für das)\s+"
    r"[^.;]*?(?:messe|festival|ausstellung|expo\b|schau\b|woche\b|tage\b|spiele\b|kongress|gipfel|biennale|fest\b)",
    re.I,
)
# A standing commission that meets is kept up.
COMMISSION_MEETING = Cue(
    r"\btag(?:t|te|ten|en)\b|getagt|\bsitzung|zusammengekommen|zusammengetreten|zusammenkunft|kam\w*\s+[^.]*zusammen|"
    r"\bmeets?\b|\bmet\b|\bsession"
)
EXISTENCE_CUE = Cue(
    r"besteht|bestehen|pflegt|pflegen|unterhält|verbindet|verbunden|mitglied|mitarbeit|beteiligt|angehör|\bpartner|"
    r"partnerschaft\w*\s+(?:\w+\s+){0,2}?seit|\btag(?:t|en)\b|\barbeite[nt]?\b[^.;]*\bzusammen\b|kooperier|"
    r"\bsister\b|\bpartners?\b|relationship|\bmember\b|maintain|cooperat|twinned"
)

# Agreements ----------------------------------------------------------------------------------------
SIGN_CUE = re.compile(
    r"unterzeichn|unterschrieb|unterschreib|unterschrift|signiert|besiegelt|paraphiert|\bsign(?:ed|ing|s)?\b",
    re.I,
)
AGREEMENT_NOUN = re.compile(
    r"(?:(?:[Gg]emeinsame[snr]?|[Oo]ffizielle[snr]?|[Uu]mfassende[snr]?|[Nn]eue[snr]?)\s+)?"
    r"(?:[A-ZÄÖÜ][\w-]*?)?(?:[Mm]emorandum(?: of Understanding)?|[Aa]bsichtserklärung|[Ee]rklärung|[Vv]ereinbarung|"
    r"[Aa]bkommen|[Vv]ertrag(?!s)|[Uu]rkunde|Charta|Protokoll|Positionspapier|Position|Letter of Intent|\bMoU\b|"
    r"\bMOU\b)"
    r"(?:es|s)?(?:\s+(?:über die|zur weiteren|zur) Zusammenarbeit)?"
    r"|(?:(?:[Bb]ilateral|[Jj]oint|[Nn]ew|[Ff]riendship|[Pp]artnership|[Cc]ooperation)\s+)?"
    r"(?:[Mm]emorand(?:um|a) of [Uu]nderstanding|[Aa]greements?|[Dd]eclarations?|[Tt]reaty|[Ll]etters? of [Ii]ntent|"
    r"[Cc]harter)\b"
)
FOUNDING_AGREEMENT = re.compile(r"partnerschaft|zusammenarbeit|freundschaft", re.I)

# People --------------------------------------------------------------------------------------------
ROLE_WORD = (
    r"(?:[A-ZÄÖÜ][a-zäöüß]+)?(?:[Mm]inisterpräsident|[Pp]räsident|[Mm]inister|[Ss]taatssekretär|[Gg]ouverneur|"
    r"[Bb]otschafter|[Bb]ürgermeister|[Kk]onsul|Landrat|Landrätin|Marschall|Woiwode|Premierminister|"
    r"Chief Minister|Vorstand|Vorsitzender|Vorsitzende|Regierungschef|Generalkonsul|Beauftragter|Beauftragte)"
    r"(?:in|innen|en|s)?"
)
HOME_ROLES = re.compile(r"ministerpräsident|staatssekretär|landtag|minister|landrat|landrätin", re.I)

# Teaser lists and navigation -----------------------------------------------------------------------
TEASER_MARKERS = re.compile(
    r"^(?:weitere meldungen|aktuelle meldungen|weitere pressemitteilungen|das könnte sie auch interessieren|"
    r"mehr zum thema|verwandte (?:meldungen|artikel|themen)|ähnliche (?:meldungen|artikel)|weitere artikel|"
    r"weitere nachrichten|related news|neueste meldungen)\s*:?$",
    re.I,
)
BOILERPLATE = re.compile(
    r"^(?:berechne lesezeit|•?\s*teilen|direkt zum inhalt|zum seitenanfang|link dieser seite:?|/+|drucken|"
    r"nach oben|zurück|teilen:?|seite teilen|falls sie ihre e-mail.*|\*+|-+|inhalt|navigation|menü|suche)$",
    re.I,
)
