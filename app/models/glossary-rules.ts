/**
 * What a glossary entry may hold, shared by the admin form (limits in the browser), the model and
 * the seed file; bundled for the browser, so nothing server-only is imported.
 */
import { z } from "zod";

export const GlossaryLimits = {
  /** Terms per entry: every term becomes a synonym of every other (n × (n−1) rules). */
  terms: 12,
  term: 60,
  /** Meilisearch 1.21 accepts longer synonym keys but never matches a query phrase over 3 words. */
  wordsPerTerm: 3,
  /** The raw form field: terms separated by commas or new lines. */
  field: 1000,
} as const;

/** A term's identity: lower case, single spaces; one key belongs to one entry only. */
export function termKey(term: string): string {
  return term.normalize("NFC").toLowerCase().split(/\s+/).filter(Boolean).join(" ");
}

/** Splits the form field into trimmed terms (commas or new lines), dropping empty ones. */
export function splitTerms(input: string): string[] {
  return input
    .split(/[,\n]/)
    .map((term) => term.split(/\s+/).filter(Boolean).join(" "))
    .filter(Boolean);
}

// Control characters mean nothing to the engine's tokenizer; a lone surrogate makes Meilisearch
// refuse the whole settings update ("malformed_payload"), so neither may reach it.
// With the u flag a surrogate range matches only unpaired halves.
// eslint-disable-next-line no-control-regex
const badCharacter = /[\u0000-\u001f\u007f-\u009f\uD800-\uDFFF]/u;

/**
 * Returns the message key of the first problem of a list of terms, or null: at least two terms,
 * at most `terms`, each with a letter or digit, at most `term` characters and `wordsPerTerm`
 * words, well-formed text, and no term twice.
 */
export function checkTerms(terms: string[]): string | null {
  if (terms.length < 2) return "tooFewTerms";
  if (terms.length > GlossaryLimits.terms) return "tooManyTerms";
  for (const term of terms) {
    if (badCharacter.test(term) || !/[\p{L}\p{N}]/u.test(term)) return "termFormat";
    if (term.length > GlossaryLimits.term) return "termTooLong";
    if (term.split(" ").length > GlossaryLimits.wordsPerTerm) return "tooManyWords";
  }
  if (new Set(terms.map(termKey)).size !== terms.length) return "duplicateTerm";
  return null;
}

/** The terms field of the admin form: message keys are those of `glossary.errors`. */
export const GlossaryTermsSchema = z
  .string({ required_error: "tooFewTerms" })
  .max(GlossaryLimits.field, "tooManyTerms")
  .transform((value, context) => {
    const terms = splitTerms(value);
    const problem = checkTerms(terms);
    if (problem) context.addIssue({ code: "custom", message: problem });
    return terms;
  });

/** The admin form: an entry id when editing, and its terms. */
export const GlossaryFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), terms: GlossaryTermsSchema }),
  z.object({
    intent: z.literal("update"),
    id: z.coerce.number().int().positive(),
    terms: GlossaryTermsSchema,
  }),
  z.object({ intent: z.literal("delete"), id: z.coerce.number().int().positive() }),
]);

export type GlossaryForm = z.infer<typeof GlossaryFormSchema>;
