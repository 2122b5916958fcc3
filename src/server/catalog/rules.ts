/**
 * The two legal regimes and the helpers that pick the rules in force on a date.
 *
 * Until 30 June 2026: the Law on Civil Judgment Enforcement 2008 (as amended) with Decree 62/2015/NĐ-CP.
 * From 1 July 2026: the Law on Civil Judgment Enforcement No. 106/2025/QH15 with its implementing decree, carried
 * here as Decree 152/2026/NĐ-CP, which repeals Decree 62.
 *
 * What was checked (November 2026) and where:
 * - Law 106/2025/QH15: passed on 5 December 2025, in force from 1 July 2026, replacing the 2008 Law; 5 chapters,
 *   116 articles — https://demothads.moj.gov.vn/gialai/tin-tuc/chi-tiet/mot-so-iem-moi-cua-luat-thi-hanh-an-dan-su-nam-2025-t8vulj.html
 *   (the enforcement agencies' own portal) and https://ata-legal.com/luat-thi-hanh-an-dan-su-2025-nhieu-quy-dinh-moi-tang-cuong-va-thuc-day-hieu-qua-trong-thi-hanh-an-dan-su.
 *   Its text itself was not reachable, so no article of it is cited and no figure rests on it alone.
 * - The implementing decree: Decision 2835/QĐ-TTg of 31 December 2025 lists it for drafting ("Nghị định quy định chi
 *   tiết một số điều và biện pháp thi hành Luật Thi hành án dân sự", detailing Art. 9(4) of the Law among others) —
 *   http://tintuc.thuvienphapluat.com/ho-tro-phap-luat/chinh-sach-moi/102417/3-nghi-dinh-huong-dan-luat-thi-hanh-an-dan-su-2025.
 *   No official text of it was found: its number, articles and time limits come from an unofficial copy and each
 *   figure taken from it says so (`unconfirmed`). Not to be confused with Decree 152/2024/NĐ-CP of 15 November 2024,
 *   which amended Decree 62/2015 — https://trogiupluat.vn/van-ban/nghi-dinh-152-2024-nd-cp-sua-doi-nghi-dinh-62-2015-nd-cp-huong-dan-luat-thi-hanh-an-dan-su-duoc-sua--673f13475345269ddb70310b.html.
 * - Old-regime figures: Art. 36 of the 2008 Law (5 working days to decide on a request) —
 *   https://tkshcm.edu.vn/quy-dinh-cua-phap-luat-ve-thoi-han-thi-hanh-an-dan-su/; confirmation of a result within
 *   5 working days (Decision 630/QĐ-BTP of 25 February 2026) —
 *   http://tintuc.thuvienphapluat.com/ho-tro-phap-luat/chinh-sach-moi/106846/thu-tuc-xac-nhan-ket-qua-thi-hanh-an-moi-nhat;
 *   the grounds for changing an officer (Decree 62/2015 Art. 10) —
 *   https://baophapluat.vn/can-huong-dan-cu-the-ve-quy-dinh-chap-hanh-vien-khong-vo-tu-khi-lam-nhiem-vu-post296257.html.
 * - One-stop reception (receipt, supplement request, refusal, apology): Decree 118/2025/NĐ-CP of 9 June 2025 on the
 *   one-stop mechanism at the one-stop units and the national public service portal, in force from 1 July 2025,
 *   governs what Decree 61/2018/NĐ-CP did, so 61/2018 is no longer cited (the repeal clause itself was not in the
 *   parts of the text that could be read) —
 *   https://www.hethongphapluat.vn/nghi-dinh-118-2025-nd-cp-thuc-hien-thu-tuc-hanh-chinh-theo-co-che-mot-cua-mot-cua-lien-thong-tai-bo-phan-mot-cua-va-cong-dich-vu-cong-quoc-gia.html,
 *   https://dientuungdung.vn/quy-dinh-moi-ve-to-chuc-bo-phan-mot-cua-tai-cap-bo-cap-tinh-va-cap-xa-9663.html.
 */
import { inForceOn } from './in-force.ts';
import type { Citation, DateISO, Procedure, RuleSet, Text, Unconfirmed } from './types.ts';

/** The first day the 2025 Law and Decree 152/2026 apply. */
export const NEW_REGIME_FROM: DateISO = '2026-07-01';

