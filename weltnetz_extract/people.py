"""Stage 6, people: named people with their role and the region or body they act for.

A person is a name the text introduces as one, in German or English:
- a role before the name: "Ministerpräsident Winfried Kretschmann", "Ontarios Premier Dalton McGuinty",
  "Herr Bürgermeister Deffner", "Governor Jane Doe", "Minister für Finanzen und Wirtschaft Nils Schmid";
- a role after it: "Elita Kuzma, Botschafterin der Republik Lettland", "Edith Schreiner, Offenburger
  Oberbürgermeisterin", "Giulia Bergamo (Präsidentin der Region Venetien)";
- a role phrase and the name as its apposition: "der Gouverneur von Kalifornien, Edmund G. „Jerry“ Brown Jr.",
  "der Minister für Bundesrat, Europa und internationale Angelegenheiten, Peter Friedrich";
- a form of address or title: "Frau Gretl Schneider", "Herrn Gismondi", "Dr. Peter Beckers";
- a name list of a photo ("v.l.n.r.", "von links nach rechts") or a list "Name, Verein; Name, Verein";
- coordinated names after a plural role: "den Abgeordneten Reinhold Gall und Karl Rombach";
- a self-introduction: "ich heiße Andrea", "my name is ...".
Photo credits, sources and bylines ("(Foto: S. Arnold)", "© Name", "Text: Name") name no one acting for anything.
Titles and suffixes are no part of a name ("Dr.", "Herrn", "MdB", "Jr."); a nickname in quotes is the name
used ("Edmund G. „Jerry“ Brown Jr." is Jerry Brown); a bare surname is the person named in full elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Document
from .facts import Evidence, Person
from .gazetteer import default_gazetteer
from .lexicon import german_pos
from .mentions import Mentions
from .segment import Segments, Sentence

_UPPER = "".join(chr(c) for c in (*range(0x41, 0x250), *range(0x1E00, 0x1F00)) if chr(c).isupper())
_CAP = rf"(?!(?:Dr|Prof|Herrn?|Frau|Mr|Mrs|Ms|Sir|Dame)\b)[{_UPPER}][\w’'\-]*\w"
_PARTICLE = r"(?:von|van|de|di|da|du|del|della|der|den|zu|ten|ter|la|le|al|bin|ibn|dos|das)"
_TITLE = r"(?:(?:Dr|Prof|Dipl\.-Ing|Mag|Ing)\.?\s+|Dr\.\s*h\.\s*c\.\s+)"
_ADDRESS = r"(?:Herrn?|Frau|Mr\.?|Mrs\.?|Ms\.?|Monsieur|Madame|Sir|Dame)"
_SUFFIX = r"(?:\s+(?:Jr\.?|Sr\.?|MdB|MdL|MdEP|MEP|MP|III|II))?"
# A name: two to four capitalised words (particles and initials between them), an optional nickname in quotes.
_NAME = (
    rf"(?P<name>{_CAP}(?:\s+(?:[{_UPPER}]\.\s+)?[„\"“‚](?P<nick>{_CAP})[“\"”‘])?"
    rf"(?:\s+(?:{_PARTICLE}\s+)?(?:[{_UPPER}]\.\s+)?{_CAP}){{1,3}}){_SUFFIX}"
)
_ONE = rf"(?P<name>{_CAP}){_SUFFIX}"  # a bare surname, only after a form of address

_ROLE_STEM = (
    r"(?i:präsident|minister|sekretär|bürgermeister|direktor|botschafter|konsul|gouverneur|kanzler|abgeordnete|"
    r"vorsitzende|leiter|beauftragte|bevollmächtigte|sprecher|marschall|woiwode|präfekt|dekan|bischof|pfarrer|"
    r"rektor|vorstand|geschäftsführer|ehrenbürger|stadtrat|stadträt|landrat|landrät|bezirksrat|gemeinderat|"
    r"senator|oberhaupt|intendant|koordinator|referent|mitglied|regierungschef|adjoint|maire|governor|"
    r"premier|mayor|president|ambassador|secretary|chancellor|commissioner|chairman|chairwoman|councillor)"
)
# Cheap test on the lower-cased sentence before the role patterns run (most sentences name no role).
_GEN_BEFORE = re.compile(r"\b([A-ZÄÖÜ][\w\-]+)s\s+(?:[a-zäöü][\w\-]*\s+)?$")  # "Rigas (langjähriger) Stadtdirektor"
_ADDRESS_HINT = re.compile(r"\b(?:Herr|Frau|Mr|Mrs|Ms|Monsieur|Madame|Sir|Dame|Dr|Prof|Dipl|Mag|Ing)\b")
_ROLE_HINT = re.compile(_ROLE_STEM[4:-1] + "|mdl|mdb|mdep|chief minister|prime minister")
_ROLE_CORE = (
    r"(?:(?:[A-ZÄÖÜ][\wäöüß]*-,?\s+(?:und\s+)?)*(?=[A-ZÄÖÜ])[\wäöüß\-]*?" + _ROLE_STEM + r"(?:in|innen|en|n|s|e|er|es)?"
    r"|MdL|MdB|MdEP|Chief Minister|Prime Minister)"
)
_ROLE = rf"(?P<role>{_ROLE_CORE})"
_ROLE_RE = re.compile(_ROLE_CORE)
# Words before a role: "damalige", "langjähriger", "Offenburger", "Erster", "Deuxième" (not "deren Mitglied").
_LEAD_ADJ = (
    r"(?:(?:(?!deren|dessen|denen)[a-zäöü]+(?:e|er|en)|[A-ZÄÖÜ]\w+er|Erste[rn]?|Zweite[rn]?|"
    r"Deuxi[eè]me|Quatri[eè]me|Premi[eè]re?)\s+)*"
)
_GEN_PLACE = r"(?:(?P<gen>[A-ZÄÖÜ][\w\-]+)s\s+)?"

_ROLE_NAME = re.compile(
    rf"(?:{_ADDRESS}\s+)?{_ROLE}\s+(?:(?:der|des|von|vom|für|of|for)\s+[^,;:()„“\"]{{2,80}}?\s+)?"
    rf"(?:{_ADDRESS}\s+)?{_TITLE}*{_NAME}"
)
_NAME_ROLE = re.compile(
    rf"{_TITLE}*{_NAME}\s*(?:,\s+|\(|\s+(?:zum|zur|als|as)\s+)(?:der\s+|die\s+|des\s+|the\s+)?{_GEN_PLACE}"
    rf"(?P<role>{_LEAD_ADJ}{_ROLE_CORE}[^,;()]*)"
)
_ROLE_OF_NAME = re.compile(
    rf"{_ROLE}\s+(?:der|des|von|vom|für|im|in|aus|of|for|at)\s+(?P<of>[^;:()]{{2,100}}?),\s+"
    rf"(?:{_ADDRESS}\s+)?{_TITLE}*{_NAME}(?=\s*(?:[,;.)(]|und\b|and\b|sowie\b|$))"
)
_ADDRESSED = re.compile(rf"\b{_ADDRESS}\s+(?:{_ROLE}\s+)?{_TITLE}*{_NAME}")
_ADDRESSED_ONE = re.compile(
    rf"\b{_ADDRESS}\s+(?:{_ROLE}\s+)?{_TITLE}*{_ONE}(?=\s*[,;.)]|\s+(?:und|sowie|an|in|zu|ruft|hält|begr\w+)\b)"
)
_TITLED = re.compile(rf"(?<![\w.]){_TITLE}+{_NAME}")
_SELF = re.compile(rf"\b(?:ich hei(?:ß|ss)e|mein Name ist|my name is)\s+{_ONE}", re.I)
_CREDIT = re.compile(
    r"\(?\b(?:Fotos?|Bilder?|Photos?|Quelle|Text|Autor(?:in)?|Credits?|Grafik|Illustration)\s*:[^)\n]*\)?|©[^)\n]*",
)
_PHOTO_LIST = re.compile(r"v\.\s*l\.\s*n\.\s*r\.|von links(?: nach rechts)?|from left|hintere Reihe|vordere Reihe")
_NOUNISH = re.compile(r"(?:ung|heit|keit|schaft|tion|ität|ismus|ment|ium|tum|chen|nis|gebiet|land|stadt)$")
_STOP = set(
    "Der Die Das Den Dem Des Ein Eine Einer Einem Im In Am An Auf Aus Bei Mit Und Für Von Vom Zum Zur Nach "
    "Sehr Damen Herren Herr Herrn Frau Land Landes Landtag Stadt Region Provinz Staat Republik Europa Bund "
    "Ministerium Staatsministerium Regierung Kommission Delegation Partnerstadt Partnerregion Präfektur Ehren "
    "Januar Februar März April Mai Juni Juli August September Oktober November Dezember Montag Dienstag "
    "Mittwoch Donnerstag Freitag Samstag Sonntag Sonnabend The Of And State Free Members Member Government "
    "Amt Auswärtigen Affairs International European Development Economic Foreign Federal National Regional "
    "Parliament Province Cabinet Ministry Department Office Auch Dazu Zudem Damals Heute".split()
)
_HOME_ROLE = re.compile(r"ministerpräsident|staatsminister|staatssekretär|landtag|minister|landrat|landrät|mdl", re.I)


@dataclass(slots=True)
class People:
    items: list[Person]


def _tokens_ok(words: list[str]) -> bool:
    """No word of a name is a function word, a noun by its suffix, a role, a country, or (before the surname) a
    region: a surname may be a small place's name too ("Kuzma")."""
    gaz = default_gazetteer()
    for i, w in enumerate(words):
        if re.fullmatch(_PARTICLE, w) or re.fullmatch(rf"[{_UPPER}]\.", w):
            continue
        if w in _STOP or _NOUNISH.search(w.lower()) or _ROLE_RE.fullmatch(w) or not w[0].isupper():
            return False
        p = gaz.lookup(w)
        if p is not None and (p.type == "country" or (p.type == "region" and i < len(words) - 1)):
            return False
    return True


