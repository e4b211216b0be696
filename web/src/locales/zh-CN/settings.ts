// 系统设置各参数的名称与说明（未列出的参数显示其代码）。
export interface SettingText { label: string; help?: string }

const settings: { sections: Record<string, string>; fields: Record<string, SettingText>; options: Record<string, Record<string, string>> } = {
  sections: {
    security: '登录与会话安全',
    tasks: '督办规则',
    notifications: '消息提醒',
    assessment: '督查考核',
    documents: '公文格式',
    other: '其他参数',
  },
  fields: {
    'security.idleMinutes': { label: '会话空闲超时（分钟）', help: '无操作超过该时长须重新登录（5–480）' },
    'security.totpForAll': { label: '所有用户启用动态口令', help: '关闭时仅三类管理员必须使用动态口令' },
    'security.lockoutThreshold': { label: '连续输错密码锁定次数', help: '达到该次数后账号临时锁定（3–20）' },
    'security.lockoutMinutes': { label: '锁定时长（分钟）', help: '锁定期满自动解锁（1–1440）' },
    'tasks.acceptDays': { label: '签收时限（工作日）', help: '交办后须在该时限内签收或退回' },
    'tasks.nearDeadlineDays': { label: '临期预警（工作日）', help: '距截止日期不超过该天数时亮黄灯' },
    'tasks.trailPoints': { label: '进度落后容差（百分点）', help: '反馈进度落后于时序进度超过该值时亮黄灯' },
    'tasks.missedReportsRed': { label: '连续未反馈亮红灯次数', help: '连续该次数未按时反馈时亮红灯' },
    'tasks.maxReportFrequency': { label: '最高反馈频次', help: '为基层减负：督查室要求的反馈不得比这更频繁' },
    'tasks.remindDaysBefore': { label: '截止前提醒（工作日）', help: '截止日期前该天数起向承办单位发提醒' },
    'notifications.digestHour': { label: '每日提醒时间（时）', help: '工作日该时刻起发送当天的提醒和汇总（0–23）' },
    'assessment.weights': { label: '考核权重', help: '只考核结果，不考核登录、点击和留痕；各项之和须为 100' },
    'assessment.weights.acceptOnTime': { label: '按期签收' },
    'assessment.weights.reportOnTime': { label: '按期反馈' },
    'assessment.weights.completeOnTime': { label: '按期办结' },
    'assessment.weights.overdue': { label: '无逾期' },
    'assessment.weights.returns': { label: '退回' },
    'assessment.weights.quality': { label: '办理质量' },
    'documents.issuer': { label: '落款（发文机关）', help: '督办通知单和通报的落款，{region} 代表本地名称' },
    'documents.escalationPrefix': { label: '督办通知单编号前缀', help: '按行政区划代码设置，* 表示其他区划；如“示督办”生成 示督办〔2026〕3号' },
    'documents.bulletinAddressee': { label: '通报主送机关' },
    'documents.bulletinRequirements': { label: '通报“下步要求”', help: '每段一条' },
  },
  options: {
    'tasks.maxReportFrequency': { weekly: '每周', fortnightly: '每两周', monthly: '每月' },
  },
};
export default settings;
