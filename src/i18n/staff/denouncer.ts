/** A denouncer's identity vault (/can-bo/ho-so/<code>/nguoi-to-cao). */
export const denouncer = {
};
