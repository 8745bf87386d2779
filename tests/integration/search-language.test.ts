import { expect, test } from "vitest";

import { drainSearchOutbox, searchArticles } from "~/models/search.server.ts";

import { buildArticle } from "../factories.ts";

/** Public articles with the given titles and bodies, indexed; returns the slugs found for `q`. */
async function arrange(articles: [slug: string, title: string, markdown: string][]) {
  for (const [slug, title, markdown] of articles) {
    await buildArticle({ slug, title, markdown, visibility: "public", tags: ["sprache"] });
  }
  await drainSearchOutbox();
}

async function slugsFor(q: string) {
  const result = await searchArticles({ q, audience: "staff" });
  expect(result.status).toBe("ok");
  return result.hits.map((hit) => hit.slug);
}

test("A part of a compound no one listed finds the compound", async () => {
  await arrange([
    ["glasfaser", "Glasfaseranschluss einrichten", "Der Techniker setzt die Anschlussdose."],
    ["portierung", "Rufnummernmitnahme beantragen", "Die Portierung dauert fünf Werktage."],
    ["volumen", "Datenvolumenpaket buchen", "Zusätzliche Gigabyte im Kundenportal."],
  ]);
  expect(await slugsFor("anschluss")).toContain("glasfaser");
  expect(await slugsFor("faser")).toContain("glasfaser");
  expect(await slugsFor("mitnahme")).toContain("portierung");
  expect(await slugsFor("rufnummer")).toContain("portierung");
  expect(await slugsFor("paket")).toContain("volumen");
  expect(await slugsFor("datenvolumen")).toContain("volumen");
});

test("A compound query finds an article that has its parts as separate words, the compound first", async () => {
  await arrange([
    ["apart", "Anschluss über Glasfaser", "Wann kommt die Glasfaser ins Haus? Der Anschluss."],
    ["whole", "Glasfaseranschluss prüfen", "Leuchtet die Lampe am Modem?"],
  ]);
  const slugs = await slugsFor("Glasfaseranschluss");
  expect(slugs[0]).toBe("whole");
  expect(slugs).toContain("apart");
});

test("A compound typed halfway still finds the article first", async () => {
  await arrange([["halfway", "Netzstörung Bremen", "Datenabbrüche im Raum Bremen."]]);
  expect((await slugsFor("netzstör"))[0]).toBe("halfway");
});

test("A plural compound is found by the singular of its head", async () => {
  await arrange([["vertraege", "Mobilfunkverträge im Überblick", "Laufzeiten und Kündigung."]]);
  expect(await slugsFor("vertrag")).toContain("vertraege");
});

test("ss finds ß and ß finds ss", async () => {
  await arrange([
    ["sharp", "Baustelle Hauptstraße", "Der Mast an der Straße ist abgebaut."],
    ["swiss", "Sperrung Bahnhofstrasse", "Die Strasse ist bis Freitag gesperrt."],
  ]);
  expect(await slugsFor("strasse")).toEqual(expect.arrayContaining(["sharp", "swiss"]));
  expect(await slugsFor("straße")).toEqual(expect.arrayContaining(["sharp", "swiss"]));
  expect(await slugsFor("bahnhofstraße")).toContain("swiss");
});

test("ae, oe and ue find umlauts and umlauts find ae, oe and ue", async () => {
  await arrange([
    ["umlaut", "Größe der Müller-Anlage", "Herr Müller prüft die Gebühren."],
    ["typed", "Rueckruf von Frau Moeller", "Gebuehren werden erstattet."],
  ]);
  expect(await slugsFor("mueller")).toContain("umlaut");
  expect(await slugsFor("groesse")).toContain("umlaut");
  expect(await slugsFor("gebuehren")).toEqual(expect.arrayContaining(["umlaut", "typed"]));
  expect(await slugsFor("rückruf")).toContain("typed");
  expect(await slugsFor("möller")).toContain("typed");
});

test("A postcode or change number with swapped digits finds nothing", async () => {
  await arrange([
    ["plz", "Ausfall im Gebiet 20095 Hamburg", "Betroffen ist nur 20095."],
    ["change", "Wartung CHG-10452", "Das Change-Ticket CHG-10452 betrifft den Core."],
    ["ticket", "Kundenticket INC2041778", "Rückmeldung ausstehend."],
  ]);
  expect(await slugsFor("20095")).toEqual(["plz"]);
  expect(await slugsFor("20059")).toEqual([]);
  expect(await slugsFor("20096")).toEqual([]); // one typo away: only disableOnNumbers stops it
  expect(await slugsFor("CHG-10452")).toEqual(["change"]);
  expect(await slugsFor("CHG-10425")).not.toContain("change");
  expect(await slugsFor("INC2041778")).toEqual(["ticket"]);
  expect(await slugsFor("INC2041787")).toEqual([]);
  expect(await slugsFor("INC2041779")).toEqual([]);
});

test("Stop words do not drown a query, and negations still count", async () => {
  await arrange([
    ["empfang", "Kein Empfang im Keller", "Das Handy hat in Kellerräumen keinen Empfang."],
    ["lte", "Empfang mit LTE verbessern", "Die Antenne des Routers ausrichten."],
    ["no-signal", "No signal on the TV", "The receiver shows no signal after the update."],
  ]);
  // A query of stop words only is still searched as typed rather than answered with nothing.
  expect(await slugsFor("kein")).toEqual(["empfang"]);
  expect((await slugsFor("kein empfang"))[0]).toBe("empfang");
  expect(await slugsFor("wie ist der empfang")).toEqual(expect.arrayContaining(["empfang", "lte"]));
  expect(await slugsFor("no signal")).toEqual(["no-signal"]);
});
