"""Default German content of the pages a German public body must have; editors change it in the admin."""

IMPRINT = """
<h2>Herausgeber</h2>
<p>Staatsministerium Baden-Württemberg<br/>Richard-Wagner-Straße 15<br/>70184 Stuttgart</p>
<p>Das Staatsministerium wird vertreten durch den Ministerpräsidenten des Landes Baden-Württemberg.</p>
<h2>Kontakt</h2>
<p>E-Mail: poststelle@stm.bwl.de</p>
<h2>Verantwortlich für den Inhalt</h2>
<p>Referat Internationale Angelegenheiten (Anschrift wie oben).</p>
<h2>Haftung für Inhalte und Links</h2>
<p>Die Inhalte dieses Portals werden aus einem Register erzeugt, in dem jede Angabe ihre Quelle nennt. Für die Inhalte
verlinkter Seiten anderer Anbieter sind deren Betreiber verantwortlich.</p>
<h2>Offene Daten</h2>
<p>Die Daten des Registers stehen über die offene Schnittstelle (API) zur Weiterverwendung bereit.</p>
"""

PRIVACY = """
<h2>Verantwortliche Stelle</h2>
<p>Verantwortlich für die Verarbeitung personenbezogener Daten auf diesem Portal ist das Staatsministerium
Baden-Württemberg (Anschrift siehe Impressum).</p>
<h2>Keine Dienste Dritter</h2>
<p>Dieses Portal lädt keine Inhalte von anderen Servern: keine Schriftarten, keine Kartenkacheln, keine
Skripte, keine Statistik- oder Analysedienste. Die Karte wird aus eigenen Dateien gezeichnet. Die
Teilen-Schaltflächen sind einfache Links; erst wenn Sie einen davon anklicken, verlassen Sie dieses Portal.</p>
<h2>Server-Protokolle</h2>
<p>Beim Aufruf einer Seite verarbeitet der Server technisch notwendige Daten (IP-Adresse, Zeitpunkt, aufgerufene
Adresse), um die Seite auszuliefern und die Sicherheit des Betriebs zu gewährleisten (Art. 6 Abs. 1 lit. e DSGVO).</p>
<h2>Cookies</h2>
<p>Öffentliche Seiten setzen keine Cookies. Nur beim Absenden eines Formulars wird ein technisch notwendiges
Cookie zum Schutz vor Missbrauch (CSRF) gesetzt;
angemeldete Redakteurinnen und Redakteure erhalten ein Sitzungs-Cookie.</p>
<h2>Feedback-Formular</h2>
<p>Wenn Sie uns über das Formular in der Erklärung zur Barrierefreiheit schreiben, speichern wir Ihre Angaben,
um Ihr Anliegen zu bearbeiten, und löschen sie, wenn sie dafür nicht mehr erforderlich sind.</p>
<h2>Ihre Rechte</h2>
<p>Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung und Widerspruch sowie
das Recht auf Beschwerde beim Landesbeauftragten für den Datenschutz und die Informationsfreiheit Baden-Württemberg.</p>
"""

ACCESSIBILITY = """
<p>Das Staatsministerium Baden-Württemberg ist bemüht, dieses Portal im Einklang mit dem
Landes-Behindertengleichstellungsgesetz (L-BGG) barrierefrei zugänglich zu machen. Maßstab sind die
Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) und die Web Content Accessibility Guidelines (WCAG) 2.1,
Stufe AA.</p>
<h2>Stand der Vereinbarkeit mit den Anforderungen</h2>
<p>Dieses Portal ist weitgehend mit den Anforderungen vereinbar. Jede Seite hat einen Link zum Überspringen der
Navigation, Überschriften und Landmarken, einen sichtbaren Tastaturfokus und Kontraste nach Stufe AA. Die Karte
hat eine Tabelle mit demselben Inhalt.</p>
<h2>Nicht barrierefreie Inhalte</h2>
<p>Angehängte Dokumente (PDF) von Partnern sind möglicherweise nicht vollständig barrierefrei.</p>
<h2>Erstellung dieser Erklärung</h2>
<p>Diese Erklärung beruht auf einer Selbstbewertung.</p>
<h2>Feedback und Kontakt</h2>
<p>Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen? Dann schreiben Sie uns über das Formular unten.</p>
<h2>Schlichtungsverfahren</h2>
<p>Wenn auch nach Ihrem Feedback keine zufriedenstellende Lösung gefunden wird, können Sie sich an die
Ombudsstelle bei der Landes-Behindertenbeauftragten Baden-Württemberg wenden.</p>
"""

