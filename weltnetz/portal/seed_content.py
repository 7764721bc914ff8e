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
