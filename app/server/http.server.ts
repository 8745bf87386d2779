/**
 * The web server of `npm start`: boots database and search, then serves the Remix build with
 * express. It is part of the build (exported through entry.server.tsx), so the server and the
 * routes share one copy of every module: one Prisma client, one content version, one env.
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { gzipSync } from "node:zlib";

import { broadcastDevReady, createRequestHandler, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type Request as ExpressRequest, type Response as ExpressResponse } from "express";
import vary from "vary";

import {
  bootContent,
  bootDatabase,
  bootSearch,
  drainAfterCommit,
  syncSearch,
} from "~/boot.server.ts";
import { onIndexJobsCommitted } from "~/models/revision-writer.server.ts";
import { etagMatches } from "~/utils/cache.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { isCrossSiteRequest } from "~/utils/origin.server.ts";
import { createPublicPageCache } from "~/utils/public-cache.server.ts";
import { isLiveStreamPath, isPublicPath } from "~/utils/public-paths.ts";

import { bodyLimitFor, discardBody, readBody, tooLargeMessage } from "./body-limit.server.ts";
import { appOrigins, isAllowedHost, listenAddress } from "./hosts.server.ts";
import { handleReportPost, reportFailed, reportPostSlug } from "./report-endpoint.server.ts";
import {
  COMMON_SECURITY_HEADERS,
  STAFF_CACHE_CONTROL,
  createNonce,
} from "./security-headers.server.ts";

/**
 * The URL Remix sees; only called after the host check, so its origin is one of ours. The
 * request target is always read as a path of this site: resolved against the origin, `//x/y` would
 * name the host x (and `//?q=` no host at all, which used to end in a 500).
 */
function requestUrl(req: ExpressRequest): URL {
  const origin = `${req.protocol}://${req.get("x-forwarded-host") ?? req.get("host")}`;
  const target = req.originalUrl.startsWith("/") ? req.originalUrl : `/${req.originalUrl}`;
  return new URL(`${origin}${target}`);
}

function fetchHeaders(req: ExpressRequest): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

/** Writes a Fetch Response; answers that are not public pages default to no-store. */
async function sendResponse(res: ExpressResponse, response: Response, publicPage: boolean) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers)
    if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("Set-Cookie", cookies);
  if (!publicPage && !response.headers.has("cache-control")) {
    res.setHeader("Cache-Control", STAFF_CACHE_CONTROL);
  }
  if (response.body) await writeBody(response.body, res);
  else res.end();
}

/**
 * Writes a streamed body, a burst of chunks at a time. Remix's writeReadableStreamToWritable
 * flushes compression after each chunk; a page streams out as dozens of small chunks at once, and
 * a zlib write and flush per chunk cost more CPU than rendering the page. Chunks that arrive in
 * the same turn of the event loop are written and flushed together; later ones (live events)
 * still go out as soon as they come. A body that is complete before its first write (a page, an
 * API answer) goes out whole through endWhole.
 */
async function writeBody(body: ReadableStream<Uint8Array>, res: ExpressResponse) {
  const reader = body.getReader();
  let pending: Uint8Array[] = [];
  const take = () => {
    const chunk = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
    pending = [];
    return chunk;
  };
  const writePending = () => {
    if (!pending.length || res.writableEnded) return;
    res.write(take());
    // compression() adds flush(): without it a compressed event stream would wait for more.
    (res as ExpressResponse & { flush?: () => void }).flush?.();
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!pending.length) setImmediate(writePending);
      pending.push(value);
    }
    // Taken now, so the burst scheduled for these chunks finds nothing left to write.
    const rest = pending.length ? take() : undefined;
    // A stream that has already sent part of itself ends as a stream.
    if (res.headersSent) res.end(rest);
    else endWhole(res, rest ?? new Uint8Array());
  } catch (error) {
    res.destroy(error as Error);
    throw error;
  }
}

/**
 * Ends the response with a body that is complete: compressed in one synchronous pass at level 1
 * (0.2 ms for a 50 KB page, 12% larger than level 6) and written at once with its length.
 * compression() would gzip it on the thread pool and send it as chunks: two socket writes and a
 * thread hop per answer (decision note 019). What is compressible is compression()'s own rule;
 * streamed bodies still go through compression().
 */
function endWhole(res: ExpressResponse, body: Uint8Array) {
  if (
    body.byteLength >= MIN_COMPRESSED_BYTES &&
    !res.getHeader("Content-Encoding") &&
    compression.filter(res.req, res) &&
    res.req.headers["accept-encoding"] &&
    res.req.acceptsEncodings("gzip", "identity") === "gzip"
  ) {
    const gzipped = gzipSync(body, { level: 1 });
    res.setHeader("Content-Encoding", "gzip");
    vary(res, "Accept-Encoding");
    res.setHeader("Content-Length", gzipped.byteLength);
    return void res.end(gzipped);
  }
  res.setHeader("Content-Length", body.byteLength);
  res.end(body);
}

/** compression()'s threshold: smaller answers are sent as they are. */
const MIN_COMPRESSED_BYTES = 1024;

/** Writes a plain-text refusal. */
function refuse(res: ServerResponse, status: number, message: string) {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" });
  res.end(message);
}

/**
 * What every request passes first: the security headers, then the host check (DNS rebinding)
 * and the cross-site check (forged posts). Returns false when it has answered with a refusal.
 */
