import Link from "@/components/ui/link";

export default function Forbidden() {
  return (
    <section className="mx-auto max-w-xl py-10 text-center">
      <p className="text-sm font-medium uppercase tracking-wider text-seal">403</p>
      <h1 className="mt-2 font-serif text-3xl font-semibold">Your role does not give access to this page</h1>
      <p className="mt-4 text-muted">Ask an admin if you need it.</p>
      <p className="mt-6"><Link href="/desk">Back to your desk</Link></p>
    </section>
  );
}
