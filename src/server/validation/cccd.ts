/**
 * Checks for Vietnamese personal identifiers: the 12-digit personal ID number (số định danh cá nhân, printed on the
 * CCCD / căn cước card) and mobile phone numbers.
 */
import { todayInVietnam } from './dates.ts';

/**
 * Codes of the province or city where a birth was registered: the first three digits of a personal ID number
 * (Circular 07/2016/TT-BCA, Appendix I, carried over by later circulars). The 2025 merger of provinces issued no new
 * codes, and numbers already issued never change, so the 63 former units are the valid set.
 */
export const BIRTH_PROVINCE_CODES: ReadonlyMap<string, string> = new Map([
  ['001', 'Hà Nội'], ['002', 'Hà Giang'], ['004', 'Cao Bằng'], ['006', 'Bắc Kạn'], ['008', 'Tuyên Quang'],
  ['010', 'Lào Cai'], ['011', 'Điện Biên'], ['012', 'Lai Châu'], ['014', 'Sơn La'], ['015', 'Yên Bái'],
  ['017', 'Hòa Bình'], ['019', 'Thái Nguyên'], ['020', 'Lạng Sơn'], ['022', 'Quảng Ninh'], ['024', 'Bắc Giang'],
  ['025', 'Phú Thọ'], ['026', 'Vĩnh Phúc'], ['027', 'Bắc Ninh'], ['030', 'Hải Dương'], ['031', 'Hải Phòng'],
  ['033', 'Hưng Yên'], ['034', 'Thái Bình'], ['035', 'Hà Nam'], ['036', 'Nam Định'], ['037', 'Ninh Bình'],
  ['038', 'Thanh Hóa'], ['040', 'Nghệ An'], ['042', 'Hà Tĩnh'], ['044', 'Quảng Bình'], ['045', 'Quảng Trị'],
  ['046', 'Thừa Thiên Huế'], ['048', 'Đà Nẵng'], ['049', 'Quảng Nam'], ['051', 'Quảng Ngãi'], ['052', 'Bình Định'],
  ['054', 'Phú Yên'], ['056', 'Khánh Hòa'], ['058', 'Ninh Thuận'], ['060', 'Bình Thuận'], ['062', 'Kon Tum'],
  ['064', 'Gia Lai'], ['066', 'Đắk Lắk'], ['067', 'Đắk Nông'], ['068', 'Lâm Đồng'], ['070', 'Bình Phước'],
  ['072', 'Tây Ninh'], ['074', 'Bình Dương'], ['075', 'Đồng Nai'], ['077', 'Bà Rịa – Vũng Tàu'],
  ['079', 'Hồ Chí Minh'], ['080', 'Long An'], ['082', 'Tiền Giang'], ['083', 'Bến Tre'], ['084', 'Trà Vinh'],
  ['086', 'Vĩnh Long'], ['087', 'Đồng Tháp'], ['089', 'An Giang'], ['091', 'Kiên Giang'], ['092', 'Cần Thơ'],
  ['093', 'Hậu Giang'], ['094', 'Sóc Trăng'], ['095', 'Bạc Liêu'], ['096', 'Cà Mau'],
]);

export type Sex = 'male' | 'female';

export type CccdCheck =
  | { ok: true; birthYear: number; sex: Sex }
  | { ok: false; reason: 'format' | 'province' | 'century' | 'birth_year' };

/**
 * Checks a 12-digit personal ID number: digits 1–3 a birth-registration province code, digit 4 the century and sex
 * (even = male, odd = female; 0/1 → 1900s, 2/3 → 2000s, 4/5 → 2100s, 6/7 → 2200s, 8/9 → 2300s, as Circular
 * 07/2016/TT-BCA Art. 7 assigns them), digits 5–6 the last two digits of the birth year.
 *
 * A century that has not begun yet is `century`; a year later than this year, or one that differs from the year of
 * `dateOfBirth` (yyyy-mm-dd) when given, is `birthYear`. Surrounding whitespace is ignored; nothing else is.
 */
export function checkCccd(value: string, dateOfBirth?: string): CccdCheck {
  const digits = value.trim();
  if (!/^\d{12}$/.test(digits)) return { ok: false, reason: 'format' };
  if (!BIRTH_PROVINCE_CODES.has(digits.slice(0, 3))) return { ok: false, reason: 'province' };

  const code = Number(digits.charAt(3));
  const century = 1900 + Math.floor(code / 2) * 100;
  const thisYear = Number(todayInVietnam().slice(0, 4));
  if (century > thisYear) return { ok: false, reason: 'century' };

  const birthYear = century + Number(digits.slice(4, 6));
  if (birthYear > thisYear) return { ok: false, reason: 'birth_year' };
  if (dateOfBirth !== undefined && Number(dateOfBirth.slice(0, 4)) !== birthYear) {
    return { ok: false, reason: 'birth_year' };
  }
  return { ok: true, birthYear, sex: code % 2 === 0 ? 'male' : 'female' };
}

export type PhoneCheck = { ok: true; phone: string } | { ok: false };

/**
 * Checks a Vietnamese mobile number and returns it as 0xxxxxxxxx. Accepts the +84 or 84 country prefix and spaces,
 * dots, hyphens or brackets between digit groups ("+84 912.345.678"). Mobile numbers have 10 digits and start with
 * 03, 05, 07, 08 or 09 since the 2018 renumbering; any third digit is accepted, so newly opened ranges still pass.
 */
export function checkVnPhone(value: string): PhoneCheck {
  let phone = value.trim().replace(/[\s.\-()]/g, '');
  if (phone.startsWith('+84')) phone = `0${phone.slice(3)}`;
  else if (phone.startsWith('84') && phone.length === 11) phone = `0${phone.slice(2)}`;
  return /^0[35789]\d{8}$/.test(phone) ? { ok: true, phone } : { ok: false };
}
