import Link from "@/components/ui/link";
import { DOCUMENT_TYPE_LABELS, languageLabel } from "@/components/records/labels";
import { SideSection } from "@/components/ui/side-section";
import type { Facet, FacetValue, SearchQuery } from "@/server/search/engine";
import { toggleFacetHref } from "./search-url";

const TITLES: Record<Facet, string> = {
  collection: "Collection",
  person: "Person",
  organization: "Organization",
  place: "Place",
  subject: "Subject",
  language: "Language",
  type: "Type",
  decade: "Decade",
};

export function facetLabel(facet: Facet, value: FacetValue): string {
  if (facet === "language") return languageLabel(value.value);
  if (facet === "type") return DOCUMENT_TYPE_LABELS[value.value] ?? value.value;
  return value.label;
}

export function FacetList({ facets, state, approximate = false }: { facets: Record<Facet, FacetValue[]>; state: SearchQuery; approximate?: boolean }) {
  return (
    <div className="space-y-6">
      {(Object.keys(TITLES) as Facet[]).map((facet) => {
        const values = facets[facet];
        if (!values.length) return null;
        const active = (state.filters[facet] as (string | number)[]).map(String);
        return (
          <SideSection key={facet} id={`facet-${facet}`} title={TITLES[facet]}>
            <ul className="mt-2 space-y-1 text-sm">
              {values.map((v) => {
                const on = active.includes(v.value);
                return (
                  <li key={v.value}>
                    <Link
                      href={toggleFacetHref(state, facet, v.value)}
                      aria-current={on ? "true" : undefined}
                      className={`flex justify-between gap-2 rounded px-1 no-underline hover:bg-stone-100 ${on ? "bg-accent/10 font-semibold" : ""}`}
                    >
                      <span>{on && <span aria-hidden="true">✓ </span>}{facetLabel(facet, v)}</span>
                      <span className="text-muted" title={approximate ? "an estimate" : undefined}>{approximate ? "≈" : ""}{v.count.toLocaleString("en")}</span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </SideSection>
        );
      })}
    </div>
  );
}
