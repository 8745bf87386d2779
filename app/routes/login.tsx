import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import {
  Form,
  json,
  redirect,
  useActionData,
  useLoaderData,
  useNavigation,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { signIn } from "~/models/sign-in.server.ts";
import { commitSignIn, getAuthState } from "~/utils/auth.server.ts";
import { metaT, pageTitle } from "~/utils/meta.ts";
import { safeRedirect } from "~/utils/safe-redirect.ts";

const SignInSchema = z.object({
  email: z.string().trim().email().max(254),
  password: z.string().min(1).max(1000),
  redirectTo: z.string().max(2000).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"));
  const { user } = await getAuthState(request);
  if (user) throw redirect(redirectTo);
  return json({ redirectTo, expired: url.searchParams.get("expired") === "1" });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: SignInSchema });
  if (submission.status !== "success") {
    return json(
      { result: submission.reply({ hideFields: ["password"] }), problem: null },
      { status: 400 },
    );
  }
  const { email, password, redirectTo } = submission.value;
  const outcome = await signIn({ email, password, ip: context.clientIp ?? "unknown" });
  if (outcome.status === "ok")
    return commitSignIn(request, outcome.sessionId, safeRedirect(redirectTo));
  const status = outcome.status === "rate-limited" ? 429 : 401;
  return json(
    { result: submission.reply({ hideFields: ["password"] }), problem: outcome },
    {
      status,
      headers:
        outcome.status === "rate-limited"
          ? { "Retry-After": String(outcome.retryAfterSeconds) }
          : {},
    },
  );
}

// A document (no-JS) POST takes its headers from here, not from the action's response.
export const headers: HeadersFunction = ({ actionHeaders, parentHeaders }) => {
  const merged = new Headers(parentHeaders);
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) merged.set("Retry-After", retryAfter);
  return merged;
};

export default function SignInPage() {
  const { redirectTo, expired } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldRevalidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignInSchema }),
  });
  const problem = actionData?.problem;
  let message: string | null = expired ? t("auth.expired") : null;
  if (problem?.status === "invalid") message = t("auth.invalid");
  if (problem?.status === "deactivated") message = t("auth.deactivated");
  if (problem?.status === "rate-limited") {
    const seconds = problem.retryAfterSeconds;
    message =
      seconds < 90
        ? t("auth.rateLimitedSeconds", { count: seconds })
        : t("auth.rateLimitedMinutes", { count: Math.ceil(seconds / 60) });
  }
  return (
    <section className="panel mx-auto max-w-sm" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title" className="text-lg font-semibold">
        {t("auth.title")}
      </h1>
      {message ? (
        <p role="alert" className="notice-warning mt-3">
          {message}
        </p>
      ) : null}
      <Form method="post" className="mt-4 space-y-3" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <div>
          <label htmlFor={fields.email.id} className="label">
            {t("auth.email")}
          </label>
          <input
            {...getInputProps(fields.email, { type: "email" })}
            autoComplete="username"
            autoFocus
            className="input w-full"
          />
          {fields.email.errors ? (
            <p id={fields.email.errorId} className="field-error">
              {fields.email.errors.join(" ")}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor={fields.password.id} className="label">
            {t("auth.password")}
          </label>
          <input
            {...getInputProps(fields.password, { type: "password" })}
            autoComplete="current-password"
            className="input w-full"
          />
        </div>
        <button
          type="submit"
          className="btn-primary w-full"
          disabled={navigation.state === "submitting"}
        >
          {t("auth.signIn")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(metaT(matches)("auth.signIn")) },
];
