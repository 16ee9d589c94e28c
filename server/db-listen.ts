// A connection that LISTENs on a PostgreSQL channel for as long as it is wanted: a background
// loop's wake-up call the moment a change commits (NOTIFY is transactional: nothing is heard of
// what rolls back). Exactly one listening connection at a time: a lost one is ended and replaced
// once, however many "error" and "end" events it emits, and only one reconnection waits at a
// time. The caller keeps a periodic poll as its safety net (a missed notification, a connection
// that cannot be made).
import pg from "pg";

export interface ListenOptions {
  databaseUrl: string;
  channel: string;
  /** Called on every notification, and once each time listening (re)starts. */
  onNotify: () => void;
  /** What the log says this listener is for ("search sync", "import jobs"). */
  label: string;
  pollMs: number;
  log: (message: string) => void;
}

export function listenForNotifications({ databaseUrl, channel, onNotify, label, pollMs, log }: ListenOptions) {
  let stopped = false;
  let listener: pg.Client | undefined;
  let reconnect: NodeJS.Timeout | undefined;

  function listenLater(ms: number) {
    if (stopped || reconnect) return;
    reconnect = setTimeout(() => {
      reconnect = undefined;
      void listen();
    }, ms);
    reconnect.unref();
  }

  async function listen() {
    if (stopped) return;
    const client = new pg.Client({ connectionString: databaseUrl });
    let lost = false;
    const onLost = (message: string, retryMs: number) => {
      if (lost) return;
      lost = true;
      if (listener === client) listener = undefined;
      client.end().catch(() => undefined);
      if (stopped) return;
      log(`${label}: ${message}`);
      listenLater(retryMs);
    };
    client.on("notification", () => onNotify());
    client.on("error", (error) => onLost(`listener lost (${error.message}); reconnecting`, 1_000));
    client.on("end", () => onLost("listener connection closed; reconnecting", 1_000));
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      onLost(`cannot listen (${(error as Error).message}); polling every ${pollMs} ms`, 5_000);
      return;
    }
    if (lost || stopped) return void client.end().catch(() => undefined);
    listener = client;
    onNotify(); // whatever was committed while nobody listened
  }

  return {
    ready: listen(),
    async stop() {
      stopped = true;
      clearTimeout(reconnect);
      await listener?.end().catch(() => undefined);
    },
  };
}
