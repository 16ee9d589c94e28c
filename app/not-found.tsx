import Link from "@/components/ui/link";

export default function NotFound() {
  return (
    <section className="mx-auto max-w-xl py-10 text-center">
      <p className="text-sm font-medium uppercase tracking-wider text-seal">404</p>
      <h1 className="mt-2 font-serif text-3xl font-semibold">We could not find that page</h1>
      <p className="mt-4 text-muted">
        The address may be mistyped, or the document may never have been published. Links to published documents never change.
      </p>
      <p className="mt-6"><Link href="/">Go to the archive</Link></p>
    </section>
  );
}
