/**
 * A few hundred realistic demo entries of the public list (demo seed only): Vietnamese names with diacritics across
 * the 34 provinces, varied judgments, obligations and reasons, some removed. Deterministic, so demos are repeatable.
 */
import type { Kysely } from 'kysely';
import { provinces } from '../../src/server/provinces.ts';
import type { Database, RegistryEntriesTable } from '../../src/server/schema.ts';
import type { Insertable } from 'kysely';

const surnames = ['Nguyễn', 'Nguyễn', 'Nguyễn', 'Trần', 'Trần', 'Lê', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const middles = ['Văn', 'Thị', 'Đức', 'Minh', 'Ngọc', 'Quốc', 'Thanh', 'Hữu', 'Thị Thu', 'Văn Đức'];
const givens = ['Hùng', 'Lan', 'Mai', 'Đức', 'Hà', 'Nam', 'Anh', 'Tuấn', 'Hương', 'Dũng', 'Bình', 'Cường', 'Phương', 'Long', 'Yến', 'Thảo', 'Sơn', 'Hải'];
const streets = ['Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Trãi', 'Hai Bà Trưng', 'Quang Trung', 'Lý Thường Kiệt', 'Điện Biên Phủ', 'Hùng Vương'];
const wards = ['phường Bến Thành', 'phường Hoàn Kiếm', 'xã Tân Phú', 'phường Hải Châu', 'xã Phú Mỹ', 'phường Ninh Kiều', 'xã An Bình'];
const obligations = [
  (n: number) => `Trả nợ ${n.toLocaleString('vi-VN')} đồng`,
  (n: number) => `Bồi thường thiệt hại ${n.toLocaleString('vi-VN')} đồng`,
  (n: number) => `Nộp án phí dân sự sơ thẩm ${(n / 100).toLocaleString('vi-VN')} đồng`,
  () => 'Trả lại 01 xe mô tô biển kiểm soát 29B1-123.45',
  (n: number) => `Cấp dưỡng nuôi con ${(n / 50).toLocaleString('vi-VN')} đồng/tháng`,
];
const reasons: RegistryEntriesTable['reason'][] = ['no_means', 'no_means', 'no_means', 'address_unknown', 'item_gone'];
const details: Record<RegistryEntriesTable['reason'], string> = {
  no_means: 'Không có thu nhập, không có tài sản để thi hành án',
  address_unknown: 'Chưa xác định được địa chỉ, nơi cư trú của người phải thi hành án',
  item_gone: 'Tài sản phải trả lại không còn',
};

/** A small deterministic PRNG (mulberry32): the same demo list on every machine. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

export function registryDemoEntries(count = 300, today = new Date()): Insertable<RegistryEntriesTable>[] {
  const r = prng(44);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  const rows: Insertable<RegistryEntriesTable>[] = [];
  for (let i = 0; i < count; i++) {
    const province = i % 3 === 0 ? provinces[0]! : pick(provinces);
    const judgment = new Date(today.getTime() - (200 + Math.floor(r() * 2500)) * 86_400_000);
    const decision = new Date(judgment.getTime() + (40 + Math.floor(r() * 200)) * 86_400_000);
    const verified = new Date(today.getTime() - Math.floor(r() * 170) * 86_400_000);
    const reason = pick(reasons);
    const removed = i % 20 === 19;
    const amount = (5 + Math.floor(r() * 995)) * 1_000_000;
    rows.push({
      debtor_name: `${pick(surnames)} ${pick(middles)} ${pick(givens)}`,
      debtor_address: `Số ${1 + Math.floor(r() * 300)} đường ${pick(streets)}, ${pick(wards)}, ${province.kind === 'city' ? 'thành phố' : 'tỉnh'} ${province.name.vi}`,
      province_code: province.code,
      agency_code: province.code,
      judgment_number: `${1 + Math.floor(r() * 400)}/${judgment.getUTCFullYear()}/${pick(['DS-ST', 'DS-PT', 'HS-ST', 'KDTM-ST', 'HNGĐ-ST'])}`,
      judgment_date: iso(judgment),
      judgment_court: `Tòa án nhân dân khu vực ${1 + Math.floor(r() * 9)} – ${province.name.vi}`,
      decision_number: `${1 + Math.floor(r() * 900)}/QĐ-THADS`,
      decision_date: iso(decision),
      obligation: pick(obligations)(amount),
      reason,
      reason_detail: details[reason],
      verified_on: iso(verified),
      published_on: iso(new Date(decision.getTime() + 30 * 86_400_000)),
      removed_on: removed ? iso(verified) : null,
      removal_reason: removed ? 'enforced' : null,
    });
  }
  return rows;
}

/** Loads the demo list once (nothing happens when the list has entries). */
export async function seedRegistryDemo(db: Kysely<Database>, today: Date = new Date()): Promise<number> {
  const existing = await db.selectFrom('registry_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (existing.n > 0) return 0;
  const rows = registryDemoEntries(300, today);
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('registry_entries').values(rows.slice(i, i + 100)).execute();
  return rows.length;
}
