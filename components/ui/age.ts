/** "3 days", "5 hours", "just now": how long ago a date was. */
export function age(since: Date, now = new Date()): string {
  const minutes = Math.floor((now.getTime() - since.getTime()) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}

/** "3 days ago", "just now". */
export function ago(since: Date, now = new Date()): string {
  const text = age(since, now);
  return text === "just now" ? text : `${text} ago`;
}
