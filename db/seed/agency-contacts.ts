/**
 * Public contact details of the agencies, each with the public page that shows it. Only what a source states is
 * here: an invented or guessed phone number would send citizens to a stranger. Searched in December 2026 for every
 * provincial agency (the Ministry's portal thads.moj.gov.vn and its provincial pages, the national press): after the
 * reorganisation of 1 July 2025 most agencies had published nothing we could reach, so most rows stay empty until an
 * administrator fills them in, and the pages and e-mails point to the provincial agency and the portal's help address
 * meanwhile. Add an entry only with its source.
 */
export interface SeededContacts {
  /** The agency's code in `agencies`. */
  code: string;
  address?: string;
  phone?: string;
  email?: string;
  /** The public page the details were read from. */
  source: string;
  /** When the source published them (yyyy-mm), as the page dates itself. */
  published: string;
}

export const agencyContactsSeed: readonly SeededContacts[] = [
  {
    code: 'HCM',
    // Người Lao Động, 2 July 2025: the renamed agency "trụ sở đặt tại số 372A Nguyễn Văn Lượng, phường An Hội Đông".
    address: '372A Nguyễn Văn Lượng, phường An Hội Đông, Thành phố Hồ Chí Minh',
    source: 'https://nld.com.vn/thi-hanh-an-dan-su-tp-hcm-doi-ten-to-chuc-lai-he-thong-19-phong-khu-vuc-196250702120702025.htm',
    published: '2025-07',
  },
];
