/** The dossier queue (/can-bo): filters, columns, deadlines. */
export const queue = {
};
