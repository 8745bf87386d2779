/**
 * Affected areas of an incident: a city, a German postcode or postcode range, or both
 * ("München 80331-81929"). German postcodes are five digits from 01001 to 99998.
 */

export interface Area {
  city?: string;
  /** First postcode of the range (or the single postcode). */
  from?: string;
  /** Last postcode of the range; equal to `from` for a single postcode. */
  to?: string;
}

export const AreaLimits = { areas: 30, city: 80, line: 120 } as const;

const postcodePattern = /^\d{5}$/;
// Letters of any script, spaces, dots, dashes, apostrophes, slashes and parentheses.
const cityPattern = /^[\p{L}][\p{L}\p{M} .'’()/-]*$/u;

/** Returns whether the text is a valid German postcode (five digits, 01001-99998). */
export function isPostcode(text: string): boolean {
  if (!postcodePattern.test(text)) return false;
  const value = Number(text);
  return value >= 1001 && value <= 99998;
}

export type ParsedArea = { ok: true; area: Area } | { ok: false; message: string };

/** Parses one area line: "München", "80331", "80331-81929" or "München 80331-81929". */
export function parseArea(line: string): ParsedArea {
  const text = line
    .trim()
    .replace(/\s+/g, " ")
    .replace(/\s*[–—-]\s*(?=\d{3,}$)/, "-");
  if (!text) return { ok: false, message: "An area must not be empty." };
  if (text.length > AreaLimits.line) {
    return { ok: false, message: `An area may be at most ${AreaLimits.line} characters long.` };
  }
  const match = /^(?:(.*?)[ ,:]+)?(\d+)(?:-(\d+))?$/.exec(text);
  let city = text;
  let from: string | undefined;
  let to: string | undefined;
  if (match) {
    city = (match[1] ?? "").trim();
    from = match[2];
    to = match[3] ?? match[2];
    for (const code of [from, to]) {
      if (!code || !isPostcode(code)) {
        return {
          ok: false,
          message: `“${code}” is not a German postcode: five digits, 01001 to 99998.`,
        };
      }
    }
    if (from! > to!) {
      return { ok: false, message: `The range ${from}-${to} ends before it starts.` };
    }
  }
  if (city) {
    if (city.length > AreaLimits.city || !cityPattern.test(city)) {
      return {
        ok: false,
        message: `“${city}” is not a city name or postcode range (e.g. München 80331-81929).`,
      };
    }
  }
  return { ok: true, area: { ...(city ? { city } : {}), ...(from ? { from, to } : {}) } };
}

export type ParsedAreas = { ok: true; areas: Area[] } | { ok: false; messages: string[] };

/** Parses one area per line (empty lines ignored); reports every bad line with its number. */
export function parseAreas(text: string): ParsedAreas {
  const lines = text.split(/\r?\n/).filter((line) => line.trim());
  const areas: Area[] = [];
  const messages: string[] = [];
  lines.forEach((line, index) => {
    const parsed = parseArea(line);
    if (parsed.ok) areas.push(parsed.area);
    else messages.push(`Line ${index + 1}: ${parsed.message}`);
  });
  if (areas.length > AreaLimits.areas) {
    messages.push(`At most ${AreaLimits.areas} areas.`);
  }
  return messages.length ? { ok: false, messages } : { ok: true, areas };
}

/** The area as one line, the way the form and the pages show it. */
export function formatArea(area: Area): string {
  const codes = area.from ? (area.from === area.to ? area.from : `${area.from}-${area.to}`) : "";
  return [area.city, codes].filter(Boolean).join(" ");
}

/** Returns the first area whose postcode range contains the postcode, or null. */
export function areaOfPostcode(areas: Area[], postcode: string): Area | null {
  return (
    areas.find((area) => area.from && area.to && postcode >= area.from && postcode <= area.to) ??
    null
  );
}
