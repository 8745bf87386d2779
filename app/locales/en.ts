/** English UI strings; de.ts must have the same keys (checked by a unit test). */
const en = {
  app: {
    name: "Lagebild",
    tagline: "Support knowledge base and outage wiki",
    skipToContent: "Skip to content",
  },
  nav: { search: "Search", recent: "Recently updated", help: "Help centre" },
  search: {
    label: "Search articles",
    placeholder: "Two words are enough, e.g. apn android",
    submit: "Search",
    resultsFor: "{{count}} result for “{{q}}”",
    resultsFor_other: "{{count}} results for “{{q}}”",
    noResults: "Nothing found for “{{q}}”. Try fewer or other words.",
    unavailable: "Search is unavailable right now. Showing a simple title and text match instead.",
    shortcut: "Press / to search",
  },
  article: {
    updated: "Updated {{date}}",
    by: "by {{name}}",
    tags: "Tags",
    linkedFrom: "Linked from",
    internal: "Internal",
    public: "Public",
    internalNote: "Internal note",
    notFound: "No such article.",
    kinds: { howto: "How-to", incident: "Incident", faq: "FAQ" },
  },
  home: { recent: "Recently updated", empty: "No articles yet." },
  errors: {
    title: "Something went wrong",
    notFoundTitle: "Page not found",
    notFound: "This page does not exist. Check the address or search for it.",
    unexpected: "An unexpected error occurred. It has been logged; please try again.",
    backHome: "Back to search",
    badRequest: "The request could not be processed.",
  },
} as const;

export default en;
export type Messages = typeof en;
