import { expect, test } from "vitest";

import { GlossaryFormSchema, checkTerms, splitTerms, termKey } from "./glossary-rules.ts";

test("Terms are split on commas and new lines, with spaces tidied", () => {
  expect(splitTerms(" Handy,  mobile\tphone ,\nSmartphone,, ")).toEqual([
    "Handy",
    "mobile phone",
    "Smartphone",
  ]);
});

test("Terms differing only in case or spacing are the same term", () => {
  expect(termKey(" Mobile  PHONE ")).toBe("mobile phone");
  expect(checkTerms(["Handy", "HANDY"])).toBe("duplicateTerm");
});

test("Each rule the engine or the form needs has its own message", () => {
  expect(checkTerms(["Handy"])).toBe("tooFewTerms");
  expect(checkTerms(Array.from({ length: 13 }, (_, i) => `t${i}`))).toBe("tooManyTerms");
  expect(checkTerms(["Handy", "x".repeat(61)])).toBe("termTooLong");
  expect(checkTerms(["Funkloch", "no signal at home"])).toBe("tooManyWords");
  expect(checkTerms(["Handy", "!!!"])).toBe("termFormat");
  expect(checkTerms(["Handy", "mobile\u0007phone"])).toBe("termFormat");
  expect(checkTerms(["Handy", "phone\uD83D"])).toBe("termFormat");
  expect(checkTerms(["Handy", "phone 📱"])).toBeNull();
  expect(checkTerms(["Funkloch", "kein Netz", "no signal"])).toBeNull();
});

test("The form reports the first problem as a message key", () => {
  const parsed = GlossaryFormSchema.safeParse({ intent: "create", terms: "Handy" });
  expect(parsed.success ? null : parsed.error.issues[0]?.message).toBe("tooFewTerms");
  expect(
    GlossaryFormSchema.parse({ intent: "update", id: "4", terms: "Rechnung, invoice" }),
  ).toEqual({ intent: "update", id: 4, terms: ["Rechnung", "invoice"] });
});
