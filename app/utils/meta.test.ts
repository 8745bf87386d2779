import { expect, test } from "vitest";

import { helpPageTitle, metaT, pageTitle } from "./meta.ts";

test("Page titles follow the language the root loader chose", () => {
  const german = metaT([{ id: "root", data: { locale: "de" } }]);
  const english = metaT([{ id: "root", data: { locale: "en" } }]);
  expect(pageTitle(german("admin.audit"))).toBe("Protokoll · Lagebild");
  expect(pageTitle(english("admin.audit"))).toBe("Audit log · Lagebild");
  expect(metaT([])("auth.signIn")).toBe("Sign in");
});

test("Help centre titles carry the help centre's name in the reader's language", () => {
  const german = metaT([{ id: "root", data: { locale: "de" } }]);
  expect(helpPageTitle(german, "eSIM aktivieren")).toBe(
    "eSIM aktivieren · Funkwerk Mobil Hilfe-Center",
  );
  expect(helpPageTitle(german)).toBe("Funkwerk Mobil Hilfe-Center");
});
