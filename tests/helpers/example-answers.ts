/**
 * The answers the YCTHA catalog example must come out as once checked, written out by hand: tests compare with
 * this, never with the schema's own parse of the example.
 */
export const YCTHA_EXAMPLE_ANSWERS = {
  fullName: 'Nguyễn Thị Lan',
  cccd: '001188012345',
  dateOfBirth: '1988-04-12',
  address: 'Số 7 ngách 12/3 phố Kim Mã, phường Giảng Võ, thành phố Hà Nội',
  phone: '0912345678',
  email: 'lan.nguyen@example.com',
  applicantRole: 'creditor',
  agency: 'HNI',
  judgmentIssuer: 'Tòa án nhân dân khu vực 1 – Hà Nội',
  judgmentNumber: '125/2025/DS-ST',
  judgmentDate: '2025-09-15',
  judgmentEffectiveDate: '2025-10-16',
  requestedItems:
    'Buộc ông Trần Văn Hùng trả cho bà Nguyễn Thị Lan số tiền nợ gốc 350.000.000 đồng và tiền lãi chậm trả 42.000.000 đồng theo Bản án số 125/2025/DS-ST.',
  amountRequested: 392000000,
  debtorName: 'Trần Văn Hùng',
  debtorAddress: 'Số 18 ngõ 45 phố Hào Nam, phường Ô Chợ Dừa, thành phố Hà Nội',
  debtorIdNumber: '001079004567',
  debtorAssets: 'Căn hộ chung cư số 1205 tòa B, khu đô thị Mỹ Đình, đứng tên ông Hùng; xe ô tô biển số 30A-123.45.',
  bankAccountNumber: '0011004123456',
  bankName: 'Ngân hàng TMCP Ngoại thương Việt Nam (Vietcombank), chi nhánh Thành Công',
};
