/**
 * The article editor (Lexical, in the browser). Imported only by the new and edit routes, so read
 * and search pages ship no editor code. It writes the serialized state into a hidden
 * `<input name="content">` of the surrounding form.
 */
import { LexicalComposer, type InitialConfigType } from "@lexical/react/LexicalComposer";
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { ContentEditable } from "@lexical/react/LexicalContentEditable";
import { LexicalErrorBoundary } from "@lexical/react/LexicalErrorBoundary";
import { HistoryPlugin } from "@lexical/react/LexicalHistoryPlugin";
import { LinkPlugin } from "@lexical/react/LexicalLinkPlugin";
import { ListPlugin } from "@lexical/react/LexicalListPlugin";
import { MarkdownShortcutPlugin } from "@lexical/react/LexicalMarkdownShortcutPlugin";
import { OnChangePlugin } from "@lexical/react/LexicalOnChangePlugin";
import { RichTextPlugin } from "@lexical/react/LexicalRichTextPlugin";
import { TablePlugin } from "@lexical/react/LexicalTablePlugin";
import type { EditorThemeClasses } from "lexical";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { $importMarkdown, ARTICLE_TRANSFORMERS } from "./markdown.ts";
import { articleNodes } from "./nodes.ts";
import { ArticleLinkPickerPlugin } from "./plugins/article-link-picker.tsx";
import { SanitizePlugin } from "./plugins/sanitize-plugin.ts";
import { ToolbarPlugin } from "./plugins/toolbar.tsx";
import { isSafeLinkUrl } from "./urls.ts";

const theme: EditorThemeClasses = {
  code: "not-prose my-4 block whitespace-pre-wrap rounded-md bg-slate-100 p-3 font-mono text-sm text-slate-800",
  link: "text-blue-700 underline",
  table: "my-4 w-full table-fixed border-collapse",
  tableCell: "border border-slate-300 px-2 py-1 align-top",
  tableCellHeader: "bg-slate-100 font-semibold",
  text: { code: "rounded bg-slate-100 px-1 font-mono text-[0.9em]" },
};

/**
 * Fills the hidden field once: with the stored content verbatim (so saving without edits is a
 * no-op), or with the state the editor started from. Set here rather than as `defaultValue`,
 * which React would write back into a hidden input on every render.
 */
function InitialContentPlugin({
  field,
  content,
}: {
  field: React.RefObject<HTMLInputElement>;
  content: string | null;
}) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    if (field.current) {
      field.current.value = content ?? JSON.stringify(editor.getEditorState().toJSON());
    }
  }, [editor, field, content]);
  return null;
}

export interface ArticleEditorProps {
  /** Serialized state to start from (edit), or null for an empty article. */
  initialContent: string | null;
  /** Markdown typed into the plain form before the editor loaded; wins over initialContent. */
  initialMarkdown?: string;
  /** Id of the visible label of the text area. */
  labelId: string;
  /** Id of the field error, when there is one. */
  errorId?: string;
  /** Called on the first change, so the form knows it has unsaved edits. */
  onChange?: () => void;
}

/** The rich-text editor with its toolbar and the hidden `content` field it fills. */
export function ArticleEditor({
  initialContent,
  initialMarkdown,
  labelId,
  errorId,
  onChange,
}: ArticleEditorProps) {
  const { t } = useTranslation();
  const content = useRef<HTMLInputElement>(null);
  // Loaders revalidate after a save attempt (a conflict brings the other person's body); the
  // editor and its field keep what this person wrote.
  const [startContent] = useState(initialContent);
  const [startMarkdown] = useState(initialMarkdown);
  const initialConfig: InitialConfigType = {
    namespace: "lagebild-article",
    nodes: articleNodes,
    theme,
    onError: (error) => {
      throw error;
    },
    editorState:
      startMarkdown !== undefined
        ? () => $importMarkdown(startMarkdown)
        : (startContent ?? undefined),
  };
  return (
    <LexicalComposer initialConfig={initialConfig}>
      <div className="rounded-md border border-slate-300 bg-white focus-within:border-blue-600 focus-within:ring-2 focus-within:ring-blue-600/30">
        <ToolbarPlugin />
        <div
          className="relative"
          style={
            { "--internal-label": JSON.stringify(t("article.internalNote")) } as React.CSSProperties
          }
        >
          <RichTextPlugin
            contentEditable={
              <ContentEditable
                id="article-editor-body"
                className="article-body prose prose-slate min-h-[18rem] max-w-none px-4 py-3 focus:outline-none"
                aria-labelledby={labelId}
                aria-describedby={errorId}
                aria-invalid={errorId ? true : undefined}
                aria-multiline
                aria-placeholder={t("editor.placeholder")}
                placeholder={
                  <p className="pointer-events-none absolute left-4 top-3 text-slate-500">
                    {t("editor.placeholder")}
                  </p>
                }
              />
            }
            ErrorBoundary={LexicalErrorBoundary}
          />
        </div>
      </div>
      <HistoryPlugin />
      <ListPlugin />
      <LinkPlugin validateUrl={isSafeLinkUrl} />
      <TablePlugin hasCellMerge={false} hasCellBackgroundColor={false} />
      <MarkdownShortcutPlugin transformers={ARTICLE_TRANSFORMERS} />
      <SanitizePlugin />
      <ArticleLinkPickerPlugin />
      <OnChangePlugin
        ignoreSelectionChange
        onChange={(editorState) => {
          if (content.current) content.current.value = JSON.stringify(editorState.toJSON());
          onChange?.();
        }}
      />
      <InitialContentPlugin
        field={content}
        content={startMarkdown === undefined ? startContent : null}
      />
      <input ref={content} type="hidden" name="content" />
    </LexicalComposer>
  );
}
