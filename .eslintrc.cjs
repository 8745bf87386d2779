/** @type {import('eslint').Linter.Config} */
module.exports = {
  root: true,
  extends: ["@remix-run/eslint-config", "@remix-run/eslint-config/node"],
  parserOptions: { ecmaVersion: "latest", sourceType: "module" },
  settings: { "import/resolver": { typescript: { project: "./tsconfig.json" } } },
  rules: {
    "import/order": [
      "warn",
      {
        alphabetize: { order: "asc", caseInsensitive: true },
        groups: ["builtin", "external", "internal", "parent", "sibling", "index"],
        pathGroups: [{ pattern: "~/**", group: "internal" }],
        "newlines-between": "always",
      },
    ],
    "@typescript-eslint/consistent-type-imports": ["warn", { fixStyle: "inline-type-imports" }],
    "no-console": "off",
  },
  overrides: [
    {
      // Routes call model functions, which return presented data only: no route sees a row.
      files: ["app/routes/**"],
      rules: {
        "no-restricted-imports": [
          "error",
          {
            patterns: [
              {
                group: [
                  "~/generated/prisma/*",
                  "**/generated/prisma/*",
                  "~/utils/db.server*",
                  "**/utils/db.server*",
                ],
                message:
                  "Routes never touch Prisma: call a function of app/models/, which returns a presenter's result.",
              },
            ],
          },
        ],
      },
    },
    {
      files: ["tests/**/*.ts", "**/*.test.ts", "**/*.test.tsx"],
      rules: { "jest/no-standalone-expect": "off", "jest/valid-title": "off" },
    },
  ],
};