def clean_name(raw: str, nick: str | None, single: bool = False) -> str | None:
    """The name as written, without titles, forms of address and suffixes, invalid leading words dropped; a
    nickname in quotes with the surname; None where what is left is no name."""
    text = re.sub(r"[„\"“”‚‘]", " ", raw) if nick is None else raw
    words = [w for w in re.split(r"\s+", text.strip().rstrip(".,;:")) if w]
    words = [w for w in words if not re.fullmatch(r"(?:Dr|Prof|Herrn?|Frau|Jr|Sr|MdB|MdL|MdEP|MEP|MP|II|III)\.?", w)]
    if nick is not None:
        words = [nick, words[-1]]
    while words and (
        re.fullmatch(_PARTICLE, words[0])
        or (len(words) > 1 and not _tokens_ok(words[:1]))
        or (len(words) > 2 and german_pos(words[0]) != "NE")  # "Stadtoberhäupter Edith Schreiner"
    ):
        words = words[1:]
    if not words or (len(words) < 2 and not single) or not _tokens_ok(words):
        return None
    if re.fullmatch(rf"[{_UPPER}]\.", words[-1]) or (len(words) == 1 and len(words[0]) < 3):
        return None
    name = " ".join(words)
    return None if default_gazetteer().lookup(name, cities=True) is not None else name


