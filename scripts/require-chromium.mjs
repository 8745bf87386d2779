// The browser tests need Debian's Chromium. As root (CI, fresh machines) install it; otherwise
// stop with the exact command, never silently skip the browser tests.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  if (process.getuid?.() === 0) {
    console.log("Chromium is missing: installing Debian's chromium package for the browser tests…");
    execSync(
      "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium",
      {
        stdio: "inherit",
      },
    );
  } else {
    console.error(
      `The browser tests need Chromium at ${chromium}.\n` +
        "Install it with: sudo apt-get install -y chromium  (or set CHROMIUM_PATH)",
    );
    process.exit(1);
  }
}
