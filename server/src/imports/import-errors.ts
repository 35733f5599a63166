import { ApiError } from '../http/api-error.ts';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './import-limits.ts';

export const importFileTooLarge = () =>
  new ApiError(
    413,
    'file_too_large',
    {
      en: `an import file may be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB (rule: import.maxFileBytes); split it`,
      'zh-CN': `导入文件最大 ${MAX_IMPORT_BYTES / 1024 / 1024} MB（规则：import.maxFileBytes），请拆分后导入`,
    },
    '/file',
    { rule: 'import.maxFileBytes', limit: MAX_IMPORT_BYTES },
  );

export const tooManyRows = (rows: number) =>
  new ApiError(
    413,
    'too_many_rows',
    {
      en: `the file has ${rows} data rows; an import takes at most ${MAX_IMPORT_ROWS} (rule: import.maxRows)`,
      'zh-CN': `文件有 ${rows} 行数据，一次最多导入 ${MAX_IMPORT_ROWS} 行（规则：import.maxRows）`,
    },
    '/file',
    { rule: 'import.maxRows', limit: MAX_IMPORT_ROWS },
  );

export const unsupportedFile = (name: string) =>
  new ApiError(
    400,
    'unsupported_file',
    {
      en: `"${name.slice(0, 100)}" is neither .xlsx nor .csv (rule: import.fileType)`,
      'zh-CN': `“${name.slice(0, 100)}”既不是 .xlsx 也不是 .csv 文件（规则：import.fileType）`,
    },
    '/file',
    { rule: 'import.fileType' },
  );

export const notUtf8 = () =>
  new ApiError(
    400,
    'invalid_encoding',
    {
      en: 'the CSV file is not UTF-8 text; GBK and other encodings are not supported: save it as "CSV UTF-8" (or import the .xlsx)',
      'zh-CN':
        'CSV 文件不是 UTF-8 编码；不支持 GBK 等其他编码：请另存为“CSV UTF-8”（或直接导入 .xlsx）',
    },
    '/file',
    { rule: 'import.encoding' },
  );

export const unreadableWorkbook = () =>
  new ApiError(
    400,
    'invalid_file',
    {
      en: 'the file cannot be read as an Excel workbook (.xlsx)',
      'zh-CN': '无法将文件作为 Excel 工作簿（.xlsx）读取',
    },
    '/file',
  );

export const noHeaderRow = () =>
  new ApiError(
    400,
    'invalid_file',
    {
      en: 'the first row must name the columns (field ids or labels); the file has none',
      'zh-CN': '第一行应为列名（字段 ID 或名称），但文件中没有',
    },
    '/file',
  );

export const keyRequired = () =>
  new ApiError(
    400,
    'invalid_header',
    {
      en: 'an import that writes needs an Idempotency-Key header, so a retry never creates a row twice',
      'zh-CN': '写入的导入需要 Idempotency-Key 请求头，以免重试时重复创建',
    },
    'Idempotency-Key',
  );