def _affiliation(role: str, gen: str | None, home: str) -> str | None:
    """The region or body a role names ("Präsident der Region Venetien", "Ontarios Premier", "Offenburger
    Oberbürgermeisterin", "israelischen Außenminister"), else the home region for the home government's roles."""
    gaz = default_gazetteer()
    if gen and gaz.lookup(gen, cities=True) is not None:
        return gen
    for m in re.finditer(
        r"\b(?:der|des|von|vom|in|im|of|aus)\s+(?:(?:Region|Stadt|Partnerstadt|Provinz|Republik|Staates|Präfektur|"
        r"Woiwodschaft|Freistaates|Landes|Kantons|State of|Province of|Free State of|City of)\s+)?"
        r"(?P<p>[A-ZÄÖÜ][\w\-]+(?:\s[A-ZÄÖÜ][\w\-]+)?)",
        role,
    ):
        for cand in (m["p"], m["p"].split()[0]):
            if gaz.lookup(cand) is not None:
                return cand
    for m in re.finditer(r"\b([A-ZÄÖÜ][\w\-]+)er\b", role):
        if (p := gaz.lookup(m.group(1), cities=True)) is not None and p.type == "city":
            return m.group(1)
    adj = re.search(r"\b([a-zäöü\-]+isch\w*)\s", role + " ")
    if adj and gaz.adjective_country(adj.group(1)):
        return adj.group(1)
    return home if _HOME_ROLE.search(role) else None


