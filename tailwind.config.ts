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
