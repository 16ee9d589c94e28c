import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import type { PageProps } from "@/components/ui/list-params";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { getApi } from "@/server/api/server-caller";
import { LETTERS, OTHER } from "@/server/entities/browse";
import { entityPath } from "@/server/slug";

export const dynamic = "force-dynamic";

const KINDS = {
  people: { type: "person", title: "People", one: "person" },
  organizations: { type: "organization", title: "Organizations", one: "organization" },
  places: { type: "place", title: "Places", one: "place" },
  subjects: { type: "subject", title: "Subjects", one: "subject" },
} as const;
type Kind = keyof typeof KINDS;

const PAGE_SIZE = 100;

export async function generateMetadata({ params }: PageProps<{ type: string }>): Promise<Metadata> {
  const kind = KINDS[(await params).type as Kind];
  return { title: kind ? kind.title : "Browse" };
}

export default async function BrowsePage({ params, searchParams }: PageProps<{ type: string }>) {
  const slug = (await params).type as Kind;
  const kind = KINDS[slug];
  if (!kind) notFound();
  const query = await searchParams;
  const one = (key: string) => (typeof query[key] === "string" ? (query[key] as string) : "");
  const letter = [OTHER, ...LETTERS].includes(one("letter")) ? one("letter") : undefined;
  const q = one("q").slice(0, 200);
  const pageNumber = Number(one("page") || 1);
  const page = Number.isInteger(pageNumber) && pageNumber >= 1 && pageNumber <= 10_000 ? pageNumber : 1;
  const result = await (await getApi()).entities.browse({ type: kind.type, letter, q: q || undefined, page, pageSize: PAGE_SIZE });
  const href = (changes: { letter?: string | null; page?: number }) => {
    const params = new URLSearchParams();
    const l = changes.letter === undefined ? letter : changes.letter;
    if (l) params.set("letter", l);
    if (q) params.set("q", q);
    if (changes.page && changes.page > 1) params.set("page", String(changes.page));
    const s = params.toString();
    return `/browse/${slug}${s ? `?${s}` : ""}`;
  };

  return (
    <div>
      <PageHeading eyebrow="Browse" title={kind.title}>
        <nav aria-label="Kinds" className="mt-3 flex flex-wrap gap-4 text-sm">
          {(Object.keys(KINDS) as Kind[]).map((k) => (
            <Link key={k} href={`/browse/${k}`} aria-current={k === slug ? "page" : undefined} className={k === slug ? "font-semibold text-ink no-underline" : ""}>
              {KINDS[k].title}
            </Link>
          ))}
          <Link href="/collections">Collections</Link>
        </nav>
      </PageHeading>

      <form action={`/browse/${slug}`} className="mb-4 flex max-w-lg gap-2" role="search">
        <label htmlFor="browse-q" className="sr-only">Filter by name</label>
        <input id="browse-q" name="q" defaultValue={q} placeholder="Filter by any spelling" className="min-w-0 flex-1 rounded border border-stone-300 bg-white px-3 py-2 text-sm" />
        {letter && <input type="hidden" name="letter" value={letter} />}
        <button type="submit" className="rounded border border-accent px-3 py-2 text-sm text-accent">Filter</button>
      </form>

      <nav aria-label="First letter" className="mb-6 flex flex-wrap gap-1 text-sm">
        <Link href={href({ letter: null, page: 1 })} className={`rounded px-2 py-1 ${!letter ? "bg-accent text-white no-underline hover:text-white" : ""}`}>All</Link>
        {[...LETTERS, OTHER].map((l) =>
          result.letters[l] ? (
            <Link key={l} href={href({ letter: l, page: 1 })} aria-current={l === letter ? "page" : undefined}
              className={`rounded px-2 py-1 font-semibold ${l === letter ? "bg-accent text-white no-underline hover:text-white" : ""}`}
              title={`${result.letters[l]} ${kind.title.toLowerCase()}`}>
              {l === OTHER ? "Other scripts" : l}
            </Link>
          ) : (
            <span key={l} className="px-2 py-1 text-stone-500" aria-hidden title="None yet">{l === OTHER ? "Other scripts" : l}</span>
          ),
        )}
      </nav>

      <p role="status" className="mb-3 text-sm text-muted">
        {result.total === 0 ? "Nothing matches." : `${result.total} ${result.total === 1 ? kind.one : kind.title.toLowerCase()}`}
      </p>
      <ul className="grid gap-x-8 sm:grid-cols-2 lg:grid-cols-3">
        {result.entities.map((e) => (
          <li key={e.id} className="flex justify-between gap-3 border-b border-rule py-1.5 text-sm">
            <Link href={entityPath(e)}>{e.name}</Link>
            <span className="text-muted" title={`${e.records} documents`}>{e.records}</span>
          </li>
        ))}
      </ul>
      <Pagination page={page} pageCount={Math.ceil(result.total / PAGE_SIZE)} href={(p) => href({ page: p })} />
    </div>
  );
}
