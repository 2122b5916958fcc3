/**
 * The 34 provincial-level units since 1 July 2025 (Resolution 202/2025/QH15).
 * Codes are the portal's own stable three-letter codes; they appear in agency codes.
 */
export interface Province {
  code: string;
  kind: 'city' | 'province';
  /** Name without the "Thành phố"/"Tỉnh" prefix. */
  name: { vi: string; en: string };
  /** Former units merged into this one (empty when unchanged), so old addresses can be placed. */
  formedFrom: string[];
}

const p = (code: string, kind: Province['kind'], vi: string, en: string, formedFrom: string[] = []): Province => ({
  code,
  kind,
  name: { vi, en },
  formedFrom,
});

export const provinces: Province[] = [
  p('HNI', 'city', 'Hà Nội', 'Hanoi'),
  p('HUE', 'city', 'Huế', 'Hue'),
  p('LCU', 'province', 'Lai Châu', 'Lai Chau'),
  p('DBN', 'province', 'Điện Biên', 'Dien Bien'),
  p('SLA', 'province', 'Sơn La', 'Son La'),
  p('LSN', 'province', 'Lạng Sơn', 'Lang Son'),
  p('QNH', 'province', 'Quảng Ninh', 'Quang Ninh'),
  p('THA', 'province', 'Thanh Hóa', 'Thanh Hoa'),
  p('NAN', 'province', 'Nghệ An', 'Nghe An'),
  p('HTH', 'province', 'Hà Tĩnh', 'Ha Tinh'),
  p('CBG', 'province', 'Cao Bằng', 'Cao Bang'),
  p('TQG', 'province', 'Tuyên Quang', 'Tuyen Quang', ['Tuyên Quang', 'Hà Giang']),
  p('LCI', 'province', 'Lào Cai', 'Lao Cai', ['Lào Cai', 'Yên Bái']),
  p('TNN', 'province', 'Thái Nguyên', 'Thai Nguyen', ['Thái Nguyên', 'Bắc Kạn']),
  p('PTO', 'province', 'Phú Thọ', 'Phu Tho', ['Phú Thọ', 'Vĩnh Phúc', 'Hòa Bình']),
  p('BNH', 'province', 'Bắc Ninh', 'Bac Ninh', ['Bắc Ninh', 'Bắc Giang']),
  p('HYN', 'province', 'Hưng Yên', 'Hung Yen', ['Hưng Yên', 'Thái Bình']),
  p('HPG', 'city', 'Hải Phòng', 'Hai Phong', ['Hải Phòng', 'Hải Dương']),
  p('NBH', 'province', 'Ninh Bình', 'Ninh Binh', ['Ninh Bình', 'Hà Nam', 'Nam Định']),
  p('QTR', 'province', 'Quảng Trị', 'Quang Tri', ['Quảng Trị', 'Quảng Bình']),
  p('DNG', 'city', 'Đà Nẵng', 'Da Nang', ['Đà Nẵng', 'Quảng Nam']),
  p('QNI', 'province', 'Quảng Ngãi', 'Quang Ngai', ['Quảng Ngãi', 'Kon Tum']),
  p('GLI', 'province', 'Gia Lai', 'Gia Lai', ['Gia Lai', 'Bình Định']),
  p('KHA', 'province', 'Khánh Hòa', 'Khanh Hoa', ['Khánh Hòa', 'Ninh Thuận']),
  p('LDG', 'province', 'Lâm Đồng', 'Lam Dong', ['Lâm Đồng', 'Đắk Nông', 'Bình Thuận']),
  p('DLK', 'province', 'Đắk Lắk', 'Dak Lak', ['Đắk Lắk', 'Phú Yên']),
  p('HCM', 'city', 'Hồ Chí Minh', 'Ho Chi Minh City', ['Hồ Chí Minh', 'Bình Dương', 'Bà Rịa – Vũng Tàu']),
  p('DNI', 'province', 'Đồng Nai', 'Dong Nai', ['Đồng Nai', 'Bình Phước']),
  p('TNH', 'province', 'Tây Ninh', 'Tay Ninh', ['Tây Ninh', 'Long An']),
  p('CTO', 'city', 'Cần Thơ', 'Can Tho', ['Cần Thơ', 'Sóc Trăng', 'Hậu Giang']),
  p('VLG', 'province', 'Vĩnh Long', 'Vinh Long', ['Vĩnh Long', 'Bến Tre', 'Trà Vinh']),
  p('DTP', 'province', 'Đồng Tháp', 'Dong Thap', ['Đồng Tháp', 'Tiền Giang']),
  p('AGG', 'province', 'An Giang', 'An Giang', ['An Giang', 'Kiên Giang']),
  p('CMU', 'province', 'Cà Mau', 'Ca Mau', ['Cà Mau', 'Bạc Liêu']),
];

const byCode = new Map(provinces.map((pr) => [pr.code, pr]));

/** The province with this code, if any. */
export function provinceByCode(code: string): Province | undefined {
  return byCode.get(code);
}

/** "Thành phố Hà Nội" / "Hanoi City", "Tỉnh Lai Châu" / "Lai Chau Province". */
export function provinceFullName(pr: Province, locale: 'vi' | 'en'): string {
  if (locale === 'vi') return `${pr.kind === 'city' ? 'Thành phố' : 'Tỉnh'} ${pr.name.vi}`;
  if (pr.code === 'HCM') return pr.name.en;
  return `${pr.name.en} ${pr.kind === 'city' ? 'City' : 'Province'}`;
}
