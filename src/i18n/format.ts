// Formatting is needed by e-mails (src/server) as well as pages, so it lives in src/server.
export { formatDate, formatDateLong, formatFileSize, formatMoney, formatNumber } from '../server/format.ts';
