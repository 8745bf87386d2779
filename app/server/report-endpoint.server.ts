/**
 * The one-click "another customer affected" for the incident page's script, answered with JSON
 * by a plain node:http handler in front of express: during an outage every agent clicks it at
 * once, the server works through a burst one request after another, and the Remix request
 * pipeline (fetch Request, route matching, loader revalidation after a fetcher action) and then
 * express's middleware cost more than the report itself. The host and cross-site checks run
 * before it as before every request (http.server.ts). Without JavaScript the page's form posts
 * to the Remix action, which calls the same model function. Decision note 014.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

import { recordAudit } from "~/models/audit.server.ts";
import { logReport } from "~/models/report.server.ts";
import { getCookieUser } from "~/utils/auth.server.ts";
import { parseReportForm } from "~/utils/incident-form.server.ts";

import { discardBody, readBody } from "./body-limit.server.ts";

/** A postcode and a symptom: a few hundred bytes at most. */
const REPORT_BODY_LIMIT = 2 * 1024;

const REPORT_PATH = /^\/api\/incidents\/([^/?]+)\/reports\/?(?:\?.*)?$/;

/**
 * The incident slug when `req` is a POST to the report endpoint
 * (`/api/incidents/:slug/reports`, where the page's script posts), else null.
 */
export function reportPostSlug(req: IncomingMessage): string | null {
  if (req.method !== "POST") return null;
  const slug = REPORT_PATH.exec(req.url ?? "")?.[1];
  if (slug === undefined) return null;
  try {
    return decodeURIComponent(slug);
  } catch {
    return "";
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
  });
  res.end(text);
}

function problem(res: ServerResponse, status: number, error: string, message: string) {
  sendJson(res, status, { error, message });
}

function isFormBody(req: IncomingMessage) {
  const type = req.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
  return type === "application/x-www-form-urlencoded";
}

/** Answers a POST to the report endpoint for the incident `slug` (see reportPostSlug). */
export async function handleReportPost(req: IncomingMessage, res: ServerResponse, slug: string) {
  if (!isFormBody(req)) {
    discardBody(req);
    return problem(res, 415, "unsupported", "Send the report as a form (urlencoded).");
  }
  const read = await readBody(req, REPORT_BODY_LIMIT);
  if (read.status === "too-large") {
    discardBody(req);
    return problem(res, 413, "too-large", `A report is at most ${REPORT_BODY_LIMIT} bytes.`);
  }
  const user = await getCookieUser(req.headers.cookie ?? null);
  if (!user) return problem(res, 401, "unauthorized", "Sign in to log reports.");
  const form = parseReportForm(new URLSearchParams(read.body?.toString("utf8") ?? ""));
  const logged = await logReport(user, slug, form);
  switch (logged.status) {
    case "not-found":
      return problem(res, 404, "not-found", "There is no such incident.");
    case "forbidden":
      // A refused change is recorded, as requireCapability does for the Remix routes.
      await recordAudit({
        actorId: user.id,
        action: "auth.forbidden",
        target: req.url?.split("?")[0] ?? "",
        detail: `${user.role} lacks report:log`,
      });
      return problem(res, 403, "forbidden", "Your role cannot log reports.");
    case "resolved":
      return sendJson(res, 409, { status: "resolved", count: null, postcodeError: null });
    default:
      // A dropped postcode is a field error; the report itself counted.
      return sendJson(res, logged.postcodeError ? 400 : 200, logged);
  }
}

/** Answers a failure of handleReportPost with a 500 the page's script can show. */
export function reportFailed(res: ServerResponse, error: unknown) {
  console.error("Report endpoint failed:", error);
  if (res.headersSent) return void res.destroy();
  problem(res, 500, "failed", "The report could not be saved. Try again.");
}