THANK_YOU = "<p>Vielen Dank für Ihre Rückmeldung. Wir melden uns, wenn Sie uns eine Kontaktadresse genannt haben.</p>"

# (label, field type, required, help text) of the accessibility feedback form.
FEEDBACK_FIELDS = [
    ("Wo ist Ihnen die Barriere begegnet? (Seite oder Adresse)", "singleline", False, ""),
    ("Beschreibung der Barriere", "multiline", True, ""),
    ("Ihr Name", "singleline", False, "freiwillig"),
    ("Ihre E-Mail-Adresse", "email", False, "freiwillig, wenn Sie eine Antwort wünschen"),
]


# English translations of the pages above (Wagtail page translations in the /en/ tree).
IMPRINT_EN = """
<h2>Publisher</h2>
<p>State Ministry of Baden-Württemberg (Staatsministerium Baden-Württemberg)<br/>Richard-Wagner-Straße 15<br/>
70184 Stuttgart, Germany</p>
<p>The State Ministry is represented by the Minister-President of the State of Baden-Württemberg.</p>
<h2>Contact</h2>
<p>E-mail: poststelle@stm.bwl.de</p>
<h2>Responsible for the content</h2>
<p>International Affairs Unit (address as above).</p>
<h2>Liability for content and links</h2>
<p>The content of this portal is generated from a register in which every fact names its source. The operators
of linked pages of other providers are responsible for their content.</p>
<h2>Open data</h2>
<p>The register's data is available for reuse through the open interface (API); see the open data page for the
licence.</p>
"""

PRIVACY_EN = """
<h2>Controller</h2>
<p>The State Ministry of Baden-Württemberg is responsible for processing personal data on this portal (address in
the imprint).</p>
<h2>No third-party services</h2>
<p>This portal loads nothing from other servers: no fonts, no map tiles, no scripts, no statistics or analytics
services. The map is drawn from the portal's own files. The share buttons are plain links; only when you click one
do you leave this portal.</p>
<h2>Server logs</h2>
<p>When a page is requested, the server processes technically necessary data (IP address, time, requested address)
to deliver the page and to keep the service secure (Art. 6(1)(e) GDPR).</p>
<h2>Cookies</h2>
<p>Public pages set no cookies. Only when a form is submitted is a technically necessary cookie set to protect
against misuse (CSRF); signed-in editors receive a session cookie.</p>
<h2>Feedback form</h2>
<p>If you write to us through the form in the accessibility statement, we store what you enter to deal with your
request and delete it when it is no longer needed for that purpose.</p>
<h2>Your rights</h2>
<p>You have the right of access, rectification, erasure, restriction of processing and objection, and the right to
lodge a complaint with the State Commissioner for Data Protection and Freedom of Information of
Baden-Württemberg.</p>
"""

ACCESSIBILITY_EN = """
<p>The State Ministry of Baden-Württemberg endeavours to make this portal accessible in accordance with the State
Disability Equality Act of Baden-Württemberg (L-BGG). The standards are the German Barrier-Free Information
Technology Ordinance (BITV 2.0) and the Web Content Accessibility Guidelines (WCAG) 2.1, level AA.</p>
<h2>Compliance status</h2>
<p>This portal is largely compliant with the requirements. Every page has a link to skip the navigation, headings
and landmarks, a visible keyboard focus and level AA contrast. The map has a table with the same content.</p>
<h2>Content that is not accessible</h2>
<p>Attached documents (PDF) from partners may not be fully accessible.</p>
<h2>Preparation of this statement</h2>
<p>This statement is based on a self-assessment.</p>
<h2>Feedback and contact</h2>
<p>Have you come across barriers to access? Then write to us using the form below.</p>
<h2>Enforcement procedure</h2>
<p>If your feedback does not lead to a satisfactory solution, you can turn to the ombudsperson's office of the
State Commissioner for People with Disabilities of Baden-Württemberg.</p>
"""

THANK_YOU_EN = "<p>Thank you for your feedback. We will get back to you if you gave us a contact address.</p>"

FEEDBACK_FIELDS_EN = [
    ("Where did you come across the barrier? (page or address)", "singleline", False, ""),
    ("Description of the barrier", "multiline", True, ""),
    ("Your name", "singleline", False, "optional"),
    ("Your e-mail address", "email", False, "optional, if you would like an answer"),
]

# (German slug, English slug, English title) of the pages setup_portal translates.
PAGES_EN = {
    "aktuelles": ("news", "News"),
    "impressum": ("imprint", "Imprint"),
    "datenschutz": ("privacy", "Privacy statement"),
    "barrierefreiheit": ("accessibility", "Accessibility statement"),
}
HOME_TITLE_EN = "Baden-Württemberg in the world"
