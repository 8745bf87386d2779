// Types follow the single-fetch data flow that remix.config.js turns on.
import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