/**
 * The first day the catalog's old-regime rules describe: the 2014 amendments to the 2008 Law took effect on 1 July
 * 2015. Dossiers in this portal are all later, so nothing depends on the exact day.
 */
export const OLD_REGIME_FROM: DateISO = '2015-07-01';

/** Instrument numbers, spelled as they are printed. */
export const instruments = {
  law2008: '26/2008/QH12',
  law2025: '106/2025/QH15',
  decree62: '62/2015/NĐ-CP',
  decree152: '152/2026/NĐ-CP',
  decision630: '630/QĐ-BTP',
  circular13: '13/2021/TT-BTP',
  circular216: '216/2016/TT-BTC',
  denunciationLaw: '25/2018/QH14',
} as const;

/** A citation: short references in both languages and the instrument's number. */
export function cite(vi: string, en: string, instrument: string): Citation {
  return { ref: { vi, en }, instrument };
}

/** A provision of the 2008 Law, e.g. `law2008('khoản 2 Điều 31', 'Art. 31(2)')`. */
export function law2008(vi: string, en: string): Citation {
  return cite(`${vi} Luật Thi hành án dân sự 2008`, `${en}, Law on Civil Judgment Enforcement 2008`, instruments.law2008);
}

/** The 2025 Law as a whole (its number and date are confirmed; its articles are not cited, see above). */
export const law2025: Citation = cite(
  'Luật Thi hành án dân sự số 106/2025/QH15',
  'Law on Civil Judgment Enforcement No. 106/2025/QH15',
  instruments.law2025,
);

/** Why a figure read in the unofficial copy of the implementing decree is shown unconfirmed. */
export function fromUnofficialDecree(figureVi: string, figureEn: string): Unconfirmed {
  return {
    vi: `${figureVi} lấy từ bản sao không chính thức của Nghị định 152/2026/NĐ-CP; chưa đối chiếu được với văn bản chính thức.`,
    en: `${figureEn}: from an unofficial copy of Decree 152/2026/NĐ-CP; not yet checked against the official text.`,
  };
}

/** Why a figure carried over from the 2008 Law is shown unconfirmed under the 2025 Law. */
export function keptFromOldLaw(figureVi: string, figureEn: string): Unconfirmed {
  return {
    vi: `${figureVi} giữ như trước ngày 01/7/2026; chưa đối chiếu được với văn bản chính thức của Luật số 106/2025/QH15.`,
    en: `${figureEn}: kept from before 1 July 2026; not yet checked against the official text of Law No. 106/2025/QH15.`,
  };
}

/** A provision of Decree 152/2026, e.g. `decree152('khoản 3 Điều 32', 'Art. 32(3)')`: its numbering is unconfirmed. */
export function decree152(vi: string, en: string): Citation {
  return {
    ...cite(`${vi} Nghị định 152/2026/NĐ-CP`, `${en}, Decree 152/2026/NĐ-CP`, instruments.decree152),
    unconfirmed: fromUnofficialDecree('Số hiệu và điều khoản', 'The number and article'),
  };
}

/** A provision of Decree 62/2015 (repealed on 1 July 2026). */
export function decree62(vi: string, en: string): Citation {
  return cite(`${vi} Nghị định 62/2015/NĐ-CP`, `${en}, Decree 62/2015/NĐ-CP`, instruments.decree62);
}

/** The usual "from a complete application" starting point of a one-stop time limit. */
export const fromCompleteApplication: Text = {
  vi: 'kể từ ngày nhận đủ hồ sơ hợp lệ',
  en: 'from the day a complete application is received',
};

/**
 * The rule set in force on the day a dossier was received: the latest one that took effect on or before that day.
 * A day before the oldest rule set gets the oldest (the catalog does not go further back).
 */
export function rulesFor(procedure: Pick<Procedure, 'rules'>, receivedOn: DateISO): RuleSet {
  return inForceOn(procedure.rules, receivedOn);
}

/** Rule sets already enacted that take effect after `on` (shown beside the current ones on guidance pages). */
export function upcomingRules(procedure: Pick<Procedure, 'rules'>, on: DateISO): RuleSet[] {
  return procedure.rules.filter((rules) => rules.effectiveFrom > on);
}
