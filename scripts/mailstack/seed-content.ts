// Content pool for the demo/test mail written by seed.ts: the people and organisations a customer
// of a German hosting company hears from, what they write about, and in which language.
// Every web address points into the reserved `.example` TLD (RFC 2606), so a demo that loads
// remote images or follows a link never reaches a real host.

export type Lang = 'de' | 'en';

export interface Contact {
  name: string;
  address: string;
  lang: Lang;
  /** person: writes personal mail and threads; org: notices, invoices; newsletter: bulk HTML */
  role: 'person' | 'org' | 'newsletter';
  /** what this organisation writes about (%N becomes a number); persons use the shared pools */
  subjects?: readonly string[];
  /** body sentences (org) or article teasers (newsletter) that fit those subjects */
  lines?: readonly string[];
}

const person = (name: string, address: string, lang: Lang = 'de'): Contact => ({ name, address, lang, role: 'person' });

export const contacts: readonly Contact[] = [
  person('Jürgen Müller', 'juergen.mueller@mueller-elektro.de'),
  person('Käthe Schäfer', 'kaethe@schaefer-praxis.de'),
  person('Björn Weiß', 'bjoern.weiss@posteo.de'),
  person('Zoë Hoffmann', 'zoe.hoffmann@gmx.de'),
  person('Sören Groß', 's.gross@grosz-architekten.de'),
  person('Ünal Yılmaz', 'uenal.yilmaz@web.de'),
  person('Anna-Lena Köhler', 'annalena.koehler@t-online.de'),
  person('Matthias Böhm', 'boehm@steuerbuero-boehm.de'),
  person('Dörte Fuchs', 'doerte.fuchs@mailbox.org'),
  person('Günther Schröder', 'g.schroeder@tischlerei-schroeder.de'),
  person('Leonie Wagner', 'leonie.wagner@uni-musterstadt.de'),
  person('Frank Becker', 'frank@becker-fotografie.de'),
  person('Helga Krüger', 'helga.krueger@freenet.de'),
  person('Tobias Neumann', 'tobias@neumann-it.de'),
  person('Mareike Lührs', 'mareike.luehrs@kita-sonnenschein.de'),
  person('Émilie Dubois', 'emilie.dubois@atelier-dubois.fr', 'en'),
  person('James O\'Connor', 'james.oconnor@fastmail.com', 'en'),
  person('Priya Raman', 'priya@raman-consulting.co.uk', 'en'),
  person('Sarah Miller', 'sarah.miller@northwind-design.com', 'en'),
  person('Lars Øvergård', 'lars@overgard.no', 'en'),
  person('Chen Wei', 'chen.wei@lotus-trading.com', 'en'),
  person('Miguel Ángel Núñez', 'miguel.nunez@correo-nunez.es', 'en'),
  {
    name: 'Hostingwerk Kundenservice', address: 'support@hostingwerk.de', lang: 'de', role: 'org',
    subjects: ['Wartungsarbeiten am Mailserver in der Nacht zu Dienstag', 'SSL-Zertifikat für Ihre Domain läuft in 14 Tagen ab',
      'Speicherplatz Ihres Postfachs zu 90 % belegt', 'Ihre Domain wurde erfolgreich übertragen', 'Ihr Support-Ticket #%N wurde beantwortet'],
    lines: ['Die Wartungsarbeiten dauern voraussichtlich zwei Stunden. In dieser Zeit kann es zu kurzen Unterbrechungen beim Abruf Ihrer E-Mails kommen.',
      'Das Zertifikat wird automatisch verlängert, sofern die Domain weiterhin auf unsere Server zeigt. Sie müssen nichts weiter tun.',
      'Bitte löschen Sie nicht mehr benötigte Nachrichten oder buchen Sie im Kundencenter zusätzlichen Speicherplatz.',
      'Ihr Anliegen wurde von unserem Team bearbeitet. Die Antwort finden Sie im Kundencenter unter „Meine Tickets“.'],
  },
  {
    name: 'Hostingwerk Buchhaltung', address: 'rechnung@hostingwerk.de', lang: 'de', role: 'org',
    subjects: ['Ihre Rechnung Nr. %N', 'Ihr Webhosting-Paket wurde verlängert', 'Zahlungserinnerung zu Rechnung %N'],
    lines: ['Die Rechnung ist bis zum 15. des Monats fällig. Bei Fragen erreichen Sie uns werktags von 8 bis 18 Uhr.',
      'Der Betrag wird per SEPA-Lastschrift von Ihrem Konto eingezogen. Die Rechnung finden Sie als PDF im Kundencenter.',
      'Sollten Sie die Zahlung bereits veranlasst haben, betrachten Sie diese Nachricht bitte als gegenstandslos.'],
  },
  {
    name: 'Stadtwerke Musterstadt', address: 'kundenservice@stadtwerke-musterstadt.de', lang: 'de', role: 'org',
    subjects: ['Änderung Ihrer Abschlagszahlung', 'Ihre Jahresabrechnung Strom und Gas', 'Zählerstand bitte bis Freitag übermitteln'],
    lines: ['Ab dem nächsten Monat beträgt Ihr Abschlag 84 € statt bisher 79 €. Grund sind die gestiegenen Netzentgelte.',
      'Ihren Zählerstand können Sie bequem online im Kundenportal eingeben. Ein Foto des Zählers genügt.'],
  },
  {
    name: 'Sparkasse Musterstadt', address: 'noreply@sparkasse-musterstadt.de', lang: 'de', role: 'org',
    subjects: ['Ihr Kontoauszug ist verfügbar', 'Neue Nachricht in Ihrem elektronischen Postfach', 'Änderung der Entgelte ab 1. April'],
    lines: ['In Ihrem Online-Banking liegt ein neues Dokument für Sie bereit. Aus Sicherheitsgründen senden wir keine Links zum Anmelden.',
      'Ihr Kontoauszug für den vergangenen Monat steht ab sofort im elektronischen Postfach zur Verfügung.'],
  },
  {
    name: 'Bürgeramt Musterstadt', address: 'buergeramt@musterstadt.de', lang: 'de', role: 'org',
    subjects: ['Terminbestätigung: Personalausweis beantragen', 'Ihr Reisepass liegt zur Abholung bereit', 'Bescheid über Ihren Antrag'],
    lines: ['Bitte bringen Sie ein aktuelles biometrisches Passfoto und Ihren alten Ausweis mit. Die Gebühr beträgt 37 €.',
      'Die Abholung ist ohne Termin montags bis freitags von 8 bis 12 Uhr möglich.'],
  },
  {
    name: 'Finanzamt Musterstadt – ELSTER', address: 'noreply@elster-musterstadt.de', lang: 'de', role: 'org',
    subjects: ['Neue Nachricht in Ihrem ELSTER-Postfach', 'Ihr Steuerbescheid ist verfügbar'],
    lines: ['In Ihrem ELSTER-Postfach ist eine neue Nachricht eingegangen. Bitte melden Sie sich an, um sie zu lesen.'],
  },
  {
    name: 'Bäckerei Kühn', address: 'bestellung@baeckerei-kuehn.de', lang: 'de', role: 'org',
    subjects: ['Vorbestellung für Ostern bestätigt', 'Ihre Torte ist fertig', 'Bestellbestätigung Nr. %N'],
    lines: ['Ihre Bestellung liegt ab Samstag 7 Uhr an der Theke für Sie bereit. Bitte bringen Sie die Bestellnummer mit.',
      'Die Schwarzwälder Kirschtorte (Ø 26 cm) kostet 32,50 €. Bezahlt wird bei Abholung.'],
  },
  {
    name: 'Fahrräder Öztürk', address: 'werkstatt@fahrrad-oeztuerk.de', lang: 'de', role: 'org',
    subjects: ['Ihr Fahrrad ist abholbereit', 'Kostenvoranschlag für die Reparatur', 'Erinnerung: Inspektion fällig'],
    lines: ['Wir haben Bremsbeläge und Kette getauscht und die Schaltung eingestellt. Die Kosten belaufen sich auf 89,90 €.',
      'Unsere Werkstatt ist Mo–Fr von 10 bis 18 Uhr und samstags von 10 bis 14 Uhr geöffnet.'],
  },
  {
    name: 'Zahnarztpraxis Dr. Löffler', address: 'termine@praxis-loeffler.de', lang: 'de', role: 'org',
    subjects: ['Terminerinnerung: Kontrolluntersuchung', 'Ihr Termin am Dienstag wurde verschoben'],
    lines: ['Bitte denken Sie an Ihre Versichertenkarte. Falls Sie den Termin nicht wahrnehmen können, sagen Sie bitte 24 Stunden vorher ab.'],
  },
  {
    name: 'Deutsche Fernbahn Reiseservice', address: 'buchung@fernbahn-reise.de', lang: 'de', role: 'org',
    subjects: ['Bestätigung Ihrer Buchung – Köln → München', 'Ihre Fahrt hat sich geändert', 'Gutschrift über 12,50 € für Ihre Verspätung'],
    lines: ['Ihr Ticket ist gültig am gebuchten Reisetag. Sitzplatz: Wagen 7, Platz 45 (Fenster, Großraum).',
      'Aufgrund von Bauarbeiten verkehrt Ihr Zug heute ab Köln Messe/Deutz. Die Reisezeit verlängert sich um ca. 20 Minuten.'],
  },
  {
    name: 'GitForge Notifications', address: 'notifications@gitforge.io', lang: 'en', role: 'org',
    subjects: ['[acme/website] New pull request #%N', '[acme/website] Issue #%N: contact form returns 500', 'Your weekly activity summary'],
    lines: ['A new pull request was opened by @tneumann: "Update dependencies and fix the build". 3 files changed, 42 additions, 17 deletions.',
      'You are receiving this because you are subscribed to this repository. Reply to this email directly or view it on GitForge.'],
  },
  {
    name: 'CloudBackup Status', address: 'status@cloudbackup.io', lang: 'en', role: 'org',
    subjects: ['Backup completed successfully', 'Backup failed: disk quota exceeded', 'Security alert: new sign-in from Firefox on Linux'],
    lines: ['Your backup job finished in 4 minutes 12 seconds. 2,341 files were transferred, 0 errors.',
      'A new sign-in to your account was detected. If this was you, you can safely ignore this message.'],
  },
  {
    name: 'Gärtnerei Grünwald Newsletter', address: 'news@gaertnerei-gruenwald.de', lang: 'de', role: 'newsletter',
    subjects: ['Frühlingsangebote: bis zu 30 % Rabatt 🌷', 'Neu im Sortiment: Kräuter für Balkon & Garten', 'Jetzt Tomaten pflanzen!'],
    lines: ['Tomaten, Basilikum und Lavendel – jetzt ist die beste Zeit zum Pflanzen. Wir zeigen Ihnen, wie es gelingt.',
      'Unsere Kräuterkiste mit zwölf Sorten gibt es diese Woche für 19,90 €.', 'Samstag ist Pflanzentauschbörse im Hof – bringen Sie Ableger mit!'],
  },
  {
    name: 'Möbelhaus Schöner Wohnen', address: 'angebote@moebel-schoener-wohnen.de', lang: 'de', role: 'newsletter',
    subjects: ['Sommerschlussverkauf – nur noch bis Sonntag!', 'Ihr persönlicher Gutschein über 10 €', 'Neue Kollektion: Wohnen in Grün'],
    lines: ['Unser Sofa „Ölberg“ gibt es jetzt in fünf neuen Farben. Probesitzen in allen Filialen möglich.',
      'Esstisch aus massiver Eiche, 180 × 90 cm, statt 899 € jetzt 649 €.', 'Lieferung und Aufbau sind ab einem Einkaufswert von 500 € kostenlos.'],
  },
  {
    name: 'Hostingwerk Produkt-News', address: 'news@hostingwerk.de', lang: 'de', role: 'newsletter',
    subjects: ['Die Woche bei Hostingwerk: PHP 8.3, schnellere Backups', 'Neu: Webmail mit Dunkelmodus', 'Mehr Speicher für alle Postfächer'],
    lines: ['Ab sofort unterstützen alle Tarife PHP 8.3 und tägliche Backups mit 30 Tagen Aufbewahrung.',
      'Alle Postfächer erhalten kostenlos 5 GB zusätzlichen Speicherplatz.', 'Unser Webmail hat einen Dunkelmodus – einfach in den Einstellungen umschalten.'],
  },
  {
    name: 'The Weekly Byte', address: 'digest@weeklybyte.com', lang: 'en', role: 'newsletter',
    subjects: ['The Weekly Byte #%N: Rust, Postgres and a lot of coffee', 'Your reading list for the weekend'],
    lines: ['We measured four ways to paginate a large table. The winner surprised us.',
      'A new maintainer joins the project, and the documentation finally gets a search box.', 'Dark mode is here. It took us two years and a surprising amount of CSS.'],
  },
  {
    name: 'Café Süßholz', address: 'hallo@cafe-suessholz.de', lang: 'de', role: 'newsletter',
    subjects: ['Einladung zur Verkostung am Freitag', 'Unsere Öffnungszeiten über die Feiertage', 'Neu: Frühstück bis 15 Uhr'],
    lines: ['Kommen Sie vorbei und probieren Sie unsere neue Kaffeesorte aus Äthiopien – fruchtig und mild.',
      'Zwischen den Jahren haben wir von 10 bis 16 Uhr für Sie geöffnet, an Silvester bis 14 Uhr.'],
  },
  {
    name: 'Open Source Digest', address: 'newsletter@osdigest.org', lang: 'en', role: 'newsletter',
    subjects: ['This week in open source: 12 releases you missed', 'New: dark mode for everyone'],
    lines: ['Twelve releases, three security advisories and one very long discussion about tabs versus spaces.',
      'A look at how small projects handle security reports without a dedicated team.'],
  },
  {
    name: 'Reisebüro Fernweh & Söhne', address: 'angebote@fernweh-reisen.de', lang: 'de', role: 'newsletter',
    subjects: ['Last-Minute nach Mallorca ab 299 €', 'Frühbucher: Sommer 2026 jetzt sichern', 'Städtereise nach Wien – 3 Nächte inkl. Frühstück'],
    lines: ['Zwei Wochen Sonne, Strand und Meer: Unsere Frühbucherangebote sind da.',
      'Wien im Advent: Christkindlmarkt, Sachertorte und Oper – ab 349 € pro Person im Doppelzimmer.'],
  },
];

