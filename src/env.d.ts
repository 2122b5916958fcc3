/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The signed-in staff member and session, set by the middleware on back-office requests. */
    staff?: import('./server/auth/session.ts').SessionValidation;
    /** Set by the 500 page when the error was the database out of reach: the middleware answers 503 instead. */
    serviceUnavailable?: boolean;
  }
}
