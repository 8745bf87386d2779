/** Serves the minimal Remix baseline from BENCH_BUILD_DIR with express, as the app is served. */
import { createRequestHandler } from "@remix-run/express";
import express from "express";

const build = await import(`${process.env.BENCH_BUILD_DIR}/index.js`);
const app = express();
app.all("*", createRequestHandler({ build, mode: "production" }));
const server = app.listen(0, "127.0.0.1", () => {
  console.log(`Listening on http://127.0.0.1:${server.address().port}`);
});
