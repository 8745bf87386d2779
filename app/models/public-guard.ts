/**
 * The rule that keeps internal notes internal whatever produced a save (JSON editor, Markdown
 * form, merge, restore, import): text that was in an internal note of the previous revision must
 * not appear in the public text of the next one unless it was public already. Pure, no I/O.
 *
 * Unit of comparison: each sentence of a note as a run of normalised words (lowercase, letters and
 * digits only); a sentence longer than WINDOW words also counts through every run of WINDOW words
 * in it, so copying part of a long note sentence is caught too. Short fragments (under
 * MIN_CHARS letters, e.g. "Siehe oben") are ignored: they are too common to tell a leak from an
 * ordinary edit.
 */

const WINDOW = 6;
const MIN_CHARS = 8;

function words(text: string): string[] {
  return (
    text
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

function sentences(line: string): string[] {
  return line.split(/(?<=[.!?;:])\s+/);
}

/** Runs of note words to look for: each short sentence whole, each long one by windows. */
function noteUnits(internalText: string[]): string[] {
  const units = new Set<string>();
  for (const sentence of internalText.flatMap(sentences)) {
    const run = words(sentence);
    if (run.join("").length < MIN_CHARS) continue;
    if (run.length <= WINDOW) units.add(run.join(" "));
    else {
      for (let start = 0; start + WINDOW <= run.length; start++) {
        units.add(run.slice(start, start + WINDOW).join(" "));
      }
    }
  }
  return [...units];
}

/** Whether the word run occurs in the text's words as whole words. */
function containsRun(haystack: string, unit: string): boolean {
  return haystack.includes(` ${unit} `);
}

/**
 * Returns a sentence of the previous revision's internal notes that the next public text gains
 * (it was not in the previous public text), or null when nothing internal becomes public.
 */
export function findInternalTextMadePublic(
  previous: { internalText: string[]; publicText: string },
  nextPublicText: string,
): string | null {
  const before = ` ${words(previous.publicText).join(" ")} `;
  const after = ` ${words(nextPublicText).join(" ")} `;
  for (const unit of noteUnits(previous.internalText)) {
    if (containsRun(after, unit) && !containsRun(before, unit)) return unit;
  }
  return null;
}
