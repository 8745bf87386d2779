/**
 * Starts Lagebild from the Remix build alone (`npm start`, `npm run dev`): the express server
 * lives in the app (app/server/http.server.ts), reached through the build's entry module.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.dirname(fileURLToPath(import.meta.url));

/** @type {import("@remix-run/node").ServerBuild & { entry: { module: typeof import("./app/entry.server.tsx") } }} */
const build = await import(pathToFileURL(path.join(root, "build/index.js")).href);
await build.entry.module.startServer({ build, root });
