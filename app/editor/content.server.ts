/**
 * Server side of article content: parses Lexical's serialized state with the editor's own node
 * list (headless, no editor code reaches read pages) and projects it to HTML, plain text and
 * Markdown, for staff or for the public (internal notes removed).
 */
import { createHeadlessEditor } from "@lexical/headless";
import { withDOM } from "@lexical/headless/dom";
import { $generateHtmlFromNodes } from "@lexical/html";
import { $isLinkNode } from "@lexical/link";
import { TableNode } from "@lexical/table";
import { $getRoot, type DOMExportOutput, type LexicalEditor, type LexicalNode } from "lexical";
import { $isElementNode } from "lexical";

import { $isInternalNoteNode } from "./internal-note-node.ts";
import { $exportMarkdown, $importMarkdown } from "./markdown.ts";
import { articleNodes } from "./nodes.ts";
import { validateContentDocument } from "./schema.ts";

export type Audience = "staff" | "public";

export class InvalidContentError extends Error {
  override name = "InvalidContentError";
}

/**
 * TableNode's export "replaces" the table with itself after wrapping its rows in <tbody>; happy-dom
 * removes an element replaced by itself, so without this every table vanished from the HTML.
 */
function exportTable(editor: LexicalEditor, node: LexicalNode): DOMExportOutput {
  const output = node.exportDOM(editor);
  const after = output.after;
  if (!after) return output;
  return {
    ...output,
    after: (element) => {
      const replacement = after.call(node, element);
      return replacement === element ? null : replacement;
    },
  };
}

function createEditor(): LexicalEditor {
  return createHeadlessEditor({
    namespace: "lagebild-server",
    nodes: articleNodes,
    html: { export: new Map([[TableNode, exportTable]]) },
    onError: (error) => {
      throw error;
    },
  });
}

/**
 * Loads serialized state into a fresh editor; throws InvalidContentError when it breaks the
 * content schema (schema.ts) or does not parse.
 */
function loadEditor(serialized: string): LexicalEditor {
  const check = validateContentDocument(serialized);
  if (!check.ok) throw new InvalidContentError(check.message);
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

// Any address of an article page on this site: the page, its ".md" download, its edit or history
// page, with or without a query or #anchor; percent-encoding is undone first, as the router does.
const articleLink = /^\/(?:articles|help)\/([a-z0-9-]+)(?:\.md|\/[^?#]*)?(?:[?#].*)?$/;

/** The slug an article link points at, or null for any other address. */
export function linkedArticleSlug(url: string): string | null {
  let path = url;
  try {
    path = decodeURI(url);
  } catch {
    // Broken percent-encoding is matched as written.
  }
  return articleLink.exec(path)?.[1] ?? null;
}

/**
 * The public projection: internal notes removed; links to public articles point into the help
 * centre; links to other articles are unwrapped to plain text, so no internal slug is revealed.
 */
function $makePublic(isPublicSlug: (slug: string) => boolean) {
  const visit = (node: LexicalNode) => {
    if ($isInternalNoteNode(node)) {
      node.remove();
      return;
    }
    if ($isLinkNode(node)) {
      const slug = linkedArticleSlug(node.getURL());
      if (slug && isPublicSlug(slug)) {
        const anchor = /#[\w-]*$/.exec(node.getURL())?.[0] ?? "";
        node.setURL(`/help/${slug}${anchor}`);
      } else if (slug) {
        for (const child of node.getChildren()) node.insertBefore(child);
        node.remove();
        return;
      }
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
  /** Text of the internal notes, a line per block (empty in the public projection). */
  internalText: string[];
}

function collectInternalText(): string[] {
  return $getRoot()
    .getChildren()
    .filter($isInternalNoteNode)
    .flatMap((note) => note.getTextContent().split(/\n+/))
    .filter((line) => line.trim());
}

function collectLinkedSlugs(): string[] {
  const slugs = new Set<string>();
  const visit = (node: LexicalNode) => {
    if ($isLinkNode(node)) {
      const slug = linkedArticleSlug(node.getURL());
      if (slug) slugs.add(slug);
    }
    if ($isElementNode(node)) node.getChildren().forEach(visit);
  };
  visit($getRoot());
  return [...slugs];
}

/**
 * Renders serialized content for an audience; throws InvalidContentError on bad content. For the
 * public, `isPublicSlug` tells which linked articles may stay links (default: none).
 */
export function renderContent(
  serialized: string,
  audience: Audience,
  options: { isPublicSlug?: (slug: string) => boolean } = {},
): RenderedContent {
  const editor = loadEditor(serialized);
  if (audience === "public") {
    const isPublicSlug = options.isPublicSlug ?? (() => false);
    editor.update(() => $makePublic(isPublicSlug), { discrete: true });
  }
  return withDOM(() =>
    editor.getEditorState().read(() => ({
      html: $generateHtmlFromNodes(editor, null),
      text: $getRoot().getTextContent(),
      markdown: $exportMarkdown(),
      linkedSlugs: collectLinkedSlugs(),
      internalText: collectInternalText(),
    })),
  );
}

/** Converts Markdown (with `:::internal` fences) into serialized Lexical state. */
export function markdownToContent(markdown: string): string {
  const editor = createEditor();
  editor.update(() => $importMarkdown(markdown), { discrete: true });
  return JSON.stringify(editor.getEditorState().toJSON());
}
