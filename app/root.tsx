import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";

import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { IncidentBanner } from "~/components/incident-meta.tsx";
import { LiveRevalidation } from "~/components/live-updates.tsx";
import { PublicHeader } from "~/components/public-header.tsx";
import { SiteHeader } from "~/components/site-header.tsx";
import { i18nServer } from "~/i18n.server.ts";
import { can, capabilitiesOf } from "~/models/capabilities.ts";
import { listActiveIncidentsBrief } from "~/models/incident.server.ts";
import stylesheet from "~/tailwind.css";
import { getUser } from "~/utils/auth.server.ts";
import { useNonce } from "~/utils/nonce.ts";
import { isPublicPath } from "~/utils/public-paths.ts";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await i18nServer.getLocale(request);
  const publicPage = isPublicPath(new URL(request.url).pathname);
  // Public pages are cached and shared: they never carry who is signed in.
  const user = publicPage ? null : await getUser(request);
  const staff = user && can(user.role, "article:read-internal");
  const now = new Date();
  return {
    locale,
    publicPage,
    user: user ? { name: user.name, role: user.role, can: capabilitiesOf(user.role) } : null,
    // Every staff page shows the active incidents: nobody answers a call without knowing.
    incidents: staff ? await listActiveIncidentsBrief(user.id, now) : [],
    now: now.toISOString(),
  };
}

// Pages with a form stay as they are: revalidating would swap the version a form was based on
// (the statement and incident forms rely on it to detect conflicting edits).
const FORM_PAGE = /\/(edit|statement|new)$/;

/** The event stream the page listens to for incident changes, if any. */
function useLiveStream(data: ReturnType<typeof useRouteLoaderData<typeof loader>>) {
  const { pathname } = useLocation();
  if (data?.publicPage)
    return pathname === "/status" || pathname.startsWith("/status/") ? "/status/events" : null;
  if (!data?.user?.can.includes("article:read-internal") || FORM_PAGE.test(pathname)) return null;
  return "/incidents/events";
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const { i18n, t } = useTranslation();
  const nonce = useNonce();
  const locale = data?.locale ?? i18n.language ?? "en";
  useChangeLanguage(locale);
  const liveUrl = useLiveStream(data);
  // Marks the page as interactive; browser tests wait for it before using keyboard shortcuts.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang={locale} className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-full bg-slate-50 text-slate-900 antialiased">
        <a href="#main" className="skip-link">
          {t("app.skipToContent")}
        </a>
        {data?.publicPage ? <PublicHeader /> : <SiteHeader user={data?.user ?? null} />}
        {data?.incidents.length ? (
          <IncidentBanner
            incidents={data.incidents}
            now={data.now}
            showStale={Boolean(data.user?.can.includes("incident:edit-statement"))}
          />
        ) : null}
        <main id="main" className="mx-auto max-w-5xl px-4 pb-16 pt-6">
          {children}
        </main>
        {liveUrl ? <LiveRevalidation url={liveUrl} /> : null}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
