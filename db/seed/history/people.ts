/**
 * Fake but plausible Vietnamese people for the demo history: names in the usual proportions of family names, an
 * address in the agency's province (two-level addresses, as after the 2025 merger), a personal ID number that passes
 * `checkCccd` (birth province, century-and-sex digit, birth year), a mobile number and an e-mail at demo.thads.vn —
 * so nobody mistakes them for real people.
 */
import type { Random } from './random.ts';

export interface FakePerson {
  fullName: string;
  female: boolean;
  dateOfBirth: string;
  cccd: string;
  phone: string;
  email: string;
  address: string;
}

const familyNames: readonly (readonly [string, number])[] = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9], ['Phạm', 7], ['Hoàng', 4], ['Huỳnh', 2], ['Phan', 4], ['Vũ', 3], ['Võ', 2],
  ['Đặng', 2], ['Bùi', 2], ['Đỗ', 1.5], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.6], ['Đinh', 0.8], ['Trịnh', 0.6],
];
const middleMale = ['Văn', 'Văn', 'Minh', 'Quốc', 'Đức', 'Hữu', 'Thanh', 'Công', 'Xuân', 'Quang', 'Ngọc'] as const;
const middleFemale = ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Hồng', 'Kim', 'Phương'] as const;
const givenMale = ['Hùng', 'Dũng', 'Nam', 'Tuấn', 'Hải', 'Long', 'Sơn', 'Thắng', 'Bình', 'Phúc', 'Khoa', 'Trung', 'Hiếu', 'Đạt', 'Cường', 'Quân', 'Việt', 'Tâm', 'Lợi', 'Thành', 'Huy', 'Kiên', 'Tùng', 'Vinh'] as const;
const givenFemale = ['Lan', 'Hương', 'Mai', 'Hà', 'Linh', 'Trang', 'Thảo', 'Nga', 'Hoa', 'Yến', 'Huyền', 'Ngân', 'Oanh', 'Vân', 'Thủy', 'Hạnh', 'Loan', 'Dung', 'Nhung', 'Chi', 'Anh', 'Quỳnh'] as const;

