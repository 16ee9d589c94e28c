// Runs once when a Next.js server process starts (https://nextjs.org/docs/app/guides/instrumentation).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installClientAddress } = await import("./server/http/install-client-address");
    installClientAddress();
  }
}
