// "Cite this document": each style's citation with a copy button, and the downloads. Rendered
// on the server from the revision's one CSL item (server/citations/); copying needs the client.
import { CopyButton } from "@/components/ui/copy-button";
import { DOWNLOADS } from "@/server/citations/cite";
import type { Citation } from "@/server/citations/cite";
import { STYLES, type StyleName } from "@/server/citations/formats";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
/** "1 December 2026", or MLA's "1 Dec. 2026". */
function accessedOn(date: { "date-parts": number[][] }, mla = false): string {
  const [y, m, d] = date["date-parts"][0]!;
  const month = MONTHS[m! - 1]!;
  return `${d} ${mla ? (month.length > 4 ? `${month.slice(0, month === "September" ? 4 : 3)}.` : month) : month} ${y}`;
}

export function CiteBox({ citation }: { citation: Citation }) {
  const { citable, styles, item } = citation;
  const query = (format: string) => `/records/${citable.recordId}/cite?format=${format}&revision=${citable.revision}`;
  return (
    <section aria-labelledby="cite-heading" className="mt-10 rounded border border-rule bg-white p-5 print:hidden">
      <h2 id="cite-heading" className="font-serif text-2xl font-semibold">Cite this document</h2>
      <p className="mt-1 text-sm text-muted">
        Citations point at this revision&rsquo;s permanent link, <a href={item.URL} className="break-all underline">{item.URL}</a>, so they keep meaning what you read today.
      </p>
      <dl className="mt-4 space-y-4 text-sm">
        {(Object.keys(STYLES) as StyleName[]).map((name) => (
          <div key={name}>
            <dt className="flex items-center justify-between gap-3 font-medium text-muted">
              <span id={`cite-${name}-label`}>{STYLES[name].label}</span>
              <CopyButton text={styles[name]} label={`Copy the ${STYLES[name].label} citation`} />
            </dt>
            <dd aria-labelledby={`cite-${name}-label`} data-style={name} className="mt-1 [overflow-wrap:anywhere] font-serif text-base leading-relaxed">{styles[name]}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-4 text-sm text-muted">
        Accessed {accessedOn(item.accessed)}: Chicago and APA leave the access date out for a dated document; add it where your publisher asks for
        one (MLA: &ldquo;Accessed {accessedOn(item.accessed, true)}.&rdquo;). The downloads carry it.
      </p>
      <p className="mt-3 text-sm">
        <span className="text-muted">Download for a reference manager: </span>
        {(Object.keys(DOWNLOADS) as (keyof typeof DOWNLOADS)[]).map((format, i) => (
          <span key={format}>
            {i > 0 && " · "}
            <a href={query(format)} download className="underline">{DOWNLOADS[format].label}</a>
          </span>
        ))}
      </p>
      <p className="mt-3 text-xs text-muted">Styles: Chicago 18th edition, MLA 9th edition, APA 7th edition, from the Citation Style Language project (CC BY-SA 3.0).</p>
    </section>
  );
}
