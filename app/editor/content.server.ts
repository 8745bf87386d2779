/**
 * Server side of article content: parses Lexical's serialized state with the editor's own node
 * list (headless, no editor code reaches read pages) and projects it to HTML, plain text and
 * Markdown, for staff or for the public (internal notes removed).
 */
import { createHeadlessEditor } from "@lexical/headless";
import { withDOM } from "@lexical/headless/dom";
import { $generateHtmlFromNodes } from "@lexical/html";
import { $isLinkNode } from "@lexical/link";
import { $getRoot, type LexicalEditor, type LexicalNode } from "lexical";
import { $isElementNode } from "lexical";

import { $isInternalNoteNode } from "./internal-note-node.ts";
import { $exportMarkdown, $importMarkdown } from "./markdown.ts";
import { articleNodes } from "./nodes.ts";

export type Audience = "staff" | "public";

export class InvalidContentError extends Error {
  override name = "InvalidContentError";
}

function createEditor(): LexicalEditor {
  return createHeadlessEditor({
    namespace: "lagebild-server",
    nodes: articleNodes,
    onError: (error) => {
      throw error;
    },
  });
}

/** Loads serialized state into a fresh editor; throws InvalidContentError when it does not parse. */
function loadEditor(serialized: string): LexicalEditor {
  const editor = createEditor();
  try {
    editor.setEditorState(editor.parseEditorState(serialized));
  } catch (error) {
    throw new InvalidContentError(
      `The article content is not a valid editor document: ${(error as Error).message}`,
    );
  }
  return editor;
}

function $dropInternalNotes() {
  const visit = (node: LexicalNode) => {
    if ($isInternalNoteNode(node)) {
      node.remove();
      return;
    }
    if ($isElementNode(node)) node.getChildren().forEach(visit);
  };
  visit($getRoot());
}

export interface RenderedContent {
  html: string;
  text: string;
  markdown: string;
  /** Slugs of other articles this one links to (`/articles/<slug>` links). */
  linkedSlugs: string[];
}

function collectLinkedSlugs(): string[] {
  const slugs = new Set<string>();
  const visit = (node: LexicalNode) => {
    if ($isLinkNode(node)) {
      const match = /^\/(?:articles|help)\/([a-z0-9-]+)\/?$/.exec(node.getURL());
      if (match?.[1]) slugs.add(match[1]);
    }
    if ($isElementNode(node)) node.getChildren().forEach(visit);
  };
  visit($getRoot());
  return [...slugs];
}

/** Renders serialized content for an audience; throws InvalidContentError on bad content. */
export function renderContent(serialized: string, audience: Audience): RenderedContent {
  const editor = loadEditor(serialized);
  if (audience === "public") editor.update($dropInternalNotes, { discrete: true });
  return withDOM(() =>
    editor.getEditorState().read(() => ({
      html: $generateHtmlFromNodes(editor, null),
      text: $getRoot().getTextContent(),
      markdown: $exportMarkdown(),
      linkedSlugs: collectLinkedSlugs(),
    })),
  );
}

/** Converts Markdown (with `:::internal` fences) into serialized Lexical state. */
export function markdownToContent(markdown: string): string {
  const editor = createEditor();
  editor.update(() => $importMarkdown(markdown), { discrete: true });
  return JSON.stringify(editor.getEditorState().toJSON());
}
