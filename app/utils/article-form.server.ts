import { markdownToContent } from "~/editor/content.server.ts";

/** The submitted body: the editor's JSON, or (without JavaScript) the Markdown converted. */
export function contentOfSubmission(value: { content?: string; markdown?: string }): string {
  return value.content ?? markdownToContent(value.markdown ?? "");
}

/** A review day from `<input type=date>`: noon UTC, so every time zone shows that day. */
export function reviewDateOf(day: string | undefined): Date | null {
  return day ? new Date(`${day}T12:00:00Z`) : null;
}

/** `YYYY-MM-DD` of a date as the operators see it (Berlin), for `<input type=date>`. */
export function dateInputValue(date: Date | null): string {
  if (!date) return "";
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(date);
}
