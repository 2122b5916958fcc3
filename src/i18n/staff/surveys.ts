/** Satisfaction survey responses and general feedback (/can-bo/khao-sat). */
export const surveys = {
};
