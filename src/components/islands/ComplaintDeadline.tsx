/**
 * The complaint form's last day to complain, recomputed in the browser as the answers change — with the same
 * `lastDayToComplain` the server uses and the calendar days the page passes in (nothing is fetched). Rendered on the
 * server too, from the saved answers; the check page states the day either way, so the form needs no script.
 */
import { useEffect, useState } from 'preact/hooks';
import { lastDayToComplain, OutsideWindow, windowCalendar, type CalendarWindow, type ComplaintTiming } from '../../server/catalog/complaint-limits.ts';

interface Props {
  calendar: CalendarWindow;
  /** `{date}` stands for the day. */
  texts: { until: string; late: string };
  initial: ComplaintTiming;
  formId: string;
}

function message(props: Props, timing: ComplaintTiming): string {
  try {
    const found = lastDayToComplain(timing, windowCalendar(props.calendar));
    if (!found) return '';
    const [y, m, d] = found.lastDay.split('-');
    return (props.calendar.today > found.lastDay ? props.texts.late : props.texts.until).replace('{date}', `${d}/${m}/${y}`);
  } catch (e) {
    if (e instanceof OutsideWindow) return '';
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