/** Senders of the Junk folder: shady, failing SPF/DKIM, each with its own scam. */
export const spammers: readonly Contact[] = [
  {
    name: 'Gewinnspiel-Zentrale', address: 'gewinn@preise-jetzt.top', lang: 'de', role: 'org',
    subjects: ['Herzlichen Glückwunsch!!! Sie haben ein iPhone gewonnen', 'Letzte Chance: Ihr Gewinn verfällt heute'],
    lines: ['Sie wurden als Gewinner ausgewählt! Klicken Sie innerhalb von 24 Stunden auf den Link, um Ihren Preis zu sichern.'],
  },
  {
    name: 'Sicherheitsabteilung Ihrer Bank', address: 'security@konto-verifizierung.xyz', lang: 'de', role: 'org',
    subjects: ['Ihr Konto wurde vorübergehend gesperrt – sofort bestätigen', 'Letzte Mahnung: Verifizierung erforderlich'],
    lines: ['Aufgrund ungewöhnlicher Aktivitäten wurde Ihr Konto eingeschränkt. Bestätigen Sie jetzt Ihre Identität, sonst wird es gelöscht.'],
  },
  {
    name: 'Dr. Mike Anderson', address: 'mike.anderson@invest-fortune.biz', lang: 'en', role: 'org',
    subjects: ['URGENT: Investment opportunity with 400% return', 'Confidential business proposal'],
    lines: ['Dear friend, I have a business proposal of 4.500.000 USD that will benefit both of us. Reply with your bank details.'],
  },
  {
    name: 'Paket-Benachrichtigung', address: 'info@paket-zustellung-status.click', lang: 'de', role: 'org',
    subjects: ['Ihr Paket konnte nicht zugestellt werden – Zollgebühr 1,99 €', 'Zustellversuch fehlgeschlagen'],
    lines: ['Ihr Paket liegt im Verteilzentrum. Bitte zahlen Sie die Zollgebühr von 1,99 € über den folgenden Link.'],
  },
];

