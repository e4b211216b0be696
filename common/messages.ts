// Error and validation messages in both languages, shared by server (problem+json) and web.
import type { Locale } from './roles.js';

type Msg = { 'zh-CN': string; 'en-US': string };
export const MESSAGES = {
  'invalid': { 'zh-CN': '提交的内容有误', 'en-US': 'The request is invalid' },
  'invalid.json': { 'zh-CN': '请求内容不是有效的 JSON', 'en-US': 'The request body is not valid JSON' },
  'invalid.tooLarge': { 'zh-CN': '请求内容过大', 'en-US': 'The request body is too large' },
  'invalid.required': { 'zh-CN': '必填', 'en-US': 'is required' },
  'invalid.type': { 'zh-CN': '类型不正确，应为{expected}', 'en-US': 'must be {expected}' },
  'invalid.unknownField': { 'zh-CN': '不允许的字段', 'en-US': 'is not an allowed field' },
  'invalid.minLength': { 'zh-CN': '至少 {limit} 个字符', 'en-US': 'must have at least {limit} characters' },
  'invalid.maxLength': { 'zh-CN': '最多 {limit} 个字符', 'en-US': 'must have at most {limit} characters' },
  'invalid.pattern': { 'zh-CN': '格式不正确', 'en-US': 'has the wrong format' },
  'invalid.enum': { 'zh-CN': '取值不在允许范围内：{allowed}', 'en-US': 'must be one of: {allowed}' },
  'invalid.minimum': { 'zh-CN': '不能小于 {limit}', 'en-US': 'must be ≥ {limit}' },
  'invalid.maximum': { 'zh-CN': '不能大于 {limit}', 'en-US': 'must be ≤ {limit}' },
  'invalid.format': { 'zh-CN': '格式不正确（{format}）', 'en-US': 'must be a valid {format}' },
  'invalid.value': { 'zh-CN': '取值不正确', 'en-US': 'has an invalid value' },
  'unauthorized': { 'zh-CN': '请先登录', 'en-US': 'Please sign in' },
  'unauthorized.expired': { 'zh-CN': '登录已超时，请重新登录', 'en-US': 'Your session has expired; please sign in again' },
  'unauthorized.credentials': { 'zh-CN': '用户名或密码错误', 'en-US': 'Wrong username or password' },
  'unauthorized.locked': { 'zh-CN': '账号已锁定，请于 {minutes} 分钟后重试', 'en-US': 'The account is locked; try again in {minutes} minutes' },
  'unauthorized.disabled': { 'zh-CN': '账号已停用', 'en-US': 'The account is disabled' },
  'unauthorized.totp': { 'zh-CN': '动态口令错误', 'en-US': 'Wrong one-time code' },
  'forbidden': { 'zh-CN': '没有权限执行此操作', 'en-US': 'You are not allowed to do this' },
  'forbidden.csrf': { 'zh-CN': '页面已过期，请刷新后重试（CSRF 校验失败）', 'en-US': 'The page is stale; reload and try again (CSRF check failed)' },
  'forbidden.stage.password': { 'zh-CN': '请先修改初始密码', 'en-US': 'Change your password first' },
  'forbidden.stage.mfa': { 'zh-CN': '请先完成动态口令验证', 'en-US': 'Enter your one-time code first' },
  'forbidden.stage.enroll': { 'zh-CN': '管理员账号须先绑定动态口令', 'en-US': 'Administrator accounts must set up a one-time code first' },
  'notFound': { 'zh-CN': '记录不存在', 'en-US': 'Not found' },
  'conflict': { 'zh-CN': '操作冲突', 'en-US': 'Conflict' },
  'conflict.version': { 'zh-CN': '该记录已被他人修改，请刷新后重试', 'en-US': 'Someone else changed this record; reload and try again' },
  'conflict.duplicate': { 'zh-CN': '{field} 已存在', 'en-US': '{field} already exists' },
  'conflict.inUse': { 'zh-CN': '仍被引用，不能删除：{detail}', 'en-US': 'Still in use and cannot be deleted: {detail}' },
  'tooMany': { 'zh-CN': '请求过于频繁，请稍后再试', 'en-US': 'Too many requests; try again later' },
  'internal': { 'zh-CN': '服务器内部错误，请联系管理员', 'en-US': 'Internal error; please contact the administrator' },
  'password.tooShort': { 'zh-CN': '密码至少 8 位', 'en-US': 'The password must have at least 8 characters' },
  'password.classes': { 'zh-CN': '密码须包含大写字母、小写字母、数字、符号中的至少三类', 'en-US': 'The password must mix at least 3 of: upper case, lower case, digits, symbols' },
  'password.containsUsername': { 'zh-CN': '密码不能包含用户名', 'en-US': 'The password must not contain the username' },
  'password.same': { 'zh-CN': '新密码不能与原密码相同', 'en-US': 'The new password must differ from the old one' },
  'password.wrongCurrent': { 'zh-CN': '原密码错误', 'en-US': 'The current password is wrong' },
  'import.noSheet': { 'zh-CN': '文件中没有工作表', 'en-US': 'The file has no worksheet' },
  'import.notXlsx': { 'zh-CN': '无法读取文件，请上传 .xlsx 格式的 Excel 文件', 'en-US': 'Cannot read the file; upload an .xlsx Excel file' },
  'import.missingColumn': { 'zh-CN': '缺少必需的列：{columns}', 'en-US': 'Missing required columns: {columns}' },
  'import.badRows': { 'zh-CN': '有 {count} 行数据有误，未导入任何数据', 'en-US': '{count} rows have errors; nothing was imported' },
  'import.empty': { 'zh-CN': '表格中没有数据行', 'en-US': 'The sheet has no data rows' },
  'rag.done': { 'zh-CN': '已按期办结', 'en-US': 'Completed on time' },
  'rag.doneLate': { 'zh-CN': '已办结，超期 {days} 个工作日', 'en-US': 'Completed {days} working days late' },
  'rag.overdue': { 'zh-CN': '截止日期已过 {days} 个工作日', 'en-US': 'Deadline passed {days} working days ago' },
  'rag.nearDeadline': { 'zh-CN': '距截止日期仅剩 {days} 个工作日', 'en-US': 'Only {days} working days to the deadline' },
  'rag.missedReports': { 'zh-CN': '连续 {count} 次未按时反馈', 'en-US': '{count} reports missed in a row' },
  'rag.reportOverdue': { 'zh-CN': '进展反馈已逾期', 'en-US': 'A progress report is overdue' },
  'rag.behind': { 'zh-CN': '进度 {progress}%，按时序应达 {expected}%', 'en-US': 'Progress {progress}%, expected {expected}% by now' },
  'rag.milestoneOverdue': { 'zh-CN': '节点 {date} 未完成', 'en-US': 'Milestone due {date} not done' },
  'rag.onTrack': { 'zh-CN': '按计划推进（进度 {progress}%，时序 {expected}%）', 'en-US': 'On track (progress {progress}%, expected {expected}%)' },
  'rag.acceptOverdue': { 'zh-CN': '交办已 {days} 个工作日未签收', 'en-US': 'Not accepted {days} working days after assignment' },
  'task.similarOpen': { 'zh-CN': '该单位已有相近的在办事项 {serial}，请避免重复交办', 'en-US': 'The unit already has a similar open task {serial}; avoid asking twice' },
  'task.illegalTransition': { 'zh-CN': '当前状态不能执行“{action}”，可执行：{allowed}', 'en-US': 'Cannot "{action}" now; allowed: {allowed}' },
  'task.cadenceTooFrequent': { 'zh-CN': '反馈频次不能高于每{limit}（特急事项须填写理由）', 'en-US': 'Reports may not be asked more often than {limit} (urgent tasks need a recorded reason)' },
  'task.deadlineBeforeStart': { 'zh-CN': '截止日期不能早于开始日期', 'en-US': 'The deadline cannot be before the start date' },
  'task.extensionAfterDeadline': { 'zh-CN': '延期须在截止日期前申请', 'en-US': 'An extension must be asked before the deadline' },
} satisfies Record<string, Msg>;

export type MessageKey = keyof typeof MESSAGES;

export function message(key: string, locale: Locale, params: Record<string, unknown> = {}): string {
  const entry = (MESSAGES as Record<string, Msg>)[key];
  const text = entry ? entry[locale] : key;
  return text.replace(/\{(\w+)\}/g, (_, k) => (params[k] === undefined ? `{${k}}` : String(params[k])));
}
