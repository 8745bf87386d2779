import {
  $convertFromMarkdownString,
  $convertToMarkdownString,
  TRANSFORMERS,
  type MultilineElementTransformer,
  type TextMatchTransformer,
  type Transformer,
} from "@lexical/markdown";
import type { ElementNode } from "lexical";

import { $createImageNode, $isImageNode, ImageNode } from "./image-node.ts";
import {
  $createInternalNoteNode,
  $isInternalNoteNode,
  InternalNoteNode,
} from "./internal-note-node.ts";

/** `:::internal` ... `:::` fences an internal note in Markdown (import, export, no-JS editing). */
export const INTERNAL_NOTE: MultilineElementTransformer = {
  type: "multiline-element",
  dependencies: [InternalNoteNode],
  regExpStart: /^:::internal\s*$/,
  regExpEnd: { optional: true, regExp: /^:::\s*$/ },
  export: (node) => {
    if (!$isInternalNoteNode(node)) return null;
    return `:::internal\n${$convertToMarkdownString(ARTICLE_TRANSFORMERS, node)}\n:::`;
  },
  replace: (rootNode, children, _start, _end, linesInBetween) => {
    const note = $createInternalNoteNode();
    if (children) {
      note.append(...children);
    } else {
      $convertFromMarkdownString((linesInBetween ?? []).join("\n"), ARTICLE_TRANSFORMERS, note);
    }
    rootNode.append(note);
  },
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
export const ARTICLE_TRANSFORMERS: Transformer[] = [INTERNAL_NOTE, IMAGE, ...TRANSFORMERS];

/** Replaces the children of `root` with the nodes described by `markdown` (inside editor.update). */
export function $importMarkdown(markdown: string, root?: ElementNode): void {
  $convertFromMarkdownString(markdown, ARTICLE_TRANSFORMERS, root);
}

/** Returns the Markdown of `root` (inside editor.read/update). */
export function $exportMarkdown(root?: ElementNode): string {
  return $convertToMarkdownString(ARTICLE_TRANSFORMERS, root);
}
