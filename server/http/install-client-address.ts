// Every request the Node server receives gets its client address in one header before Next.js,
// next-auth or our code reads it (instrumentation.ts installs this once per server process).
// Next.js exposes no socket to route handlers, pages or server actions; a header it forwards is
// the one way in, so whatever the client sent in that header is replaced.
import http from "node:http";
import { env } from "../env";
import { CLIENT_ADDRESS_HEADER, clientAddress } from "./client-address";

let installed = false;

export function installClientAddress(trustedHops = env.TRUSTED_PROXY_HOPS): void {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[CLIENT_ADDRESS_HEADER] = clientAddress({ peer: req.socket?.remoteAddress, forwardedFor: req.headers[CLIENT_ADDRESS_HEADER], trustedHops });
      delete req.headers["x-real-ip"];
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}
