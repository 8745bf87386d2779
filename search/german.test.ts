import { describe, expect, test } from "vitest";

import {
  compoundWords,
  indexAliases,
  prepareQuery,
  restoreUmlauts,
  splitCompound,
  transcribeUmlauts,
} from "./german.ts";

// None of these words appear in any list in the code: the dictionary alone explains them.
describe("decompounding from the hunspell dictionary", () => {
  test("Compounds split into their parts, also across linking elements", () => {
    expect(splitCompound("Netzstörung")).toEqual(["netz", "störung"]);
    expect(splitCompound("Glasfaseranschluss")).toEqual(["glas", "faser", "anschluss"]);
    expect(splitCompound("Kündigungsbestätigung")).toEqual(["kündigungs", "bestätigung"]);
    expect(splitCompound("Datenvolumenpaket")).toEqual(["daten", "volumen", "paket"]);
    expect(splitCompound("Kundennummer")).toEqual(["kunden", "nummer"]);
  });

  test("A compound is found by its head, its modifier without linking element and their groups", () => {
    expect(compoundWords("Mobilfunkvertrag")).toEqual(
      expect.arrayContaining(["vertrag", "mobilfunk"]),
    );
    expect(compoundWords("Kündigungsbestätigung")).toEqual(
      expect.arrayContaining(["kündigung", "bestätigung"]),
    );
    expect(compoundWords("Rufnummernmitnahme")).toEqual(
      expect.arrayContaining(["rufnummer", "nummer", "mitnahme"]),
    );
    expect(compoundWords("Glasfaseranschluss")).toEqual(
      expect.arrayContaining(["glasfaser", "anschluss"]),
    );
    expect(compoundWords("Datenvolumenpaket")).toEqual(
      expect.arrayContaining(["datenvolumen", "paket"]),
    );
  });

  test("An inflected head is also indexed as its base form", () => {
    expect(compoundWords("Mobilfunkverträge")).toEqual(
      expect.arrayContaining(["verträge", "vertrag"]),
    );
    expect(compoundWords("Gesprächsabbrüche")).toEqual(
      expect.arrayContaining(["gespräch", "abbrüche"]),
    );
  });

  test("A noun the dictionary has no compound flag for may still start a compound", () => {
    expect(splitCompound("Routertausch")).toEqual(["router", "tausch"]);
  });

  test("Words that only look like compounds stay whole", () => {
    expect(splitCompound("Verbindung")).toEqual([]); // not "verb" + "indung"
    expect(splitCompound("Beinhalten")).toEqual([]); // a verb, not "Bein" + "halten"
    expect(splitCompound("Urinstinkt")).toEqual([]); // never "Urin" + "stinkt"
    expect(splitCompound("Verbrauch")).toEqual([]); // listed whole, not "Verb" + "Rauch"
    expect(splitCompound("Einrichtung")).toEqual([]); // a particle derivation, not "ein" + "richtung"
    expect(splitCompound("Beispiel")).toEqual([]);
    expect(splitCompound("Störung")).toEqual([]);
    expect(splitCompound("Smartphone")).toEqual([]);
    expect(splitCompound("20095")).toEqual([]);
  });
});

describe("ae/oe/ue/ss folding", () => {
  test("Words typed without umlauts or ß get them back when the dictionary knows the word", () => {
    expect(restoreUmlauts("Mueller")).toBe("müller");
    expect(restoreUmlauts("Groesse")).toBe("größe");
    expect(restoreUmlauts("Strasse")).toBe("straße");
    expect(restoreUmlauts("Gebuehren")).toBe("gebühren");
    expect(restoreUmlauts("Hauptstrasse")).toBe("hauptstraße");
  });

  test("Real words with ae/oe/ue/ss keep their spelling", () => {
    for (const word of ["neue", "aktuell", "Steuer", "Masse", "Poesie", "Israel", "Dauerauftrag"]) {
      expect(restoreUmlauts(word)).toBeNull();
    }
  });

  test("Umlauts and ß are also written out", () => {
    expect(transcribeUmlauts("größe")).toBe("groesse");
    expect(transcribeUmlauts("straße")).toBe("strasse");
  });
});

describe("what enters the index and the query", () => {
  test("A text's aliases hold compound parts and the other spellings of its words", () => {
    const aliases = indexAliases("Netzstörung in der Hauptstraße, Rückruf von Herrn Moeller").split(
      " ",
    );
    expect(aliases).toEqual(
      expect.arrayContaining(["störung", "hauptstrasse", "straße", "rueckruf", "möller"]),
    );
    expect(aliases).not.toContain("der");
  });

  test("A compound query keeps the compound last, after its parts", () => {
    expect(prepareQuery("Glasfaseranschluss")).toBe("glas faser anschluss Glasfaseranschluss");
    expect(prepareQuery("Kündigungsbestätigung")).toBe(
      "kündigung bestätigung Kündigungsbestätigung",
    );
  });

  test("A compound still being typed is not split off a head that is no word yet", () => {
    expect(prepareQuery("netzstör")).toBe("netzstör");
    expect(prepareQuery("netzstörung")).toBe("netz störung netzstörung");
  });

  test("Added parts never push a typed word beyond the engine's 10 query words", () => {
    const q = "wlan router hamburg altona seit montag kundennummer glasfaseranschluss";
    expect(prepareQuery(q)).toBe(
      "wlan router hamburg altona seit montag kunde nummer kundennummer glasfaseranschluss",
    );
  });

  test("A word typed without umlauts is searched with them", () => {
    expect(prepareQuery("netzstoerung mueller")).toBe("netz störung netzstörung müller");
  });

  test("Identifiers become exact phrases; numbers, phrases and negations stay as typed", () => {
    expect(prepareQuery("CHG-10452")).toBe('"CHG-10452"');
    expect(prepareQuery("INC2041778 20095")).toBe('"INC2041778" 20095');
    // Product names keep their glossary synonyms: a phrase would get none.
    expect(prepareQuery("5G IPv6 VDSL2 DVB-T2")).toBe("5G IPv6 VDSL2 DVB-T2");
    expect(prepareQuery('"Netz störung" -Vertrag router')).toBe('"Netz störung" -Vertrag router');
  });
});
