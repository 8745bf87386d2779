import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

import { describe, expect, test } from "vitest";

import { createApiToken, verifyApiToken } from "~/models/api-token.server.ts";
import { capabilities, capabilityRoles } from "~/models/capabilities.ts";
import { roles, type Role } from "~/models/roles.ts";
import { createSession, getSessionUser } from "~/models/session.server.ts";
import { signIn } from "~/models/sign-in.server.ts";
import {
  changeUserRole,
  createUser,
  setUserActive,
  setUserPassword,
  upsertUser,
} from "~/models/user.server.ts";
import { identifySearchCaller, requireApiReader, requireCapability } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";

import { buildUser, requestAs, testPassword } from "../factories.ts";

const password = testPassword;
const repository = path.resolve(import.meta.dirname, "../..");

/** The README's capability table, the contract admins read: each capability and its ✓ roles. */
async function documentedCapabilities(): Promise<Record<string, Role[]>> {
  const readme = await readFile(path.join(repository, "README.md"), "utf8");
  const lines = readme.split("\n");
  const cells = (line: string) =>
    line
      .trim()
      .replace(/^\||\|$/g, "")
      .split("|")
      .map((cell) => cell.trim());
  const header = lines.findIndex((line) => line.startsWith("|") && cells(line)[0] === "capability");
  expect(header, "README.md has a table whose first column is 'capability'").toBeGreaterThan(-1);
  const columns = cells(lines[header]!);
  expect(columns.filter((column) => (roles as readonly string[]).includes(column))).toEqual([
    ...roles,
  ]);
  const table: Record<string, Role[]> = {};
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith("|")) break;
    const row = cells(line);
    const capability = row[0]!.replace(/`/g, "");
    table[capability] = roles.filter((role) => row[columns.indexOf(role)] === "✓");
  }
  return table;
}

describe("roles and capabilities", () => {
  test("The code's capability table is the one the README documents", async () => {
    const code = Object.fromEntries(
      capabilities.map((capability) => [capability, [...capabilityRoles[capability]]]),
    );
    expect(code).toEqual(await documentedCapabilities());
  });

  test("Every capability is checked by the server somewhere (a route or a model command)", async () => {
    const files = (await readdir(path.join(repository, "app"), { recursive: true }))
      .filter((file) => /^(routes\/.*\.tsx?|.*\.server\.ts)$/.test(file))
      .filter((file) => !/\.test\.tsx?$/.test(file));
    const sources = await Promise.all(
      files.map(async (file) => ({
        file,
        text: await readFile(path.join(repository, "app", file), "utf8"),
      })),
    );
    for (const capability of capabilities) {
      const quoted = `"${capability}"`;
      // A route refusing the request, or a model command refusing the actor; a route's
      // can(…) only shows or hides a control, so it does not count there.
      const checked = sources.some(
        ({ file, text }) =>
          text.includes(`requireCapability(request, ${quoted})`) ||
          (file.endsWith(".server.ts") &&
            new RegExp(`\\b(?:can|actorCan)\\([^()]*, ${quoted}\\)`).test(text)),
      );
      expect(checked, `${capability} is enforced somewhere`).toBe(true);
    }
  });

  for (const role of roles) {
    test(`A signed-in ${role} is allowed exactly the ${role} capabilities of the README, and refused the rest with 403`, async () => {
      const documented = await documentedCapabilities();
      const user = await buildUser({ role });
      for (const capability of capabilities) {
        const request = await requestAs(user.id);
        const outcome = await requireCapability(request, capability).then(
          (allowed) => allowed.id,
          (thrown: Response) => thrown.status,
        );
        expect(outcome, `${role} × ${capability}`).toBe(
          documented[capability]?.includes(role) ? user.id : 403,
        );
      }
    });
  }

  test("An anonymous visitor asking for any capability is sent to sign in, and comes back", async () => {
    const request = new Request("http://localhost/articles/apn?x=1");
    const thrown = await requireCapability(request, "article:read-internal").catch(
      (r: Response) => r,
    );
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).headers.get("location")).toBe(
      "/login?redirectTo=%2Farticles%2Fapn%3Fx%3D1",
    );
  });
});

describe("sign-in", () => {
  test("Unknown email and wrong password get the same answer", async () => {
    const user = await buildUser({ role: "agent" });
    const unknown = await signIn({ email: "nobody@test.example", password, ip: "10.0.0.1" });
    const wrong = await signIn({ email: user.email, password: "wrong password", ip: "10.0.0.1" });
    expect(unknown).toEqual({ status: "invalid" });
    expect(wrong).toEqual({ status: "invalid" });
  });

  test("A deactivated account is told so, only after the right password", async () => {
    const admin = await buildUser({ role: "admin" });
    const user = await buildUser({ role: "engineer" });
    await setUserActive({ userId: user.id, active: false, actorId: admin.id });
    expect((await signIn({ email: user.email, password: "wrong", ip: "10.2.0.1" })).status).toBe(
      "invalid",
    );
    expect((await signIn({ email: user.email, password, ip: "10.2.0.1" })).status).toBe(
      "deactivated",
    );
  });

  test("A sign-in is written to the audit log", async () => {
    const user = await buildUser({ role: "comms" });
    await signIn({ email: user.email, password, ip: "10.3.0.1" });
    const events = await prisma.auditEvent.findMany({ where: { target: user.email } });
    expect(events.map((e) => e.action)).toContain("auth.sign-in");
  });
});

describe("sessions", () => {
  test("An expired session no longer signs anyone in", async () => {
    const user = await buildUser({ role: "agent" });
    const { id } = await createSession(user.id);
    await prisma.session.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await getSessionUser(id)).toEqual({ status: "expired" });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  test("The database keeps only a hash of the session id: its row cannot be used as a cookie", async () => {
    const user = await buildUser({ role: "agent" });
    const { id } = await createSession(user.id);
    const rows = await prisma.session.findMany({ where: { userId: user.id } });
    expect(rows.map((row) => row.id)).toEqual([createHash("sha256").update(id).digest("hex")]);
    expect((await getSessionUser(id)).status).toBe("valid");
    expect((await getSessionUser(rows[0]!.id)).status).toBe("none");
  });

  test("A new password ends the user's sessions; an admin resetting their own keeps the current one", async () => {
    const admin = await buildUser({ role: "admin" });
    const agent = await buildUser({ role: "agent" });
    const agentSession = await createSession(agent.id);
    const adminHere = await createSession(admin.id);
    const adminElsewhere = await createSession(admin.id);

    const newPassword = "a brand new passphrase";
    expect(
      await setUserPassword({
        userId: agent.id,
        password: newPassword,
        actorId: admin.id,
        keepSessionId: adminHere.id,
      }),
    ).toEqual({ status: "ok" });
    expect((await getSessionUser(agentSession.id)).status).toBe("none");
    expect((await signIn({ email: agent.email, password, ip: "10.5.0.1" })).status).toBe("invalid");
    expect(
      (await signIn({ email: agent.email, password: newPassword, ip: "10.5.0.1" })).status,
    ).toBe("ok");

    await setUserPassword({
      userId: admin.id,
      password: newPassword,
      actorId: admin.id,
      keepSessionId: adminHere.id,
    });
    expect((await getSessionUser(adminHere.id)).status).toBe("valid");
    expect((await getSessionUser(adminElsewhere.id)).status).toBe("none");
    const audit = await prisma.auditEvent.count({
      where: { action: "user.password-set", target: agent.email },
    });
    expect(audit).toBe(1);
  });

  test("Resetting a password with the admin command also ends the user's sessions", async () => {
    const user = await buildUser({ role: "engineer" });
    const { id } = await createSession(user.id);
    await upsertUser({ email: user.email, name: user.name, role: "engineer", password: "new one" });
    expect((await getSessionUser(id)).status).toBe("none");
  });

  test("Deactivating a user ends their sessions at once", async () => {
    const admin = await buildUser({ role: "admin" });
    const user = await buildUser({ role: "agent" });
    const { id } = await createSession(user.id);
    await setUserActive({ userId: user.id, active: false, actorId: admin.id });
    expect((await getSessionUser(id)).status).not.toBe("valid");
  });
});

describe("admin rules", () => {
  test("The last active admin can be neither demoted nor deactivated", async () => {
    await prisma.user.updateMany({ where: { role: "admin" }, data: { role: "agent" } });
    const admin = await buildUser({ role: "admin" });
    expect(await changeUserRole({ userId: admin.id, role: "agent", actorId: admin.id })).toEqual({
      status: "last-admin",
    });
    expect(await setUserActive({ userId: admin.id, active: false, actorId: admin.id })).toEqual({
      status: "last-admin",
    });
    const second = await buildUser({ role: "admin" });
    expect(await changeUserRole({ userId: admin.id, role: "agent", actorId: second.id })).toEqual({
      status: "ok",
    });
    const audit = await prisma.auditEvent.findFirst({
      where: { action: "user.role-change", target: admin.email },
    });
    expect(audit?.detail).toBe("admin → agent");
  });

  test("A second user with the same email is refused", async () => {
    const user = await buildUser({ role: "agent" });
    const again = await createUser(
      { email: user.email.toUpperCase(), name: "Dup", role: "agent", password },
      null,
    );
    expect(again).toEqual({ status: "email-taken" });
  });
});

test("Signing in clears out day-old attempts and expired sessions", async () => {
  const user = await buildUser({ role: "agent" });
  const old = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
  await prisma.loginAttempt.create({
    data: { email: "x@test.example", ip: "1.1.1.1", success: false, createdAt: old },
  });
  await createSession(user.id);
  await prisma.session.updateMany({ where: { userId: user.id }, data: { expiresAt: old } });
  expect((await signIn({ email: user.email, password, ip: "10.4.0.1" })).status).toBe("ok");
  expect(
    await prisma.loginAttempt.count({
      where: { createdAt: { lt: new Date(Date.now() - 86_400_000) } },
    }),
  ).toBe(0);
  expect(await prisma.session.count({ where: { userId: user.id, expiresAt: old } })).toBe(0);
});

test("An expired session sends the user to sign in with a notice, and back to the page after", async () => {
  const user = await buildUser({ role: "agent" });
  const request = await requestAs(user.id);
  await prisma.session.updateMany({
    where: { userId: user.id },
    data: { expiresAt: new Date(Date.now() - 1000) },
  });
  const expiredRequest = new Request("http://localhost/articles/apn?tab=2", {
    headers: request.headers,
  });
  const thrown = await requireCapability(expiredRequest, "article:read-internal").catch(
    (r: Response) => r,
  );
  const location = new URL((thrown as Response).headers.get("location")!, "http://localhost");
  expect(location.pathname).toBe("/login");
  expect(location.searchParams.get("expired")).toBe("1");
  expect(location.searchParams.get("redirectTo")).toBe("/articles/apn?tab=2");
});

describe("API tokens", () => {
  const apiRequest = (token: string) =>
    new Request("http://localhost/api/articles", { headers: { authorization: `Bearer ${token}` } });
  const reader = (token: string) =>
    requireApiReader(apiRequest(token)).then(
      (found) => found.kind,
      (thrown: Response) => thrown.status,
    );

  test("A token works until the end of the days chosen at creation, then gets 401", async () => {
    const admin = await buildUser({ role: "admin" });
    const { id, token } = await createApiToken({ name: "CRM", validDays: 30, actorId: admin.id });
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id } });
    const days = (row.expiresAt.getTime() - row.createdAt.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(30);
    expect(await reader(token)).toBe("token");
    await prisma.apiToken.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await verifyApiToken(token)).toBeNull();
    expect(await reader(token)).toBe(401);
  });

  test("A token is internal unless created public; a public one reads only the public index", async () => {
    const admin = await buildUser({ role: "admin" });
    const internal = await createApiToken({ name: "CRM", validDays: 30, actorId: admin.id });
    expect((await verifyApiToken(internal.token))?.scope).toBe("internal");
    const pub = await createApiToken({
      name: "Website",
      validDays: 30,
      actorId: admin.id,
      scope: "public",
    });
    expect(await reader(pub.token)).toBe(403);
    const caller = await identifySearchCaller(apiRequest(pub.token));
    expect(caller).toEqual({ kind: "token", audience: "public", id: pub.id });
    expect((await identifySearchCaller(apiRequest(internal.token))).audience).toBe("staff");
    const anonymous = await identifySearchCaller(new Request("http://localhost/api/search"));
    expect(anonymous.audience).toBe("public");
  });

  test("A token cannot be made to live longer than a year", async () => {
    const admin = await buildUser({ role: "admin" });
    await expect(createApiToken({ name: "x", validDays: 366, actorId: admin.id })).rejects.toThrow(
      RangeError,
    );
    expect(await prisma.apiToken.count({ where: { name: "x" } })).toBe(0);
  });

  test("Deactivating a token's creator stops the token; reactivating them restores it", async () => {
    const admin = await buildUser({ role: "admin" });
    const creator = await buildUser({ role: "admin" });
    const { token } = await createApiToken({ name: "BI", validDays: 90, actorId: creator.id });
    expect(await reader(token)).toBe("token");
    await setUserActive({ userId: creator.id, active: false, actorId: admin.id });
    expect(await reader(token)).toBe(401);
    await setUserActive({ userId: creator.id, active: true, actorId: admin.id });
    expect(await reader(token)).toBe("token");
  });
});
