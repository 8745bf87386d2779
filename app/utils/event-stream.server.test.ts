import { expect, test } from "vitest";

import { incidentEventStream } from "./event-stream.server.ts";
import { incidentListenerCount, publishIncidentEvent } from "./live-events.server.ts";

test("The stream opens with a comment, sends each change, and lets go when the visitor leaves", async () => {
  const visitor = new AbortController();
  const response = incidentEventStream(
    new Request("http://localhost/status/events", { signal: visitor.signal }),
  );
  expect(response.headers.get("content-type")).toBe("text/event-stream");
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const read = async () => decoder.decode((await reader.read()).value);
  expect(await read()).toBe(": connected\n\n");
  expect(incidentListenerCount()).toBe(1);

  const change = { incidentSlug: "a", kind: "statement", version: 3, statementVersion: 2 } as const;
  publishIncidentEvent(change);
  let received = "";
  while (!received.endsWith("\n\n")) received += await read();
  expect(received).toBe(`event: incident\ndata: ${JSON.stringify(change)}\n\n`);

  visitor.abort();
  expect(incidentListenerCount()).toBe(0);
  expect((await reader.read()).done).toBe(true);
});
