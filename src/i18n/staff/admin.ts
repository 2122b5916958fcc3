/** Administration (/can-bo/quan-tri): staff accounts, agency contacts, the calendar, the audit log. */
export const admin = {
};
