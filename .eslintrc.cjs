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
      files: ["tests/**/*.ts", "**/*.test.ts", "**/*.test.tsx"],
      rules: { "jest/no-standalone-expect": "off", "jest/valid-title": "off" },
    },
  ],
};