/** Per province of the agency: the birth-registration code most people there have, the streets and wards, the city's name. */
const places: Record<string, { birth: string; streets: readonly string[]; wards: readonly string[]; tail: string }> = {
  HNI: {
    birth: '001',
    streets: ['phố Kim Mã', 'phố Hào Nam', 'đường Láng', 'phố Tây Sơn', 'đường Nguyễn Trãi', 'phố Đội Cấn', 'đường Giải Phóng', 'phố Minh Khai', 'đường Phạm Văn Đồng', 'phố Hàng Bông'],
    wards: ['phường Giảng Võ', 'phường Ô Chợ Dừa', 'phường Láng', 'phường Đống Đa', 'phường Thanh Xuân', 'phường Ba Đình', 'phường Hoàng Mai', 'phường Cầu Giấy', 'xã Sóc Sơn', 'xã Thanh Trì'],
    tail: 'thành phố Hà Nội',
  },
  HCM: {
    birth: '079',
    streets: ['đường Lê Văn Sỹ', 'đường Nguyễn Thị Minh Khai', 'đường Cách Mạng Tháng Tám', 'đường Trần Hưng Đạo', 'đường Phan Xích Long', 'đường Lý Thường Kiệt', 'đường Võ Văn Kiệt', 'đường Nguyễn Oanh'],
    wards: ['phường Nhiêu Lộc', 'phường Bến Thành', 'phường Sài Gòn', 'phường Tân Định', 'phường Gò Vấp', 'phường Bình Thạnh', 'phường Chợ Lớn', 'xã Củ Chi'],
    tail: 'Thành phố Hồ Chí Minh',
  },
  DNG: {
    birth: '048',
    streets: ['đường Phan Châu Trinh', 'đường Nguyễn Văn Linh', 'đường Lê Duẩn', 'đường Điện Biên Phủ', 'đường Ngô Quyền', 'đường Tôn Đức Thắng'],
    wards: ['phường Hải Châu', 'phường Thanh Khê', 'phường Sơn Trà', 'phường Ngũ Hành Sơn', 'phường Cẩm Lệ', 'phường Hội An'],
    tail: 'thành phố Đà Nẵng',
  },
  HPG: {
    birth: '031',
    streets: ['đường Lạch Tray', 'đường Lê Lợi', 'đường Trần Nguyên Hãn', 'phố Cầu Đất'],
    wards: ['phường Ngô Quyền', 'phường Lê Chân', 'phường Hồng Bàng', 'phường Kiến An'],
    tail: 'thành phố Hải Phòng',
  },
  CTO: {
    birth: '092',
    streets: ['đường 30 Tháng 4', 'đường Mậu Thân', 'đường Nguyễn Văn Cừ', 'đường Trần Hưng Đạo'],
    wards: ['phường Ninh Kiều', 'phường Cái Khế', 'phường Bình Thủy', 'phường Cái Răng'],
    tail: 'thành phố Cần Thơ',
  },
  KHA: {
    birth: '056',
    streets: ['đường Trần Phú', 'đường Lê Thánh Tôn', 'đường 23 Tháng 10', 'đường Yersin'],
    wards: ['phường Nha Trang', 'phường Bắc Nha Trang', 'phường Cam Ranh', 'phường Ninh Hòa'],
    tail: 'tỉnh Khánh Hòa',
  },
  NAN: {
    birth: '040',
    streets: ['đường Lê Lợi', 'đường Quang Trung', 'đường Nguyễn Du', 'đường Trường Thi'],
    wards: ['phường Trường Vinh', 'phường Thành Vinh', 'phường Vinh Hưng', 'xã Nghi Lộc'],
    tail: 'tỉnh Nghệ An',
  },
};

const mobilePrefixes = ['090', '091', '093', '094', '096', '097', '098', '032', '033', '035', '037', '038', '070', '077', '079', '081', '083', '085', '088'] as const;

/** Lower-case ASCII for an e-mail's local part (đ → d, accents dropped). */
function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replaceAll('đ', 'd')
    .replaceAll('Đ', 'D')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** An address in `province` (one of the places above; others get Hà Nội's). */
export function fakeAddress(random: Random, province: string): string {
  const place = places[province] ?? places.HNI!;
  const house = random.int(1, 220);
  const lane = random.chance(0.4) ? ` ngõ ${random.int(2, 180)}` : '';
  return `Số ${house}${lane} ${random.pick(place.streets)}, ${random.pick(place.wards)}, ${place.tail}`;
}

/** A person living in `province`, born between 1950 and 2004; `n` keeps e-mail addresses apart. */
export function fakePerson(random: Random, province: string, n: number): FakePerson {
  const female = random.chance(0.48);
  const family = random.weighted(familyNames);
  const middle = random.pick(female ? middleFemale : middleMale);
  const given = random.pick(female ? givenFemale : givenMale);
  const year = random.int(1950, 2004);
  const dateOfBirth = `${year}-${pad(random.int(1, 12), 2)}-${pad(random.int(1, 28), 2)}`;
  const place = places[province] ?? places.HNI!;
  // Most people were registered at birth where they live; some elsewhere.
  const birth = random.chance(0.8) ? place.birth : random.pick(Object.values(places)).birth;
  const centuryAndSex = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
  const cccd = `${birth}${centuryAndSex}${pad(year % 100, 2)}${pad(random.int(0, 999_999), 6)}`;
  const phone = `${random.pick(mobilePrefixes)}${pad(random.int(0, 9_999_999), 7)}`;
  const email = `${ascii(given)}.${ascii(family)}${n}@demo.thads.vn`;
  return { fullName: `${family} ${middle} ${given}`, female, dateOfBirth, cccd, phone, email, address: fakeAddress(random, province) };
}
