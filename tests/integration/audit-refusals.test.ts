/** A role trying a change it may not make leaves a trace for the admins. */
import { expect, test } from "vitest";

import { createSession } from "~/models/session.server.ts";
import { createUser } from "~/models/user.server.ts";
import { commitSignIn, requireCapability } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";

async function agentRequest(method: string) {
  const created = await createUser(
    {
      email: `agent-${Math.random().toString(36).slice(2)}@test.example`,
      name: "Agent",
      role: "agent",
      password: "correct horse battery",
    },
    null,
  );
  if (created.status !== "created") throw new Error("could not create the agent");
  const { id } = await createSession(created.id);
  const cookie = (await commitSignIn(new Request("http://localhost/login"), id, "/")).headers
    .get("set-cookie")!
    .split(";")[0]!;
  const request = new Request("http://localhost/articles/vertrag/edit", {
    method,
    headers: { cookie },
    body: method === "POST" ? "title=x" : undefined,
  });
  return { userId: created.id, request };
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
