/**
 * The engine side of both baselines of `npm run bench -- search`: the requests the app sent for
 * each bench query (recorded by the bench into the JSON file named by RECORDED), replayed as the
 * app sends them: a round trip of them at a time, over kept-alive sockets.
 */
import { readFileSync } from "node:fs";
import http from "node:http";

/** @type {Record<string, import("../search.ts").RecordedRequest[]>} */
const recorded = JSON.parse(readFileSync(process.env.RECORDED ?? "", "utf8"));
const agent = new http.Agent({ keepAlive: true });

/** @param {import("../search.ts").RecordedRequest} request @returns {Promise<Buffer>} */
function send({ url, method, headers, body }) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { agent, method, headers }, (response) => {
      /** @type {Buffer[]} */
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => resolve(Buffer.concat(chunks)));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(body || undefined);
  });
}

/**
 * Replays the app's engine requests for `q` and resolves with the engine's first answer of the
 * last round trip; null when `q` is not a bench query.
 * @param {string} q
 * @returns {Promise<Buffer> | null}
 */
export function recordedAnswer(q) {
  const requests = recorded[q];
  if (!requests) return null;
  return (async () => {
    let answer = Buffer.alloc(0);
    for (const group of new Set(requests.map((request) => request.group))) {
      [answer] = await Promise.all(requests.filter((r) => r.group === group).map(send));
    }
    return answer;
  })();
}
