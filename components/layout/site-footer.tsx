export function SiteFooter() {
  return (
    <footer className="site-chrome border-t border-rule text-sm text-muted">
      <div className="mx-auto max-w-5xl px-4 py-6 sm:px-6">
        Dossier is a collaborative archive of historical documents. Summaries in the demo archive are written by the Dossier team.
      </div>
    </footer>
  );
}
