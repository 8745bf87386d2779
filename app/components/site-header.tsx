import { Form, Link, NavLink, useLocation, useNavigate, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

import type { Capability } from "~/models/capabilities.ts";
import { facetNames } from "~/models/search-filters.ts";

import { focusFirstResult } from "./search-results.tsx";

export interface HeaderUser {
  name: string;
  role: string;
  can: Capability[];
}

function useSlashToFocus(input: React.RefObject<HTMLInputElement>) {
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement;
      const typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [input]);
}

/** Pause after the last keystroke before searching: fast typists send one request per word. */
const TYPING_PAUSE_MS = 150;

/**
 * Search as you type: after a short pause the results page loads for the box's words, keeping
 * the chosen filters. The first search from another page adds a history entry, later keystrokes
 * replace it, so Back leaves the results in one step. A newer navigation aborts an older one
 * still loading (Remix cancels it), so stale results never overwrite fresh ones.
 */
function useSearchAsYouType(input: React.RefObject<HTMLInputElement>) {
  const navigate = useNavigate();
  const location = useLocation();
  const timer = useRef<number>();
  // Back, forward and facet links change the URL: show its words unless the agent is typing.
  useEffect(() => {
    const box = input.current;
    if (box && document.activeElement !== box) {
      box.value = new URLSearchParams(location.search).get("q") ?? "";
    }
  }, [location, input]);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const onResults = location.pathname === "/";
  return {
    cancel: () => window.clearTimeout(timer.current),
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      const q = event.currentTarget.value.trim();
      window.clearTimeout(timer.current);
      if (!q && !onResults) return;
      timer.current = window.setTimeout(() => {
        const params = new URLSearchParams(onResults ? location.search : "");
        if (q) params.set("q", q);
        else params.delete("q");
        // New words start at the first page of their results; the filters stay.
        params.delete("page");
        const search = params.toString();
        navigate(search ? `/?${search}` : "/", {
          replace: onResults && new URLSearchParams(location.search).has("q"),
          preventScrollReset: true,
        });
      }, TYPING_PAUSE_MS);
    },
  };
}

/** Staff top bar: search box ("/" focuses it from anywhere), navigation, the signed-in user. */
export function SiteHeader({ user }: { user: HeaderUser | null }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const input = useRef<HTMLInputElement>(null);
  useSlashToFocus(input);
  const typing = useSearchAsYouType(input);
  const onResults = useLocation().pathname === "/";
  const navClass = ({ isActive }: { isActive: boolean }) =>
    `shrink-0 whitespace-nowrap rounded px-2 py-1 text-sm ${isActive ? "bg-slate-100 font-medium text-slate-900" : "text-slate-600 hover:text-slate-900"}`;

  return (
    <header className="border-b border-slate-200 bg-white">
      {/* On phones the search gets a row of its own: name and sign-out above it. */}
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2.5">
        <Link
          to={user ? "/" : "/help"}
          className="shrink-0 text-lg font-semibold tracking-tight text-slate-900"
        >
          {t("app.name")}
        </Link>
        {user ? (
          <Form
            method="get"
            action="/"
            role="search"
            onSubmit={typing.cancel}
            className="order-last flex w-full items-center gap-2 sm:order-none sm:w-auto sm:flex-1"
          >
            {/* A new search on the results page keeps the chosen filters. */}
            {onResults
              ? facetNames.flatMap((name) =>
                  params
                    .getAll(name)
                    .map((value) => (
                      <input key={`${name}=${value}`} type="hidden" name={name} value={value} />
                    )),
                )
              : null}
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
              onKeyDown={focusFirstResult}
              onChange={typing.onChange}
              autoComplete="off"
              className="input min-w-0 flex-1"
            />
            <button type="submit" className="btn-primary">
              {t("search.submit")}
            </button>
          </Form>
        ) : (
          <div className="flex-1" />
        )}
        {user ? (
          <Form
            method="post"
            action="/logout"
            className="ml-auto flex shrink-0 items-center gap-2 sm:ml-0"
          >
            <span
              className="hidden text-xs text-slate-500 md:inline"
              title={t("auth.signedInAs", { name: user.name })}
            >
              {user.name} · {t(`auth.roles.${user.role as "agent"}`)}
            </span>
            <button type="submit" className="btn-secondary">
              {t("auth.signOut")}
            </button>
          </Form>
        ) : (
          <Link to="/login" className="btn-secondary shrink-0">
            {t("auth.signIn")}
          </Link>
        )}
      </div>
      <nav
        aria-label="Main"
        className="mx-auto flex max-w-5xl items-center gap-1 overflow-x-auto px-3 pb-1.5"
      >
        {user?.can.includes("article:write") ? (
          <NavLink to="/articles/new" className={navClass}>
            {t("articleForm.newArticle")}
          </NavLink>
        ) : null}
        {user?.can.includes("article:read-internal") ? (
          <>
            <NavLink to="/incidents" className={navClass}>
              {t("nav.incidents")}
            </NavLink>
            <NavLink to="/tags" className={navClass}>
              {t("nav.tags")}
            </NavLink>
            <NavLink to="/review" className={navClass}>
              {t("nav.review")}
            </NavLink>
          </>
        ) : null}
        {user?.can.includes("user:manage") ? (
          <NavLink to="/admin/users" className={navClass}>
            {t("admin.users")}
          </NavLink>
        ) : null}
        {user?.can.includes("token:manage") ? (
          <NavLink to="/admin/tokens" className={navClass}>
            {t("admin.tokens")}
          </NavLink>
        ) : null}
        {user?.can.includes("service:manage") ? (
          <NavLink to="/admin/services" className={navClass}>
            {t("admin.services")}
          </NavLink>
        ) : null}
        {user?.can.includes("glossary:manage") ? (
          <NavLink to="/admin/glossary" className={navClass}>
            {t("admin.glossary")}
          </NavLink>
        ) : null}
        {user?.can.includes("audit:read") ? (
          <NavLink to="/admin/audit" className={navClass}>
            {t("admin.audit")}
          </NavLink>
        ) : null}
        <NavLink to="/help" className={navClass}>
          {t("nav.help")}
        </NavLink>
      </nav>
    </header>
  );
}
