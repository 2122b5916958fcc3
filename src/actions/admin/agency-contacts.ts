/** The contact details of an agency, as the public directory shows them (src/server/admin/agency-contacts.ts). */
import { defineAction } from 'astro:actions';
import { getDb } from '../../server/boot.ts';
import { updateAgencyContacts } from '../../server/admin/agency-contacts.ts';
import { text } from '../guards.ts';
import { outcome, refusal, requireAdmin } from './outcome.ts';

export const agencyContactActions = {
  /** The contact details the public directory shows for one agency. */
  adminUpdateAgencyContacts: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      const admin = requireAdmin(ctx);
      const code = text(form, 'code').trim().slice(0, 40);
      const values = {
        address: text(form, 'address').slice(0, 1000),
        phone: text(form, 'phone').slice(0, 200),
        email: text(form, 'email').slice(0, 500),
        head_name: text(form, 'head_name').slice(0, 500),
      };
      const base = { target: code, values };
      if (!code) return outcome('updateAgencyContacts', { ...base, problem: 'not_found', status: 404 });
      try {
        await updateAgencyContacts(await getDb(), admin, code, values);
        return outcome('updateAgencyContacts', { ...base, ok: true, values: {} });
      } catch (err) {
        return refusal('updateAgencyContacts', err, base);
      }
    },
  }),

};
