/** Only same-site paths: an open redirect would let a phishing link borrow our sign-in page. */
export function safeCallbackUrl(value: unknown): string {
  return typeof value === "string" && /^\/(?![/\\])/.test(value) ? value : "/desk";
}
