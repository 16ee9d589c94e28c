import type { Metadata } from "next";
import { SearchBox } from "@/components/search/search-box";

export const metadata: Metadata = { title: "Address not readable", robots: { index: false } };

/** Shown (with status 400, see proxy.ts) for an address with characters no page can read. */
export default function BadAddressPage() {
  return (
    <section className="max-w-2xl">
      <p className="text-sm font-medium uppercase tracking-wider text-seal">400 · Bad request</p>
      <h1 className="mt-2 font-serif text-3xl font-semibold">This address cannot be read</h1>
      <p className="mt-4 text-muted">
        It contains characters no page of the archive accepts (a control character, or bytes that are not text). Check the link, or search
        again below.
      </p>
      <div className="mt-6">
        <label htmlFor="q" className="mb-2 block text-sm font-medium">Search the archive</label>
        <SearchBox />
      </div>
    </section>
  );
}
