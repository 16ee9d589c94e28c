// Where each authority identifier scheme's records live: the entity page links to them and
// its JSON-LD names them as sameAs.
export const IDENTIFIER_LINKS: Record<string, (value: string) => { label: string; href: string }> = {
  wikidata: (v) => ({ label: `Wikidata ${v}`, href: `https://www.wikidata.org/wiki/${encodeURIComponent(v)}` }),
  viaf: (v) => ({ label: `VIAF ${v}`, href: `https://viaf.org/viaf/${encodeURIComponent(v)}` }),
  lcnaf: (v) => ({ label: `Library of Congress ${v}`, href: `https://id.loc.gov/authorities/names/${encodeURIComponent(v)}` }),
};
