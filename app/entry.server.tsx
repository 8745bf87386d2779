import { PassThrough } from "node:stream";

import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { createInstance } from "i18next";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";

import { i18nServer } from "./i18n.server.ts";
import { i18nConfig } from "./i18n.ts";
import { pagePolicy } from "./server/security-headers.server.ts";
import { cacheableResponse } from "./utils/cache.server.ts";
import { NonceContext } from "./utils/nonce.ts";

// The launcher (server.js) starts the app through the build's entry module.
export { startServer } from "./server/http.server.ts";

const ABORT_DELAY = 5_000;

/** How long single-fetch data streams may stay open; the page render stops at the same time. */
export const streamTimeout = ABORT_DELAY;

type I18n = ReturnType<typeof createInstance>;

// One initialised instance per language, shared by all requests: rendering only reads from it,
// and initialising one per request cost about a millisecond each.
const instances = new Map<string, Promise<I18n>>();

function i18nFor(lng: string) {
  let instance = instances.get(lng);
  if (!instance) {
    const i18n = createInstance();
    instance = i18n
      .use(initReactI18next)
      .init({ ...i18nConfig, lng })
      .then(() => rememberTexts(i18n));
    instances.set(lng, instance);
  }
  return instance;
}

/**
 * A text is always the same for one language and the same options, since the resources are
 * bundled and never change: each one is looked up once per process instead of on every render
 * (note 023). i18next's lookup (key parsing, fallbacks, plurals, interpolation) was about 1 ms of
 * CPU per search page. Options with anything but strings, numbers and booleans go to i18next
 * every time. Texts with values (a query, a date) are many, so each language and namespace keeps
 * at most MAX_REMEMBERED and starts again when full.
 */
function rememberTexts(i18n: I18n): I18n {
  // i18next types its fixed t per namespace and key; this wrapper only passes calls through.
  const getFixedT = i18n.getFixedT.bind(i18n) as unknown as (...scope: unknown[]) => Translate;
  const texts = new Map<string, Map<string, unknown>>();
  const remembering = (...scope: unknown[]) => {
    const t = getFixedT(...scope);
    const key = JSON.stringify(scope);
    let known = texts.get(key);
    if (!known) texts.set(key, (known = new Map()));
    const lookup = known;
    // i18next's own fixed t carries its language, namespace and key prefix; react-i18next reads them.
    return Object.assign(
      (name: unknown, ...options: unknown[]) => {
        if (typeof name !== "string" || !options.every(isPlainOption)) return t(name, ...options);
        const id = options.length ? `${name}\u0000${JSON.stringify(options)}` : name;
        if (!lookup.has(id)) {
          if (lookup.size >= MAX_REMEMBERED) lookup.clear();
          lookup.set(id, t(name, ...options));
        }
        return lookup.get(id);
      },
      { lng: t.lng, ns: t.ns, keyPrefix: t.keyPrefix },
    );
  };
  Object.assign(i18n, { getFixedT: remembering });
  return i18n;
}

const MAX_REMEMBERED = 5_000;

/** A default text, or options made only of strings, numbers and booleans (values, counts). */
function isPlainOption(option: unknown): boolean {
  if (option === undefined || typeof option === "string") return true;
  if (
    typeof option !== "object" ||
    option === null ||
    Object.getPrototypeOf(option) !== Object.prototype
  ) {
    return false;
  }
  return Object.values(option).every(
    (value) => value === undefined || ["string", "number", "boolean"].includes(typeof value),
  );
}

/** i18next's fixed t as this wrapper calls it. */
type Translate = ((...args: unknown[]) => unknown) & {
  lng?: unknown;
  ns?: unknown;
  keyPrefix?: unknown;
};

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const lng = await i18nServer.getLocale(request);
  const i18n = await i18nFor(lng);
  const nonce = loadContext.cspNonce;
  responseHeaders.set("Content-Security-Policy", pagePolicy(nonce));
  const html = await renderDocument(request, remixContext, i18n, nonce);
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  responseHeaders.set("Content-Language", lng);
  responseHeaders.append("Vary", "Accept-Language");
  // Publicly cacheable pages carry an ETag and answer 304 (decision note 002).
  const cacheable =
    request.method === "GET" &&
    responseStatusCode === 200 &&
    (responseHeaders.get("Cache-Control") ?? "").includes("public");
  if (cacheable) return cacheableResponse(request, new TextDecoder().decode(html), responseHeaders);
  return new Response(html, { headers: responseHeaders, status: responseStatusCode });
}

/**
 * Renders the whole document before answering (decision note 019): no loader defers data, so
 * the shell and the rest are ready at the same moment, and one finished page costs less to
 * compress and send than a stream of small chunks.
 */
function renderDocument(request: Request, remixContext: EntryContext, i18n: I18n, nonce: string) {
  return new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
    // Cleared once the render is complete: a pending timer per request kept each finished
    // render reachable for five seconds, which under load is hundreds of them for the GC.
    const abortTimer = setTimeout(() => abort(), ABORT_DELAY);
    const { pipe, abort } = renderToPipeableStream(appTree(request, remixContext, i18n, nonce), {
      nonce,
      onAllReady() {
        clearTimeout(abortTimer);
        const chunks: Buffer[] = [];
        const sink = new PassThrough();
        sink.on("data", (chunk: Buffer) => chunks.push(chunk));
        // React writes the doctype itself.
        sink.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
        pipe(sink);
      },
      onShellError(error: unknown) {
        clearTimeout(abortTimer);
        reject(error);
      },
      // A component that fails after the shell renders the nearest error boundary's fallback.
      onError: (error: unknown) => console.error(error),
    });
  });
}

/** The app as React renders it on the server: the nonce and the request's language around Remix. */
function appTree(request: Request, remixContext: EntryContext, i18n: I18n, nonce: string) {
  return (
    <NonceContext.Provider value={nonce}>
      <I18nextProvider i18n={i18n}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={ABORT_DELAY}
          nonce={nonce}
        />
      </I18nextProvider>
    </NonceContext.Provider>
  );
}

/** Logs each unexpected server error once; aborted requests and thrown Responses are not errors. */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(`[${new Date().toISOString()}] ${request.method} ${request.url}`, error);
}
