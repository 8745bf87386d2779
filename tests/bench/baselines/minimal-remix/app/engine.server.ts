import { readFileSync } from "node:fs";
import http from "node:http";

import type { RecordedRequest } from "../../../search.ts";

interface EngineHit {
  slug: string;
  _formatted?: { title?: string; text?: string };
}

const recorded = JSON.parse(readFileSync(process.env.RECORDED ?? "", "utf8")) as Record<
  string,
  RecordedRequest[]
>;
const agent = new http.Agent({ keepAlive: true });

function send({ url, method, headers, body }: RecordedRequest) {
  return new Promise<string>((resolve, reject) => {
    const request = http.request(url, { agent, method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(body || undefined);
  });
}

/** The app's recorded engine requests for `q`, replayed as the app sends them; the first answer. */
export async function search(q: string) {
  const requests = recorded[q];
  if (!requests) throw new Response("Not a bench query", { status: 404 });
  let answer = "";
  for (const group of new Set(requests.map((request) => request.group))) {
    [answer = ""] = await Promise.all(requests.filter((r) => r.group === group).map(send));
  }
  const [first] = (JSON.parse(answer) as { results: { totalHits?: number; hits: EngineHit[] }[] })
    .results;
  return {
    total: first?.totalHits ?? 0,
    hits: (first?.hits ?? []).map((hit) => ({
      slug: hit.slug,
      title: hit._formatted?.title ?? "",
      text: hit._formatted?.text ?? "",
    })),
  };
}
