/** One dossier's page (/can-bo/ho-so/<code>): its answers, files, history and the actions a role may take, with their problems. */
export const dossier = {
};
