/** Block-level edits the toolbar and its shortcuts make (all run inside editor.update/read). */
import { $createCodeNode, $isCodeNode } from "@lexical/code";
import { $isLinkNode } from "@lexical/link";
import { $isListNode, ListNode } from "@lexical/list";
import {
  $createHeadingNode,
  $createQuoteNode,
  $isHeadingNode,
  $isQuoteNode,
} from "@lexical/rich-text";
import { $setBlocksType } from "@lexical/selection";
import { $findMatchingParent, $getNearestNodeOfType } from "@lexical/utils";
import {
  $createParagraphNode,
  $getRoot,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isRootNode,
  type ElementNode,
  type LexicalNode,
} from "lexical";

import {
  $createInternalNoteNode,
  $isInternalNoteNode,
  type InternalNoteNode,
} from "../internal-note-node.ts";

export type BlockType = "paragraph" | "h2" | "h3" | "bullet" | "number" | "quote" | "code";

export interface SelectionFormat {
  block: BlockType | null;
  bold: boolean;
  italic: boolean;
  code: boolean;
  link: boolean;
  internalNote: boolean;
}

export const noFormat: SelectionFormat = {
  block: null,
  bold: false,
  italic: false,
  code: false,
  link: false,
  internalNote: false,
};

function $blockOf(node: LexicalNode): ElementNode | null {
  const list = $getNearestNodeOfType(node, ListNode);
  if (list) return list;
  const block = node.getTopLevelElement();
  return $isElementNode(block) ? block : null;
}

/** What the toolbar shows as active for the current selection. */
export function $readSelectionFormat(): SelectionFormat {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return noFormat;
  const anchor = selection.anchor.getNode();
  const block = $blockOf(anchor);
  let type: BlockType | null = null;
  if ($isListNode(block)) type = block.getListType() === "number" ? "number" : "bullet";
  else if ($isHeadingNode(block)) type = block.getTag() === "h3" ? "h3" : "h2";
  else if ($isQuoteNode(block)) type = "quote";
  else if ($isCodeNode(block)) type = "code";
  else if (block?.getType() === "paragraph") type = "paragraph";
  return {
    block: type,
    bold: selection.hasFormat("bold"),
    italic: selection.hasFormat("italic"),
    code: selection.hasFormat("code"),
    link: $findMatchingParent(anchor, $isLinkNode) !== null,
    internalNote: $findMatchingParent(anchor, $isInternalNoteNode) !== null,
  };
}

/** Turns the selected blocks into paragraphs, headings, a quote or a code block. */
export function $setBlockType(type: "paragraph" | "h2" | "h3" | "quote" | "code") {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return;
  const current = $readSelectionFormat().block;
  // Pressing the active block type again goes back to normal text.
  const target = current === type ? "paragraph" : type;
  $setBlocksType(selection, () => {
    if (target === "h2" || target === "h3") return $createHeadingNode(target);
    if (target === "quote") return $createQuoteNode();
    if (target === "code") return $createCodeNode();
    return $createParagraphNode();
  });
}

/** The block directly under the root that holds `node` (notes and tables are kept whole). */
function $rootBlockOf(node: LexicalNode): ElementNode | null {
  const block = $findMatchingParent(node, (candidate) => $isRootNode(candidate.getParent()));
  return block && !$isRootNode(block) ? (block as ElementNode) : null;
}

/**
 * Wraps the selected blocks in an internal note, or, inside a note, unwraps it again so its
 * blocks become normal (public) text.
 */
export function $toggleInternalNote() {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return;
  const existing: InternalNoteNode | null = $findMatchingParent(
    selection.anchor.getNode(),
    $isInternalNoteNode,
  );
  if (existing) {
    for (const child of existing.getChildren()) existing.insertBefore(child);
    existing.remove();
    return;
  }
  const blocks: ElementNode[] = [];
  for (const node of [selection.anchor.getNode(), ...selection.getNodes()]) {
    const block = $rootBlockOf(node);
    if (block && !blocks.some((known) => known.is(block))) blocks.push(block);
  }
  blocks.sort((a, b) => a.getIndexWithinParent() - b.getIndexWithinParent());
  const first = blocks[0];
  if (!first) {
    const paragraph = $createParagraphNode();
    $getRoot().append($createInternalNoteNode().append(paragraph));
    paragraph.select();
    return;
  }
  const note = $createInternalNoteNode();
  first.insertBefore(note);
  note.append(...blocks);
}
