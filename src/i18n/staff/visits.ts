/** The citizen reception log (/can-bo/tiep-cong-dan). */
export const visits = {
};
