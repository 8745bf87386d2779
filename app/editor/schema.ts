/**
 * The shape article content may have: Lexical's serialized state restricted to the node types in
 * nodes.ts (plus root, paragraph, text, linebreak and tab) with their known fields, safe URLs
 * only, and size limits. Checked before the server parses or renders anything.
 */
import { z } from "zod";

import { checkContentSize } from "~/models/article-rules.ts";

import { MAX_ALT_LENGTH } from "./image-node.ts";
import { isSafeImageUrl, isSafeLinkUrl } from "./urls.ts";

export const ContentLimits = {
  /** Nesting of nodes below the root (lists in lists, tables in notes). */
  depth: 20,
  /** Characters in one text node. */
  text: 100_000,
} as const;

const version = z.literal(1).optional();
/**
 * Inline CSS properties text may carry. The editor itself writes none (pasted styles are dropped,
 * plugins/sanitize-plugin.ts); these few change how text looks and nothing else, so a document
 * cannot place, size or overlay anything on a page (no position, inset, display, width, z-index).
 */
export const allowedStyleProperties = new Set([
  "color",
  "background-color",
  "font-weight",
  "font-style",
  "text-decoration",
]);

/** Returns why an inline style is refused, or null for plain declarations of allowed properties. */
export function checkStyle(style: string): string | null {
  for (const declaration of style.split(";")) {
    if (!declaration.trim()) continue;
    const match = /^\s*([a-z-]+)\s*:\s*([#\w\s.,%-]+?)\s*$/i.exec(declaration);
    if (!match) return "Inline styles may only hold plain declarations";
    const property = match[1]!.toLowerCase();
    if (!allowedStyleProperties.has(property)) {
      return `Inline style property not allowed: "${property.slice(0, 40)}"`;
    }
  }
  return null;
}

const style = z
  .string()
  .max(1000)
  .superRefine((value, context) => {
    const problem = checkStyle(value);
    if (problem) context.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });
// Node state @lexical/markdown keeps for a faithful round trip (list marker, code fence, breaks).
const markdownState = z
  .object({
    mdListMarker: z.enum(["-", "*", "+"]).optional(),
    mdCodeFence: z
      .string()
      .regex(/^`{3,20}$/)
      .optional(),
    mdCodeMeta: z
      .string()
      .max(200)
      .regex(/^[^\r\n]*$/)
      .optional(),
    mdHardLineBreak: z
      .string()
      .regex(/^(\\| {2,20})$/)
      .optional(),
  })
  .strict();
const elementFields = {
  version,
  $: markdownState.optional(),
  direction: z.enum(["ltr", "rtl"]).nullable().optional(),
  format: z.enum(["", "left", "start", "center", "right", "end", "justify"]).optional(),
  indent: z.number().int().min(0).max(ContentLimits.depth).optional(),
  textFormat: z.number().int().min(0).max(0xffff).optional(),
  textStyle: style.optional(),
};
const textFields = {
  version,
  $: markdownState.optional(),
  text: z.string().max(ContentLimits.text).optional(),
  format: z.number().int().min(0).max(0xffff).optional(),
  detail: z.number().int().min(0).max(3).optional(),
  mode: z.enum(["normal", "token", "segmented"]).optional(),
  style: style.optional(),
};
const linkUrl = z
  .string()
  .refine(isSafeLinkUrl, (url) => ({ message: `Link address not allowed: "${url.slice(0, 80)}"` }));
const linkFields = {
  url: linkUrl,
  rel: z
    .string()
    .max(100)
    .regex(/^[a-z ]*$/)
    .nullable()
    .optional(),
  target: z.enum(["_blank", "_self"]).nullable().optional(),
  title: z.string().max(500).nullable().optional(),
};

const TextSchema = z.object({ type: z.literal("text"), ...textFields }).strict();
const TabSchema = z.object({ type: z.literal("tab"), ...textFields }).strict();
const LineBreakSchema = z
  .object({ type: z.literal("linebreak"), version, $: markdownState.optional() })
  .strict();
const ImageSchema = z
  .object({
    type: z.literal("image"),
    version,
    src: z.string().refine(isSafeImageUrl, (url) => ({
      message: `Image address not allowed: "${url.slice(0, 80)}"`,
    })),
    alt: z.string().max(MAX_ALT_LENGTH),
  })
  .strict();
const linkChildren = z.array(
  z.discriminatedUnion("type", [TextSchema, TabSchema, LineBreakSchema, ImageSchema]),
);
const LinkSchema = z
  .object({ type: z.literal("link"), ...elementFields, ...linkFields, children: linkChildren })
  .strict();
const AutoLinkSchema = z
  .object({
    type: z.literal("autolink"),
    ...elementFields,
    ...linkFields,
    isUnlinked: z.boolean().optional(),
    children: linkChildren,
  })
  .strict();
const inline = [
  TextSchema,
  TabSchema,
  LineBreakSchema,
  ImageSchema,
  LinkSchema,
  AutoLinkSchema,
] as const;
const InlineSchema = z.discriminatedUnion("type", [...inline]);

const ParagraphSchema = z
  .object({ type: z.literal("paragraph"), ...elementFields, children: z.array(InlineSchema) })
  .strict();
const HeadingSchema = z
  .object({
    type: z.literal("heading"),
    ...elementFields,
    tag: z.enum(["h1", "h2", "h3", "h4", "h5", "h6"]).optional(),
    children: z.array(InlineSchema),
  })
  .strict();
const CodeHighlightSchema = z
  .object({
    type: z.literal("code-highlight"),
    ...textFields,
    highlightType: z
      .string()
      .max(40)
      .regex(/^[\w-]*$/)
      .nullable()
      .optional(),
  })
  .strict();
const CodeSchema = z
  .object({
    type: z.literal("code"),
    ...elementFields,
    // Ends up in an attribute: letters, digits and a few signs ("c++", "objective-c", "c#").
    language: z
      .string()
      .max(40)
      .regex(/^[\w+#.-]*$/, "Code language may only hold letters, digits and + # . -")
      .nullable()
      .optional(),
    theme: z
      .string()
      .max(40)
      .regex(/^[\w-]*$/)
      .nullable()
      .optional(),
    children: z.array(
      z.discriminatedUnion("type", [TextSchema, TabSchema, LineBreakSchema, CodeHighlightSchema]),
    ),
  })
  .strict();

// Lists nest through their items; the explicit return type breaks the type-level cycle.
const ListItemSchema = z
  .object({
    type: z.literal("listitem"),
    ...elementFields,
    value: z.number().int().min(-1_000_000).max(1_000_000).optional(),
    checked: z.boolean().optional(),
    children: z.array(z.lazy((): z.ZodTypeAny => ListItemChildSchema)),
  })
  .strict();
const ListSchema = z
  .object({
    type: z.literal("list"),
    ...elementFields,
    listType: z.enum(["bullet", "number", "check"]).optional(),
    start: z.number().int().min(0).max(1_000_000).optional(),
    tag: z.enum(["ul", "ol"]).optional(),
    children: z.array(ListItemSchema),
  })
  .strict();
const ListItemChildSchema = z.discriminatedUnion("type", [...inline, ListSchema]);

// A quote holds inline content, or blocks when it opted in to being a shadow root.
const QuoteSchema = z
  .object({
    type: z.literal("quote"),
    ...elementFields,
    shadowRoot: z.boolean().optional(),
    children: z.array(
      z.discriminatedUnion("type", [
        ...inline,
        ParagraphSchema,
        HeadingSchema,
        ListSchema,
        CodeSchema,
      ]),
    ),
  })
  .strict();

const TableCellSchema = z
  .object({
    type: z.literal("tablecell"),
    ...elementFields,
    // Rendered into a style attribute: a colour and nothing else.
    backgroundColor: z
      .string()
      .regex(/^(#[\da-f]{3,8}|[a-z]+|rgba?\([\d\s.,%]+\))$/i, "Cell colour not allowed")
      .nullable()
      .optional(),
    colSpan: z.number().int().min(1).max(100).optional(),
    rowSpan: z.number().int().min(1).max(1000).optional(),
    headerState: z.number().int().min(0).max(3).optional(),
    width: z.number().min(0).max(10_000).optional(),
    verticalAlign: z.enum(["top", "middle", "bottom"]).optional(),
    children: z.array(
      z.discriminatedUnion("type", [
        ParagraphSchema,
        HeadingSchema,
        QuoteSchema,
        ListSchema,
        CodeSchema,
      ]),
    ),
  })
  .strict();
const TableRowSchema = z
  .object({
    type: z.literal("tablerow"),
    ...elementFields,
    height: z.number().min(0).max(10_000).optional(),
    children: z.array(TableCellSchema),
  })
  .strict();
const TableSchema = z
  .object({
    type: z.literal("table"),
    ...elementFields,
    colWidths: z.array(z.number().min(0).max(10_000)).max(100).optional(),
    rowStriping: z.boolean().optional(),
    frozenColumnCount: z.number().int().min(0).max(100).optional(),
    frozenRowCount: z.number().int().min(0).max(1000).optional(),
    children: z.array(TableRowSchema),
  })
  .strict();

const blocks = [
  ParagraphSchema,
  HeadingSchema,
  QuoteSchema,
  ListSchema,
  CodeSchema,
  TableSchema,
] as const;
const InternalNoteSchema = z
  .object({
    type: z.literal("internal-note"),
    ...elementFields,
    children: z.array(z.discriminatedUnion("type", [...blocks])).min(1),
  })
  .strict();

const RootSchema = z
  .object({
    type: z.literal("root"),
    ...elementFields,
    children: z.array(z.discriminatedUnion("type", [...blocks, InternalNoteSchema])),
  })
  .strict();

/** A whole serialized article: `{ root: { type: "root", children: [...] } }`. */
export const ContentSchema = z.object({ root: RootSchema }).strict();
export type CheckedContent = z.infer<typeof ContentSchema>;

/** Every node type content may hold, as Lexical names them. */
export const contentNodeTypes = [
  "root",
  "paragraph",
  "text",
  "linebreak",
  "tab",
  "heading",
  "quote",
  "list",
  "listitem",
  "link",
  "autolink",
  "code",
  "code-highlight",
  "table",
  "tablerow",
  "tablecell",
  "internal-note",
  "image",
] as const;
const knownTypes = new Set<string>(contentNodeTypes);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Walks the tree without recursion (so a hostile document cannot exhaust the stack) and reports
 * the first node that is too deep or of an unknown type, before zod looks at the fields.
 */
function findStructuralProblem(document: unknown): string | null {
  if (!isRecord(document) || !isRecord(document.root)) return "The content has no root node";
  const stack: { node: unknown; depth: number; path: string }[] = [
    { node: document.root, depth: 0, path: "root" },
  ];
  while (stack.length) {
    const { node, depth, path } = stack.pop()!;
    if (!isRecord(node)) return `${path} is not a node`;
    if (typeof node.type !== "string" || !knownTypes.has(node.type)) {
      return `${path}: unknown node type ${JSON.stringify(String(node.type).slice(0, 40))}`;
    }
    if (depth > ContentLimits.depth) {
      return `The content is nested more than ${ContentLimits.depth} levels deep`;
    }
    if (node.children === undefined) continue;
    if (!Array.isArray(node.children)) return `${path}.children is not a list`;
    node.children.forEach((child, index) =>
      stack.push({ node: child, depth: depth + 1, path: `${path}.children[${index}]` }),
    );
  }
  return null;
}

function describeIssue(issue: z.ZodIssue): string {
  const path = issue.path.reduce<string>(
    (text, part) => (typeof part === "number" ? `${text}[${part}]` : `${text}.${part}`),
    "",
  );
  const where = path.replace(/^\./, "");
  if (issue.code === "invalid_union_discriminator") {
    return `${where}: this kind of node is not allowed here`;
  }
  if (issue.code === "unrecognized_keys") {
    return `${where || "root"}: unknown field ${issue.keys.map((key) => `"${key}"`).join(", ")}`;
  }
  return `${where}: ${issue.message}`;
}

export type ContentCheck = { ok: true } | { ok: false; message: string };

/**
 * Checks serialized article content against the schema and limits; returns a message naming the
 * first problem (unknown node type, unsafe URL, too large or too deep) instead of throwing.
 */
export function validateContentDocument(serialized: string): ContentCheck {
  const tooLarge = checkContentSize(serialized);
  if (tooLarge) return { ok: false, message: tooLarge };
  let document: unknown;
  try {
    document = JSON.parse(serialized);
  } catch {
    return { ok: false, message: "The content is not valid JSON" };
  }
  const problem = findStructuralProblem(document);
  if (problem) return { ok: false, message: problem };
  const parsed = ContentSchema.safeParse(document);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, message: first ? describeIssue(first) : "The content is not valid" };
  }
  return { ok: true };
}
