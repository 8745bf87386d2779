import app from "../../../../remix.config.js";

/**
 * A baseline of `npm run bench -- search`: the smallest Remix page over the app's engine call,
 * with the app's future flags. The bench builds it into BENCH_BUILD_DIR.
 * @type {import('@remix-run/dev').AppConfig}
 */
export default {
  serverModuleFormat: "esm",
  serverBuildPath: `${process.env.BENCH_BUILD_DIR}/index.js`,
  assetsBuildDirectory: `${process.env.BENCH_BUILD_DIR}/public`,
  cacheDirectory: `${process.env.BENCH_BUILD_DIR}/cache`,
  future: app.future,
};
