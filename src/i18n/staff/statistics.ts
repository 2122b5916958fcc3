/** The back office's statistics and complaint figures (/can-bo/thong-ke, /can-bo/so-lieu). */
export const statistics = {
};
