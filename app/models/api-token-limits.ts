/** Limits shared by the token form and its validation: lifetimes in days. */
export const ApiTokenLimits = { name: 80, defaultDays: 90, maxDays: 365 } as const;

/** What a token may read: "internal" the staff API and index, "public" only the public index. */
export const apiTokenScopes = ["internal", "public"] as const;
export type ApiTokenScope = (typeof apiTokenScopes)[number];
