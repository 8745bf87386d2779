/** Limits shared by the token form and its validation: lifetimes in days. */
export const ApiTokenLimits = { name: 80, defaultDays: 90, maxDays: 365 } as const;