export const personSubjects: Record<Lang, readonly string[]> = {
  de: [
    'Treffen nächste Woche?', 'Grillfest am Samstag 🍖', 'Frage zur Rechnung vom März', 'Urlaubsfotos aus Südtirol',
    'Geburtstagsüberraschung für Lukas', 'Kurze Rückfrage zum Angebot', 'Übergabe der Schlüssel', 'Termin beim Steuerbüro',
    'Protokoll der Elternversammlung', 'Änderungen am Vertrag', 'Mittagessen Donnerstag?', 'Deine Präsentation – super!',
    'Umzug: Wer hilft mit?', 'Entwurf für die Website', 'Grüße aus Österreich', 'Wichtig: Zugangsdaten für das Büro',
    'Kündigungsfrist beachten', 'Fahrgemeinschaft zum Vereinstreffen', 'Buchempfehlung', 'Nachtrag zu unserem Telefonat',
  ],
  en: [
    'Quick question about the invoice', 'Lunch on Thursday?', 'Draft of the proposal', 'Photos from the conference',
    'Re-scheduling our call', 'Your feedback on the mock-ups', 'Travel plans for Berlin', 'Happy birthday! 🎉',
    'Contract renewal', 'Minutes of Monday\'s meeting', 'Can you review this by Friday?', 'Greetings from Oslo',
  ],
};

