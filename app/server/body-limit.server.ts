/**
 * Request bodies are read here, before Remix, and refused with 413 once they pass a size limit:
 * Remix would otherwise parse a body of any size in memory, even an anonymous sign-in post.
 */
import type { IncomingMessage } from "node:http";

import { ArticleLimits } from "~/models/article-limits.ts";

/** Largest body of an ordinary form or API call. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * Largest body of an editor save: form encoding can triple the article's bytes (every `"`, `{`
 * of the editor JSON becomes `%22`, `%7B`), plus room for the other fields.
 */
export const EDITOR_BODY_LIMIT = 3 * ArticleLimits.contentBytes + DEFAULT_BODY_LIMIT;

const EDITOR_SAVE = /^\/articles\/(?:new|[^/]+\/edit)\/?$/;

/** Returns the body limit in bytes for a path. */
export function bodyLimitFor(pathname: string): number {
  return EDITOR_SAVE.test(pathname) ? EDITOR_BODY_LIMIT : DEFAULT_BODY_LIMIT;
}

export type BodyRead = { status: "ok"; body: Buffer | null } | { status: "too-large" };

/**
 * Reads the body of a request up to `limit` bytes. A declared Content-Length over the limit is
 * refused before any byte is read; a chunked body is counted as it arrives and dropped at the
 * limit, so memory never holds more than the limit.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  if (req.method === "GET" || req.method === "HEAD")
    return Promise.resolve({ status: "ok", body: null });
  const declared = Number(req.headers["content-length"] ?? Number.NaN);
  if (declared > limit) return Promise.resolve({ status: "too-large" });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= limit) return void chunks.push(chunk);
      // The rest still flows, but into nothing: memory stays at the limit.
      req.off("data", onData).off("end", onEnd);
      chunks.length = 0;
      resolve({ status: "too-large" });
    };
    const onEnd = () => resolve({ status: "ok", body: Buffer.concat(chunks) });
    req.on("data", onData).on("end", onEnd).once("error", reject);
  });
}

/**
 * Discards the rest of a refused body so the client can read the 413 answer (closing a socket
 * with unread data would reset it); a client still sending after a few seconds is cut off.
 */
export function discardBody(req: IncomingMessage): void {
  if (req.readableEnded) return;
  const timer = setTimeout(() => req.socket.destroy(), 5000);
  timer.unref();
  req.once("end", () => clearTimeout(timer)).resume();
}

/** The 413 answer's text, naming the limit. */
export function tooLargeMessage(limit: number): string {
  return `Request body too large: at most ${Math.round(limit / 1024)} KB are accepted here. Nothing was changed.`;
}
