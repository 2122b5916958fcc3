/** Signing in and out, two-step verification and the staff member's own account. */
export const auth = {
};
