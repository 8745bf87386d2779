import { CodeNode } from "@lexical/code";
import { $isLinkNode, AutoLinkNode, LinkNode } from "@lexical/link";
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { mergeRegister } from "@lexical/utils";
import { ParagraphNode, TextNode, type ElementNode } from "lexical";
import { useEffect } from "react";

import { isSafeLinkUrl } from "../urls.ts";

function $unwrapUnsafeLink(node: ElementNode) {
  if (!$isLinkNode(node) || isSafeLinkUrl(node.getURL())) return;
  for (const child of node.getChildren()) node.insertBefore(child);
  node.remove();
}

/**
 * Keeps pasted content within what the server accepts (schema.ts): inline styles are dropped,
 * links to other schemes lose their link (the text stays), odd code languages are cleared.
 */
export function SanitizePlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      mergeRegister(
        editor.registerNodeTransform(TextNode, (node) => {
          if (node.getStyle()) node.setStyle("");
        }),
        editor.registerNodeTransform(ParagraphNode, (node) => {
          if (node.getTextStyle()) node.setTextStyle("");
        }),
        editor.registerNodeTransform(LinkNode, $unwrapUnsafeLink),
        editor.registerNodeTransform(AutoLinkNode, $unwrapUnsafeLink),
        editor.registerNodeTransform(CodeNode, (node) => {
          const language = node.getLanguage();
          if (language && !/^[\w+#.-]{1,40}$/.test(language)) node.setLanguage(null);
        }),
      ),
    [editor],
  );
  return null;
}
