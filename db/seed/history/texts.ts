/** What staff and citizens wrote in the demo history: reasons, notes, subjects, in the dossier's language. */

type Both = { vi: string; en: string };

export const texts = {
  supplementReasons: [
    {
      vi: 'Đề nghị bổ sung bản sao bản án có chứng thực (bản đã nộp không đọc được trang 2).',
      en: 'Please send a certified copy of the judgment (page 2 of the copy sent cannot be read).',
    },
    {
      vi: 'Đề nghị bổ sung văn bản ủy quyền có công chứng của người được thi hành án.',
      en: 'Please send the notarised authorisation of the judgment creditor.',
    },
    {
      vi: 'Đề nghị bổ sung quyết định thi hành án có liên quan (số và ngày ban hành).',
      en: 'Please send the related enforcement decision (its number and date).',
    },
    {
      vi: 'Đề nghị bổ sung xác nhận của Ủy ban nhân dân cấp xã về hoàn cảnh kinh tế khó khăn.',
      en: 'Please send the commune People’s Committee’s confirmation of your financial hardship.',
    },
    {
      vi: 'Ảnh căn cước đã nộp bị mờ; đề nghị nộp lại ảnh rõ hai mặt.',
      en: 'The photo of your ID card cannot be read; please send a clear photo of both sides.',
    },
  ] satisfies Both[],
  supplementNotes: [
    { vi: 'Tôi gửi bổ sung tài liệu theo yêu cầu.', en: 'I am sending the documents requested.' },
    { vi: 'Gửi bản chứng thực mới, bản cũ bị mờ.', en: 'Here is a new certified copy; the old one was blurred.' },
    { vi: 'Đã bổ sung văn bản ủy quyền.', en: 'The authorisation is attached.' },
  ] satisfies Both[],
  refusalReasons: [
    {
      vi: 'Vụ việc không thuộc thẩm quyền của cơ quan; đề nghị gửi tới cơ quan thi hành án nơi đang thi hành vụ việc.',
      en: 'The case is outside this agency’s jurisdiction; please apply to the agency handling it.',
    },
    {
      vi: 'Bản án chưa có hiệu lực pháp luật; đề nghị nộp lại khi bản án có hiệu lực.',
      en: 'The judgment is not yet final; please apply again once it is.',
    },
    {
      vi: 'Người nộp không phải là đương sự và không có văn bản ủy quyền hợp lệ.',
      en: 'The applicant is not a party and has no valid authorisation.',
    },
  ] satisfies Both[],
  rejectReasons: [
    {
      vi: 'Đã hết thời hiệu yêu cầu thi hành án và không có lý do trở ngại khách quan.',
      en: 'The limitation period for requesting enforcement has expired with no objective obstacle shown.',
    },
    {
      vi: 'Không đủ điều kiện được miễn, giảm theo quy định: người yêu cầu có tài sản để thi hành án.',
      en: 'The conditions for an exemption or reduction are not met: the applicant has assets to pay.',
    },
  ] satisfies Both[],
  apologyReasons: [
    {
      vi: 'Cần xác minh thêm thông tin tài sản tại cơ quan đăng ký đất đai; chúng tôi xin lỗi vì sự chậm trễ.',
      en: 'The land registry has to confirm the assets first; we apologise for the delay.',
    },
    {
      vi: 'Chấp hành viên được phân công nghỉ ốm đột xuất; hồ sơ đã được giao cho người khác. Chúng tôi xin lỗi ông/bà.',
      en: 'The officer in charge fell ill; the dossier has been passed to a colleague. We apologise.',
    },
    {
      vi: 'Cần lấy ý kiến của Tòa án về nội dung bản án chưa rõ; chúng tôi xin lỗi và hẹn lại ngày trả kết quả.',
      en: 'The court must first clarify part of the judgment; we apologise and set a new date.',
    },
  ] satisfies Both[],
  rejectionOfPetition: [
    'Người khiếu nại không có quyền, lợi ích hợp pháp liên quan trực tiếp đến quyết định bị khiếu nại (Điều 141).',
    'Đơn khiếu nại đã quá thời hiệu mà không có lý do chính đáng.',
    'Quyết định bị khiếu nại đã được giải quyết bằng quyết định có hiệu lực pháp luật.',
  ],
  transferOfPetition: [
    'Nội dung đơn thuộc thẩm quyền giải quyết của Tòa án nhân dân khu vực; đã chuyển đơn và thông báo cho người gửi.',
    'Nội dung đơn thuộc thẩm quyền của Cục Quản lý thi hành án dân sự; đã chuyển đơn.',
  ],
  fileAway: ['Đơn không rõ nội dung, không ký tên và không có địa chỉ liên hệ.', 'Đơn trùng nội dung với đơn đã được thụ lý giải quyết.'],
  extensionReasons: [
    'Vụ việc phức tạp, cần xác minh tại nhiều cơ quan; gia hạn thời hạn giải quyết.',
    'Cần tổ chức đối thoại với các bên có liên quan; gia hạn thời hạn giải quyết.',
  ],
  decisionFindings: {
    right: ['Quyết định bị khiếu nại được ban hành khi chưa hết thời hạn tự nguyện thi hành án.', 'Chấp hành viên kê biên tài sản có giá trị vượt quá nghĩa vụ phải thi hành và chi phí.'],
    partly_right: ['Việc kê biên là có căn cứ, nhưng giá khởi điểm chưa được thông báo cho đương sự đúng hạn.', 'Chấp hành viên xác minh đúng, nhưng chậm thông báo kết quả cho người được thi hành án.'],
    wrong: ['Quyết định bị khiếu nại được ban hành đúng thẩm quyền, trình tự và thời hạn.', 'Việc cưỡng chế được thực hiện sau khi hết thời hạn tự nguyện, có thông báo hợp lệ cho đương sự.'],
  },
  conclusionFindings: {
    right: ['Người bị tố cáo đã nhận tiền của đương sự ngoài quy định.'],
    partly_right: ['Người bị tố cáo có chậm trễ trong tổ chức thi hành án, không có căn cứ về việc nhận tiền.'],
    wrong: ['Không có căn cứ xác định người bị tố cáo vi phạm như nội dung tố cáo.'],
  },
  conclusionMeasures: {
    right: ['Kiến nghị xử lý kỷ luật; hoàn trả khoản tiền đã nhận cho đương sự.'],
    partly_right: ['Kiểm điểm, rút kinh nghiệm; đôn đốc tổ chức thi hành án đúng thời hạn.'],
    wrong: ['Không xử lý; thông báo kết luận cho người bị tố cáo.'],
  },
  decisionNotes: [
    'Quyết định giải quyết khiếu nại được gửi kèm; ông/bà có quyền khiếu nại tiếp nếu không đồng ý.',
    'Kết quả giải quyết được gửi kèm theo.',
  ],
  complaintCases: [
    {
      subject: 'coercion',
      act: 'Quyết định cưỡng chế kê biên quyền sử dụng đất và nhà ở',
      wrong: 'Tài sản bị kê biên có giá trị lớn hơn nhiều so với nghĩa vụ còn phải thi hành; tôi đã tự nguyện nộp một phần tiền.',
      request: 'Hủy quyết định cưỡng chế và cho tôi nộp số tiền còn lại.',
    },
    {
      subject: 'beforeCoercion',
      act: 'Quyết định thi hành án chủ động',
      wrong: 'Quyết định ghi sai số tiền phải thi hành so với bản án.',
      request: 'Sửa quyết định theo đúng số tiền trong bản án.',
    },
    {
      subject: 'accountFreeze',
      act: 'Quyết định phong tỏa tài khoản',
      wrong: 'Tài khoản bị phong tỏa là tài khoản nhận lương, số dư vượt quá nghĩa vụ phải thi hành.',
      request: 'Gỡ bỏ phong tỏa đối với phần vượt quá nghĩa vụ.',
    },
    {
      subject: 'otherSecurity',
      act: 'Quyết định tạm dừng việc đăng ký, chuyển dịch tài sản',
      wrong: 'Tài sản bị tạm dừng đăng ký không thuộc sở hữu của người phải thi hành án.',
      request: 'Chấm dứt việc tạm dừng đăng ký đối với tài sản của tôi.',
    },
    {
      subject: 'afterCoercion',
      act: 'Việc bán đấu giá tài sản đã kê biên',
      wrong: 'Giá khởi điểm thấp hơn nhiều so với giá thị trường; tôi không được thông báo kết quả thẩm định giá.',
      request: 'Tổ chức thẩm định giá lại trước khi bán đấu giá.',
    },
  ],
  denunciations: [
    'Chấp hành viên gợi ý nhận tiền để đẩy nhanh việc chi trả tiền thi hành án.',
    'Cán bộ cố ý kéo dài việc xác minh điều kiện thi hành án để có lợi cho người phải thi hành án.',
    'Chấp hành viên tiết lộ thông tin tài sản của người được thi hành án cho người ngoài.',
  ],
  visitSubjects: [
    { category: 'guidance', subject: 'Hỏi thủ tục yêu cầu thi hành án đối với bản án dân sự (trả nợ).' },
    { category: 'guidance', subject: 'Hỏi cách xin miễn, giảm phí thi hành án.' },
    { category: 'guidance', subject: 'Hỏi tiến độ chi trả tiền thi hành án.' },
    { category: 'complaint', subject: 'Không đồng ý với quyết định kê biên tài sản; nộp đơn khiếu nại.' },
    { category: 'complaint', subject: 'Khiếu nại việc phong tỏa tài khoản nhận lương.' },
    { category: 'recommendation', subject: 'Kiến nghị sớm tổ chức thi hành bản án về tranh chấp đất đai.' },
    { category: 'denunciation', subject: 'Tố cáo hành vi nhũng nhiễu của cán bộ thi hành án.' },
    { category: 'other', subject: 'Đề nghị xem xét lại bản án dân sự phúc thẩm.' },
  ],
} as const;
