import {
  $convertFromMarkdownString,
  $convertToMarkdownString,
  TRANSFORMERS,
  type ElementTransformer,
  type MultilineElementTransformer,
  type TextMatchTransformer,
  type Transformer,
} from "@lexical/markdown";
import { $isParagraphNode, ParagraphNode, type ElementNode } from "lexical";

import { $createImageNode, $isImageNode, ImageNode } from "./image-node.ts";
import {
  $createInternalNoteNode,
  $isInternalNoteNode,
  InternalNoteNode,
} from "./internal-note-node.ts";

// Inside a note every line starting with (backslashes and) ":::" gets one more backslash on the
// way out and loses it on the way in, for any block (paragraph, code, table): no text typed in a
// note can close its fence, and the escape is undone exactly, so export and import stay inverse.
const FENCE_LIKE = /^(\\*:::)/gm;
const ESCAPED_FENCE_LIKE = /^\\(\\*:::)/gm;

/**
 * `:::internal` ... `:::` fences an internal note in Markdown (import, export, no-JS editing);
 * fence-like lines inside a note are escaped with a backslash, so only the real fence closes it.
 */
export const INTERNAL_NOTE: MultilineElementTransformer = {
  type: "multiline-element",
  dependencies: [InternalNoteNode],
  regExpStart: /^:::internal\s*$/,
  regExpEnd: { optional: true, regExp: /^:::\s*$/ },
  export: (node) => {
    if (!$isInternalNoteNode(node)) return null;
    const inner = $convertToMarkdownString(ARTICLE_TRANSFORMERS, node).replace(FENCE_LIKE, "\\$1");
    return `:::internal\n${inner}\n:::`;
  },
  replace: (rootNode, children, _start, _end, linesInBetween) => {
    const note = $createInternalNoteNode();
    if (children) {
      note.append(...children);
    } else {
      const inner = (linesInBetween ?? []).join("\n").replace(ESCAPED_FENCE_LIKE, "$1");
      $convertFromMarkdownString(inner, ARTICLE_TRANSFORMERS, note);
    }
    rootNode.append(note);
  },
};

/**
 * A paragraph line starting with ":::" is written as "\\:::" (a CommonMark escape the importer
 * reads back as ":::"), so typed text never opens a note fence outside a note either.
 */
export const PARAGRAPH: ElementTransformer = {
  type: "element",
  dependencies: [ParagraphNode],
  export: (node, exportChildren) =>
    $isParagraphNode(node) ? exportChildren(node).replace(/^:::/gm, "\\:::") : null,
  // Export only: paragraphs are what the importer makes of any other line.
  regExp: /(?!)/,
  replace: () => false,
};

/** `![alt](src)` is an image by URL; the content check refuses addresses that are not http(s). */
export const IMAGE: TextMatchTransformer = {
  type: "text-match",
  dependencies: [ImageNode],
  export: (node) => {
    if (!$isImageNode(node)) return null;
    const alt = node.getAlt().replace(/[[\]\\]/g, "\\$&");
    const src = node.getSrc().replace(/[()\s]/g, (char) => encodeURIComponent(char));
    return `![${alt}](${src})`;
  },
  importRegExp: /!\[((?:[^\]\\]|\\.)*)\]\(([^()\s]+)\)/,
  regExp: /!\[((?:[^\]\\]|\\.)*)\]\(([^()\s]+)\)$/,
  replace: (textNode, match) => {
    const [, alt = "", src = ""] = match;
    textNode.replace($createImageNode({ src, alt: alt.replace(/\\(.)/g, "$1") }));
  },
  trigger: ")",
};

// IMAGE before the LINK in TRANSFORMERS, or "![a](b)" would become "!" and a link.
export const ARTICLE_TRANSFORMERS: Transformer[] = [
  INTERNAL_NOTE,
  PARAGRAPH,
  IMAGE,
  ...TRANSFORMERS,
];

/** Replaces the children of `root` with the nodes described by `markdown` (inside editor.update). */
export function $importMarkdown(markdown: string, root?: ElementNode): void {
  $convertFromMarkdownString(markdown, ARTICLE_TRANSFORMERS, root);
}

/** Returns the Markdown of `root` (inside editor.read/update). */
export function $exportMarkdown(root?: ElementNode): string {
  return $convertToMarkdownString(ARTICLE_TRANSFORMERS, root);
}
