/**
 * A baseline of `npm run bench -- search`: the least any app in front of the engine can cost. One
 * node:http request in, the app's recorded engine requests replayed over a kept-alive agent, the
 * engine's JSON out (gzip level 1, as the app answers). No framework, no page, no session.
 * Listens on a free port and prints it; RECORDED names the recorded requests (replay.mjs).
 */
import http from "node:http";
import { gzipSync } from "node:zlib";

import { recordedAnswer } from "./replay.mjs";

http
  .createServer(async (req, res) => {
    const q = new URL(req.url, "http://localhost").searchParams.get("q") ?? "";
    const answer = recordedAnswer(q);
    if (!answer) return void res.writeHead(404).end();
    const body = gzipSync(await answer, { level: 1 });
    res.writeHead(200, {
      "Content-Type": "application/json",
      "Content-Encoding": "gzip",
      "Content-Length": body.byteLength,
    });
    res.end(body);
  })
  .listen(0, "127.0.0.1", function () {
    console.log(`Listening on http://127.0.0.1:${this.address().port}`);
  });
