import ExcelJS from 'exceljs';

/** A customer master table with one field of each convertible type, and an auto-number. */
export function crmApp(): Record<string, unknown> {
  return {
    schemaVersion: 1,
    id: 'crm',
    label: { en: 'Customers', 'zh-CN': '客户' },
    roles: [{ id: 'sales', label: { en: 'Sales', 'zh-CN': '销售' } }],
    dictionaries: [
      {
        id: 'regions',
        label: 'Regions',
        items: [
          { value: 'east', label: { en: 'East China', 'zh-CN': '华东' } },
          { value: 'north', label: { en: 'North China', 'zh-CN': '华北' } },
        ],
      },
    ],
    tables: [
      {
        id: 'customer',
        kind: 'master',
        label: { en: 'Customer', 'zh-CN': '客户' },
        titleField: 'name',
        fields: [
          { id: 'code', type: 'auto-number', label: '编号', config: { pattern: 'C-{seq:4}' } },
          { id: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '客户名称' }, required: true },
          {
            id: 'revenue',
            type: 'money',
            label: { en: 'Annual revenue', 'zh-CN': '年营业额' },
            config: { currency: 'CNY', scale: 2 },
          },
          { id: 'staff', type: 'number', label: { en: 'Staff', 'zh-CN': '员工数' } },
          { id: 'since', type: 'date', label: { en: 'Customer since', 'zh-CN': '签约日期' } },
          {
            id: 'tier',
            type: 'select',
            label: { en: 'Tier', 'zh-CN': '等级' },
            config: {
              options: [
                { value: 'gold', label: { en: 'Gold', 'zh-CN': '金牌' } },
                { value: 'silver', label: { en: 'Silver', 'zh-CN': '银牌' } },
              ],
            },
          },
          {
            id: 'region',
            type: 'select',
            label: { en: 'Region', 'zh-CN': '区域' },
            config: { dictionary: 'regions' },
          },
          { id: 'active', type: 'boolean', label: { en: 'Active', 'zh-CN': '有效' } },
          { id: 'owner', type: 'user', label: { en: 'Account manager', 'zh-CN': '客户经理' } },
          { id: 'note', type: 'long-text', label: { en: 'Note', 'zh-CN': '备注' } },
        ],
      },
    ],
  };
}

/** An .xlsx with one sheet of these rows (cells as given: strings, numbers, dates, formulas). */
export async function xlsxOf(rows: ExcelJS.CellValue[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Customers');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
