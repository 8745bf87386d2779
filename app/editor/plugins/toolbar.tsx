import { $createLinkNode, $isLinkNode, TOGGLE_LINK_COMMAND } from "@lexical/link";
import {
  INSERT_ORDERED_LIST_COMMAND,
  INSERT_UNORDERED_LIST_COMMAND,
  REMOVE_LIST_COMMAND,
} from "@lexical/list";
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { INSERT_TABLE_COMMAND } from "@lexical/table";
import { $findMatchingParent, mergeRegister } from "@lexical/utils";
import {
  $createTextNode,
  $getSelection,
  $insertNodes,
  $isRangeSelection,
  $setSelection,
  COMMAND_PRIORITY_NORMAL,
  FORMAT_TEXT_COMMAND,
  IS_APPLE,
  KEY_DOWN_COMMAND,
  type BaseSelection,
} from "lexical";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { $createImageNode, MAX_ALT_LENGTH } from "../image-node.ts";
import { isSafeImageUrl, isSafeLinkUrl, MAX_URL_LENGTH, normalizeUrlInput } from "../urls.ts";

import {
  $readSelectionFormat,
  $setBlockType,
  $toggleInternalNote,
  noFormat,
  type SelectionFormat,
} from "./blocks.ts";
import { UrlDialog } from "./url-dialog.tsx";

/** A key pressed with Ctrl (Cmd on Apple), by physical key so every keyboard layout agrees. */
interface Shortcut {
  code: string;
  shift?: boolean;
  /** Lexical already handles it (bold, italic): shown, not registered again. */
  builtIn?: boolean;
}

interface ToolbarAction {
  id: string;
  label: string;
  glyph: string;
  glyphClass?: string;
  shortcut?: Shortcut;
  pressed?: boolean;
  run: () => void;
  /** Starts a new group (a visual separator before it). */
  group?: boolean;
}

function keyName(code: string) {
  return code.replace(/^Key|^Digit/, "");
}

function shortcutLabel(shortcut: Shortcut) {
  const parts = [IS_APPLE ? "⌘" : "Ctrl", shortcut.shift ? (IS_APPLE ? "⇧" : "Shift") : null];
  return [...parts.filter(Boolean), keyName(shortcut.code)].join(IS_APPLE ? "" : "+");
}

function ariaShortcut(shortcut: Shortcut) {
  return [IS_APPLE ? "Meta" : "Control", shortcut.shift ? "Shift" : null, keyName(shortcut.code)]
    .filter(Boolean)
    .join("+");
}

function matches(event: KeyboardEvent, shortcut: Shortcut) {
  const modifier = IS_APPLE ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  return (
    modifier && !event.altKey && event.code === shortcut.code && !!shortcut.shift === event.shiftKey
  );
}

type OpenDialog = { kind: "link"; url: string; editing: boolean } | { kind: "image" } | null;

/**
 * The formatting toolbar: one button per action, each with an accessible name and (where it has
 * one) its keyboard shortcut; arrow keys move between buttons (one tab stop for the toolbar).
 */