@dataclass(slots=True)
class _Collector:
    home: str
    found: dict[str, Person]
    covered: list[tuple[int, int]]  # appositions found in this sentence: no other name inside them

    def add(
        self, m: re.Match[str], role: str | None, s: Sentence, single: bool = False, gen: str | None = None
    ) -> None:
        if any(a <= m.start("name") < b for a, b in self.covered):
            return
        name = clean_name(m["name"], m.groupdict().get("nick"), single)
        if name is None:
            return
        role = re.sub(r"\s+", " ", role).strip(" ,.;:") if role else None
        aff = _affiliation(role, gen, self.home) if role else None
        known = self.found.get(name)
        if known is None:
            self.found[name] = Person(name, role, aff, Evidence(s.text, s.start, s.end))
        elif known.role is None and role:  # "Dr. Horst Ebel" first, "Horst Ebel, Heimatverein Olten" later
            known.role, known.affiliation = role, aff or role


def _photo_list(text: str, s: Sentence, col: _Collector) -> None:
    """Names in the list of a photo ("v.l.n.r.") or a list "Name, Verein; Name, Verein": each item that starts
    with a first and a last name (HanTa reads the first as a proper name)."""
    if not (_PHOTO_LIST.search(text) or text.count(";") >= 2):
        return
    items = re.split(r"\s*;\s*", text) if text.count(";") >= 2 else re.split(r"\s*,\s*(?:und\s+)?|\s+und\s+", text)
    head = re.compile(rf"^(?:.*:\s*)?{_TITLE}*{_NAME}")
    for item in items:
        m = head.match(item)
        if m and german_pos(m["name"].split()[0]) == "NE":
            rest = item[m.end() :].strip(" ,")
            col.add(m, rest or None, s)


def _coordinated(text: str, m: re.Match[str], role: str, s: Sentence, col: _Collector) -> None:
    """The second name after a plural role: "den Abgeordneten Reinhold Gall und Karl Rombach"."""
    if m["role"].endswith(("en", "innen")):
        more = re.compile(rf"\s*(?:,|und|sowie)\s+{_TITLE}*{_NAME}").match(text, m.end())
        if more:
            col.add(more, role, s)


def _sentence_people(text: str, s: Sentence, col: _Collector) -> None:
    col.covered = []
    lower = text.lower()
    if _ROLE_HINT.search(lower):
        _role_people(text, s, col)
    if _ADDRESS_HINT.search(text):
        for m in _ADDRESSED.finditer(text):
            col.add(m, m["role"], s)
        for m in _ADDRESSED_ONE.finditer(text):
            col.add(m, m["role"], s, single=True)
        for m in _TITLED.finditer(text):
            col.add(m, None, s)
    if "hei" in lower or "name" in lower:
        for m in _SELF.finditer(text):
            col.add(m, None, s, single=True)
    _photo_list(text, s, col)


def _genitive(text: str, at: int) -> str | None:
    """The place in a genitive right before a role: "Ontarios Premier", "Altenburgs langjähriger"."""
    m = _GEN_BEFORE.search(text, max(0, at - 60), at)
    return m.group(1) if m else None


def _role_people(text: str, s: Sentence, col: _Collector) -> None:
    """The patterns around a role word, the apposition after a role phrase first."""
    for m in _ROLE_OF_NAME.finditer(text):
        role = f"{m['role']} {text[m.start('role') + len(m['role']) : m.start('of')]}{m['of']}"
        col.add(m, role, s, gen=_genitive(text, m.start()))
        col.covered.append((m.start(), m.start("name")))
        _coordinated(text, m, role, s, col)
    for m in _ROLE_NAME.finditer(text):
        col.add(m, m["role"], s, gen=_genitive(text, m.start("role")))
        _coordinated(text, m, m["role"], s, col)
    for m in _NAME_ROLE.finditer(text):
        col.add(m, m["role"], s)


def people(doc: Document, seg: Segments, men: Mentions, home: str) -> People:
    """Every named person, once, with the role and affiliation of their first introduction."""
    col = _Collector(home, {}, [])
    for s in seg.sentences:
        text = s.text
        if ":" in text or "©" in text:
            text = _CREDIT.sub(lambda m: " " * len(m.group(0)), text)
        _sentence_people(text, s, col)
    full = [n for n in col.found if " " in n]
    for name in [n for n in col.found if " " not in n]:  # "Herr Deffner" is Thomas Deffner where named in full
        if any(f.split()[-1] == name for f in full):
            del col.found[name]
    return People(list(col.found.values()))
