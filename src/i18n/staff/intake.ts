/** Paper dossiers entered at the counter (/can-bo/tiep-nhan). */
export const intake = {
  title: 'Tiếp nhận hồ sơ tại quầy',
  heading: 'Tiếp nhận hồ sơ giấy tại quầy',
  intro:
    'Nhập hồ sơ người dân nộp trực tiếp hoặc qua bưu chính. Hồ sơ nhận mã, giấy biên nhận, tra cứu và thư điện tử như hồ sơ trực tuyến; đưa người nộp mã hồ sơ và mã PIN trên giấy biên nhận.',
};
