import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Remote address as express sees it (trusting only a loopback proxy). */
    clientIp: string;
    /** Nonce of this render's inline scripts, named in its Content-Security-Policy. */
    cspNonce: string;
  }
}
