import { defineAction } from 'astro:actions';
import { getDb } from '../server/boot.ts';
import { localeOfPath } from '../server/routes.ts';
import { sendFeedback } from '../server/survey/feedback.ts';
import { submitSurvey } from '../server/survey/responses.ts';
import { rateLimit, text } from './guards.ts';

/** The citizen's side of the satisfaction survey and the general feedback form (both answered without an account). */
export const surveyActions = {
  /** One dossier's survey: the token in the form is the link's; only a complete, valid form is stored. */
  submitSurvey: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      await rateLimit('submission', ctx);
      const answers: Record<string, string> = {};
      for (const [name, value] of form.entries()) {
        if (name.startsWith('q-') && typeof value === 'string') answers[name.slice(2)] = value;
      }
      const input = { answers, helpedBy: text(form, 'helpedBy').slice(0, 20), comment: text(form, 'comment').slice(0, 10_000) };
      const result = await submitSurvey(await getDb(), text(form, 'token').slice(0, 100), input);
      // The form is shown again with what was chosen when something is missing.
      return { ...result, values: result.ok ? null : input };
    },
  }),

  /** General feedback, rate-limited per address (the only guard on an anonymous form). */
  sendFeedback: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      await rateLimit('feedback', ctx);
      const input = { agencyCode: text(form, 'agency').slice(0, 20), topic: text(form, 'topic').slice(0, 30), rating: text(form, 'rating').slice(0, 2), message: text(form, 'message').slice(0, 10_000) };
      const result = await sendFeedback(await getDb(), input, localeOfPath(ctx.url.pathname));
      return { ...result, values: input };
    },
  }),
};