export function ToolbarPlugin() {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation();
  const [format, setFormat] = useState<SelectionFormat>(noFormat);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const savedSelection = useRef<BaseSelection | null>(null);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState }) =>
        editorState.read(() => setFormat($readSelectionFormat()), { editor }),
      ),
    [editor],
  );

  function update(change: () => void) {
    editor.update(change);
    editor.focus();
  }

  function openDialog(kind: "link" | "image") {
    editor.getEditorState().read(() => {
      const selection = $getSelection();
      savedSelection.current = selection?.clone() ?? null;
      if (kind === "image") return setDialog({ kind });
      const link = $isRangeSelection(selection)
        ? $findMatchingParent(selection.anchor.getNode(), $isLinkNode)
        : null;
      setDialog({ kind, url: link?.getURL() ?? "", editing: link !== null });
    });
  }

  function closeDialog(change?: () => void) {
    setDialog(null);
    editor.update(() => {
      if (savedSelection.current) $setSelection(savedSelection.current.clone());
      change?.();
    });
    editor.focus();
  }

  function insertLink(url: string) {
    closeDialog(() => {
      const selection = $getSelection();
      // Nothing selected: the address itself becomes the link text.
      if ($isRangeSelection(selection) && selection.isCollapsed() && !format.link) {
        $insertNodes([$createLinkNode(url).append($createTextNode(url))]);
        return;
      }
      editor.dispatchCommand(TOGGLE_LINK_COMMAND, url);
    });
  }

  const toggleList = (type: "bullet" | "number") => {
    if (format.block === type) editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
    else if (type === "bullet") editor.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined);
    else editor.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined);
    editor.focus();
  };
  const formatText = (type: "bold" | "italic" | "code") => {
    editor.dispatchCommand(FORMAT_TEXT_COMMAND, type);
    editor.focus();
  };

  const actions: ToolbarAction[] = [
    {
      id: "paragraph",
      label: t("editor.paragraph"),
      glyph: "¶",
      shortcut: { code: "Digit0", shift: true },
      pressed: format.block === "paragraph",
      run: () => update(() => $setBlockType("paragraph")),
    },
    {
      id: "h2",
      label: t("editor.heading2"),
      glyph: "H2",
      shortcut: { code: "Digit2", shift: true },
      pressed: format.block === "h2",
      run: () => update(() => $setBlockType("h2")),
    },
    {
      id: "h3",
      label: t("editor.heading3"),
      glyph: "H3",
      shortcut: { code: "Digit3", shift: true },
      pressed: format.block === "h3",
      run: () => update(() => $setBlockType("h3")),
    },
    {
      id: "bold",
      group: true,
      label: t("editor.bold"),
      glyph: "B",
      glyphClass: "font-bold",
      shortcut: { code: "KeyB", builtIn: true },
      pressed: format.bold,
      run: () => formatText("bold"),
    },
    {
      id: "italic",
      label: t("editor.italic"),
      glyph: "I",
      glyphClass: "italic font-serif",
      shortcut: { code: "KeyI", builtIn: true },
      pressed: format.italic,
      run: () => formatText("italic"),
    },
    {
      id: "code",
      label: t("editor.inlineCode"),
      glyph: "`c`",
      glyphClass: "font-mono",
      shortcut: { code: "KeyE" },
      pressed: format.code,
      run: () => formatText("code"),
    },
    {
      id: "bullet",
      group: true,
      label: t("editor.bulletList"),
      glyph: "•≡",
      shortcut: { code: "Digit8", shift: true },
      pressed: format.block === "bullet",
      run: () => toggleList("bullet"),
    },
    {
      id: "number",
      label: t("editor.numberedList"),
      glyph: "1≡",
      shortcut: { code: "Digit7", shift: true },
      pressed: format.block === "number",
      run: () => toggleList("number"),
    },
    {
      id: "quote",
      label: t("editor.quote"),
      glyph: "❝",
      shortcut: { code: "Digit9", shift: true },
      pressed: format.block === "quote",
      run: () => update(() => $setBlockType("quote")),
    },
    {
      id: "codeBlock",
      label: t("editor.codeBlock"),
      glyph: "{ }",
      glyphClass: "font-mono",
      shortcut: { code: "KeyE", shift: true },
      pressed: format.block === "code",
      run: () => update(() => $setBlockType("code")),
    },
    {
      id: "link",
      group: true,
      label: t("editor.link"),
      glyph: t("editor.linkGlyph"),
      shortcut: { code: "KeyK" },
      pressed: format.link,
      run: () => openDialog("link"),
    },
    {
      id: "articleLink",
      label: t("editor.articleLink"),
      glyph: "[[ ]]",
      glyphClass: "font-mono",
      run: () =>
        update(() => {
          const selection = $getSelection();
          if ($isRangeSelection(selection)) selection.insertText("[[");
        }),
    },
    {
      id: "table",
      label: t("editor.table"),
      glyph: t("editor.tableGlyph"),
      run: () => {
        editor.dispatchCommand(INSERT_TABLE_COMMAND, {
          rows: "3",
          columns: "3",
          includeHeaders: { rows: true, columns: false },
        });
        editor.focus();
      },
    },
    {
      id: "image",
      label: t("editor.image"),
      glyph: t("editor.imageGlyph"),
      run: () => openDialog("image"),
    },
    {
      id: "internalNote",
      group: true,
      label: t("editor.internalNote"),
      glyph: t("editor.internalNoteGlyph"),
      glyphClass: "text-amber-900",
      pressed: format.internalNote,
      run: () => update($toggleInternalNote),
    },
  ];

  const latestActions = useRef(actions);
  latestActions.current = actions;
  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          KEY_DOWN_COMMAND,
          (event) => {
            const action = latestActions.current.find(
              (candidate) =>
                candidate.shortcut &&
                !candidate.shortcut.builtIn &&
                matches(event, candidate.shortcut),
            );
            if (!action) return false;
            event.preventDefault();
            action.run();
            return true;
          },
          COMMAND_PRIORITY_NORMAL,
        ),
      ),
    [editor],
  );

  function onToolbarKeyDown(event: React.KeyboardEvent) {
    const last = actions.length - 1;
    const next =
      event.key === "ArrowRight"
        ? focusIndex === last
          ? 0
          : focusIndex + 1
        : event.key === "ArrowLeft"
          ? focusIndex === 0
            ? last
            : focusIndex - 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    setFocusIndex(next);
    buttons.current[next]?.focus();
  }

  return (
    <>
      <div
        role="toolbar"
        aria-label={t("editor.toolbar")}
        aria-controls="article-editor-body"
        className="flex flex-wrap items-center gap-0.5 border-b border-slate-200 bg-slate-50 px-1.5 py-1"
        onKeyDown={onToolbarKeyDown}
      >
        {actions.map((action, index) => (
          <span key={action.id} className="flex items-center">
            {action.group ? <span aria-hidden className="mx-1 h-5 w-px bg-slate-300" /> : null}
            <button
              ref={(element) => {
                buttons.current[index] = element;
              }}
              type="button"
              tabIndex={index === focusIndex ? 0 : -1}
              aria-label={accessibleName(action.label, action.glyph)}
              aria-pressed={action.pressed}
              aria-keyshortcuts={action.shortcut ? ariaShortcut(action.shortcut) : undefined}
              title={
                action.shortcut
                  ? `${action.label} (${shortcutLabel(action.shortcut)})`
                  : action.label
              }
              className={`min-w-[2rem] rounded px-1.5 py-1 text-sm text-slate-700 hover:bg-slate-200 aria-pressed:bg-slate-200 aria-pressed:text-slate-950 ${action.glyphClass ?? ""}`}
              // Keep the caret in the text while clicking.
              onMouseDown={(event) => event.preventDefault()}
              onFocus={() => setFocusIndex(index)}
              onClick={action.run}
            >
              <span aria-hidden>{action.glyph}</span>
            </button>
          </span>
        ))}
      </div>
      {dialog?.kind === "link" ? (
        <UrlDialog
          title={t(dialog.editing ? "editor.editLinkTitle" : "editor.linkTitle")}
          submitLabel={t("editor.apply")}
          fields={[
            {
              name: "url",
              label: t("editor.linkUrl"),
              initial: dialog.url,
              maxLength: MAX_URL_LENGTH,
              validate: (value) =>
                isSafeLinkUrl(normalizeUrlInput(value)) ? null : t("editor.invalidLinkUrl"),
            },
          ]}
          extraAction={
            dialog.editing
              ? {
                  label: t("editor.removeLink"),
                  run: () => closeDialog(() => editor.dispatchCommand(TOGGLE_LINK_COMMAND, null)),
                }
              : undefined
          }
          onSubmit={(values) => insertLink(normalizeUrlInput(values.url ?? ""))}
          onClose={() => closeDialog()}
        />
      ) : null}
      {dialog?.kind === "image" ? (
        <UrlDialog
          title={t("editor.imageTitle")}
          submitLabel={t("editor.insert")}
          fields={[
            {
              name: "src",
              label: t("editor.imageUrl"),
              initial: "",
              maxLength: MAX_URL_LENGTH,
              validate: (value) =>
                isSafeImageUrl(normalizeUrlInput(value)) ? null : t("editor.invalidImageUrl"),
            },
            { name: "alt", label: t("editor.imageAlt"), initial: "", maxLength: MAX_ALT_LENGTH },
          ]}
          onSubmit={(values) =>
            closeDialog(() =>
              $insertNodes([
                $createImageNode({
                  src: normalizeUrlInput(values.src ?? ""),
                  alt: (values.alt ?? "").trim(),
                }),
              ]),
            )
          }
          onClose={() => closeDialog()}
        />
      ) : null}
    </>
  );
}

/**
 * The button's name: its label, plus the visible glyph when that has letters or digits, so
 * speech users can say what they see ("H2", "B") and screen readers hear what it does.
 */
function accessibleName(label: string, glyph: string): string {
  const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const labelWords = new Set(words(label));
  if (words(glyph).every((word) => labelWords.has(word))) return label;
  return `${glyph} ${label}`;
}
