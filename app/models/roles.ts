export const roles = ["agent", "engineer", "comms", "admin"] as const;
export type Role = (typeof roles)[number];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** Limits shared by the admin form and its validation. */
export const UserLimits = { name: 120, email: 254, passwordMin: 10, passwordMax: 200 } as const;
