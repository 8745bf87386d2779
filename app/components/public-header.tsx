import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Header of the public help centre: the same for every visitor, so pages stay cacheable. */
export function PublicHeader() {
  const { t } = useTranslation();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl items-center gap-3 px-4 py-2.5">
        <Link to="/help" className="text-lg font-semibold tracking-tight text-slate-900">
          {t("help.title")}
        </Link>
        <Link
          to="/status"
          className="ml-auto whitespace-nowrap text-sm text-slate-600 underline hover:text-slate-900"
        >
          {t("status.nav")}
        </Link>
        <Link
          to="/login"
          className="whitespace-nowrap text-sm text-slate-600 underline hover:text-slate-900"
        >
          {t("help.staffSignIn")}
        </Link>
      </div>
    </header>
  );
}
