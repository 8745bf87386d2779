import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Header of the public help centre: the same for every visitor, so pages stay cacheable. */
export function PublicHeader() {
  const { t } = useTranslation();
  return (
    <header className="border-b border-slate-200 bg-white">
      {/* On a phone the links wrap below the name rather than off the screen. */}
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2.5">
        <Link to="/help" className="text-lg font-semibold tracking-tight text-slate-900">
          {t("help.title")}
        </Link>
        <nav aria-label={t("status.publicNav")} className="ml-auto flex gap-x-4 text-sm">
          <Link
            to="/status"
            className="whitespace-nowrap text-slate-600 underline hover:text-slate-900"
          >
            {t("status.nav")}
          </Link>
          <Link
            to="/login"
            className="whitespace-nowrap text-slate-600 underline hover:text-slate-900"
          >
            {t("help.staffSignIn")}
          </Link>
        </nav>
      </div>
    </header>
  );
}
