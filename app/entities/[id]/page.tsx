import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { ENTITY_TYPE_LABELS } from "@/components/records/labels";
import { RecordList } from "@/components/records/record-list";
import { ProposeMerge, UndoMerge } from "@/components/islands";
import { ResultsHeader } from "@/components/records/results-header";
import { Timeline } from "@/components/search/timeline";
import { PlaceMap } from "@/components/maps/place-map";
import { formatCoordinates } from "@/server/entities/changes";
import { listParams, type PageProps } from "@/components/ui/list-params";
import { SideSection } from "@/components/ui/side-section";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { getApi, nullIfNotFound } from "@/server/api/server-caller";
import { entityJsonLd, jsonLdScript } from "@/server/citations/metadata";
import { IDENTIFIER_LINKS } from "@/server/entities/identifier-links";
import { env } from "@/server/env";
import { hasRole } from "@/server/auth/roles";
import { getSessionUser } from "@/server/auth/session";
import { searchQuerySchema } from "@/server/search/engine";
import { entityPath, idFromParam, safeDecode } from "@/server/slug";
import { DateText } from "@/components/ui/date-text";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 20;

const ROMANIZATION_LABELS: Record<string, string> = {
  revised: "Revised Romanization",
  mccune_reischauer: "McCune-Reischauer",
  pinyin: "Pinyin",
  wade_giles: "Wade-Giles",
  bgn_pcgn: "BGN/PCGN",
  loc: "Library of Congress",
  iso_9: "ISO 9",
  conventional: "Conventional",
};

/** Memoized per request: the metadata and the page share one lookup. */
const loadEntity = cache(async (param: string) => {
  const id = idFromParam(param);
  if (!id) notFound();
  const api = await getApi();
  const entity = await nullIfNotFound(api.entities.byId({ id }));
  if (!entity) notFound();
  return { api, entity };
});

export async function generateMetadata({ params }: PageProps<{ id: string }>): Promise<Metadata> {
  const { entity } = await loadEntity((await params).id);
  return {
    title: entity.name,
    description: entity.description || undefined,
    alternates: { types: { "application/atom+xml": [{ url: `/entities/${entity.id}/feed.xml`, title: `New documents about ${entity.name}` }] } },
  };
}

