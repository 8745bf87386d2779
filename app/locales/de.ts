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
  errors: {
    title: "Etwas ist schiefgelaufen",
    notFoundTitle: "Seite nicht gefunden",
    notFound: "Diese Seite gibt es nicht. Prüfen Sie die Adresse oder suchen Sie danach.",
    unexpected:
      "Ein unerwarteter Fehler ist aufgetreten. Er wurde protokolliert; bitte versuchen Sie es erneut.",
    backHome: "Zurück zur Suche",
    badRequest: "Die Anfrage konnte nicht verarbeitet werden.",
  },
};

export default de;
