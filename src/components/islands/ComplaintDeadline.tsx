/**
 * The complaint form's last day to complain, recomputed in the browser as the answers change — with the same
 * `lastDayToComplain` the server uses and the calendar days the page passes in (nothing is fetched). Rendered on the
 * server too, from the saved answers; the check page states the day either way, so the form needs no script.
 */
import { useEffect, useState } from 'preact/hooks';
import { lastDayToComplain, type ComplaintCalendar, type ComplaintTiming } from '../../server/catalog/complaint-limits.ts';

interface Props {
  calendar: { from: string; to: string; off: string[]; worked: string[]; today: string };
  /** `{date}` stands for the day. */
  texts: { until: string; late: string };
  initial: ComplaintTiming;
  formId: string;
}

class OutOfRange extends Error {}

function calendarOf(c: Props['calendar']): ComplaintCalendar {
  const off = new Set(c.off);
  const worked = new Set(c.worked);
  const isWorkingDay = (d: string) => {
    if (d < c.from || d > c.to) throw new OutOfRange();
    const weekday = new Date(d + 'T00:00:00Z').getUTCDay();
    return worked.has(d) || (!off.has(d) && weekday !== 0 && weekday !== 6);
  };
  return {
    isWorkingDay,
    addWorkingDays(start, n) {
      let t = Date.parse(start + 'T00:00:00Z');
      for (let counted = 0; counted < n; ) {
        t += 86_400_000;
        if (isWorkingDay(new Date(t).toISOString().slice(0, 10))) counted++;
      }
      return new Date(t).toISOString().slice(0, 10);
    },
  };
}

function message(props: Props, timing: ComplaintTiming): string {
  try {
    const found = lastDayToComplain(timing, calendarOf(props.calendar));
    if (!found) return '';
    const [y, m, d] = found.lastDay.split('-');
    return (props.calendar.today > found.lastDay ? props.texts.late : props.texts.until).replace('{date}', `${d}/${m}/${y}`);
  } catch (e) {
    if (e instanceof OutOfRange) return '';
    throw e;
  }
}

function read(form: HTMLFormElement): ComplaintTiming {
  const data = new FormData(form);
  return {
    subject: data.get('subject'),
    round: data.get('round'),
    dateLearned: data.get('dateLearned'),
    firstDecisionReceivedOn: data.get('firstDecisionReceivedOn'),
  };
}

export default function ComplaintDeadline(props: Props) {
  const [text, setText] = useState(() => message(props, props.initial));
  useEffect(() => {
    const form = document.getElementById(props.formId);
    if (!(form instanceof HTMLFormElement)) return;
    const update = () => setText(message(props, read(form)));
    update();
    form.addEventListener('input', update);
    form.addEventListener('change', update);
    return () => {
      form.removeEventListener('input', update);
      form.removeEventListener('change', update);
    };
  }, []);
  return (
    <p class="deadline" aria-live="polite" data-testid="complaint-deadline">
      {text && <strong>{text}</strong>}
    </p>
  );
}
