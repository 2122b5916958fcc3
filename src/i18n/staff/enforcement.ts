/** Enforcement results and targets (/can-bo/ket-qua-thi-hanh-an). */
export const enforcement = {
};
