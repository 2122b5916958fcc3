/** The public list's back office (/can-bo/danh-sach): entries, import, export. */
export const registry = {
};
