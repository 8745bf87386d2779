/**
 * Splits an article's stored Lexical JSON into passages (heading + text) for the search index.
 * Pure: reads the serialized state without an editor, so the indexer stays cheap.
 */

export interface Section {
  /** The heading the passage sits under ("" before the first heading). */
  heading: string;
  text: string;
}

/** Words per passage: crops over short passages are what makes a results page cheap. */
export const PASSAGE_WORDS = 120;

interface JsonNode {
  type?: unknown;
  text?: unknown;
  alt?: unknown;
  children?: unknown;
}

const blockBreak = new Set(["paragraph", "heading", "quote", "code", "listitem", "tablerow"]);

function textOf(node: JsonNode, audience: "staff" | "public"): string {
  if (audience === "public" && node.type === "internal-note") return "";
  if (node.type === "text" && typeof node.text === "string") return node.text;
  if (node.type === "linebreak") return "\n";
  if (node.type === "tab") return " ";
  if (node.type === "image" && typeof node.alt === "string") return node.alt;
  if (!Array.isArray(node.children)) return "";
  const parts = (node.children as JsonNode[]).map((child) => {
    const text = textOf(child, audience);
    return typeof child.type === "string" && blockBreak.has(child.type) ? `${text}\n` : text;
  });
  return parts.join("");
}

const normalize = (text: string) =>
  text
    .replace(/[ \t]+/g, " ")
    .replace(/\s*\n\s*/g, "\n")
    .trim();

/** Cuts a long text into pieces of at most `size` words, at word boundaries. */
function chunk(text: string, size: number): string[] {
  const words = text.split(/(?<=\s)(?=\S)/u);
  if (words.length <= size) return [text];
  const pieces: string[] = [];
  for (let start = 0; start < words.length; start += size) {
    pieces.push(
      words
        .slice(start, start + size)
        .join("")
        .trim(),
    );
  }
  return pieces;
}

/**
 * The passages of serialized content for an audience: a new section at every top-level heading,
 * long sections cut into pieces of PASSAGE_WORDS words that keep their heading. The public
 * audience never sees an internal note's text, exactly as the public projection drops it.
 * Returns null when the JSON is not an editor state (the caller falls back to the plain text).
 */
export function splitSections(serialized: string, audience: "staff" | "public"): Section[] | null {
  let root: JsonNode;
  try {
    root = (JSON.parse(serialized) as { root?: JsonNode }).root ?? {};
  } catch {
    return null;
  }
  if (!Array.isArray(root.children)) return null;
  const sections: Section[] = [];
  let current: Section = { heading: "", text: "" };
  for (const block of root.children as JsonNode[]) {
    if (block.type === "heading") {
      if (current.heading || current.text.trim()) sections.push(current);
      current = { heading: normalize(textOf(block, audience)).replace(/\n/g, " "), text: "" };
      continue;
    }
    const text = textOf(block, audience);
    if (text.trim()) current.text += `${text}\n`;
  }
  if (current.heading || current.text.trim()) sections.push(current);
  return sections.flatMap((section) =>
    chunk(normalize(section.text), PASSAGE_WORDS).map((text) => ({
      heading: section.heading,
      text,
    })),
  );
}
