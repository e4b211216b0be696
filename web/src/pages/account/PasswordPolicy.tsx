// The password rules (the server's own rule function and messages), ticked off as the user types.
import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { passwordProblems } from '../../../../server/platform/auth/password-rules';
import { useI18n } from '../../app/i18n';

const RULES = ['password.tooShort', 'password.classes', 'password.containsUsername'] as const;

export function PasswordPolicy({ username, password }: { username: string; password: string }) {
  const { t, common } = useI18n();
  const problems = new Set(passwordProblems(username, password ?? ''));
  return (
    <div style={{ background: '#f7f8fa', borderRadius: 6, padding: '8px 12px', marginBottom: 16 }}>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('password.policy')}</Typography.Text>
      <ul style={{ listStyle: 'none', padding: 0, margin: '4px 0 0' }}>
        {RULES.map((r) => {
          const okRule = !!password && !problems.has(r);
          return (
            <li key={r} style={{ fontSize: 13, color: okRule ? '#237804' : '#646a73', display: 'flex', gap: 6, alignItems: 'baseline' }}>
              {okRule ? <CheckCircleFilled /> : <CloseCircleOutlined style={{ color: '#bfc4cd' }} />}
              <span>{common(r)}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
