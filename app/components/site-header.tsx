import { Form, Link, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

/** Top bar with the search box; "/" focuses it from anywhere, as agents expect. */
export function SiteHeader() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement;
      const typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
      if (event.key === "/" && !typing) {
        event.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl items-center gap-4 px-4 py-2.5">
        <Link to="/" className="shrink-0 text-lg font-semibold tracking-tight text-slate-900">
          {t("app.name")}
        </Link>
        <Form method="get" action="/" role="search" className="flex flex-1 items-center gap-2">
          <label htmlFor="site-search" className="sr-only">
            {t("search.label")}
          </label>
          <input
            ref={input}
            id="site-search"
            type="search"
            name="q"
            defaultValue={params.get("q") ?? ""}
            placeholder={t("search.placeholder")}
            aria-keyshortcuts="/"
            autoComplete="off"
            className="input flex-1"
          />
          <button type="submit" className="btn-primary">
            {t("search.submit")}
          </button>
        </Form>
      </div>
    </header>
  );
}
