// Deterministic, realistic rows for the public list of debtors without conditions to enforce (Art. 44a), for
// `bench/registry.ts`. A seeded PRNG (mulberry32) drives every choice, so a given (seed, index) always yields the
// same entry: runs at the same size compare like with like.
//
// Realism that matters for search: surnames follow their national frequency (Nguyễn ≈ 38 %), middle and given
// names are drawn from a small, skewed pool (so "Nguyễn Văn Hùng" has thousands of namesakes, as in life),
// addresses use the post-2025 two-level form (street, ward/commune, province), and the province mix follows
// population (Hồ Chí Minh and Hà Nội heaviest). Only the published fields exist — no ID number, birth date, phone.
import { provinces } from '../src/server/provinces.ts';
import { publishedFields } from '../src/server/registry/search.ts';
import type { RegistryEntry } from '../src/server/schema.ts';

type Reason = RegistryEntry['reason'];

/** A generated entry: the published fields and the removal, as the table has them. */
export type RegistryRow = Pick<RegistryEntry, (typeof publishedFields)[number] | 'removed_on' | 'removal_reason'>;

/** mulberry32: tiny, fast, good enough for test data; returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Weighted = readonly (readonly [string, number])[];

/** A picker over weighted choices (cumulative table + binary search). */
function picker(items: Weighted): (r: number) => string {
  const values = items.map(([v]) => v);
  const cum: number[] = [];
  let total = 0;
  for (const [, w] of items) cum.push((total += w));
  return (r) => {
    const x = r * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return values[lo]!;
  };
}

const uniform = (items: readonly string[]): Weighted => items.map((v) => [v, 1] as const);

// Surnames, percent of the population (approximate published figures); the tail keeps rare names rare.
export const SURNAMES: Weighted = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 3.4], ['Huỳnh', 2.7], ['Phan', 4.5], ['Vũ', 2.3],
  ['Võ', 2.7], ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5],
  ['Trương', 0.9], ['Đinh', 0.7], ['Lâm', 0.5], ['Mai', 0.5], ['Đoàn', 0.5], ['Lương', 0.4], ['Trịnh', 0.4],
  ['Tạ', 0.3], ['Cao', 0.3], ['Hà', 0.3], ['Vương', 0.2], ['Tô', 0.2], ['Thái', 0.15], ['Quách', 0.1],
  ['Kiều', 0.08], ['La', 0.06], ['Tôn', 0.05], ['Lục', 0.03], ['Khổng', 0.02], ['Âu', 0.02], ['Ông', 0.02],
];
const MALE_MIDDLE: Weighted = [
  ['Văn', 40], ['Đức', 8], ['Minh', 8], ['Quốc', 6], ['Hữu', 6], ['Thanh', 5], ['Công', 5], ['Xuân', 4], ['Đình', 4],
  ['Ngọc', 3], ['Tuấn', 2], ['Quang', 3], ['Trọng', 2], ['Thành', 2], ['Hoàng', 2],
];
const FEMALE_MIDDLE: Weighted = [
  ['Thị', 50], ['Ngọc', 7], ['Thanh', 6], ['Thu', 5], ['Kim', 4], ['Minh', 4], ['Hồng', 4], ['Mỹ', 3], ['Bích', 2],
  ['Thùy', 3], ['Phương', 2], ['Hoài', 2],
];
const MALE_GIVEN: Weighted = [
  ['Hùng', 6], ['Dũng', 5], ['Tuấn', 5], ['Nam', 4], ['Minh', 5], ['Đức', 4], ['Anh', 5], ['Long', 4], ['Hải', 4],
  ['Sơn', 4], ['Thắng', 3], ['Cường', 3], ['Hoàng', 2], ['Phong', 2], ['Quang', 2], ['Tâm', 2], ['Bình', 3],
  ['Toàn', 2], ['Khánh', 2], ['Trung', 3], ['Hiếu', 2], ['Thành', 3], ['Việt', 2], ['Huy', 3], ['Phúc', 2],
  ['Lộc', 2], ['Tài', 2], ['Vinh', 2], ['Tú', 1], ['Hưng', 2], ['Kiên', 1], ['Nghĩa', 1], ['Thịnh', 1], ['Quý', 1],
  ['Định', 0.3], ['Triết', 0.1], ['Khiêm', 0.2], ['Thuận', 0.5], ['Chiến', 1], ['Lực', 0.5],
];
const FEMALE_GIVEN: Weighted = [
  ['Lan', 5], ['Mai', 5], ['Hương', 5], ['Hà', 4], ['Anh', 4], ['Linh', 4], ['Trang', 4], ['Thảo', 4], ['Hạnh', 3],
  ['Nga', 3], ['Huyền', 3], ['Phương', 3], ['Thủy', 3], ['Yến', 3], ['Ngọc', 2], ['Dung', 3], ['Hằng', 3],
  ['Nhung', 2], ['Loan', 2], ['Tuyết', 1], ['Quyên', 0.5], ['Oanh', 1], ['Liên', 2], ['Hoa', 3], ['Vân', 2],
  ['Nhàn', 1], ['Diệp', 0.3], ['Xuân', 1], ['Thư', 1], ['Uyên', 1],
];
// A share of women carry two middle names ("Nguyễn Thị Thu Hà").
const SECOND_MIDDLE: Weighted = uniform(['Thu', 'Minh', 'Ngọc', 'Kim', 'Thanh', 'Bích', 'Hồng', 'Diệu', 'Mỹ']);

