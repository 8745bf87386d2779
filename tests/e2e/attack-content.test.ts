/**
 * Attacks on content against the running server: notes that try to close their own fence, an
 * engineer changing customer-facing text or visibility, styles that overlay the help centre,
 * links that reveal internal articles. Each refused attempt leaves /help as it was.
 */
import { beforeAll, expect, inject, test } from "vitest";

import { loaderData, postForm, signInCookie } from "./session.ts";

let baseUrl: string;
let comms: string;
let engineer: string;
let admin: string;

beforeAll(async () => {
  baseUrl = inject("baseUrl");
  const signIn = (role: string) => signInCookie(baseUrl, `${role}@lagebild.example`);
  [comms, engineer, admin] = [
    await signIn("comms"),
    await signIn("engineer"),
    await signIn("admin"),
  ];
});

function unique(prefix: string) {
  return `${prefix}${Math.random().toString(36).slice(2, 8).replace(/\d/g, "x")}`;
}

/** Creates an article through the form without JavaScript; returns its slug. */
async function create(cookie: string, title: string, markdown: string, visibility = "public") {
  const response = await postForm(baseUrl, "/articles/new", cookie, {
    title,
    kind: "incident",
    visibility,
    ownerId: "none",
    markdown,
  });
  expect(response.status).toBe(302);
  return response.headers.get("location")!.replace("/articles/", "");
}

/** What the edit form without JavaScript holds: Markdown and the revision it was loaded at. */
async function editForm(cookie: string, slug: string) {
  const { status, data } = await loaderData<{
    article: { title: string; markdown: string; revision: number };
  }>(baseUrl, `/articles/${slug}/edit`, "routes/articles.$slug_.edit", cookie);
  expect(status).toBe(200);
  return data.article;
}

async function submitEdit(cookie: string, slug: string, fields: Record<string, string> = {}) {
  const form = await editForm(cookie, slug);
  return postForm(baseUrl, `/articles/${slug}/edit`, cookie, {
    title: form.title,
    kind: "incident",
    markdown: form.markdown,
    baseRevision: String(form.revision),
    ...fields,
  });
}

const helpPage = async (slug: string) => {
  const response = await fetch(`${baseUrl}/help/${slug}`);
  return { status: response.status, html: await response.text() };
};

test("A note with a ':::' line stays off /help when the Markdown form is sent back unchanged", async () => {
  const marker = unique("fencemarker");
  const slug = await create(
    comms,
    unique("Fence "),
    `Öffentlich.\n\n:::internal\nVorher\n\n\\:::\n\nZugang ${marker} danach.\n:::`,
  );
  expect((await submitEdit(comms, slug)).status).toBe(302);
  expect((await helpPage(slug)).html).not.toContain(marker);
  const search = await fetch(`${baseUrl}/api/public/articles?q=${marker}`);
  expect(await search.text()).not.toContain(marker);
});

test("An engineer's edit of a public article's text is refused, audited, and /help keeps the old text", async () => {
  const slug = await create(comms, unique("Incident "), "Wir arbeiten an der Störung.");
  const form = await editForm(engineer, slug);
  const response = await submitEdit(engineer, slug, {
    markdown: form.markdown.replace("Wir arbeiten an der Störung.", "Alles wieder gut."),
  });
  expect(response.status).toBe(403);
  expect(await response.text()).toMatch(/right to publish/);
  const page = await helpPage(slug);
  expect(page.html).toContain("Wir arbeiten an der Störung.");
  expect(page.html).not.toContain("Alles wieder gut.");
  const audit = await fetch(`${baseUrl}/admin/audit`, { headers: { cookie: admin } });
  expect(await audit.text()).toMatch(
    new RegExp(
      `article.public-change-refused[\\s\\S]*?${slug}|${slug}[\\s\\S]*?article.public-change-refused`,
    ),
  );
});

test("An engineer cannot take a public article off /help by forging the visibility field", async () => {
  const slug = await create(comms, unique("Visible "), "Sichtbar.");
  const response = await submitEdit(engineer, slug, { visibility: "internal" });
  expect(response.status).toBe(403);
  expect((await helpPage(slug)).status).toBe(200);
});

test("An engineer cannot put a new article on /help by forging the visibility field", async () => {
  const title = unique("Forged ");
  const response = await postForm(baseUrl, "/articles/new", engineer, {
    title,
    kind: "howto",
    visibility: "public",
    ownerId: "none",
    markdown: "Text.",
  });
  expect(response.status).toBe(403);
  const list = await fetch(`${baseUrl}/api/public/articles`);
  expect(await list.text()).not.toContain(title);
});

test("Text styled as a full-screen overlay is refused", async () => {
  const content = JSON.stringify({
    root: {
      type: "root",
      children: [
        {
          type: "paragraph",
          children: [{ type: "text", text: "Overlay", style: "position:fixed;inset:0" }],
        },
      ],
    },
  });
  const response = await postForm(baseUrl, "/articles/new", comms, {
    title: unique("Overlay "),
    kind: "howto",
    ownerId: "none",
    content,
  });
  expect(response.status).toBe(400);
  expect(await response.text()).toMatch(/style property not allowed/);
});

test("Links to an internal article with #anchor, ?query or .md are plain text on /help", async () => {
  const internal = await create(comms, unique("Interna "), "Nur intern.", "internal");
  const slug = await create(
    comms,
    unique("Links "),
    [
      `[Anker](/articles/${internal}#teil)`,
      `[Abfrage](/articles/${internal}?x=1)`,
      `[Datei](/articles/${internal}.md)`,
    ].join("\n\n"),
  );
  const page = await helpPage(slug);
  expect(page.html).toContain("Anker");
  expect(page.html).not.toContain(internal);
});
