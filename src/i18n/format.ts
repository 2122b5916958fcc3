// Formatting is needed by e-mails (src/server) as well as pages, so it lives in src/server.
export { formatDate, formatDateLong, formatDecimal, formatFileSize, formatMoney, formatNumber, formatPercent, formatVietnamDateTime, formatVietnamDateTimeSeconds, nameIn, nameInWithOfficial, textIn, textWithOfficial } from '../server/format.ts';
