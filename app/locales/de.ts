import type { Messages } from "./en.ts";

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

const de: Strings<Messages> = {
  app: {
    name: "Lagebild",
    tagline: "Wissensdatenbank und Störungswiki für den Kundenservice",
    skipToContent: "Zum Inhalt springen",
  },
  nav: { search: "Suche", recent: "Zuletzt geändert", help: "Hilfe-Center" },
  search: {
    label: "Artikel durchsuchen",
    placeholder: "Zwei Wörter genügen, z. B. apn android",
    submit: "Suchen",
    resultsFor: "{{count}} Treffer für „{{q}}“",
    resultsFor_other: "{{count}} Treffer für „{{q}}“",
    noResults: "Nichts gefunden für „{{q}}“. Versuchen Sie weniger oder andere Wörter.",
    unavailable:
      "Die Suche ist gerade nicht erreichbar. Angezeigt wird ein einfacher Abgleich von Titel und Text.",
    shortcut: "Mit / zur Suche",
  },
  article: {
    updated: "Aktualisiert am {{date}}",
    by: "von {{name}}",
    tags: "Schlagwörter",
    linkedFrom: "Verlinkt von",
    internal: "Intern",
    public: "Öffentlich",
    internalNote: "Interne Notiz",
    notFound: "Diesen Artikel gibt es nicht.",
    kinds: { howto: "Anleitung", incident: "Störung", faq: "FAQ" },
  },
  home: { recent: "Zuletzt geändert", empty: "Noch keine Artikel." },
  auth: {
    signIn: "Anmelden",
    signOut: "Abmelden",
    title: "Bei Lagebild anmelden",
    email: "E-Mail",
    password: "Passwort",
    invalid: "E-Mail oder Passwort ist falsch.",
    rateLimited: "Zu viele Fehlversuche. Bitte in {{minutes}} Minuten erneut versuchen.",
    deactivated:
      "Dieses Konto ist deaktiviert. Bitten Sie eine Administratorin, es wieder zu aktivieren.",
    expired: "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.",
    signedInAs: "Angemeldet als {{name}}",
    roles: { agent: "Agent", engineer: "Technik", comms: "Kommunikation", admin: "Admin" },
  },
  help: {
    title: "Funkwerk Mobil Hilfe-Center",
    intro: "Antworten des Funkwerk-Mobil-Kundenservice, laufend aktuell gehalten.",
    searchLabel: "Hilfe-Center durchsuchen",
    placeholder: "Suchen, z. B. eSIM oder Roaming",
    latest: "Neueste Artikel",
    staffSignIn: "Anmeldung für Mitarbeitende",
    feed: "News-Feed",
  },
  admin: {
    users: "Benutzer",
    audit: "Protokoll",
    createUser: "Benutzer hinzufügen",
    name: "Name",
    role: "Rolle",
    status: "Status",
    active: "Aktiv",
    inactive: "Deaktiviert",
    save: "Speichern",
    create: "Benutzer anlegen",
    deactivate: "Deaktivieren",
    reactivate: "Reaktivieren",
    initialPassword: "Erstes Passwort",
    lastAdmin:
      "Lagebild braucht mindestens einen aktiven Admin: Diese Änderung ließe keinen übrig.",
    emailTaken: "Es gibt bereits einen Benutzer mit dieser E-Mail.",
    created: "Benutzer angelegt.",
    updated: "Änderungen gespeichert.",
    when: "Wann",
    who: "Wer",
    action: "Aktion",
    target: "Ziel",
    detail: "Detail",
  },
  errors: {
    title: "Etwas ist schiefgelaufen",
    notFoundTitle: "Seite nicht gefunden",
    notFound: "Diese Seite gibt es nicht. Prüfen Sie die Adresse oder suchen Sie danach.",
    unexpected:
      "Ein unerwarteter Fehler ist aufgetreten. Er wurde protokolliert; bitte versuchen Sie es erneut.",
    backHome: "Zurück zur Suche",
    badRequest: "Die Anfrage konnte nicht verarbeitet werden.",
    forbidden: "Dafür fehlt Ihnen die Berechtigung.",
  },
};

export default de;
