// The route table is a server fact too (e-mails and QR codes link to pages), so it lives in src/server.
export { localeOfPath, pathTo, routes, type RouteName } from '../server/routes.ts';
