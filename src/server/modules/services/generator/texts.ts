// What officials and applicants write in generated dossiers: reasons, comments, notes.
export const SUPPLEMENT_REASONS = [
  'Bản sao không rõ nét, đề nghị nộp bản sao có chứng thực',
  'Thông tin không khớp với Cơ sở dữ liệu quốc gia về dân cư',
  'Thiếu chữ ký của người yêu cầu',
  'Giấy tờ đã hết hạn sử dụng',
  'Chưa ghi đầy đủ thông tin theo mẫu',
  'Thiếu xác nhận của cơ quan có thẩm quyền',
];
export const REFUSE_REASONS = [
  'Yêu cầu không thuộc thẩm quyền giải quyết của cơ quan tiếp nhận',
  'Người nộp không có quyền yêu cầu theo quy định',
  'Việc này đã được giải quyết trước đó, đề nghị yêu cầu cấp bản sao',
  'Hồ sơ nộp trùng với hồ sơ đang được giải quyết',
];
export const STOP_REASONS = [
  'Người yêu cầu không đủ điều kiện theo quy định',
  'Có tranh chấp, khiếu nại liên quan đang được giải quyết',
  'Người yêu cầu đề nghị dừng giải quyết bằng văn bản',
];
export const WITHDRAW_REASONS = [
  'Công dân xin rút hồ sơ để hoàn thiện và nộp lại sau',
  'Không còn nhu cầu giải quyết',
  'Nộp nhầm thủ tục',
];
export const ANSWER_NOTES = [
  'Đã bổ sung đầy đủ theo phiếu yêu cầu',
  'Đã nộp bổ sung giấy tờ',
  'Đã điều chỉnh thông tin',
];
export const STEP_COMMENTS: Record<string, readonly string[]> = {
  return: [
    'Đề nghị kiểm tra lại thông tin trong dự thảo',
    'Đề nghị rà soát lại căn cứ pháp lý',
    'Đề nghị bổ sung ý kiến thẩm định',
  ],
  consult: ['Đề nghị phối hợp xác minh, cho ý kiến theo quy định', 'Đề nghị cho ý kiến bằng văn bản'],
  other: ['Đã kiểm tra, đề nghị xử lý tiếp', 'Đủ điều kiện, trình xem xét'],
};
export const RATING_COMMENTS: Record<number, readonly string[]> = {
  5: ['Cán bộ hướng dẫn tận tình, nhanh chóng', 'Rất hài lòng', 'Trả kết quả sớm hơn hẹn'],
  4: ['Hài lòng', 'Thủ tục nhanh, chờ hơi lâu ở quầy'],
  3: ['Bình thường', 'Cần hướng dẫn rõ hơn về giấy tờ'],
  2: ['Phải bổ sung nhiều lần', 'Chờ lâu'],
  1: ['Trễ hẹn, không được thông báo', 'Không hài lòng'],
};
export const CRITERIA = [
  'total_time',
  'time_per_agency',
  'contacts',
  'agencies_contacted',
  'one_stop_applied',
  'publicity',
  'staff_attitude',
  'convenience',
  'overall',
] as const;
