// The route table is a server fact too (e-mails and QR codes link to pages), so it lives in src/server.
export { localeOfPath, pathTo, routes, trackedDossierPath, type RouteName, type TrackedPart } from '../server/routes.ts';
