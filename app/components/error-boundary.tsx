import {
  Link,
  isRouteErrorResponse,
  useLocation,
  useRouteError,
  useRouteLoaderData,
  type ErrorResponse,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";

type StatusHandler = (info: { error: ErrorResponse }) => React.ReactNode;

/**
 * The one error page: thrown Responses go to per-status handlers (404 by default says "not
 * found"); anything else shows a generic message. Server errors are logged in handleError.
 */
export function GeneralErrorBoundary({
  statusHandlers = {},
}: {
  statusHandlers?: Record<number, StatusHandler>;
}) {
  const error = useRouteError();
  const { t } = useTranslation();
  const location = useLocation();
  const root = useRouteLoaderData<{ user: unknown } | undefined>("root");
  const isResponse = isRouteErrorResponse(error);
  const status = isResponse ? error.status : 500;
  const handler = isResponse ? statusHandlers[error.status] : undefined;
  const title = status === 404 ? t("errors.notFoundTitle") : t("errors.title");
  let message: React.ReactNode;
  if (handler && isResponse) message = handler({ error });
  else if (status === 404) message = <p>{t("errors.notFound")}</p>;
  else if (status === 400) message = <p>{t("errors.badRequest")}</p>;
  else if (status === 403) message = <p>{t("errors.forbidden")}</p>;
  else message = <p>{t("errors.unexpected")}</p>;
  return (
    <section className="panel max-w-2xl" aria-labelledby="error-title">
      <p className="text-sm font-medium text-slate-500">{status}</p>
      <h1 id="error-title" className="mt-1 text-xl font-semibold">
        {title}
      </h1>
      <div className="mt-3 text-slate-700">{message}</div>
      <div className="mt-4 flex gap-4 text-sm font-medium">
        <Link to="/" className="text-blue-700 underline">
          {t("errors.backHome")}
        </Link>
        {status === 404 && !root?.user ? (
          // Not revealing whether it exists: staff can sign in and come back to this address.
          <Link
            to={`/login?${new URLSearchParams({ redirectTo: `${location.pathname}${location.search}` })}`}
            className="text-blue-700 underline"
          >
            {t("auth.signIn")}
          </Link>
        ) : null}
      </div>
    </section>
  );
}
