import { existsSync } from "node:fs";

import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";

import { signInCookie } from "./session.ts";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Launches Debian's Chromium headless with the flags these offline machines need. */
export function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: run "apt-get install -y chromium".`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/**
 * A browser context (English, with or without scripts) that carries the session `cookie` (a
 * `name=value` pair from signInCookie) for `baseUrl`.
 */
export async function contextWithCookie(
  browser: Browser,
  baseUrl: string,
  cookie: string,
  javaScriptEnabled: boolean,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    javaScriptEnabled,
    locale: "en-GB",
    baseURL: baseUrl,
  });
  const split = cookie.indexOf("=");
  await context.addCookies([
    { name: cookie.slice(0, split), value: cookie.slice(split + 1), url: baseUrl },
  ]);
  return context;
}

/**
 * For a test file: launches Chromium before its tests and closes it, with every context it
 * opened, after them. Returns a function opening a context signed in as `email` (through the
 * real sign-in), with or without scripts.
 */
export function signedInBrowser() {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });
  return async function contextFor(email: string, javaScriptEnabled: boolean) {
    if (!browser) throw new Error("signedInBrowser: Chromium is not started yet");
    const baseUrl = inject("baseUrl");
    const context = await contextWithCookie(
      browser,
      baseUrl,
      await signInCookie(baseUrl, email),
      javaScriptEnabled,
    );
    contexts.push(context);
    return context;
  };
}
