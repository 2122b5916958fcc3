/** What citizens wrote in the history's survey comments and general feedback: short, about the service, no names. */

type Both = { vi: string; en: string };

export const surveyComments: { pleased: Both[]; displeased: Both[] } = {
  pleased: [
    { vi: 'Cán bộ hướng dẫn tận tình, trả kết quả đúng hẹn.', en: 'The staff explained everything and the result came on time.' },
    { vi: 'Thủ tục nhanh gọn, tra cứu trên cổng rất tiện.', en: 'Quick procedure; tracking it on the portal was easy.' },
    { vi: 'Được nhắn tin báo khi có kết quả, không phải đi lại nhiều.', en: 'I was told when the result was ready, so I did not have to come back.' },
    { vi: 'Bộ phận một cửa làm việc chuyên nghiệp.', en: 'The one-stop desk was professional.' },
    { vi: 'Hài lòng, mong cơ quan giữ cách phục vụ như hiện nay.', en: 'Satisfied; please keep serving people this way.' },
    { vi: 'Hướng dẫn trên cổng rõ ràng, tự nộp được không cần nhờ ai.', en: 'The portal’s guidance was clear; I could apply without help.' },
  ],
  displeased: [
    { vi: 'Phải chờ lâu hơn ngày hẹn, không được báo trước.', en: 'It took longer than the date given, and nobody told me in advance.' },
    { vi: 'Phải bổ sung giấy tờ hai lần vì hướng dẫn lần đầu chưa đủ.', en: 'I had to send documents twice because the first guidance was incomplete.' },
    { vi: 'Chờ lâu ở bộ phận một cửa vào buổi sáng.', en: 'A long wait at the one-stop desk in the morning.' },
    { vi: 'Không đồng ý với kết quả nhưng cán bộ giải thích rõ.', en: 'I disagree with the result, but the staff explained it clearly.' },
    { vi: 'Nên ghi rõ hơn lý do trong văn bản trả lời.', en: 'The reply should state its reasons more clearly.' },
    { vi: 'Trang web đôi lúc chậm khi tải tài liệu lên.', en: 'The website was sometimes slow when uploading documents.' },
  ],
};

/** General feedback by topic: [rating or null, message]. */
export const feedbackMessages: Record<'portal' | 'procedure' | 'staff' | 'suggestion' | 'other', [number | null, Both][]> = {
  portal: [
    [4, { vi: 'Cổng dễ dùng trên điện thoại; nên thêm hướng dẫn bằng hình ảnh.', en: 'The portal works well on a phone; picture guides would help.' }],
    [3, { vi: 'Tải tệp lên đôi khi báo lỗi khi mạng yếu.', en: 'Uploading a file sometimes fails on a weak connection.' }],
    [5, { vi: 'Tra cứu hồ sơ bằng mã rất nhanh.', en: 'Tracking a dossier by its code is very quick.' }],
    [null, { vi: 'Nên cho phép nhận thông báo qua tin nhắn điện thoại.', en: 'Please allow notifications by text message.' }],
  ],
  procedure: [
    [2, { vi: 'Không rõ cần bản sao có chứng thực hay bản chụp.', en: 'It is unclear whether a certified copy or a photo is needed.' }],
    [3, { vi: 'Biểu mẫu yêu cầu thi hành án còn nhiều mục khó hiểu.', en: 'The enforcement request form has several confusing fields.' }],
    [4, { vi: 'Danh mục giấy tờ trên cổng đầy đủ, dễ chuẩn bị.', en: 'The list of documents on the portal is complete and easy to follow.' }],
  ],
  staff: [
    [5, { vi: 'Cán bộ bộ phận một cửa hướng dẫn rất tận tình.', en: 'The one-stop desk staff were very helpful.' }],
    [4, { vi: 'Cán bộ tiếp dân lắng nghe và giải thích kỹ.', en: 'The reception staff listened and explained carefully.' }],
    [2, { vi: 'Buổi chiều ít cán bộ tiếp nhận, phải chờ lâu.', en: 'Few staff at the desk in the afternoon; a long wait.' }],
  ],
  suggestion: [
    [null, { vi: 'Đề nghị mở thêm quầy tiếp nhận vào sáng thứ Bảy.', en: 'Please open a desk on Saturday mornings.' }],
    [4, { vi: 'Nên gửi thư nhắc trước hạn bổ sung giấy tờ.', en: 'A reminder before the supplement deadline would help.' }],
    [null, { vi: 'Nên có số điện thoại hỗ trợ ghi rõ trên trang chủ.', en: 'Show a help line number clearly on the home page.' }],
  ],
  other: [
    [3, { vi: 'Bãi gửi xe trước trụ sở chật vào giờ cao điểm.', en: 'The parking in front of the office is full at busy hours.' }],
    [null, { vi: 'Cảm ơn cơ quan đã hỗ trợ trong thời gian qua.', en: 'Thank you for your help over the past months.' }],
  ],
};