export default async function EntityPage({ params, searchParams }: PageProps<{ id: string }>) {
  const param = (await params).id;
  const { api, entity } = await loadEntity(param);
  // proxy.ts answers 307 for merged entities; this covers a merge between the two lookups.
  if (entity.mergedIntoId) redirect(`/entities/${entity.mergedIntoId}`);
  const canonical = entityPath(entity);
  if (safeDecode(`/entities/${param}`) !== canonical) redirect(canonical);

  const { sort, page } = listParams(await searchParams);
  const [results, context, mergedFrom] = await Promise.all([
    api.entities.records({ id: entity.id, sort, page, pageSize: PAGE_SIZE }),
    api.entities.context({ id: entity.id }),
    api.entities.mergedFrom({ id: entity.id }),
  ]);
  // Timeline bars lead to a search for this entity's documents in that year.
  const user = await getSessionUser();
  const timelineState = searchQuerySchema.parse({ filters: { [entity.type]: [entity.id] } });
  const variants = entity.names.filter((n) => !n.isPreferred);

  const jsonLd = entityJsonLd({
    type: entity.type,
    name: entity.name,
    variants: variants.map((n) => n.name),
    description: entity.description,
    url: new URL(canonical, env.APP_URL).toString(),
    identifiers: entity.identifiers,
    coordinates: entity.latitude !== null && entity.longitude !== null ? { latitude: entity.latitude, longitude: entity.longitude } : null,
  });

  return (
    <div>
      {/* Data, not code: escaped so no name can close the script element. */}
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdScript(jsonLd) }} />
      <PageHeading eyebrow={ENTITY_TYPE_LABELS[entity.type]?.singular} title={entity.name}>
        {entity.datesText && <p className="mt-2 text-muted"><DateText written={entity.datesText} /></p>}
        {entity.description && <p className="mt-3 max-w-3xl text-lg leading-relaxed">{entity.description}</p>}
      </PageHeading>

      <div className="grid gap-10 lg:grid-cols-[1fr_17rem]">
        <section aria-labelledby="records-heading">
          <h2 id="records-heading" className="mb-3 font-serif text-2xl font-semibold">Documents</h2>
          <div className="mb-4 max-w-xl"><Timeline data={context.timeline} state={timelineState} /></div>
          <ResultsHeader page={results} basePath={canonical} sort={sort} />
          <RecordList records={results.records} start={results.from || 1} />
          <Pagination page={page} pageCount={Math.ceil(results.total / PAGE_SIZE)} href={(p) => `${canonical}?sort=${sort}&page=${p}`} />
        </section>

        <aside className="space-y-8 text-sm">
          {hasRole(user, "editor") && (
            <Link href={`/entities/${entity.id}/edit`} className="block rounded bg-accent px-3 py-1.5 text-center font-medium text-white no-underline hover:bg-accent-strong hover:text-white">
              Edit names and details
            </Link>
          )}
          {entity.type === "place" && entity.latitude !== null && entity.longitude !== null && (
            <SideSection id="map-heading" title="On the map">
              <div className="mt-2">
                <PlaceMap
                  places={[{ id: entity.id, name: entity.name, latitude: entity.latitude, longitude: entity.longitude, href: canonical }]}
                  label={`Map: ${entity.name} at ${formatCoordinates({ latitude: entity.latitude, longitude: entity.longitude })}`}
                  width={272}
                  height={200}
                  minSpan={30}
                />
                <p className="mt-1 text-xs text-muted">{formatCoordinates({ latitude: entity.latitude, longitude: entity.longitude })}</p>
              </div>
            </SideSection>
          )}
          {variants.length > 0 && (
            <SideSection id="names-heading" title="Also written as">
              <ul className="mt-2 space-y-2">
                {variants.map((n) => (
                  <li key={n.id}>
                    <span lang={n.language || undefined} className="font-medium">{n.name}</span>
                    {(n.romanization || n.language) && (
                      <span className="block text-xs text-muted">
                        {[n.romanization && ROMANIZATION_LABELS[n.romanization], n.language].filter(Boolean).join(" · ")}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </SideSection>
          )}
          {context.related.length > 0 && (
            <SideSection id="related-heading" title="Often together with">
              <ul className="mt-2 space-y-1.5">
                {context.related.map((r) => (
                  <li key={r.id} className="flex justify-between gap-2">
                    <Link href={entityPath(r)}>{r.name}</Link>
                    <span className="text-xs text-muted" title={`${r.count} shared documents`}>{r.count}</span>
                  </li>
                ))}
              </ul>
            </SideSection>
          )}
          {mergedFrom.length > 0 && (
            <SideSection id="merged-heading" title="Merged into this record">
              <ul className="mt-2 space-y-1.5">
                {mergedFrom.map((m) => (
                  <li key={m.requestId}>
                    {m.sourceName} <span className="text-xs text-muted">#{m.sourceId}</span>
                    {hasRole(user, "reviewer") && <span className="ml-2"><UndoMerge requestId={m.requestId} sourceName={m.sourceName} /></span>}
                  </li>
                ))}
              </ul>
            </SideSection>
          )}
          {hasRole(user, "editor") && (
            <SideSection id="merge-heading" title="Duplicates">
              <div className="mt-2"><ProposeMerge targetId={entity.id} type={entity.type} name={entity.name} /></div>
            </SideSection>
          )}
          {entity.identifiers.length > 0 && (
            <SideSection id="ids-heading" title="Elsewhere">
              <ul className="mt-2 space-y-1">
                {entity.identifiers.map((i) => {
                  const link = IDENTIFIER_LINKS[i.scheme]?.(i.value);
                  return <li key={i.scheme + i.value}>{link ? <a href={link.href} rel="external noopener">{link.label}</a> : `${i.scheme} ${i.value}`}</li>;
                })}
              </ul>
            </SideSection>
          )}
        </aside>
      </div>
    </div>
  );
}
