/**
 * The article form's fields as the new and edit routes parse them and the form component
 * validates them in the browser; bundled for the browser, so nothing server-only is imported.
 */
import { z } from "zod";

import { ArticleLimits, articleKinds, visibilities } from "./article-limits.ts";
import {
  checkContentSize,
  checkKeywords,
  normalizeKeywords,
  normalizeTags,
} from "./article-rules.ts";

function rawTags(input: string): string[] {
  return input
    .split(",")
    .map((tag) => tag.trim().replace(/^#/, ""))
    .filter(Boolean);
}

/** Words of letters and digits, joined by spaces, dashes or underscores ("Wi-Fi Calling"). */
const tagFormat = /^[\p{L}\p{N}]+(?:[ _-]+[\p{L}\p{N}]+)*$/u;

const ContentSizeSchema = z
  .string()
  .refine((value) => checkContentSize(value) === null, "contentTooLarge");

/** An owner select value meaning "nobody owns it" (an empty value would read as "unchanged"). */
export const NO_OWNER = "none";

/**
 * The fields new and edit share. Messages are keys of `articleForm.errors`; the body comes as
 * editor JSON (`content`) or, without JavaScript, as Markdown (`markdown`).
 */
export const ArticleFieldsSchema = z.object({
  title: z
    .string({ required_error: "titleRequired" })
    .trim()
    .min(1, "titleRequired")
    .max(ArticleLimits.title, "titleTooLong"),
  tags: z
    .string()
    .max(2000, "tooManyTags")
    .optional()
    .transform((value, context) => {
      if (rawTags(value ?? "").some((tag) => !tagFormat.test(tag))) {
        context.addIssue({ code: "custom", message: "tagFormat" });
      }
      const tags = normalizeTags(rawTags(value ?? ""));
      if (tags.length > ArticleLimits.tags) {
        context.addIssue({ code: "custom", message: "tooManyTags" });
      }
      if (tags.some((tag) => tag.length > ArticleLimits.tag)) {
        context.addIssue({ code: "custom", message: "tagTooLong" });
      }
      return tags;
    }),
  keywords: z
    .string()
    .max(2000, "tooManyKeywords")
    .optional()
    .transform((value, context) => {
      const keywords = normalizeKeywords((value ?? "").split(","));
      const problem = checkKeywords(keywords);
      if (problem) context.addIssue({ code: "custom", message: problem });
      return keywords;
    }),
  kind: z.enum(articleKinds, { errorMap: () => ({ message: "invalid" }) }),
  visibility: z.enum(visibilities, { errorMap: () => ({ message: "invalid" }) }).optional(),
  ownerId: z.string().max(64).optional(),
  reviewAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "invalidDate")
    .optional(),
  summary: z.string().trim().max(ArticleLimits.summary, "summaryTooLong").optional(),
  content: ContentSizeSchema.optional(),
  markdown: ContentSizeSchema.optional(),
});
