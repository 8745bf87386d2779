import typography from "@tailwindcss/typography";
import type { Config } from "tailwindcss";

export default {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {
      // Inline code is shaded instead of wrapped in literal backticks (also inside the editor,
      // whose code blocks are <code> elements).
      typography: {
        DEFAULT: {
          css: {
            // Denser than the defaults: agents scan these pages during calls.
            h2: { fontSize: "1.25em", marginTop: "1.4em", marginBottom: "0.5em" },
            h3: { fontSize: "1.1em", marginTop: "1.2em", marginBottom: "0.4em" },
            p: { marginTop: "0.6em", marginBottom: "0.6em" },
            "ul, ol": { marginTop: "0.5em", marginBottom: "0.5em" },
            li: { marginTop: "0.15em", marginBottom: "0.15em" },
            "code::before": { content: "none" },
            "code::after": { content: "none" },
            code: {
              backgroundColor: "rgb(241 245 249)",
              borderRadius: "0.25rem",
              padding: "0.1em 0.3em",
              fontWeight: "500",
            },
            "pre code": { backgroundColor: "transparent", padding: "0" },
          },
        },
      },
      fontFamily: {
        sans: [
          "Inter",
          "ui-sans-serif",
          "system-ui",
          "Segoe UI",
          "Roboto",
          "Helvetica Neue",
          "Arial",
          "sans-serif",
        ],
      },
    },
  },
  plugins: [typography],
} satisfies Config;
