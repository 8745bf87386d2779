import { eventStream } from "remix-utils/sse/server";

import { subscribeIncidentEvents } from "./live-events.server.ts";

const HEARTBEAT_MS = 15_000;

/**
 * Adds SSE comment lines to `body`: one at once (so the headers go out and EventSource opens)
 * and a heartbeat every 15 s, which keeps proxies from closing an idle stream. A comment is
 * only written between two events, never inside one.
 */
function withHeartbeat(body: ReadableStream<Uint8Array>, signal: AbortSignal) {
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setInterval> | undefined;
  let atBoundary = true;
  let pending = false;
  const stop = () => clearInterval(timer);
  signal.addEventListener("abort", stop, { once: true });
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(": connected\n\n"));
        timer = setInterval(() => {
          if (!atBoundary) return void (pending = true);
          try {
            controller.enqueue(encoder.encode(": heartbeat\n\n"));
          } catch {
            stop(); // the stream is closed
          }
        }, HEARTBEAT_MS);
      },
      transform(chunk, controller) {
        controller.enqueue(chunk);
        atBoundary = chunk.at(-1) === 10 && chunk.at(-2) === 10;
        if (atBoundary && pending) {
          pending = false;
          controller.enqueue(encoder.encode(": heartbeat\n\n"));
        }
      },
      flush: stop,
    }),
  );
}

/**
 * The stream of incident changes (event `incident`, data: slug, kind and version numbers as
 * JSON); it lets go of its listener when the visitor goes away.
 */
export function incidentEventStream(request: Request): Response {
  const response = eventStream(request.signal, (send) =>
    subscribeIncidentEvents((event) => send({ event: "incident", data: JSON.stringify(event) })),
  );
  const headers = new Headers(response.headers);
  // Tells nginx-style proxies not to buffer the stream.
  headers.set("X-Accel-Buffering", "no");
  return new Response(withHeartbeat(response.body!, request.signal), { headers });
}