function admitRequest(req: IncomingMessage, res: ServerResponse, origins: string[]): boolean {
  for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) res.setHeader(name, value);
  const { host, cookie, origin, referer, authorization } = req.headers;
  const forwarded = req.headers["x-forwarded-host"];
  const forwardedHost = Array.isArray(forwarded) ? forwarded[0] : forwarded;
  if (
    !isAllowedHost(host, origins) ||
    (forwardedHost !== undefined && !isAllowedHost(forwardedHost, origins))
  ) {
    refuse(res, 400, "Unknown host: this server answers only for its own address (APP_ORIGIN).");
    return false;
  }
  const crossSite = isCrossSiteRequest({
    method: req.method ?? "GET",
    origin,
    referer,
    host: forwardedHost ?? host,
    authorization,
    cookie,
    allowedOrigins: origins,
  });
  if (crossSite) refuse(res, 403, "Cross-site request refused: nothing was changed.");
  return !crossSite;
}

/**
 * Returns the request listener serving `build`; `root` is the folder holding `public/`. Every
 * request passes admitRequest; the one-click report is answered right there (decision note 014),
 * everything else by express: files, then Remix.
 */
export function createRequestListener(build: ServerBuild, root: string) {
  const origins = appOrigins(getEnv());
  const app = createExpressApp(build, root);
  return (req: IncomingMessage, res: ServerResponse) => {
    if (!admitRequest(req, res, origins)) return void discardBody(req);
    const reportSlug = reportPostSlug(req);
    if (reportSlug !== null) {
      return void handleReportPost(req, res, reportSlug).catch((error: unknown) =>
        reportFailed(res, error),
      );
    }
    app(req, res);
  };
}

function createExpressApp(build: ServerBuild, root: string) {
  const app = express();
  app.disable("x-powered-by");
  // Nothing reads req.query (the app parses its URLs itself): skip express's qs parse per request.
  app.set("query parser", false);
  // Proxies on this machine may set X-Forwarded-For; the address feeds the sign-in rate limit.
  app.set("trust proxy", "loopback");
  // Event streams must reach the browser event by event; compression would hold them back.
  app.use(
    compression({
      filter: (req, res) => !isLiveStreamPath(req.path) && compression.filter(req, res),
    }),
  );
  app.use(
    "/build",
    express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }),
  );
  // Only paths that look like files can be in public/: pages skip the file-system lookup.
  const publicFiles = express.static(path.join(root, "public"), { maxAge: "1h" });
  app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));
  const handle = createRequestHandler(build, process.env.NODE_ENV);
  // Public pages: rendered at most once per few seconds per language, whatever the spike.
  const publicPages = createPublicPageCache((request) =>
    handle(request, { clientIp: "cache", cspNonce: createNonce() }),
  );
  app.all("*", async (req, res, next) => {
    try {
      const url = requestUrl(req);
      if (publicPages.applies(req.method, url)) {
        const page = await publicPages.get(url, req.get("accept-language"));
        for (const [name, value] of page.headers) res.setHeader(name, value);
        res.setHeader("X-Cache", page.hit ? "HIT" : "MISS");
        if (page.etag && etagMatches(req.get("if-none-match"), page.etag)) {
          return void res.status(304).end();
        }
        return void res.status(page.status).end(page.body);
      }
      const limit = bodyLimitFor(url.pathname);
      const read = await readBody(req, limit);
      if (read.status === "too-large") {
        // Answered while the refused body goes by unread.
        discardBody(req);
        return refuse(res, 413, tooLargeMessage(limit));
      }
      // Loaders and actions stop when the visitor goes away before the answer is written.
      const controller = new AbortController();
      res.on("close", () => res.writableFinished || controller.abort());
      const request = new Request(url, {
        method: req.method,
        headers: fetchHeaders(req),
        body: read.body && new Uint8Array(read.body),
        signal: controller.signal,
      });
      const response = await handle(request, {
        clientIp: req.ip ?? "unknown",
        cspNonce: createNonce(),
      });
      await sendResponse(res, response, isPublicPath(url.pathname));
    } catch (error) {
      next(error);
    }
  });
  return app;
}

/**
 * Boots database and search, then serves `build` on PORT until SIGINT/SIGTERM. A configuration
 * that cannot work (see listenAddress) stops the process with one line saying what to set.
 */
export async function startServer({ build, root }: { build: ServerBuild; root: string }) {
  const started = performance.now();
  const env = getEnv();
  let address: string | undefined;
  try {
    address = listenAddress(env);
  } catch (error) {
    console.error(`Lagebild cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
  await bootDatabase();
  const search = await bootSearch();
  await bootContent();
  // Each change is searchable right after its commit; jobs that failed (search down) are retried
  // by the timer until they land.
  onIndexJobsCommitted(drainAfterCommit);
  const syncTimer = setInterval(() => void syncSearch(), env.SEARCH_RETRY_SECONDS * 1000);
  syncTimer.unref();

  const server = http.createServer(createRequestListener(build, root));
  const onListening = () => {
    const bound = server.address();
    const port = typeof bound === "object" && bound ? bound.port : env.PORT;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`\nLagebild is running at http://localhost:${port} (ready in ${seconds} s)`);
    // Under `npm run dev` the Remix dev server waits for this before it reports a rebuild done.
    if (env.NODE_ENV === "development") void broadcastDevReady(build);
  };
  if (address === undefined) server.listen(env.PORT, onListening);
  else server.listen(env.PORT, address, onListening);

  server.on("error", (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === "EADDRINUSE"
        ? `Port ${env.PORT} is already in use. Stop the other process or start with PORT=<free port>.`
        : `Could not start the web server: ${error.message}`,
    );
    void search.embedded?.stop().then(() => process.exit(1));
  });

  let stopping = false;
  async function shutdown(signal: string) {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Lagebild…`);
    server.close();
    server.closeAllConnections();
    await search.embedded?.stop();
    process.exit(0);
  }
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}
