import { $createLinkNode } from "@lexical/link";
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import {
  LexicalTypeaheadMenuPlugin,
  MenuOption,
  type MenuTextMatch,
} from "@lexical/react/LexicalTypeaheadMenuPlugin";
import { $createTextNode, $insertNodes, type TextNode } from "lexical";
import { useEffect, useMemo, useState } from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";

/** What /api/article-titles answers. */
export interface ArticleTitle {
  slug: string;
  title: string;
}

class ArticleOption extends MenuOption {
  constructor(readonly article: ArticleTitle) {
    super(article.slug);
  }
}

/** `[[` (not a third `[`) followed by up to 60 characters of title, right before the caret. */
export function matchArticleLinkTrigger(text: string): MenuTextMatch | null {
  const match = /(^|[^[])\[\[([^[\]\n]{0,60})$/.exec(text);
  if (!match) return null;
  const query = match[2] ?? "";
  return {
    leadOffset: match.index + (match[1] ?? "").length,
    matchingString: query,
    replaceableString: `[[${query}`,
  };
}

function useArticleTitles(query: string | null) {
  const [titles, setTitles] = useState<ArticleTitle[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (query === null) return;
    const controller = new AbortController();
    setLoading(true);
    const timer = setTimeout(() => {
      fetch(`/api/article-titles?q=${encodeURIComponent(query)}`, { signal: controller.signal })
        .then((response) => (response.ok ? response.json() : []))
        .then((found: ArticleTitle[]) => {
          setTitles(found);
          setLoading(false);
        })
        .catch(() => {
          if (!controller.signal.aborted) setLoading(false);
        });
    }, 120);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);
  return { titles, loading };
}

/**
 * Typing `[[` (or the toolbar's "Link to article") opens a listbox of article titles matching
 * what follows; choosing one replaces the typed text with a link to `/articles/<slug>`.
 */
export function ArticleLinkPickerPlugin() {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation();
  const [query, setQuery] = useState<string | null>(null);
  const { titles, loading } = useArticleTitles(query);
  const options = useMemo(() => titles.map((title) => new ArticleOption(title)), [titles]);

  function onSelectOption(option: ArticleOption, node: TextNode | null, closeMenu: () => void) {
    editor.update(() => {
      const link = $createLinkNode(`/articles/${option.article.slug}`).append(
        $createTextNode(option.article.title),
      );
      if (node) node.replace(link);
      else $insertNodes([link]);
      const space = $createTextNode(" ");
      link.insertAfter(space);
      space.select(1, 1);
      closeMenu();
    });
  }

  return (
    <LexicalTypeaheadMenuPlugin<ArticleOption>
      triggerFn={matchArticleLinkTrigger}
      onQueryChange={setQuery}
      onSelectOption={onSelectOption}
      options={options}
      anchorClassName="z-20"
      menuRenderFn={(anchor, { selectedIndex, selectOptionAndCleanUp, setHighlightedIndex }) =>
        anchor.current
          ? createPortal(
              <div
                // Lexical makes the anchor the listbox; it only needs a name in the UI language.
                ref={(element) =>
                  element?.parentElement?.setAttribute("aria-label", t("editor.pickerLabel"))
                }
                className="mt-6 w-80 overflow-hidden rounded-md border border-slate-200 bg-white text-sm shadow-lg"
              >
                {options.length ? (
                  <ul role="presentation" className="max-h-64 overflow-y-auto py-1">
                    {options.map((option, index) => (
                      <li
                        key={option.key}
                        id={`typeahead-item-${index}`}
                        ref={option.setRefElement}
                        role="option"
                        aria-selected={selectedIndex === index}
                        tabIndex={-1}
                        className={`cursor-pointer px-3 py-1.5 ${selectedIndex === index ? "bg-blue-700 text-white" : "text-slate-800"}`}
                        onMouseEnter={() => setHighlightedIndex(index)}
                        onMouseDown={(event) => event.preventDefault()}
                        onClick={() => selectOptionAndCleanUp(option)}
                      >
                        {option.article.title}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p role="status" className="px-3 py-2 text-slate-500">
                    {loading ? t("editor.pickerSearching") : t("editor.pickerEmpty")}
                  </p>
                )}
              </div>,
              anchor.current,
            )
          : null
      }
    />
  );
}
