import { provinces } from '../../src/server/provinces.ts';
import type { NewAgency } from '../../src/server/schema.ts';

/**
 * The 34 provincial agencies, and regional offices for the provinces whose organisation we seed as an example.
 * Contact details start empty; `agencyContactsSeed` (agency-contacts.ts) fills the few a public source gives, and an
 * administrator the rest. The directory says "not yet provided" until then, and points to the provincial agency.
 */
const REGIONAL_OFFICES: Record<string, number> = { HNI: 4, HCM: 4, DNG: 3 };

export function agencySeed(): NewAgency[] {
  const rows: NewAgency[] = [];
  provinces.forEach((pr, i) => {
    const level = pr.kind === 'city' ? { vi: 'thành phố', en: 'City' } : { vi: 'tỉnh', en: 'Province' };
    rows.push({
      code: pr.code,
      parent_code: null,
      kind: 'provincial',
      province_code: pr.code,
      name_vi: `Thi hành án dân sự ${level.vi} ${pr.name.vi}`,
      name_en: pr.code === 'HCM' ? 'Ho Chi Minh City Civil Judgment Enforcement' : `${pr.name.en} ${level.en} Civil Judgment Enforcement`,
      address: null,
      phone: null,
      email: null,
      head_name: null,
      sort_order: (i + 1) * 100,
    });
    for (let n = 1; n <= (REGIONAL_OFFICES[pr.code] ?? 0); n++) {
      rows.push({
        code: `${pr.code}-KV${n}`,
        parent_code: pr.code,
        kind: 'regional',
        province_code: pr.code,
        name_vi: `Phòng Thi hành án dân sự khu vực ${n} – ${pr.name.vi}`,
        name_en: `Regional Civil Judgment Enforcement Office No. ${n} – ${pr.name.en}`,
        address: null,
        phone: null,
        email: null,
        head_name: null,
        sort_order: (i + 1) * 100 + n,
      });
    }
  });
  return rows;
}
