import {
  $applyNodeReplacement,
  DecoratorNode,
  type DOMConversionMap,
  type DOMExportOutput,
  type EditorConfig,
  type LexicalNode,
  type LexicalUpdateJSON,
  type NodeKey,
  type SerializedLexicalNode,
  type Spread,
} from "lexical";

import { isSafeImageUrl } from "./urls.ts";

export type SerializedImageNode = Spread<{ src: string; alt: string }, SerializedLexicalNode>;

/** Longest alternative text an image may carry. */
export const MAX_ALT_LENGTH = 500;

function createImageElement(src: string, alt: string): HTMLImageElement {
  const image = document.createElement("img");
  // Attributes are set as values, never concatenated into markup, so quotes in them stay text.
  image.setAttribute("src", isSafeImageUrl(src) ? src : "");
  image.setAttribute("alt", alt);
  image.setAttribute("loading", "lazy");
  image.className = "inline-block max-h-96";
  return image;
}

/**
 * An image referenced by URL (screenshots, coverage maps) with its alternative text. Inline, so it
 * sits in a paragraph like a word; rendered as a plain `<img>` by the editor and the server.
 */
export class ImageNode extends DecoratorNode<null> {
  __src: string;
  __alt: string;

  static override getType(): string {
    return "image";
  }

  static override clone(node: ImageNode): ImageNode {
    return new ImageNode(node.__src, node.__alt, node.__key);
  }

  constructor(src = "", alt = "", key?: NodeKey) {
    super(key);
    this.__src = src;
    this.__alt = alt;
  }

  static override importJSON(serialized: SerializedImageNode): ImageNode {
    return $createImageNode({ src: serialized.src, alt: serialized.alt }).updateFromJSON(
      serialized,
    );
  }

  override updateFromJSON(serialized: LexicalUpdateJSON<SerializedImageNode>): this {
    const node = super.updateFromJSON(serialized).getWritable();
    node.__src = typeof serialized.src === "string" ? serialized.src : "";
    node.__alt = typeof serialized.alt === "string" ? serialized.alt : "";
    return node;
  }

  override exportJSON(): SerializedImageNode {
    return { type: "image", version: 1, src: this.getSrc(), alt: this.getAlt() };
  }

  static importDOM(): DOMConversionMap | null {
    return {
      img: () => ({
        conversion: (element: HTMLElement) => {
          const src = element.getAttribute("src") ?? "";
          // Pasted images with data: or other URLs are dropped rather than refused on save.
          if (!isSafeImageUrl(src)) return { node: null };
          const alt = (element.getAttribute("alt") ?? "").slice(0, MAX_ALT_LENGTH);
          return { node: $createImageNode({ src, alt }) };
        },
        priority: 0,
      }),
    };
  }

  override exportDOM(): DOMExportOutput {
    return { element: createImageElement(this.getSrc(), this.getAlt()) };
  }

  override createDOM(_config: EditorConfig): HTMLElement {
    const span = document.createElement("span");
    span.className = "editor-image";
    span.append(createImageElement(this.getSrc(), this.getAlt()));
    return span;
  }

  override updateDOM(): boolean {
    return false;
  }

  override isInline(): boolean {
    return true;
  }

  override getTextContent(): string {
    return this.getAlt();
  }

  getSrc(): string {
    return this.getLatest().__src;
  }

  getAlt(): string {
    return this.getLatest().__alt;
  }
}

export function $createImageNode({ src, alt }: { src: string; alt: string }): ImageNode {
  return $applyNodeReplacement(new ImageNode(src, alt));
}

export function $isImageNode(node: LexicalNode | null | undefined): node is ImageNode {
  return node instanceof ImageNode;
}
