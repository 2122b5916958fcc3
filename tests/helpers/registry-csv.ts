/** Entries and CSV rows of the public list for tests (the columns of src/server/registry/admin.ts `entryFields`). */
import type { EntryInput } from '../../src/server/registry/admin.ts';

export const entry = (over: EntryInput = {}): EntryInput => ({
  debtor_name: 'Nguyễn Văn Hùng',
  debtor_address: 'Số 12 phố Huế, phường Hai Bà Trưng, thành phố Hà Nội',
  province_code: 'HNI',
  agency_code: 'HNI',
  judgment_number: '45/2023/DS-ST',
  judgment_date: '2023-03-15',
  judgment_court: 'Tòa án nhân dân khu vực 1 – Hà Nội',
  decision_number: '120/QĐ-THADS',
  decision_date: '2023-05-02',
  obligation: 'Trả nợ 150.000.000 đồng',
  reason: 'no_means',
  reason_detail: 'Không có thu nhập, không có tài sản',
  verified_on: '2026-06-01',
  published_on: '2026-06-03',
  ...over,
});

export const HEADER = 'debtor_name,debtor_address,province_code,agency_code,judgment_number,judgment_date,judgment_court,decision_number,decision_date,obligation,reason,reason_detail,verified_on,published_on';
export function csvRow(over: EntryInput = {}): string {
  const e = entry(over);
  const cell = (v: string | null | undefined) => (/[",\n]/.test(v ?? '') ? `"${(v ?? '').replace(/"/g, '""')}"` : (v ?? ''));
  return HEADER.split(',')
    .map((f) => cell(e[f as keyof EntryInput]))
    .join(',');
}
