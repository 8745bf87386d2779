import { describe, expect, test } from "vitest";

import { areaOfPostcode, formatArea, isPostcode, parseArea, parseAreas } from "./postcode.ts";

describe("postcodes", () => {
  test("A German postcode has five digits between 01001 and 99998", () => {
    for (const code of ["80331", "01067", "99998", "10115"])
      expect(isPostcode(code), code).toBe(true);
    for (const code of ["8033", "803311", "00000", "01000", "99999", "8O331", " 80331", "80 331"]) {
      expect(isPostcode(code), code).toBe(false);
    }
  });
});

describe("areas", () => {
  test("A city, a postcode, a range, and a city with a range are areas", () => {
    expect(parseArea("München")).toEqual({ ok: true, area: { city: "München" } });
    expect(parseArea("85774")).toEqual({ ok: true, area: { from: "85774", to: "85774" } });
    expect(parseArea("80331-81929")).toEqual({ ok: true, area: { from: "80331", to: "81929" } });
    expect(parseArea("München 80331 – 81929")).toEqual({
      ok: true,
      area: { city: "München", from: "80331", to: "81929" },
    });
    expect(parseArea("Frankfurt (Oder)")).toEqual({ ok: true, area: { city: "Frankfurt (Oder)" } });
  });

  test("Malformed postcodes and ranges are refused with the reason", () => {
    expect(parseArea("München 8033")).toMatchObject({ ok: false, message: /8033.*five digits/ });
    expect(parseArea("81929-80331")).toMatchObject({ ok: false, message: /ends before it starts/ });
    expect(parseArea("80331-819")).toMatchObject({ ok: false });
    expect(parseArea("<script>")).toMatchObject({ ok: false });
    expect(parseArea("x".repeat(200))).toMatchObject({ ok: false });
  });

  test("Every bad line is reported with its number; empty lines are ignored", () => {
    expect(parseAreas("München 80331-81929\n\nHamburg 2009\n99999")).toEqual({
      ok: false,
      messages: [
        expect.stringMatching(/^Line 2: .*2009/),
        expect.stringMatching(/^Line 3: .*99999/),
      ],
    });
    expect(parseAreas("München 80331-81929\r\nGarching 85748\n")).toEqual({
      ok: true,
      areas: [
        { city: "München", from: "80331", to: "81929" },
        { city: "Garching", from: "85748", to: "85748" },
      ],
    });
  });

  test("A postcode finds the area whose range holds it", () => {
    const areas = [
      { city: "München", from: "80331", to: "81929" },
      { city: "Unterföhring", from: "85774", to: "85774" },
      { city: "Garching" },
    ];
    expect(areaOfPostcode(areas, "80999")).toBe(areas[0]);
    expect(areaOfPostcode(areas, "85774")).toBe(areas[1]);
    expect(areaOfPostcode(areas, "85748")).toBeNull();
    expect(areas.map(formatArea)).toEqual([
      "München 80331-81929",
      "Unterföhring 85774",
      "Garching",
    ]);
  });
});
