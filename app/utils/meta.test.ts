import { expect, test } from "vitest";

import { metaT, pageTitle } from "./meta.ts";

test("Page titles follow the language the root loader chose", () => {
  const german = metaT([{ id: "root", data: { locale: "de" } }]);
  const english = metaT([{ id: "root", data: { locale: "en" } }]);
  expect(pageTitle(german("admin.audit"))).toBe("Protokoll · Lagebild");
  expect(pageTitle(english("admin.audit"))).toBe("Audit log · Lagebild");
  expect(metaT([])("auth.signIn")).toBe("Sign in");
});
