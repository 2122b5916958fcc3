/** The back office's statistics and complaint figures (/can-bo/thong-ke, /can-bo/so-lieu). */
export const statistics = {
  /** A staff download asked for without a session. */
  forbidden: 'Không có quyền',
};
