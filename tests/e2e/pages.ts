import { procedures } from '../../src/server/catalog/index.ts';
import { pathTo } from '../../src/i18n/routes.ts';
import type { Locale } from '../../src/server/catalog/types.ts';

export interface PageCase {
  path: string;
  locale: Locale;
  status: number;
  /** Text that proves the right page rendered. */
  expect: string;
}

/** Every citizen page of the portal, in both languages. */
export function allPages(): PageCase[] {
  const pages: PageCase[] = [];
  for (const locale of ['vi', 'en'] as const) {
    const home = locale === 'vi' ? 'Dịch vụ công trực tuyến về thi hành án dân sự' : 'Online public services for civil judgment enforcement';
    pages.push({ path: pathTo('home', locale), locale, status: 200, expect: home });
    for (const p of procedures) {
      pages.push({ path: pathTo('procedure', locale, p.slug[locale]), locale, status: 200, expect: p.name[locale] });
    }
    const agencies = locale === 'vi' ? 'Cơ quan thi hành án dân sự' : 'Civil judgment enforcement agencies';
    pages.push({ path: pathTo('agencies', locale), locale, status: 200, expect: agencies });
    pages.push({ path: pathTo('agencies', locale) + '?province=DNG', locale, status: 200, expect: agencies });
    pages.push({ path: pathTo('track', locale), locale, status: 200, expect: locale === 'vi' ? 'Tra cứu hồ sơ' : 'Track your application' });
    for (const p of procedures.filter((x) => x.kind === 'one-stop')) {
      pages.push({ path: pathTo('apply', locale, p.slug[locale]), locale, status: 200, expect: p.name[locale] });
    }
    const registry = locale === 'vi' ? 'Danh sách người phải thi hành án chưa có điều kiện thi hành' : 'Judgment debtors without conditions to enforce';
    pages.push({ path: pathTo('registry', locale), locale, status: 200, expect: registry });
    pages.push({ path: pathTo('registry', locale) + '?ten=nguyen+van', locale, status: 200, expect: registry });
    pages.push({ path: pathTo('privacy', locale), locale, status: 200, expect: locale === 'vi' ? 'Quyền riêng tư' : 'Privacy' });
    pages.push({ path: pathTo('terms', locale), locale, status: 200, expect: locale === 'vi' ? 'Điều khoản sử dụng' : 'Terms of use' });
    pages.push({ path: pathTo('feedback', locale), locale, status: 200, expect: locale === 'vi' ? 'Góp ý' : 'Feedback' });
    pages.push({ path: pathTo('feedbackThanks', locale), locale, status: 200, expect: locale === 'vi' ? 'Cảm ơn ông/bà đã góp ý' : 'Thank you for your feedback' });
    pages.push({ path: pathTo('surveyThanks', locale), locale, status: 200, expect: locale === 'vi' ? 'Cảm ơn ông/bà đã đánh giá' : 'Thank you for your answers' });
    pages.push({ path: pathTo('survey', locale, '1.2.not-a-token'), locale, status: 404, expect: locale === 'vi' ? 'Đường dẫn đánh giá không đúng' : 'This survey link is not right' });
    pages.push({
      path: locale === 'vi' ? '/khong-co-trang-nay' : '/en/no-such-page',
      locale,
      status: 404,
      expect: locale === 'vi' ? 'Không tìm thấy trang' : 'Page not found',
    });
  }
  return pages;
}
