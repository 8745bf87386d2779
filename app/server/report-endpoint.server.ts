/**
 * The one-click "another customer affected" for the incident page's script, answered with JSON
 * straight from express: during an outage every agent clicks it at once, and the Remix request
 * pipeline (fetch Request, route matching, loader revalidation after a fetcher action) cost more
 * than the report itself. Without JavaScript the page's form posts to the Remix action, which
 * calls the same model function. Decision note 014.
 */
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";

import { recordAudit } from "~/models/audit.server.ts";
import { logReport } from "~/models/report.server.ts";
import { getCookieUser } from "~/utils/auth.server.ts";
import { parseReportForm } from "~/utils/incident-form.server.ts";

import { discardBody, readBody } from "./body-limit.server.ts";

/** Where the page's script posts a report for the incident `slug`. */
export const REPORT_ENDPOINT = "/api/incidents/:slug/reports";

/** A postcode and a symptom: a few hundred bytes at most. */
const REPORT_BODY_LIMIT = 2 * 1024;

function problem(res: ExpressResponse, status: number, error: string, message: string) {
  res.status(status).json({ error, message });
}

/** Handles POST REPORT_ENDPOINT (the cross-site check has already run). */
export async function handleReportPost(req: ExpressRequest, res: ExpressResponse) {
  res.setHeader("Cache-Control", "no-store");
  if (!req.is("application/x-www-form-urlencoded")) {
    discardBody(req);
    return problem(res, 415, "unsupported", "Send the report as a form (urlencoded).");
  }
  const read = await readBody(req, REPORT_BODY_LIMIT);
  if (read.status === "too-large") {
    discardBody(req);
    return problem(res, 413, "too-large", `A report is at most ${REPORT_BODY_LIMIT} bytes.`);
  }
  const user = await getCookieUser(req.get("cookie") ?? null);
  if (!user) return problem(res, 401, "unauthorized", "Sign in to log reports.");
  const form = parseReportForm(new URLSearchParams(read.body?.toString("utf8") ?? ""));
  const logged = await logReport(user, String(req.params.slug), form);
  switch (logged.status) {
    case "not-found":
      return problem(res, 404, "not-found", "There is no such incident.");
    case "forbidden":
      // A refused change is recorded, as requireCapability does for the Remix routes.
      await recordAudit({
        actorId: user.id,
        action: "auth.forbidden",
        target: req.path,
        detail: `${user.role} lacks report:log`,
      });
      return problem(res, 403, "forbidden", "Your role cannot log reports.");
    case "resolved":
      return void res.status(409).json({ status: "resolved", count: null, postcodeError: null });
    default:
      // A dropped postcode is a field error; the report itself counted.
      return void res.status(logged.postcodeError ? 400 : 200).json(logged);
  }
}
