import type { Browser, BrowserContext, BrowserContextOptions } from "playwright-core";
import { decode } from "turbo-stream";

export const DEMO_PASSWORD = "lagebild-demo";

/** Signs in through the real form in a fresh browser context and returns the context. */
export async function signedInContext(
  browser: Browser,
  baseUrl: string,
  email: string,
  locale = "en-GB",
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ ...options, locale, baseURL: baseUrl });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel(/^(Email|E-Mail)$/).fill(email);
  await page.getByLabel(/^(Password|Passwort)$/).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: /^(Sign in|Anmelden)$/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.close();
  return context;
}

/** Signs in over HTTP (as a browser form would, Origin included) and returns the cookie. */
export async function signInCookie(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, redirectTo: "/" }),
  });
  const cookie = response.headers.get("set-cookie");
  if (response.status !== 302 || !cookie) throw new Error(`Sign-in failed: ${response.status}`);
  return cookie.split(";")[0]!;
}

/** Posts a form as the browser would (Origin included), signed in with `cookie`. */
export function postForm(
  baseUrl: string,
  path: string,
  cookie: string,
  fields: Record<string, string>,
  headers: Record<string, string> = { "accept-language": "en-GB,en;q=0.9" },
) {
  return fetch(`${baseUrl}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      ...headers,
      cookie,
      Origin: baseUrl,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(fields),
  });
}

/** The address a browser's single fetch uses for a page's data: `/x?q=1` → `/x.data?q=1`. */
export function dataUrl(page: string, routeId?: string): string {
  const url = new URL(page, "http://x");
  if (routeId) url.searchParams.set("_routes", routeId);
  const path = url.pathname === "/" ? "/_root" : url.pathname.replace(/\/$/, "");
  return `${path}.data${url.search}`;
}

async function decodeSingleFetch(response: Response): Promise<unknown> {
  const decoded = await decode(response.body!);
  await decoded.done;
  return decoded.value;
}

/** A route's loader data as the browser receives it on a client navigation, signed in with `cookie`. */
export async function loaderData<T>(
  baseUrl: string,
  page: string,
  routeId: string,
  cookie: string,
): Promise<{ status: number; data: T }> {
  const response = await fetch(`${baseUrl}${dataUrl(page, routeId)}`, { headers: { cookie } });
  const results = (await decodeSingleFetch(response)) as Record<string, { data?: T }>;
  return { status: response.status, data: results[routeId]?.data as T };
}

/** Posts a form as the browser's fetcher does and returns the action's data and status. */
export async function actionData<T>(
  baseUrl: string,
  page: string,
  cookie: string,
  fields: Record<string, string>,
): Promise<{ status: number; data: T }> {
  const response = await postForm(baseUrl, dataUrl(page), cookie, fields);
  const result = (await decodeSingleFetch(response)) as { data?: T };
  return { status: response.status, data: result.data as T };
}
