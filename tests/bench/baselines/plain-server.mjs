/**
 * A baseline of `npm run bench -- search`: the least any app in front of the engine can cost. One
 * node:http request in, the app's recorded engine requests replayed over a kept-alive agent, the
 * engine's JSON out (gzip level 1, as the app answers). No framework, no page, no session.
 * Env: PORT, RECORDED (a JSON file: query → the engine requests the app sends for it).
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import { gzipSync } from "node:zlib";

const recorded = JSON.parse(readFileSync(process.env.RECORDED, "utf8"));
const agent = new http.Agent({ keepAlive: true });

function send({ url, method, headers, body }) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { agent, method, headers }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => resolve(Buffer.concat(chunks)));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(body || undefined);
  });
}

/** The recorded requests of a query, a round trip of them at a time, as the app sends them. */
async function replay(requests) {
  let last;
  for (const group of new Set(requests.map((request) => request.group))) {
    [last] = await Promise.all(requests.filter((r) => r.group === group).map(send));
  }
  return last;
}

http
  .createServer(async (req, res) => {
    const q = new URL(req.url, "http://localhost").searchParams.get("q") ?? "";
    const requests = recorded[q];
    if (!requests) return void res.writeHead(404).end();
    const body = gzipSync(await replay(requests), { level: 1 });
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
