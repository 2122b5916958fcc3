/** Paper dossiers entered at the counter (/can-bo/tiep-nhan). */
export const intake = {
};