export const personGreetings: Record<Lang, readonly string[]> = {
  de: ['Hallo {first},', 'Hi {first},', 'Hallo {first}!', 'Servus {first},', 'Moin {first},'],
  en: ['Hi {first},', 'Hello {first},', 'Dear {first},', 'Hey {first},'],
};

export const orgGreetings: Record<Lang, readonly string[]> = {
  de: ['Guten Tag,', 'Sehr geehrte Kundin, sehr geehrter Kunde,', 'Hallo,'],
  en: ['Hello,', 'Hi there,'],
};

export const orgSignoffs: Record<Lang, readonly string[]> = {
  de: ['Mit freundlichen Grüßen', 'Freundliche Grüße', 'Viele Grüße'],
  en: ['Kind regards', 'Best regards'],
};

export const signoffs: Record<Lang, readonly string[]> = {
  de: ['Viele Grüße', 'Liebe Grüße', 'Beste Grüße', 'Mit freundlichen Grüßen', 'Bis bald', 'Schöne Grüße aus Köln'],
  en: ['Best regards', 'Cheers', 'Kind regards', 'Thanks,', 'All the best'],
};

/** What people write to each other; organisations use their own `lines`. */
export const paragraphs: Record<Lang, readonly string[]> = {
  de: [
    'ich wollte mich kurz melden, weil sich bei uns ein paar Dinge geändert haben. Könntest du dir das bis Ende der Woche ansehen?',
    'vielen Dank für die schnelle Rückmeldung. Die Unterlagen habe ich geprüft, es fehlt nur noch die Unterschrift auf Seite 3.',
    'wie besprochen schicke ich dir die Übersicht. Die Kosten liegen bei etwa 1.250 €, also etwas über dem, was wir geplant hatten.',
    'am Wochenende war ich endlich mal wieder in den Bergen. Das Wetter war großartig, und die Hütte hatte sogar frischen Käsekuchen.',
    'die Besprechung am Dienstag müssen wir leider verschieben. Passt dir Donnerstag um 14 Uhr, oder lieber Freitagvormittag?',
    'kurze Frage: Hast du noch die Zugangsdaten für das Gäste-WLAN? Der Drucker im Büro findet das Netz nicht mehr.',
    'anbei wie versprochen die Fotos. Die schönsten sind die vom Sonnenuntergang über dem Wörthersee.',
    'ich habe mit dem Vermieter gesprochen: Die Nebenkostenabrechnung kommt erst im Juni, danach können wir über die Kaution reden.',
    'die Kinder freuen sich schon riesig auf das Sommerfest. Wir bringen Salat und Würstchen mit – braucht ihr noch Getränke?',
    'leider ist beim Update unserer Website etwas schiefgegangen. Die Startseite zeigt seit heute Morgen nur noch eine Fehlermeldung.',
    'zur Sicherheit habe ich die Änderungen im Dokument gelb markiert. Schau bitte besonders auf Absatz 4, da bin ich unsicher.',
    'übrigens: Der Bäcker an der Ecke hat jetzt auch sonntags geöffnet. Die Franzbrötchen sind ausgezeichnet!',
  ],
  en: [
    'thanks for getting back to me so quickly. I went through the documents and only the signature on page 3 is missing.',
    'as discussed, here is the overview. The cost comes to roughly 1,250 EUR, a little more than we had planned.',
    'I wanted to check in because a few things changed on our side. Could you have a look before the end of the week?',
    'unfortunately we have to move Tuesday\'s meeting. Would Thursday at 2 pm work for you, or rather Friday morning?',
    'the conference was great — the talks on accessibility were the highlight. I have attached my notes.',
    'just a quick reminder that the deadline for the submission is next Monday. Let me know if you need more time.',
    'we deployed the new version last night. Everything looks fine so far, but please keep an eye on the error logs.',
    'I am in Berlin from the 12th to the 15th. If you have time for a coffee, I would love to catch up.',
  ],
};

