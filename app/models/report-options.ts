/** Choices of the report form and the chart, shared by the model and the pages. */

/** What a caller reports besides "affected": a fixed list, so no free text can hold a name. */
export const symptoms = [
  "calls-drop",
  "no-calls",
  "no-data",
  "slow",
  "no-service",
  "other",
] as const;
export type Symptom = (typeof symptoms)[number];

export const chartRanges = ["24h", "48h", "7d", "all"] as const;
export type ChartRange = (typeof chartRanges)[number];

/** Chart keys of reports without a postcode, and with one outside every listed area. */
export const NO_POSTCODE = "__none";
export const OTHER_AREA = "__other";
