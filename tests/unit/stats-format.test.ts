import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDecimal, formatNumber, formatPercent } from '../../src/server/format.ts';
import { barChartSvg } from '../../src/server/stats/chart.ts';
import { tableCsv, type StatsTable } from '../../src/server/stats/tables.ts';

describe('vi-VN figures', () => {
  it('writes shares with a decimal comma and one decimal', () => {
    assert.equal(formatPercent(0.839), '83,9%');
    assert.equal(formatPercent(0.8388), '83,9%');
    assert.equal(formatPercent(1), '100,0%');
    assert.equal(formatPercent(0), '0,0%');
    assert.equal(formatPercent(0.00049), '0,0%');
  });
  it('groups thousands with dots', () => {
    assert.equal(formatNumber(1234567), '1.234.567');
    assert.equal(formatDecimal(5.1666), '5,2');
  });
});

describe('statistics table files and charts', () => {
  const table: StatsTable = {
    id: 'mot-cua',
    caption: 'Thủ tục một cửa, từ 01/04/2026 đến 30/06/2026',
    rowHeading: 'Thủ tục',
    columns: [{ key: 'received', label: 'Đã tiếp nhận', kind: 'count' }],
    rows: [
      { key: 'a', label: 'Yêu cầu thi hành án', cells: { received: { value: 1234 } } },
      { key: 'b', label: 'Miễn, giảm phí', cells: { received: { value: null, hidden: true } } },
    ],
  };

  it('CSV: byte-order mark, CRLF, fields with commas quoted', () => {
    const csv = tableCsv(table, (cell) => (cell.hidden ? '<10' : String(cell.value)));
    assert.equal(csv, '\uFEFF"Thủ tục một cửa, từ 01/04/2026 đến 30/06/2026"\r\nThủ tục,Đã tiếp nhận\r\nYêu cầu thi hành án,1234\r\n"Miễn, giảm phí",<10\r\n');
  });

  it('SVG chart: a title and description for the text alternative, no bar for a hidden value, text escaped', () => {
    const svg = barChartSvg({ id: 'c1', title: 'Hồ sơ & kết quả', description: 'Biểu đồ thanh', categories: ['A', 'B'], series: [{ label: 'Tiếp nhận', values: [20, null] }], format: String, hiddenText: '<10' });
    assert.match(svg, /^<svg [^>]*role="img" aria-labelledby="c1-title c1-desc"/);
    assert.match(svg, /<title id="c1-title">Hồ sơ &amp; kết quả<\/title><desc id="c1-desc">Biểu đồ thanh<\/desc>/);
    assert.equal((svg.match(/<rect /g) ?? []).length, 1);
    assert.match(svg, />&lt;10<\/text>/);
    assert.match(svg, />20<\/text>/);
  });
});
