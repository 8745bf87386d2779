/**
 * Attacks on accounts, sessions and tokens, run against a real server of its own (so the test can
 * look into its SQLite file). The server trusts X-Forwarded-For from loopback, which is how these
 * requests come from several client addresses.
 */
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { startServer, type ServerProcess } from "../setup/server-process.ts";

import { actionData, postForm, signInCookie } from "./session.ts";

const ADDRESS_LIMIT = 30; // SignInLimits.perAddress
const INTERNAL_ARTICLE = "sim-swap-fraud-checks"; // seeded, internal
const PASSWORD = "victim passphrase 42";

let server: ServerProcess;
let dataDir: string;
let db: Database.Database;
let admin: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "lagebild-attack-"));
  server = await startServer({}, { dataDir });
  db = new Database(path.join(dataDir, "lagebild.db"));
  db.pragma("busy_timeout = 5000");
  admin = await signInCookie(server.baseUrl, "admin@lagebild.example");
});
afterAll(async () => {
  db?.close();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Posts the sign-in form as a browser at `address` would (via the loopback proxy). */
function signInFrom(address: string, email: string, password: string) {
  return fetch(`${server.baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: {
      Origin: server.baseUrl,
      "Content-Type": "application/x-www-form-urlencoded",
      "X-Forwarded-For": address,
      "Accept-Language": "en-GB",
    },
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
  });
}

function cookieOf(response: Response) {
  const cookie = response.headers.get("set-cookie");
  if (response.status !== 302 || !cookie) throw new Error(`Sign-in failed: ${response.status}`);
  return cookie.split(";")[0]!;
}

/** Creates a user through the admin page and returns its id. */
async function createUser(role: string) {
  const email = `${role}-${Math.random().toString(36).slice(2)}@attack.example`;
  const fields = { intent: "create", name: `Target ${role}`, email, role, password: PASSWORD };
  expect((await postForm(server.baseUrl, "/admin/users", admin, fields)).status).toBe(200);
  const row = db.prepare("SELECT id FROM User WHERE email = ?").get(email) as { id: string };
  return { id: row.id, email };
}

async function createToken(cookie: string, validDays: string) {
  const { status, data } = await actionData<{ token: string }>(
    server.baseUrl,
    "/admin/tokens",
    cookie,
    { intent: "create", name: `token ${Math.random()}`, validDays },
  );
  expect(status).toBe(200);
  return data.token;
}

/** The status of both staff API paths for the token. */
async function apiStatuses(token: string) {
  const headers = { Authorization: `Bearer ${token}` };
  return Promise.all(
    [`/api/articles?q=fraud`, `/api/articles/${INTERNAL_ARTICLE}`].map(
      async (p) => (await fetch(`${server.baseUrl}${p}`, { headers })).status,
    ),
  );
}

/** Whether the cookie still opens a staff page. */
async function signedIn(cookie: string) {
  const response = await fetch(`${server.baseUrl}/`, { headers: { cookie }, redirect: "manual" });
  return response.status === 200;
}

describe("sign-in floods", () => {
  test("60 parallel wrong passwords from one address: exactly the address limit is checked, the rest get 429", async () => {
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        signInFrom("203.0.113.50", `guess-${i}@attack.example`, "wrong password"),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(ADDRESS_LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(60 - ADDRESS_LIMIT);
    const refused = responses.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.text()).toMatch(/Too many failed attempts\. Try again in \d+ minutes?\./);
  });

  test("A flood on one account cannot keep its owner out: the right password from another address gets in after the delay", async () => {
    const victim = await createUser("agent");
    const flood = await Promise.all(
      Array.from({ length: 60 }, () => signInFrom("203.0.113.60", victim.email, "wrong password")),
    );
    const evaluated = flood.filter((r) => r.status === 401).length;
    expect(evaluated).toBeLessThan(10); // 5 free failures, then doubling delays from one second
    expect(flood.filter((r) => r.status === 429)).toHaveLength(60 - evaluated);

    let response = await signInFrom("198.51.100.60", victim.email, PASSWORD);
    for (let tries = 0; response.status === 429 && tries < 3; tries++) {
      const wait = Number(response.headers.get("retry-after"));
      expect(wait).toBeLessThanOrEqual(16);
      await sleep(wait * 1000);
      response = await signInFrom("198.51.100.60", victim.email, PASSWORD);
    }
    expect(response.status).toBe(302);
  });

  test("Addresses in the same IPv6 /64 share the address limit; the next /64 does not", async () => {
    const responses = await Promise.all(
      Array.from({ length: ADDRESS_LIMIT }, (_, i) =>
        signInFrom(`2001:db8:77:1::${(i % 2) + 1}`, `v6-${i}@attack.example`, "wrong"),
      ),
    );
    expect(responses.every((r) => r.status === 401)).toBe(true);
    const victim = await createUser("agent");
    expect((await signInFrom("2001:db8:77:1:abcd::9", victim.email, PASSWORD)).status).toBe(429);
    expect((await signInFrom("2001:db8:77:2::9", victim.email, PASSWORD)).status).toBe(302);
  });
});

describe("API tokens", () => {
  test("An expired token gets 401 on both staff API paths", async () => {
    const token = await createToken(admin, "1");
    expect(await apiStatuses(token)).toEqual([200, 200]);
    const hash = createHash("sha256").update(token).digest("hex");
    const past = new Date(Date.now() - 1000).toISOString().replace("Z", "+00:00");
    db.prepare("UPDATE ApiToken SET expiresAt = ? WHERE tokenHash = ?").run(past, hash);
    expect(await apiStatuses(token)).toEqual([401, 401]);
    const page = await fetch(`${server.baseUrl}/admin/tokens`, {
      headers: { cookie: admin, "accept-language": "en-GB" },
    });
    const html = await page.text();
    expect(html).toContain(">Expires<");
    expect(html).toContain(">expired<");
  });

  test("A token may not be made to live longer than a year", async () => {
    const response = await postForm(server.baseUrl, "/admin/tokens", admin, {
      intent: "create",
      name: "forever",
      validDays: "36500",
    });
    expect(response.status).toBe(400);
    expect(db.prepare("SELECT count(*) AS n FROM ApiToken WHERE name = 'forever'").get()).toEqual({
      n: 0,
    });
  });

  test("The token of a deactivated admin gets 401 on both staff API paths", async () => {
    const creator = await createUser("admin");
    const creatorCookie = cookieOf(await signInFrom("127.0.0.1", creator.email, PASSWORD));
    const token = await createToken(creatorCookie, "90");
    expect(await apiStatuses(token)).toEqual([200, 200]);
    const deactivated = await postForm(server.baseUrl, "/admin/users", admin, {
      intent: "deactivate",
      userId: creator.id,
    });
    expect(deactivated.status).toBe(200);
    expect(await apiStatuses(token)).toEqual([401, 401]);
  });
});

describe("sessions", () => {
  test("The session row in the database is not the cookie's value, only its hash", async () => {
    const user = await createUser("agent");
    const cookie = cookieOf(await signInFrom("127.0.0.1", user.email, PASSWORD));
    // The signed cookie carries base64(JSON(session id)) and a signature after the dot.
    const signed = decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1));
    const sessionId = JSON.parse(Buffer.from(signed.split(".")[0]!, "base64").toString());
    const rows = db.prepare("SELECT id FROM Session WHERE userId = ?").all(user.id) as {
      id: string;
    }[];
    expect(rows).toEqual([{ id: createHash("sha256").update(sessionId).digest("hex") }]);
    expect(rows[0]!.id).not.toBe(sessionId);
  });

  test("A password reset ends the old session; an admin resetting their own keeps the current one", async () => {
    const user = await createUser("agent");
    const old = cookieOf(await signInFrom("127.0.0.1", user.email, PASSWORD));
    expect(await signedIn(old)).toBe(true);
    const reset = await postForm(server.baseUrl, "/admin/users", admin, {
      intent: "password",
      userId: user.id,
      newPassword: "a fresh passphrase",
    });
    expect(reset.status).toBe(200);
    expect(await signedIn(old)).toBe(false);

    const second = await createUser("admin");
    const here = cookieOf(await signInFrom("127.0.0.1", second.email, PASSWORD));
    const elsewhere = cookieOf(await signInFrom("127.0.0.1", second.email, PASSWORD));
    const own = await postForm(server.baseUrl, "/admin/users", here, {
      intent: "password",
      userId: second.id,
      newPassword: "another fresh passphrase",
    });
    expect(own.status).toBe(200);
    expect(await signedIn(here)).toBe(true);
    expect(await signedIn(elsewhere)).toBe(false);
  });

  test("A too short new password is refused with 400 and changes nothing", async () => {
    const user = await createUser("agent");
    const cookie = cookieOf(await signInFrom("127.0.0.1", user.email, PASSWORD));
    const response = await postForm(server.baseUrl, "/admin/users", admin, {
      intent: "password",
      userId: user.id,
      newPassword: "short",
    });
    expect(response.status).toBe(400);
    expect(await signedIn(cookie)).toBe(true);
  });
});