// Legal persons are also judgment debtors; a few percent of the list.
const COMPANY_FORMS = ['Công ty TNHH', 'Công ty TNHH MTV', 'Công ty cổ phần', 'Doanh nghiệp tư nhân', 'Hợp tác xã'];
const COMPANY_WORDS = [
  'Thương mại', 'Xây dựng', 'Vận tải', 'Đầu tư', 'Dịch vụ', 'Sản xuất', 'Nông sản', 'Thủy sản', 'Địa ốc', 'Cơ khí',
  'Phát triển', 'Xuất nhập khẩu', 'May mặc', 'Nội thất', 'Vật liệu',
];
const COMPANY_NAMES = [
  'Hoàng Long', 'Minh Phát', 'Thành Công', 'An Khang', 'Phú Quý', 'Đại Việt', 'Sao Mai', 'Hưng Thịnh', 'Tân Tiến',
  'Bình Minh', 'Trường Sơn', 'Phương Đông', 'Kim Ngân', 'Việt Hưng', 'Đông Á', 'Nam Việt', 'Hòa Phát Lộc',
];

// Streets found in most towns, and ward/commune names (two-level administration since 1 July 2025).
const STREETS = [
  'Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Huệ', 'Hai Bà Trưng', 'Lý Thường Kiệt', 'Quang Trung', 'Hùng Vương',
  'Nguyễn Trãi', 'Lê Duẩn', 'Điện Biên Phủ', 'Phan Chu Trinh', 'Phan Bội Châu', 'Nguyễn Văn Cừ', 'Lê Thánh Tông',
  'Trần Phú', 'Nguyễn Du', 'Bà Triệu', 'Lê Hồng Phong', 'Võ Thị Sáu', 'Cách Mạng Tháng Tám', 'Nguyễn Thị Minh Khai',
  'Trường Chinh', 'Nguyễn Văn Linh', 'Phạm Văn Đồng', 'Võ Nguyên Giáp', 'Ngô Quyền', 'Hoàng Diệu', 'Tôn Đức Thắng',
  'Lạc Long Quân', 'Âu Cơ', 'Nguyễn Chí Thanh', 'Kim Mã', 'Giải Phóng', 'Láng', 'Xô Viết Nghệ Tĩnh', 'Bạch Đằng',
];
const WARD_STEMS = [
  'An Phú', 'Tân Định', 'Hòa Bình', 'Thạnh Mỹ', 'Tân Hòa', 'Phú Lợi', 'Long Thạnh', 'Bình An', 'Hòa Khánh', 'An Lạc',
  'Tân Phong', 'Quyết Thắng', 'Hồng Hải', 'Đông Hưng', 'Nghĩa Đô', 'Yên Hòa', 'Trung Sơn', 'Phú Mỹ', 'Vĩnh Hưng',
  'Tân Lập', 'Thống Nhất', 'Đồng Tâm', 'Quang Minh', 'Kim Liên', 'Hiệp Hòa', 'Tam Phước', 'Phước Long', 'Cẩm Phả',
  'Đức Thắng', 'Xuân Lộc', 'Tân Thành', 'Mỹ Phước', 'Hưng Lợi', 'Tân Hiệp', 'Thanh Xuân', 'Cát Lái',
];
// Real ward names for the two largest cities (the rest use the generic pool).
const CITY_WARDS: Record<string, readonly string[]> = {
  HNI: [
    'Ba Đình', 'Hoàn Kiếm', 'Cửa Nam', 'Hồng Hà', 'Ô Chợ Dừa', 'Đống Đa', 'Văn Miếu – Quốc Tử Giám', 'Kim Liên',
    'Láng', 'Cầu Giấy', 'Nghĩa Đô', 'Yên Hòa', 'Thanh Xuân', 'Khương Đình', 'Hoàng Mai', 'Long Biên', 'Bồ Đề',
    'Tây Hồ', 'Phú Thượng', 'Hà Đông', 'Dương Nội', 'Đông Anh', 'Sóc Sơn', 'Gia Lâm', 'Thường Tín',
  ],
  HCM: [
    'Sài Gòn', 'Bến Thành', 'Tân Định', 'Cầu Ông Lãnh', 'Bàn Cờ', 'Xuân Hòa', 'Chợ Lớn', 'Bình Tây', 'Tân Sơn Nhất',
    'Gò Vấp', 'Hạnh Thông', 'Bình Thạnh', 'Gia Định', 'Thủ Đức', 'Linh Xuân', 'Tân Bình', 'Phú Nhuận', 'Bình Dương',
    'Thủ Dầu Một', 'Vũng Tàu', 'Bà Rịa', 'Củ Chi', 'Hóc Môn', 'Bình Chánh', 'Nhà Bè',
  ],
};
// Population shares (roughly), so the province filter meets realistic list sizes.
const PROVINCE_WEIGHT: Record<string, number> = { HCM: 14, HNI: 9, HPG: 4.5, NBH: 4, PTO: 4, BNH: 3.7, THA: 3.7, NAN: 3.6, DNG: 3.1, GLI: 3.5, HYN: 3.5, DNI: 4.5, CTO: 3.2, VLG: 3.3, DTP: 4, AGG: 5 };
const PROVINCES: Weighted = provinces.map((pr) => [pr.code, PROVINCE_WEIGHT[pr.code] ?? 1.8] as const);
const provinceName = new Map(provinces.map((pr) => [pr.code, pr.name.vi]));
const provinceLevel = new Map(provinces.map((pr) => [pr.code, pr.kind === 'city' ? 'thành phố' : 'tỉnh']));
/** Regional offices seeded by db/seed/agencies.ts. */
const REGIONAL_OFFICES: Record<string, number> = { HNI: 4, HCM: 4, DNG: 3 };

