import {
  $applyNodeReplacement,
  ElementNode,
  type DOMConversionMap,
  type DOMExportOutput,
  type EditorConfig,
  type LexicalNode,
  type SerializedElementNode,
} from "lexical";

export type SerializedInternalNoteNode = SerializedElementNode;

/**
 * A block of engineering detail for staff only. Staff renderings highlight it; every public
 * projection (help pages, public index, feeds, API) drops it with all its children.
 */
export class InternalNoteNode extends ElementNode {
  static override getType(): string {
    return "internal-note";
  }

  static override clone(node: InternalNoteNode): InternalNoteNode {
    return new InternalNoteNode(node.__key);
  }

  static override importJSON(serialized: SerializedInternalNoteNode): InternalNoteNode {
    return $createInternalNoteNode().updateFromJSON(serialized);
  }

  static importDOM(): DOMConversionMap | null {
    return {
      aside: (element: HTMLElement) =>
        element.hasAttribute("data-internal-note")
          ? { conversion: () => ({ node: $createInternalNoteNode() }), priority: 2 }
          : null,
    };
  }

  override createDOM(_config: EditorConfig): HTMLElement {
    const element = document.createElement("aside");
    element.className = "internal-note";
    element.setAttribute("data-internal-note", "");
    return element;
  }

  override updateDOM(): boolean {
    return false;
  }

  override exportDOM(): DOMExportOutput {
    const element = document.createElement("aside");
    element.className = "internal-note";
    element.setAttribute("data-internal-note", "");
    return { element };
  }

  override isShadowRoot(): boolean {
    return true;
  }

  override canBeEmpty(): boolean {
    return false;
  }
}

export function $createInternalNoteNode(): InternalNoteNode {
  return $applyNodeReplacement(new InternalNoteNode());
}

export function $isInternalNoteNode(
  node: LexicalNode | null | undefined,
): node is InternalNoteNode {
  return node instanceof InternalNoteNode;
}
