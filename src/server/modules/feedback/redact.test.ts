import { describe, expect, it } from 'vitest';
import { REDACTED, redact } from './redact.ts';

describe('redaction of personal data in public text', () => {
  it.each([
    ['Gọi cho tôi 0912345678 nhé', 'Gọi cho tôi [đã ẩn] nhé', 'phone'],
    ['SĐT 0912 345 678.', 'SĐT [đã ẩn].', 'phone'],
    ['Liên hệ +84 912 345 678', 'Liên hệ [đã ẩn]', 'phone'],
    ['Xe biển số 61A-123.45 đỗ chắn lối', 'Xe biển số [đã ẩn] đỗ chắn lối', 'plate'],
    ['xe tải 51F 12345 đổ rác', 'xe tải [đã ẩn] đổ rác', 'plate'],
    ['CCCD 074123456789 của tôi', 'CCCD [đã ẩn] của tôi', 'id_number'],
    ['email nguyen.van.a@gmail.com', 'email [đã ẩn]', 'email'],
    ['Nhà ông Nguyễn Văn Tám xây lấn', 'Nhà ông [đã ẩn] xây lấn', 'name'],
    ['Tôi là Trần Thị Bích, ở tổ 5', 'Tôi là [đã ẩn], ở tổ 5', 'name'],
    ['Bà Lê Thị Hoa bán hàng lấn chiếm', 'Bà [đã ẩn] bán hàng lấn chiếm', 'name'],
  ])('%s', (input, expected, kind) => {
    const r = redact(input);
    expect(r.text).toBe(expected);
    expect(r.found).toContain(kind);
  });

  it('leaves ordinary text alone: place names, numbers of houses, times, amounts', () => {
    for (const text of [
      'Ổ gà lớn trước số nhà 125 đường Yersin, phường Thủ Dầu Một',
      'Đèn không sáng từ 18 giờ đến 22 giờ, đã 3 ngày',
      'Ông bà con trong khu phố 4 rất bức xúc',
      'Ngập sâu 30 cm sau cơn mưa lúc 17:30',
    ])
      expect(redact(text).text).toBe(text);
  });

  it('is idempotent', () => {
    const once = redact('ông Phạm Văn Hai, 0987654321, xe 59X1-123.45').text;
    expect(redact(once).text).toBe(once);
    expect(once.split(REDACTED).length - 1).toBe(3);
  });
});
