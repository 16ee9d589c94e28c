// The title is isolated in <bdi>: it is often text people wrote (a record's title, a name), in any
// script and direction.
export function PageHeading({ eyebrow, title, children }: { eyebrow?: string; title: string; children?: React.ReactNode }) {
  return (
    <div className="mb-8 border-b border-rule pb-6">
      {eyebrow && <p className="text-sm font-medium uppercase tracking-wider text-seal">{eyebrow}</p>}
      <h1 className="mt-1 font-serif text-3xl font-semibold leading-tight sm:text-4xl"><bdi>{title}</bdi></h1>
      {children}
    </div>
  );
}
