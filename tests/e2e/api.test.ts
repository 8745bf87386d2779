import { expect, inject, test } from "vitest";

import { actionData, postForm, signInCookie } from "./session.ts";

const INTERNAL_ARTICLE = "sim-swap-fraud-checks"; // seeded, internal

const post = (path: string, cookie: string, fields: Record<string, string>) =>
  postForm(inject("baseUrl"), path, cookie, fields);

test("An admin issues an API token that reads internal articles until it is revoked", async () => {
  const baseUrl = inject("baseUrl");
  const admin = await signInCookie(baseUrl, "admin@lagebild.example");
  const { data } = await actionData<{ token: string }>(baseUrl, "/admin/tokens", admin, {
    intent: "create",
    name: "CRM integration",
  });
  const { token } = data;
  expect(token).toMatch(/^lgb_/);
  const auth = { Authorization: `Bearer ${token}` };

  const list = await fetch(`${baseUrl}/api/articles?q=fraud`, { headers: auth });
  expect(list.status).toBe(200);
  const body = await list.json();
  expect(body.articles.map((a: { slug: string }) => a.slug)).toContain(INTERNAL_ARTICLE);
  const one = await fetch(`${baseUrl}/api/articles/${INTERNAL_ARTICLE}`, { headers: auth });
  expect((await one.json()).visibility).toBe("internal");

  const page = await (
    await fetch(`${baseUrl}/admin/tokens`, { headers: { cookie: admin } })
  ).text();
  const id = /name="id" value="([^"]+)"/.exec(page)?.[1];
  expect(id).toBeTruthy();
  await post("/admin/tokens", admin, { intent: "revoke", id: id! });
  expect((await fetch(`${baseUrl}/api/articles?q=fraud`, { headers: auth })).status).toBe(401);
});

test("The staff API refuses requests without a token or with a made-up one", async () => {
  const baseUrl = inject("baseUrl");
  expect((await fetch(`${baseUrl}/api/articles`)).status).toBe(401);
  const forged = await fetch(`${baseUrl}/api/articles`, {
    headers: { Authorization: "Bearer lgb_notarealtoken" },
  });
  expect(forged.status).toBe(401);
});

test("An engineer cannot manage tokens", async () => {
  const baseUrl = inject("baseUrl");
  const engineer = await signInCookie(baseUrl, "engineer@lagebild.example");
  const response = await post("/admin/tokens", engineer, { intent: "create", name: "sneaky" });
  expect(response.status).toBe(403);
});