export const links: readonly string[] = [
  'https://www.hostingwerk.example/kundencenter',
  'https://docs.hostingwerk.example/e-mail/einrichten',
  'https://gitforge.example/acme/website/pull/42',
  'https://www.musterstadt.example/buergerservice/termine',
  'https://cloud.tobias-neumann.example/s/Xk29fPq',
  'http://blog.weeklybyte.example/2024/postgres-tips',
];

/** Hand-encoded ISO-8859-1 mail from people on old clients: only characters Latin-1 can hold. */
export const latin1Letters: readonly { subject: string; body: string }[] = [
  { subject: 'Grüße aus dem Büro', body: 'anbei die Übersicht für nächste Woche. Bitte prüfe, ob die Größenangaben stimmen, bevor ich sie an die Schreinerei schicke.' },
  { subject: 'Frühstück am Sonntag?', body: 'hättest du Lust auf ein Frühstück am Sonntag? Das Café am Marktplatz öffnet um 9 Uhr, ich würde einen Tisch für vier Personen reservieren.' },
  { subject: 'Das Käsekuchen-Rezept', body: 'hier das Rezept: 500 g Quark, 3 Eier, 150 g Zucker, eine Prise Salz. 60 Minuten bei 175 °C backen und im Ofen auskühlen lassen.' },
  { subject: 'Schöne Feiertage!', body: 'wir wünschen dir und deiner Familie schöne Feiertage und einen guten Rutsch. Bis bald in alter Frische!' },
  { subject: 'Übersicht der Termine für März', body: 'hier die Termine für März: Dienstag Elternabend, Donnerstag Zahnarzt, Samstag Flohmarkt im Gemeindehaus. Grüße an alle!' },
];