// Judgment kinds: civil-part-of-criminal and civil first-instance dominate the no-conditions list.
const JUDGMENT_KINDS: Weighted = [['HS-ST', 34], ['DS-ST', 30], ['DS-PT', 6], ['HNGĐ-ST', 14], ['KDTM-ST', 10], ['HC-ST', 2], ['LĐ-ST', 2], ['HS-PT', 2]];
type Obligation = (amount: string, r: () => number) => string;
const OBLIGATIONS: readonly (readonly [Obligation, number, number, number])[] = [
  // [text, weight, min millions, max millions]
  [(a) => `Trả nợ ${a} đồng`, 30, 5, 3000],
  [(a) => `Bồi thường thiệt hại ${a} đồng`, 14, 2, 800],
  [(a) => `Nộp án phí dân sự sơ thẩm ${a} đồng`, 16, 0.2, 60],
  [(a) => `Nộp tiền phạt ${a} đồng`, 8, 5, 200],
  [(a) => `Hoàn trả tiền vay ${a} đồng và lãi chậm thi hành án`, 8, 10, 5000],
  [(a) => `Truy thu sung công quỹ nhà nước ${a} đồng`, 6, 1, 500],
  [(a) => `Cấp dưỡng nuôi con ${a} đồng/tháng`, 6, 1, 6],
  [(a) => `Thanh toán tiền hàng ${a} đồng`, 6, 20, 9000],
];
const ITEMS = [
  'Trả lại xe mô tô Honda Wave biển kiểm soát {p}-{n}', 'Trả lại giấy chứng nhận quyền sử dụng đất số CS{n}',
  'Trả lại 02 chỉ vàng 9999', 'Trả lại xe ô tô tải biển kiểm soát {p}C-{n}', 'Trả lại máy xúc Komatsu PC200',
  'Trả lại điện thoại iPhone và giấy tờ kèm theo',
];
const NO_MEANS_DETAILS = [
  'Không có thu nhập, không có tài sản để thi hành án',
  'Thu nhập chỉ bảo đảm cuộc sống tối thiểu; không có tài sản có thể kê biên',
  'Tài sản chỉ đủ chi phí cưỡng chế thi hành án',
  'Đang chấp hành hình phạt tù, không có tài sản',
];
const ADDRESS_UNKNOWN_DETAILS = ['Không rõ địa chỉ, đã bỏ đi khỏi nơi cư trú', 'Đã xác minh tại nơi cư trú, không xác định được nơi ở mới'];
const ITEM_GONE_DETAILS = ['Vật phải trả không còn', 'Tài sản đã bị hư hỏng đến mức không thể sử dụng', 'Giấy tờ không thể thu hồi, cấp lại'];

