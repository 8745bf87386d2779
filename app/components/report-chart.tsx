import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { NO_POSTCODE, OTHER_AREA } from "~/models/report-options.ts";
import type { ReportChart as ReportChartData } from "~/models/report.server.ts";

const palette = ["#1d4ed8", "#c2410c", "#047857", "#7c3aed", "#be185d", "#0e7490", "#a16207"];

// Berlin time: the operators' clock, the same on the server and in the browser.
const hourFormats = new Map<string, Intl.DateTimeFormat>();
function hourFormat(locale: string, withDay: boolean) {
  const key = `${locale}:${withDay}`;
  let format = hourFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone: "Europe/Berlin",
      hour: "2-digit",
      minute: "2-digit",
      ...(withDay ? { day: "numeric", month: "short" } : {}),
    });
    hourFormats.set(key, format);
  }
  return format;
}

function colorOf(key: string, keys: string[]) {
  if (key === NO_POSTCODE) return "#94a3b8";
  if (key === OTHER_AREA) return "#475569";
  return palette[keys.indexOf(key) % palette.length]!;
}

/**
 * Reports per hour as stacked bars by area (geometry computed on the server), the range picker
 * (a GET form), totals per area and the full numbers as a table.
 */
export function ReportChart({ chart, ranges }: { chart: ReportChartData; ranges: string[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === "de" ? "de-DE" : "en-GB";
  const keys = chart.areaTotals.map((area) => area.key);
  const areaName = (key: string) =>
    key === NO_POSTCODE
      ? t("reports.noPostcode")
      : key === OTHER_AREA
        ? t("reports.otherArea")
        : key;
  const short = hourFormat(locale, false);
  const long = hourFormat(locale, true);
  const { svg } = chart;
  return (
    <section aria-labelledby="reports-heading" className="panel space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h2 id="reports-heading" className="text-base font-semibold">
            {t("reports.heading")}
          </h2>
          <p className="text-sm text-slate-600">
            {t("reports.inRange", {
              count: chart.total,
              from: long.format(new Date(chart.from)),
              to: long.format(new Date(chart.to)),
            })}
          </p>
        </div>
        <Form method="get" className="flex items-end gap-2" preventScrollReset>
          <div>
            <label htmlFor="report-range" className="label">
              {t("reports.range")}
            </label>
            <select
              id="report-range"
              name="range"
              defaultValue={chart.range}
              className="input py-1"
            >
              {ranges.map((range) => (
                <option key={range} value={range}>
                  {t(`reports.ranges.${range as "24h"}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn-secondary">
            {t("reports.show")}
          </button>
        </Form>
      </div>
      {/* Scrolls sideways on a phone instead of shrinking the labels below legibility. */}
      <div
        className="relative overflow-x-auto"
        tabIndex={0}
        role="group"
        aria-label={t("reports.heading")}
      >
        <svg
          viewBox={`0 0 ${svg.width} ${svg.height}`}
          className="h-auto w-full min-w-[34rem]"
          role="img"
          aria-labelledby="reports-heading"
          aria-describedby="reports-table-summary"
        >
          {svg.yTicks.map((tick) => (
            <g key={tick.value}>
              <line
                x1={svg.left}
                x2={svg.width - svg.right}
                y1={tick.y}
                y2={tick.y}
                stroke="#e2e8f0"
              />
              <text
                x={svg.left - 6}
                y={tick.y}
                dy="0.32em"
                textAnchor="end"
                fontSize="11"
                fill="#475569"
              >
                {tick.value}
              </text>
            </g>
          ))}
          {svg.bars.map((bar) => (
            <rect
              key={`${bar.key}:${bar.hour}`}
              x={bar.x}
              y={bar.y}
              width={bar.width}
              height={bar.height}
              fill={colorOf(bar.key, keys)}
            >
              <title>{`${short.format(new Date(bar.hour))}: ${bar.count} · ${areaName(bar.key)}`}</title>
            </rect>
          ))}
          <line
            x1={svg.left}
            x2={svg.width - svg.right}
            y1={svg.height - svg.bottom}
            y2={svg.height - svg.bottom}
            stroke="#94a3b8"
          />
          {svg.xTicks.map((tick) => (
            <text
              key={tick.at}
              x={tick.x}
              y={svg.height - svg.bottom + 16}
              textAnchor="middle"
              fontSize="11"
              fill="#475569"
            >
              {short.format(new Date(tick.at))}
            </text>
          ))}
        </svg>
      </div>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label={t("reports.byArea")}>
        {chart.areaTotals.map((area) => (
          <li key={area.key} className="flex items-center gap-1.5">
            <span
              aria-hidden="true"
              className="inline-block h-2.5 w-2.5 rounded-sm"
              style={{ background: colorOf(area.key, keys) }}
            />
            {areaName(area.key)}: <strong className="font-semibold">{area.count}</strong>
          </li>
        ))}
      </ul>
      <details className="text-sm">
        <summary className="cursor-pointer text-blue-800">{t("reports.table")}</summary>
        <div className="mt-2 max-h-80 overflow-auto">
          <table className="data-table">
            <caption id="reports-table-summary" className="sr-only">
              {t("reports.tableCaption")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("reports.hour")}</th>
                <th scope="col">{t("reports.total")}</th>
                {keys.map((key) => (
                  <th key={key} scope="col">
                    {areaName(key)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {chart.hours.map((hour) => (
                <tr key={hour.start}>
                  <th scope="row" className="font-normal">
                    {long.format(new Date(hour.start))}
                  </th>
                  <td>{hour.total}</td>
                  {keys.map((key) => (
                    <td key={key}>{hour.byArea[key] ?? 0}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
