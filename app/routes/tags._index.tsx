import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, json, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { tagHref } from "~/components/article-meta.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { getTranslator } from "~/i18n.server.ts";
import { listTags } from "~/models/tag.server.ts";
import { requireCapability } from "~/utils/auth.server.ts";
import { pageTitle } from "~/utils/meta.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "article:read-internal");
  const t = await getTranslator(request);
  return json({ tags: await listTags(), pageTitle: t("tags.title") });
}

export default function TagsPage() {
  const { tags } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="tags-title">
      <h1 id="tags-title" className="text-xl font-semibold">
        {t("tags.title")}
      </h1>
      <p className="mt-1 text-sm text-slate-600">{t("tags.intro")}</p>
      {tags.length ? (
        <ul className="mt-4 grid gap-x-6 gap-y-1 sm:grid-cols-2 md:grid-cols-3">
          {tags.map((tag) => (
            <li key={tag.name} className="flex items-baseline justify-between gap-2 py-0.5">
              <Link to={tagHref(tag.name)} className="result-link">
                #{tag.name}
              </Link>
              <span className="text-xs text-slate-500">
                {t("tags.articleCount", { count: tag.count })}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-4 text-slate-600">{t("tags.empty")}</p>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.pageTitle) },
];
