/**
 * Comparing and merging the Markdown projections of article revisions (pure, no I/O): a
 * three-way merge at block level for concurrent saves, and a word diff for people to read.
 */
import { diffWords } from "diff";
import { diff3Merge, diffIndices } from "node-diff3";

/** One run of a word diff: unchanged text, or text only in the newer (added) or older (removed) side. */
export interface DiffPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}

/** Returns the word diff from `older` to `newer`; unchanged runs carry neither flag. */
export function diffMarkdown(older: string, newer: string): DiffPart[] {
  return diffWords(older, newer).map(({ value, added, removed }) =>
    added ? { value, added } : removed ? { value, removed } : { value },
  );
}

const INTERNAL_START = /^:::internal\s*$/;
const INTERNAL_END = /^:::\s*$/;
const CODE_FENCE = /^ {0,3}(`{3,}|~{3,})/;

function closesFence(line: string, fence: string) {
  const closing = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line)?.[1];
  return !!closing && closing[0] === fence[0] && closing.length >= fence.length;
}

/**
 * Splits Markdown into blocks on blank lines; a fenced code block or an `:::internal` note is
 * one block even when it contains blank lines.
 */
export function splitBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let codeFence: string | null = null;
  let inInternalNote = false;
  const flush = () => {
    if (current.length) blocks.push(current.join("\n"));
    current = [];
  };
  for (const line of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    if (codeFence) {
      current.push(line);
      if (closesFence(line, codeFence)) codeFence = null;
      continue;
    }
    const fence = CODE_FENCE.exec(line);
    if (fence?.[1]) {
      codeFence = fence[1];
      current.push(line);
      continue;
    }
    if (inInternalNote) {
      current.push(line);
      if (INTERNAL_END.test(line)) inInternalNote = false;
      continue;
    }
    if (INTERNAL_START.test(line)) {
      flush();
      inInternalNote = true;
      current.push(line);
      continue;
    }
    if (line.trim() === "") flush();
    else current.push(line);
  }
  flush();
  return blocks.map((block) => block.replace(/\s+$/, ""));
}

/** Joins blocks back into Markdown, one blank line between them. */
export function joinBlocks(blocks: string[]): string {
  return blocks.join("\n\n");
}

export interface MergeConflict {
  base: string[];
  mine: string[];
  theirs: string[];
}

export type MergeOutcome =
  { status: "merged"; markdown: string } | { status: "conflict"; conflicts: MergeConflict[] };

interface Hunk {
  start: number;
  end: number;
  blocks: string[];
}

function hunksFrom(base: string[], changed: string[]): Hunk[] {
  return diffIndices(base, changed).map((hunk) => ({
    start: hunk.buffer1[0],
    end: hunk.buffer1[0] + hunk.buffer1[1],
    blocks: hunk.buffer2Content,
  }));
}

function sameHunk(a: Hunk, b: Hunk) {
  return (
    a.start === b.start &&
    a.end === b.end &&
    a.blocks.length === b.blocks.length &&
    a.blocks.every((block, index) => block === b.blocks[index])
  );
}

/**
 * Two edits touch when they change a common base block, or both insert at the same place (the
 * order of the new blocks would be a guess).
 */
function touches(a: Hunk, b: Hunk) {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return b.start < a.start && a.start < b.end;
  if (b.start === b.end) return a.start < b.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

/**
 * diff3 reports edits of neighbouring blocks as one conflict; this settles such a region when
 * the two sides' edits touch no common block, and returns null when they really overlap.
 */
function settleRegion(base: string[], mine: string[], theirs: string[]): string[] | null {
  const ours = hunksFrom(base, mine);
  const others = hunksFrom(base, theirs).filter((hunk) => !ours.some((o) => sameHunk(o, hunk)));
  if (ours.some((hunk) => others.some((other) => touches(hunk, other)))) return null;
  // Insertions go before an edit starting at the same block; nothing else shares a start.
  const hunks = [...ours, ...others].sort((a, b) => a.start - b.start || a.end - b.end);
  const result: string[] = [];
  let position = 0;
  for (const hunk of hunks) {
    result.push(...base.slice(position, hunk.start), ...hunk.blocks);
    position = hunk.end;
  }
  result.push(...base.slice(position));
  return result;
}

/**
 * Three-way merges two edits of the same base Markdown at block level: the merged Markdown when
 * the edits touch different blocks (or agree), otherwise the conflicting regions.
 */
export function mergeMarkdown(input: { base: string; mine: string; theirs: string }): MergeOutcome {
  const base = splitBlocks(input.base);
  const mine = splitBlocks(input.mine);
  const theirs = splitBlocks(input.theirs);
  const merged: string[] = [];
  const conflicts: MergeConflict[] = [];
  for (const region of diff3Merge(mine, base, theirs, { excludeFalseConflicts: true })) {
    if (region.ok) {
      merged.push(...region.ok);
      continue;
    }
    if (!region.conflict) continue;
    const { a, o, b } = region.conflict;
    const settled = settleRegion(o, a, b);
    if (settled) merged.push(...settled);
    else conflicts.push({ base: o, mine: a, theirs: b });
  }
  return conflicts.length
    ? { status: "conflict", conflicts }
    : { status: "merged", markdown: joinBlocks(merged) };
}

/** Whether two Markdown texts have the same blocks (blank-line differences aside). */
export function sameMarkdownBlocks(a: string, b: string): boolean {
  return joinBlocks(splitBlocks(a)) === joinBlocks(splitBlocks(b));
}