/**
 * Hand-encoded windows-1252 mail from shop and billing systems: €, „quotes“ and dashes live in
 * 0x80–0x9F there, where ISO-8859-1 has control codes.
 */
export const cp1252Letters: readonly { from: string; subject: string; body: string }[] = [
  { from: 'rechnung@hostingwerk.de', subject: 'Preisänderung ab 1. Juli – nur 4,99 € im Monat', body: 'ab dem 1. Juli kostet Ihr Tarif „Web S“ 4,99 € statt 3,99 € im Monat. Sie können bis zum 30. Juni ohne Frist kündigen.' },
  { from: 'rechnung@hostingwerk.de', subject: 'Ihre Rechnung über 89,90 €', body: 'vielen Dank für Ihre Bestellung. Der Gesamtbetrag von 89,90 € wird in den nächsten Tagen von Ihrem Konto abgebucht.' },
  { from: 'werkstatt@fahrrad-oeztuerk.de', subject: 'Kostenvoranschlag: 149 € für Ihr Rad', body: 'für die Reparatur (Schaltwerk, Kette, Bremsen) veranschlagen wir 149 € inkl. Material. Bitte bestätigen Sie kurz – „ja“ genügt.' },
  { from: 'bestellung@baeckerei-kuehn.de', subject: 'Gutschrift über 12,50 € für Ihre Bestellung', body: 'Ihre Gutschrift über 12,50 € wurde Ihrem Kundenkonto gutgeschrieben und wird bei der nächsten Bestellung automatisch verrechnet.' },
  { from: 'angebote@moebel-schoener-wohnen.de', subject: 'Angebot: Gartenmöbel „Sommer“ für 349 €', body: 'unser Angebot „Sommer“ gilt nur noch bis Sonntag – sichern Sie sich jetzt 20 % Rabatt auf alle Gartenmöbel. Versand ab 50 € kostenfrei.' },
];

export const newsletterHeadlines: Record<Lang, readonly string[]> = {
  de: ['Frisch eingetroffen', 'Unsere Empfehlung der Woche', 'Nur für Abonnenten', 'Das war unser Sommerfest', 'Tipps & Tricks'],
  en: ['Fresh this week', 'Editor\'s pick', 'Community spotlight', 'Release notes', 'Tips & tricks'],
};

export const invoiceItems: readonly (readonly [string, number])[] = [
  ['Webhosting Paket M (12 Monate)', 95.88], ['Domain musterfirma.de', 12.0], ['SSL-Zertifikat Wildcard', 59.0],
  ['Zusätzliches Postfach (5 GB)', 1.99], ['Tägliches Backup', 3.5], ['Einrichtung', 0],
];
