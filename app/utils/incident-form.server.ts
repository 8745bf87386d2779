import { z } from "zod";

import { ArticleLimits } from "~/models/article-limits.ts";
import { incidentStatuses, severities } from "~/models/incident-status.ts";
import { IncidentLimits } from "~/models/incident.server.ts";
import { AreaLimits } from "~/models/postcode.ts";
import { chartRanges, symptoms, type ChartRange, type Symptom } from "~/models/report-options.ts";

const RangeSchema = z.object({ range: z.enum(chartRanges).catch("24h") });

/** The chart window of `?range=` (24 hours when missing or unknown). */
export function parseChartRange(request: Request): ChartRange {
  return RangeSchema.parse(Object.fromEntries(new URL(request.url).searchParams)).range;
}

const ReportFormSchema = z.object({
  // Validated by the model: a bad postcode is reported back while the report still counts.
  postcode: z.string().max(20).optional().catch(undefined),
  symptom: z.enum(symptoms).optional().catch(undefined),
});

/**
 * The report form: optional postcode and symptom.
 * Never fails: the one-click report counts whatever else was sent.
 */
export function parseReportForm(form: FormData | URLSearchParams): {
  postcode?: string;
  symptom?: Symptom;
} {
  const parsed = ReportFormSchema.parse(Object.fromEntries(form));
  return {
    postcode: parsed.postcode,
    symptom: parsed.symptom,
  };
}

/** A `datetime-local` value read as Berlin time (the operators' clock); null when malformed. */
export function berlinLocalToDate(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as number[];
  const asUtc = Date.UTC(y!, mo! - 1, d!, h!, mi!);
  // The Berlin offset at that moment (twice: the first guess may sit across a DST change).
  let time = asUtc - berlinOffset(asUtc);
  time = asUtc - berlinOffset(time);
  return Number.isNaN(time) ? null : new Date(time);
}

function berlinOffset(time: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: "Europe/Berlin",
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(new Date(time));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return (
    Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute")) -
    Math.floor(time / 60_000) * 60_000
  );
}

/** The `datetime-local` value of a date in Berlin time. */
export function dateToBerlinLocal(date: Date): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Berlin",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  })
    .format(date)
    .replace(" ", "T");
}

const FieldsSchema = z.object({
  severity: z.enum(severities),
  areas: z
    .string()
    .max(AreaLimits.areas * (AreaLimits.line + 2))
    .default(""),
  services: z.array(z.string().max(80)).max(IncidentLimits.services),
  howtos: z.array(z.string().max(120)).max(IncidentLimits.howtos),
  summary: z.string().max(IncidentLimits.summary).default(""),
});

export const NewIncidentSchema = FieldsSchema.extend({
  title: z.string().trim().min(1, "Enter a title.").max(ArticleLimits.title),
  startedAt: z
    .string()
    .refine((value) => berlinLocalToDate(value) !== null, "Enter a date and time."),
  detail: z.string().max(100_000).default(""),
  statementDe: z.string().max(IncidentLimits.statement).optional(),
  statementEn: z.string().max(IncidentLimits.statement).optional(),
});

export const UpdateIncidentSchema = FieldsSchema.extend({
  intent: z.literal("update"),
  status: z.enum(incidentStatuses),
  baseVersion: z.coerce.number().int().positive(),
  note: z.string().max(IncidentLimits.note).default(""),
});

export const ReopenSchema = z.object({
  intent: z.literal("reopen"),
  note: z.string().max(IncidentLimits.note).default(""),
});

export const StatementSchema = z.object({
  statementDe: z.string().max(IncidentLimits.statement).default(""),
  statementEn: z.string().max(IncidentLimits.statement).default(""),
  baseVersion: z.coerce.number().int().nonnegative(),
  note: z.string().max(IncidentLimits.note).default(""),
});

export type FormParse<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string[]> };

/** Parses a form with repeated fields (services, howtos) through `schema`; errors per field. */
export function parseIncidentForm<T extends z.ZodTypeAny>(
  form: FormData,
  schema: T,
): FormParse<z.infer<T>> {
  const parsed = schema.safeParse({
    ...Object.fromEntries(form),
    services: form.getAll("services"),
    howtos: form.getAll("howtos"),
  });
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: parsed.error.flatten().fieldErrors as Record<string, string[]> };
}
