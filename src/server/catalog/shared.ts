/** Documents, fee wording and steps that several procedures share, so each is written (and corrected) once. */
import type { DocumentRequirement, Text } from './types.ts';

/** The written authorisation a representative files with (procedures.md, common rules). */
export const authorisationDocument: DocumentRequirement = {
  id: 'authorisation',
  name: {
    vi: 'Văn bản ủy quyền ghi rõ phạm vi và thời hạn ủy quyền (có công chứng, chứng thực hoặc xác nhận tại cơ quan thi hành án)',
    en: 'A written authorisation stating its scope and term (notarised, certified, or confirmed at the enforcement agency)',
  },
  required: false,
  when: { vi: 'Khi người đại diện nộp thay đương sự', en: 'When a representative files for a party' },
};

/** An application form, named per procedure. */
export function applicationDocument(name: Text): DocumentRequirement {
  return { id: 'application', name, required: true };
}

/** Filing costs nothing (no filing fee is listed for any of these procedures). */
export const noFee: Text = {
  vi: 'Không mất phí, lệ phí nộp hồ sơ.',
  en: 'There is no fee to apply.',
};

/** Steps that read the same in every one-stop procedure. */
export const commonSteps = {
  receipt: {
    vi: 'Nhận mã hồ sơ và giấy tiếp nhận hồ sơ, hẹn trả kết quả. Nếu hồ sơ còn thiếu, cơ quan thi hành án báo một lần, đầy đủ những gì cần bổ sung.',
    en: 'Get your dossier code and a receipt showing when the result is due. If anything is missing, the agency tells you once, in full, what to add.',
  },
  track: {
    vi: 'Theo dõi tiến độ bằng mã hồ sơ trên cổng này; mỗi bước xử lý đều được báo qua thư điện tử.',
    en: 'Follow progress with your dossier code on this portal; every step is also sent to you by email.',
  },
} satisfies Record<string, Text>;
