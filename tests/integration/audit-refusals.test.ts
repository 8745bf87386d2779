/** A role trying a change it may not make leaves a trace for the admins. */
import { expect, test } from "vitest";

import { requireCapability } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";

import { buildUser, requestAs } from "../factories.ts";

async function agentRequest(method: string) {
  const agent = await buildUser({ role: "agent" });
  const request = await requestAs(agent.id, {
    url: "http://localhost/articles/vertrag/edit",
    method,
    body: method === "POST" ? "title=x" : undefined,
  });
  return { userId: agent.id, request };
}

const refusal = (request: Request) =>
  requireCapability(request, "article:publish").then(
    () => 200,
    (thrown: Response) => thrown.status,
  );

test("An agent's refused change is answered 403 and recorded in the audit log", async () => {
  const { userId, request } = await agentRequest("POST");
  expect(await refusal(request)).toBe(403);
  const events = await prisma.auditEvent.findMany({ where: { actorId: userId } });
  expect(events).toMatchObject([
    {
      action: "auth.forbidden",
      target: "/articles/vertrag/edit",
      detail: "agent lacks article:publish",
    },
  ]);
});

test("A refused page view is answered 403 without an audit entry", async () => {
  const { userId, request } = await agentRequest("GET");
  expect(await refusal(request)).toBe(403);
  expect(await prisma.auditEvent.count({ where: { actorId: userId } })).toBe(0);
});
