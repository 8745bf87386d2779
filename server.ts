/**
 * Production server: boots database and search (app/boot.server.ts), then serves the Remix
 * build with express. `npm start` builds first and runs this file.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { createRequestHandler } from "@remix-run/express";
import {
  broadcastDevReady,
  createRequestHandler as createFetchHandler,
  type ServerBuild,
} from "@remix-run/node";
import compression from "compression";
import express from "express";

import { bootContent, bootDatabase, bootSearch, syncSearch } from "./app/boot.server.ts";
import { etagMatches } from "./app/utils/cache.server.ts";
import { getEnv } from "./app/utils/env.server.ts";
import { isCrossSiteRequest } from "./app/utils/origin.server.ts";
import { createPublicPageCache } from "./app/utils/public-cache.server.ts";

const root = path.dirname(fileURLToPath(import.meta.url));
const started = performance.now();

await bootDatabase();
const search = await bootSearch();
await bootContent();

// Pending index jobs (saves made while search was down) are retried until they land.
const syncTimer = setInterval(() => void syncSearch(), 5_000);
syncTimer.unref();

const build = (await import(pathToFileURL(path.join(root, "build/index.js")).href)) as ServerBuild;
const app = express();
app.disable("x-powered-by");
app.use(compression());
app.use(
  "/build",
  express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }),
);
// Only paths that look like files can be in public/: pages skip the file-system lookup.
const publicFiles = express.static(path.join(root, "public"), { maxAge: "1h" });
app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));
// Proxies on this machine may set X-Forwarded-For; the address feeds the sign-in rate limit.
app.set("trust proxy", "loopback");
const allowedOrigins = (getEnv().APP_ORIGIN ?? "")
  .split(",")
  .map((o) => o.trim())
  .filter(Boolean);
app.use((req, res, next) => {
  const crossSite = isCrossSiteRequest({
    method: req.method,
    origin: req.get("origin"),
    referer: req.get("referer"),
    host: req.get("x-forwarded-host") ?? req.get("host"),
    authorization: req.get("authorization"),
    allowedOrigins,
  });
  if (crossSite) {
    res.status(403).type("text/plain").send("Cross-site request refused: nothing was changed.");
    return;
  }
  next();
});
// Public pages: rendered at most once per few seconds per language, whatever the spike.
const renderRemix = createFetchHandler(build, process.env.NODE_ENV);
const publicPages = createPublicPageCache((request) => renderRemix(request, { clientIp: "cache" }));
app.get("*", (req, res, next) => {
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get("host") ?? "localhost"}`);
  if (!publicPages.applies(req.method, url)) return next();
  publicPages.get(url, req.get("accept-language")).then((page) => {
    for (const [name, value] of page.headers) res.setHeader(name, value);
    res.setHeader("X-Cache", page.hit ? "HIT" : "MISS");
    if (page.etag && etagMatches(req.get("if-none-match"), page.etag)) {
      return void res.status(304).end();
    }
    res.status(page.status).end(page.body);
  }, next);
});
app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (req) => ({ clientIp: req.ip ?? "unknown" }),
  }),
);

const { PORT } = getEnv();
const server = app.listen(PORT, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : PORT;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`\nLagebild is running at http://localhost:${port} (ready in ${seconds} s)`);
  // Under `npm run dev` the Remix dev server waits for this before it reports a rebuild done.
  if (process.env.NODE_ENV === "development") void broadcastDevReady(build);
});

server.on("error", (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === "EADDRINUSE"
      ? `Port ${PORT} is already in use. Stop the other process or start with PORT=<free port>.`
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
