/**
 * Progressive enhancement of the statistics filters: when a filter changes, the figures below (charts, tables,
 * downloads) are fetched for the new filters and swapped in, and the address follows. The page is the same GET form
 * without it — the button submits as before, and an invalid filter is left for the button to report with the
 * page's error summary. Reads the server's own rendering of the page: nothing is drawn here.
 */
import { useEffect, useState } from 'preact/hooks';

interface Props {
  formId: string;
  resultsId: string;
  texts: { updating: string; updated: string };
}

export default function StatsRefresh({ formId, resultsId, texts }: Props) {
  const [status, setStatus] = useState('');
  useEffect(() => {
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement)) return;
    let latest = 0;
    const refresh = async () => {
      const query = new URLSearchParams(new FormData(form) as unknown as Record<string, string>).toString();
      const url = `${form.action.split('?')[0]}?${query}`;
      const ticket = ++latest;
      setStatus(texts.updating);
      try {
        const response = await fetch(url, { headers: { Accept: 'text/html' } });
        if (ticket !== latest) return;
        if (!response.ok) return setStatus('');
        const next = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById(resultsId);
        const current = document.getElementById(resultsId);
        if (!next || !current) return setStatus('');
        current.replaceChildren(...Array.from(next.childNodes).map((n) => document.importNode(n, true)));
        history.replaceState(null, '', url);
        setStatus(texts.updated);
      } catch {
        if (ticket === latest) setStatus('');
      }
    };
    form.addEventListener('change', refresh);
    return () => form.removeEventListener('change', refresh);
  }, [formId, resultsId]);
  return (
    <p role="status" class="visually-hidden">
      {status}
    </p>
  );
}