const pickSurname = picker(SURNAMES);
const pickMaleMiddle = picker(MALE_MIDDLE);
const pickFemaleMiddle = picker(FEMALE_MIDDLE);
const pickMaleGiven = picker(MALE_GIVEN);
const pickFemaleGiven = picker(FEMALE_GIVEN);
const pickSecondMiddle = picker(SECOND_MIDDLE);
const pickProvince = picker(PROVINCES);
const pickKind = picker(JUDGMENT_KINDS);
const pickObligation = picker(OBLIGATIONS.map(([, w], i) => [String(i), w] as const));

const DAY = 86_400_000;
/** Dates are relative to a fixed anchor, not the clock, so runs stay identical. */
export const ANCHOR = Date.UTC(2026, 10, 20);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const pickFrom = <T>(list: readonly T[], r: number): T => list[Math.floor(r * list.length)]!;
/** "125.000.000": Vietnamese thousands separator. */
export const dong = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

export function personName(r: () => number): string {
  const surname = pickSurname(r());
  if (r() < 0.55) return `${surname} ${pickMaleMiddle(r())} ${pickMaleGiven(r())}`;
  const middle = pickFemaleMiddle(r());
  return r() < 0.18 ? `${surname} ${middle} ${pickSecondMiddle(r())} ${pickFemaleGiven(r())}` : `${surname} ${middle} ${pickFemaleGiven(r())}`;
}

/** Entry number `index` of the list generated from `seed`: the same pair always gives the same row. */
export function registryRow(seed: number, index: number): RegistryRow {
  const r = prng(Math.imul(seed ^ 0x9e3779b9, 2654435761) ^ index);
  const province = pickProvince(r());
  const pName = provinceName.get(province)!;
  const offices = REGIONAL_OFFICES[province] ?? 0;
  const regional = offices > 0 && r() < 0.75 ? 1 + Math.floor(r() * offices) : 0;
  const agency = regional ? `${province}-KV${regional}` : province;

  const company = r() < 0.03;
  const debtor_name = company
    ? `${pickFrom(COMPANY_FORMS, r())} ${pickFrom(COMPANY_WORDS, r())} ${pickFrom(COMPANY_NAMES, r())}`
    : personName(r);

  const wards = CITY_WARDS[province];
  const ward = wards ? `phường ${pickFrom(wards, r())}` : `${r() < 0.6 ? 'xã' : 'phường'} ${pickFrom(WARD_STEMS, r())}`;
  const level = provinceLevel.get(province)!;
  const x = r();
  const street =
    x < 0.45
      ? `Số ${1 + Math.floor(r() * 300)} đường ${pickFrom(STREETS, r())}, `
      : x < 0.65
        ? `Số ${1 + Math.floor(r() * 120)}, ngõ ${1 + Math.floor(r() * 200)} ${pickFrom(STREETS, r())}, `
        : x < 0.95
          ? `Thôn ${1 + Math.floor(r() * 12)}, `
          : '';
  const debtor_address = `${street}${ward}, ${level} ${pName}`;

  const judgmentMs = ANCHOR - Math.floor(r() * 7 * 365) * DAY - 60 * DAY;
  const kind = pickKind(r());
  const year = new Date(judgmentMs).getUTCFullYear();
  const judgment_number = `${1 + Math.floor(r() * (kind.startsWith('HS') || kind.startsWith('DS') ? 480 : 160))}/${year}/${kind}`;
  const appeal = kind.endsWith('PT');
  const judgment_court = appeal
    ? `Tòa án nhân dân ${level} ${pName}`
    : year >= 2025 && judgmentMs >= Date.UTC(2025, 6, 1)
      ? `Tòa án nhân dân khu vực ${1 + Math.floor(r() * (province === 'HNI' || province === 'HCM' ? 12 : 6))} – ${pName}`
      : `Tòa án nhân dân huyện ${pickFrom(WARD_STEMS, r())}, ${level} ${pName}`;
  const decisionMs = judgmentMs + (15 + Math.floor(r() * 120)) * DAY;
  const decision_number = `${1 + Math.floor(r() * 2500)}/QĐ-THADS`;

  const rr = r();
  const reason: Reason = rr < 0.8 ? 'no_means' : rr < 0.92 ? 'address_unknown' : 'item_gone';
  let obligation: string;
  if (reason === 'item_gone') {
    obligation = pickFrom(ITEMS, r()).replace('{p}', String(11 + Math.floor(r() * 88))).replace('{n}', String(10000 + Math.floor(r() * 89999)));
  } else {
    const [text, , min, max] = OBLIGATIONS[Number(pickObligation(r()))]!;
    // Log-uniform amount, rounded to the thousand as judgments are.
    const millions = min * Math.pow(max / min, r());
    obligation = text(dong(Math.round(millions * 1000) * 1000), r);
  }
  const reason_detail =
    r() < 0.3 ? null : pickFrom(reason === 'no_means' ? NO_MEANS_DETAILS : reason === 'address_unknown' ? ADDRESS_UNKNOWN_DETAILS : ITEM_GONE_DETAILS, r());

  const publishedMs = Math.min(ANCHOR, decisionMs + (20 + Math.floor(r() * 200)) * DAY);
  // Re-verified at least every 6 months (yearly for unknown addresses).
  const verifiedMs = Math.max(publishedMs, ANCHOR - Math.floor(r() * (reason === 'address_unknown' ? 365 : 182)) * DAY);
  const removed = r() < 0.05;
  const removal = r();
  return {
    debtor_name,
    debtor_address,
    province_code: province,
    agency_code: agency,
    judgment_number,
    judgment_date: isoDay(judgmentMs),
    judgment_court,
    decision_number,
    decision_date: isoDay(decisionMs),
    obligation,
    reason,
    reason_detail,
    verified_on: isoDay(verifiedMs),
    published_on: isoDay(publishedMs),
    removed_on: removed ? isoDay(Math.min(ANCHOR, verifiedMs + Math.floor(r() * 60) * DAY)) : null,
    removal_reason: removed ? (removal < 0.6 ? 'conditions_appeared' : removal < 0.9 ? 'enforced' : 'revoked') : null,
  };
}

export const REGISTRY_COLUMNS = [
  'debtor_name', 'debtor_address', 'province_code', 'agency_code', 'judgment_number', 'judgment_date', 'judgment_court',
  'decision_number', 'decision_date', 'obligation', 'reason', 'reason_detail', 'verified_on', 'published_on',
  'removed_on', 'removal_reason',
] as const satisfies readonly (keyof RegistryRow)[];

/** Rows [from, to) as column arrays, ready for `insert … select * from unnest($1::text[], …)`. */
export function registryColumns(seed: number, from: number, to: number): (string | null)[][] {
  const cols: (string | null)[][] = REGISTRY_COLUMNS.map(() => []);
  for (let i = from; i < to; i++) {
    const row = registryRow(seed, i);
    REGISTRY_COLUMNS.forEach((c, k) => cols[k]!.push(row[c]));
  }
  return cols;
}
